"""The compiled verb matcher: forms, patterns, synsets, adjacency, markers, codes."""

from __future__ import annotations

import pytest

from tieline.coding.dictionaries import VerbDictionary, VerbEntry, VerbFamily, VerbPattern
from tieline.coding.verbs import CodePair, VerbIndex, parse_code, regular_forms


def index(*patterns: tuple[str, str], code: str = "064") -> VerbIndex:
    from tieline.coding.dictionaries import _pattern_tokens

    fam = VerbFamily("RESTORE", code, verbs=[VerbEntry(["RESTORE"])])
    for text, pcode in patterns:
        tokens = _pattern_tokens(text)
        star = tokens.index("*")
        fam.patterns.append(VerbPattern(tokens[:star], tokens[star + 1 :], pcode))
    synsets = {"&TIES": [["DIPLOMATIC", "TIES"], ["RELATIONS"]]}
    return VerbIndex(VerbDictionary(synsets=synsets, families=[fam]))


def code_of(vi: VerbIndex, sentence: str) -> str | None:
    words = sentence.upper().split()
    lemmas = [w.rstrip("D") if w.endswith("ED") else w for w in words]
    i = next(k for k, w in enumerate(words) if vi.find(words, lemmas, k))
    match = vi.match(vi.find(words, lemmas, i), words, 0, len(words))
    return None if match is None else match.code.forward


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("064", CodePair("064", None)),
        ("032:033", CodePair("032", "033")),
        (":173", CodePair(None, "173")),
        ("---", CodePair(None, None, suppress=True)),
        ("174L", CodePair("174L", None)),
        ("+++", None),
        ("def", None),
    ],
)
def test_parse_code(text: str, expected: CodePair | None) -> None:
    assert parse_code(text) == expected


def test_regular_forms() -> None:
    assert {"RESTORES", "RESTORED", "RESTORING"} <= regular_forms("RESTORE")
    assert {"WORRIES", "WORRIED"} <= regular_forms("WORRY")
    assert {"ATTACKS", "ATTACKED", "ATTACKING"} <= regular_forms("ATTACK")


def test_inflected_verb_found_without_lemma() -> None:
    vi = index()
    words = ["ARNOR", "RESTORED", "TIES"]
    assert vi.find(words, words, 1)[0].entry.words == ["RESTORE"]


def test_default_code_when_no_pattern_matches() -> None:
    assert code_of(index(("* FULL TIES", "111")), "ARNOR RESTORED SOME TIES") == "064"


def test_pattern_with_gap_matches() -> None:
    vi = index(("* TIES", "111"))
    assert code_of(vi, "ARNOR RESTORED FULL DIPLOMATIC TIES WITH GONDOR") == "111"


def test_adjacent_pattern_requires_adjacency() -> None:
    vi = index(("*_TIES", "111"))
    assert code_of(vi, "ARNOR RESTORED TIES") == "111"
    assert code_of(vi, "ARNOR RESTORED FULL TIES") == "064"


def test_pre_pattern_and_synset() -> None:
    vi = index(("NOT * &TIES", "112"))
    assert code_of(vi, "ARNOR DID NOT RESTORE DIPLOMATIC TIES") == "112"
    assert code_of(vi, "ARNOR DID NOT RESTORE RELATIONS") == "112"
    assert code_of(vi, "ARNOR RESTORED RELATIONS") == "064"


def test_most_specific_pattern_wins() -> None:
    vi = index(("* TIES", "111"), ("* FULL TIES", "112"))
    assert code_of(vi, "ARNOR RESTORED FULL TIES") == "112"


def test_invalid_pattern_code_is_skipped_and_dashes_suppress() -> None:
    vi = index(("* FXLL TIES", "+++"), ("* SECRETLY", "---"))
    assert code_of(vi, "ARNOR RESTORED FXLL TIES") == "064"
    assert code_of(vi, "ARNOR RESTORED SECRETLY") is None


def test_markers_record_positions() -> None:
    vi = index(("+ HOSTING * TABASKI ^ $", "042"))
    words = "MORDOR HOSTING OSGILIATH TO RESTORE TABASKI WITH ERIADOR AT UNGOL".split()
    m = vi.match(vi.find(words, words, 4), words, 0, len(words))
    assert m is not None and m.code.forward == "042"
    assert m.target_at is not None and m.target_at[1] == "pre"
    assert m.source_at == (6, "post", 1)


def test_multiword_verb_needs_its_other_words() -> None:
    fam = VerbFamily("BREAK", "161", verbs=[VerbEntry(["BREAK"]), VerbEntry(["BREAK", "OFF"])])
    fam.patterns.append(VerbPattern([], ["RELATIONS"], "1712"))
    vi = VerbIndex(VerbDictionary(families=[fam]))
    words = "INDIA BROKE OFF TALKS".split()
    lemmas = "INDIA BREAK OFF TALKS".split()
    hits = vi.find(words, lemmas, 1)
    assert hits[0].entry.words == ["BREAK", "OFF"] and hits[0].end == 3
