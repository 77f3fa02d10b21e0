"""The per-document token columns agree with what spaCy's Token and Span objects say."""

from __future__ import annotations

import pytest

from tieline.nlp.token_columns import document_persons, span_text, token_columns

TEXT = (
    "Japan's Foreign Minister Taro Kono met  his Russian counterpart in Moscow on Monday.\n\n"
    "“We will not give up,” Kono said, adding that the US-Japan talks would resume.\n"
    "Officials said the leaders' next meeting is set for June."
)


@pytest.fixture(scope="module")
def doc(coder):
    return coder.nlp(TEXT)


def test_columns_match_the_tokens(doc) -> None:
    columns = token_columns(doc)
    assert len(columns.text) == len(doc)
    for t in doc:
        assert columns.text[t.i] == t.text
        assert columns.lower[t.i] == t.lower_
        assert columns.lemma[t.i] == t.lemma_
        assert columns.tag[t.i] == t.tag_
        assert columns.dep[t.i] == t.dep_
        assert columns.ent_type[t.i] == t.ent_type_
        assert columns.children[t.i] == [c.i for c in t.children]
        assert columns.has_space(t.i) == bool(t.whitespace_), t.text


def test_span_text_is_spacys(doc) -> None:
    for sent in doc.sents:
        assert span_text(sent) == sent.text
    for start in range(0, len(doc), 3):
        for end in range(start + 1, min(len(doc), start + 6) + 1):
            assert token_columns(doc).span_text(start, end) == doc[start:end].text
    assert span_text(doc[4:4]) == ""


def test_columns_are_built_once_per_document(coder, doc) -> None:
    assert token_columns(doc) is token_columns(doc)
    other = coder.nlp("Kono met Lavrov.")
    assert token_columns(other) is not token_columns(doc)
    assert token_columns(other).text == ["Kono", "met", "Lavrov", "."]


def test_document_persons_are_the_person_entities(doc) -> None:
    expected = [(e.start, e.end, e.text, e[-1].text) for e in doc.ents if e.label_ == "PERSON"]
    assert expected  # the example names people
    assert document_persons(doc) == expected
