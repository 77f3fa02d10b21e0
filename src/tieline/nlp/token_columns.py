"""Token attributes of a parsed document as plain lists, read once per document.

spaCy builds a new ``Token`` object each time a document or span is indexed or iterated,
so a pass over every word of a sentence costs one object per word. The coder makes many
such passes (quotation marks, capitalised names, compass words, mention texts); they read
these columns instead, computed once for each document and dropped with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


class TokenColumns(NamedTuple):
    """One entry per token of a document, by the token's document index."""

    text: list[str]
    lower: list[str]
    lemma: list[str]
    tag: list[str]
    dep: list[str]
    ent_type: list[str]
    idx: list[int]  # character offset of the token in the document's text
    children: list[list[int]]  # each token's syntactic children, in text order
    doc_text: str  # ``Doc.text`` joins every token's text at each call

    def has_space(self, i: int) -> bool:
        """Whether token ``i`` is followed by whitespace (``Token.whitespace_``)."""
        end = self.idx[i] + len(self.text[i])
        return end < len(self.doc_text) and self.doc_text[end] == " "

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens ``start`` to ``end`` (document indices), as ``Span.text``."""
        return self.doc_text[self.idx[start] : self.idx[end - 1] + len(self.text[end - 1])]


_COLUMNS: WeakKeyDictionary[Doc, TokenColumns] = WeakKeyDictionary()
_PERSONS: WeakKeyDictionary[Doc, list[tuple[int, int, str, str]]] = WeakKeyDictionary()


def token_columns(doc: Doc) -> TokenColumns:
    """The token columns of a parsed document, built on first use."""
    columns = _COLUMNS.get(doc)
    if columns is None:
        text, lower, lemma, tag, dep, ent_type, idx = [], [], [], [], [], [], []
        children: list[list[int]] = [[] for _ in range(len(doc))]
        for t in doc:
            head = t.head.i
            if head != t.i:
                children[head].append(t.i)
            text.append(t.text)
            lower.append(t.lower_)
            lemma.append(t.lemma_)
            tag.append(t.tag_)
            dep.append(t.dep_)
            ent_type.append(t.ent_type_)
            idx.append(t.idx)
        columns = TokenColumns(text, lower, lemma, tag, dep, ent_type, idx, children, doc.text)
        _COLUMNS[doc] = columns
    return columns


def span_text(span: Span) -> str:
    """``span.text`` read from the document's columns instead of its tokens."""
    return token_columns(span.doc).span_text(span.start, span.end) if len(span) else ""


def document_persons(doc: Doc) -> list[tuple[int, int, str, str]]:
    """PERSON entities of a parsed document as (start, end, text, last word), by document
    index, computed once: ``Span.ents`` rebuilds every entity of the whole document."""
    persons = _PERSONS.get(doc)
    if persons is None:
        persons = [(e.start, e.end, e.text, e[-1].text) for e in doc.ents if e.label_ == "PERSON"]
        _PERSONS[doc] = persons
    return persons
