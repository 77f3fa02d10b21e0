"""The real-text scorer: matching rules on hand-made events, and ``tieline eval`` output."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tieline.cli import app
from tieline.evaluation.realtext import (
    UNDATED,
    DocumentsSuite,
    SentencesSuite,
    assign,
    match_country,
    matches_document_gold,
    matches_sentence_gold,
    score_document,
    score_sentence,
    sentence_document,
    sentence_indices_from,
)
from tieline.model import Actor, Event, EventDate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "realtext"


def actor(country: str | None, sector: str | None = None, code: str | None = None) -> Actor:
    code = code or f"{country or ''}{sector or ''}"
    return Actor(text=code, code=code, country=country, sector=sector, name=None)


def event(
    source: Actor | str,
    target: Actor | str,
    cameo: str,
    *,
    modality: str = "asserted",
    start: str | None = None,
    end: str | None = None,
    confidence: float = 0.5,
    sentence_index: int = 0,
) -> Event:
    """A produced event; a bare country stands for that country's actor with no sector."""
    src = actor(source) if isinstance(source, str) else source
    tgt = actor(target) if isinstance(target, str) else target
    return Event(
        event_id=f"{src.code}-{tgt.code}-{cameo}",
        doc_id="doc",
        sentence_index=sentence_index,
        sentence="A sentence.",
        source=src,
        target=tgt,
        cameo=cameo,
        cameo_name="",
        quad_class=1,
        goldstein=0.0,
        plover=None,
        verb="",
        date=EventDate(start, end or start, "day", None, "text" if start else "published"),
        modality=modality,
        confidence=confidence,
    )


def gold(
    source: dict[str, Any] | str,
    target: dict[str, Any] | str | None,
    codes: list[str],
    **extra: Any,
) -> dict[str, Any]:
    """A gold event; a bare country stands for ``{"country": ...}``."""
    src = {"country": source} if isinstance(source, str) else source
    tgt = {"country": target} if isinstance(target, str) else target
    return {"source": src, "target": tgt, "cameo_any": codes, "symmetric": False, **extra}


# ------------------------------------------------------------------------------ actors


def test_symmetric_gold_accepts_either_direction() -> None:
    meeting = gold("USA", "CHN", ["040"], symmetric=True)
    assert matches_document_gold(event("USA", "CHN", "040"), meeting)
    assert matches_document_gold(event("CHN", "USA", "040"), meeting)
    assert matches_sentence_gold(event("CHN", "USA", "040"), meeting)


def test_directed_gold_refuses_the_reverse() -> None:
    accusation = gold("USA", "CHN", ["112"])
    assert matches_document_gold(event("USA", "CHN", "112"), accusation)
    assert not matches_document_gold(event("CHN", "USA", "112"), accusation)
    assert not matches_sentence_gold(event("CHN", "USA", "112"), accusation)


def test_symmetric_gold_still_checks_sectors_in_the_swapped_direction() -> None:
    summit = gold({"country": "KOR", "sector_any": ["GOV"]}, "PRK", ["043"], symmetric=True)
    assert matches_document_gold(event("PRK", actor("KOR", "GOV"), "043"), summit)
    assert not matches_document_gold(event("PRK", actor("KOR", "MIL"), "043"), summit)


def test_sector_any_accepts_only_listed_sectors() -> None:
    g = gold({"country": "IND", "sector_any": ["GOV", "MIL"]}, "PAK", ["111"])
    assert matches_document_gold(event(actor("IND", "GOV"), "PAK", "111"), g)
    assert matches_document_gold(event(actor("IND", "MIL"), "PAK", "111"), g)
    assert not matches_document_gold(event(actor("IND", "BUS"), "PAK", "111"), g)


def test_sector_not_refuses_listed_sectors() -> None:
    track2 = gold({"country": "IND", "sector_not": ["GOV", "LEG"]}, "PAK", ["040"])
    assert matches_document_gold(event(actor("IND", "EDU"), "PAK", "040"), track2)
    assert not matches_document_gold(event(actor("IND", "GOV"), "PAK", "040"), track2)


@pytest.mark.parametrize("constraint", ["sector_any", "sector_not"])
def test_missing_sector_fails_both_sector_constraints(constraint: str) -> None:
    g = gold("IND", {"country": "PAK", constraint: ["GOV"]}, ["040"])
    assert not matches_document_gold(event("IND", actor("PAK", None), "040"), g)


def test_sentences_ignore_sector_constraints() -> None:
    g = gold({"country": "IND", "sector_any": ["GOV"]}, "PAK", ["111"])
    assert matches_sentence_gold(event(actor("IND", None), "PAK", "111"), g)
    assert not matches_document_gold(event(actor("IND", None), "PAK", "111"), g)


def test_gold_without_target_accepts_any_target() -> None:
    claim = gold("AFG", None, ["016"])
    assert matches_sentence_gold(event("AFG", "PAK", "016"), claim)
    assert matches_sentence_gold(event("AFG", actor(None), "016"), claim)
    assert not matches_sentence_gold(event("PAK", "AFG", "016"), claim)


def test_igo_countries_map_to_igo() -> None:
    assert match_country("IGOUNO") == "IGO"
    assert match_country("IGOWST") == "IGO"
    assert match_country("IRN") == "IRN"
    assert match_country(None) is None


def test_igo_actor_matches_a_gold_igo_in_both_sets() -> None:
    un = Actor("The United Nations", "IGOUNO", "IGOUNO", "IGO", "United Nations")
    g = gold({"country": "IGO", "igo": "UN"}, "ISR", ["111"])
    assert matches_document_gold(event(un, "ISR", "111"), g)
    assert matches_sentence_gold(event(un, "ISR", "111"), g)
    assert not matches_sentence_gold(event("USA", "ISR", "111"), g)


# ------------------------------------------------------------------------------- codes


@pytest.mark.parametrize(
    ("accepted", "produced", "ok"),
    [
        (["087"], "087", True),
        (["087"], "0871", True),  # a three-digit gold code accepts its children
        (["0871"], "0871", True),
        (["0871"], "087", False),  # a child in the list does not accept its parent
        (["0871"], "0872", False),  # nor a sibling
        (["080"], "0871", False),  # 080 is not 0871's parent
        (["08"], "087", False),  # roots are not codes
    ],
)
def test_document_codes_accept_children_of_three_digit_codes(
    accepted: list[str], produced: str, ok: bool
) -> None:
    assert matches_document_gold(event("ISR", "EGY", produced), gold("ISR", "EGY", accepted)) is ok


@pytest.mark.parametrize(
    ("accepted", "produced", "ok"),
    [
        (["023"], "023", True),
        # The lists are explicit, but scoring accepts a produced code whose three-digit
        # parent is listed, so a listed 023 still accepts a produced 0231.
        (["023"], "0231", True),
        (["0231"], "0231", True),
        (["0231"], "023", False),
        (["0231"], "0234", False),
        (["020", "0231"], "0234", False),
        (["02"], "023", False),
    ],
)
def test_sentence_codes_are_explicit_except_the_parent_rule(
    accepted: list[str], produced: str, ok: bool
) -> None:
    assert matches_sentence_gold(event("USA", "IRN", produced), gold("USA", "IRN", accepted)) is ok


# ---------------------------------------------------------------------- modality and date


def test_modality_any_is_checked_for_documents_only() -> None:
    plan = gold("GBR", "FRA", ["036"], modality_any=["future", "hypothetical"])
    assert matches_document_gold(event("GBR", "FRA", "036", modality="future"), plan)
    assert not matches_document_gold(event("GBR", "FRA", "036", modality="asserted"), plan)
    assert matches_sentence_gold(event("GBR", "FRA", "036", modality="asserted"), plan)


def test_missing_modality_counts_as_asserted() -> None:
    happened = gold("GBR", "FRA", ["036"], modality_any=["asserted"])
    assert matches_document_gold(event("GBR", "FRA", "036", modality=""), happened)


def test_no_modality_any_accepts_any_modality() -> None:
    g = gold("GBR", "FRA", ["036"])
    assert matches_document_gold(event("GBR", "FRA", "036", modality="negated"), g)


def test_date_overlaps() -> None:
    g = gold("KEN", "SOM", ["161"], date_overlaps=["2019-02-10", "2019-02-17"])
    assert matches_document_gold(event("KEN", "SOM", "161", start="2019-02-16"), g)
    assert matches_document_gold(
        event("KEN", "SOM", "161", start="2019-02-01", end="2019-02-28"), g
    )
    assert matches_document_gold(event("KEN", "SOM", "161", start="2019-02-17"), g)
    assert not matches_document_gold(event("KEN", "SOM", "161", start="2019-02-18"), g)
    assert not matches_document_gold(
        event("KEN", "SOM", "161", start="2019-01-01", end="2019-02-09"), g
    )


def test_undated_event_fails_a_dated_gold_but_not_an_undated_one() -> None:
    dated = gold("KEN", "SOM", ["161"], date_overlaps=["2019-02-10", "2019-02-17"])
    undated = gold("KEN", "SOM", ["161"])
    assert not matches_document_gold(event("KEN", "SOM", "161", start=None), dated)
    assert matches_document_gold(event("KEN", "SOM", "161", start=None), undated)
    assert matches_sentence_gold(event("KEN", "SOM", "161", start=None), dated)


# ---------------------------------------------------------------------------- matching


def test_matching_is_one_to_one() -> None:
    twice = [gold("DZA", "FRA", ["161"]), gold("DZA", "FRA", ["161"])]
    assert assign([event("DZA", "FRA", "161")], twice, matches_document_gold) == {0: 0}
    duplicates = [event("DZA", "FRA", "161"), event("DZA", "FRA", "161")]
    found = assign(duplicates, [gold("DZA", "FRA", ["161"])], matches_document_gold)
    assert found == {0: 0}


def test_most_specific_gold_is_served_first() -> None:
    broad = gold("USA", "IRN", ["130", "138"])
    narrow = gold("USA", "IRN", ["138"], modality_any=["future"])
    produced = [
        event("USA", "IRN", "138", modality="future"),
        event("USA", "IRN", "130"),
    ]
    # Listed first, the broad gold would take the threat and leave the narrow one unserved.
    assert assign(produced, [broad, narrow], matches_document_gold) == {1: 0, 0: 1}


def test_score_document_counts_matches_must_and_false_positives() -> None:
    gold_file = {
        "events": [
            gold("DZA", "FRA", ["161"], must=True),
            gold("FRA", "DZA", ["111"], must=False),
        ],
        "tolerated": [],
    }
    produced = [event("DZA", "FRA", "161", confidence=0.9), event("FRA", "MAR", "111")]
    score = score_document("d", produced, gold_file)
    assert (score.gold, score.must, score.matched, score.must_matched) == (2, 1, 1, 1)
    assert (score.produced, score.correct) == (2, 1)
    assert len(score.misses) == 1 and score.misses[0].startswith("MISS ")
    assert len(score.false_positives) == 1 and "FRA -> MAR 111" in score.false_positives[0]
    assert score.outcomes == [(0.9, True), (0.5, False)]


# --------------------------------------------------------------------------- tolerated


def tolerated_file(*rules: dict[str, Any]) -> dict[str, Any]:
    return {"events": [], "tolerated": list(rules)}


def test_tolerated_pair_and_root_count_as_correct() -> None:
    rules = tolerated_file({"pair": ["PHL", "CHN"], "symmetric": False, "roots": ["11", "12"]})
    score = score_document("d", [event("PHL", "CHN", "112", confidence=0.8)], rules)
    assert (score.correct, score.false_positives, score.outcomes) == (1, [], [(0.8, True)])


@pytest.mark.parametrize(
    ("produced", "symmetric", "ok"),
    [
        (("PHL", "CHN", "112"), False, True),
        (("CHN", "PHL", "112"), False, False),  # reversed pair, rule not symmetric
        (("CHN", "PHL", "112"), True, True),
        (("PHL", "CHN", "190"), True, False),  # root not listed
        (("PHL", "VNM", "112"), True, False),
    ],
)
def test_tolerated_rules(produced: tuple[str, str, str], symmetric: bool, ok: bool) -> None:
    rules = tolerated_file({"pair": ["PHL", "CHN"], "symmetric": symmetric, "roots": ["11"]})
    assert score_document("d", [event(*produced)], rules).correct == int(ok)


def test_tolerated_igo_wildcard_matches_any_igo_actor() -> None:
    rules = tolerated_file({"pair": ["*IGO*", "IRN"], "symmetric": True, "roots": ["04"]})
    iaea = Actor("the IAEA", "IGOUNOIAE", "IGOUNO", "IGO", "IAEA")
    eu = Actor("the EU", "IGOEUREEC", "IGOEUR", "IGO", "European Union")
    assert score_document("d", [event(iaea, "IRN", "040")], rules).correct == 1
    assert score_document("d", [event("IRN", eu, "043")], rules).correct == 1
    assert score_document("d", [event("USA", "IRN", "040")], rules).correct == 0


def test_documents_suite_figures_and_summary_line() -> None:
    suite = DocumentsSuite(
        [
            score_document(
                "a",
                [event("DZA", "FRA", "161")],
                {"events": [gold("DZA", "FRA", ["161"], must=True)], "tolerated": []},
            ),
            score_document("b", [event("DZA", "MAR", "111")], tolerated_file()),
        ]
    )
    f = suite.figures
    assert (f["must_recall"], f["recall"], f["precision"]) == (1.0, 1.0, 0.5)
    assert suite.summary_line() == (
        "documents-suite: must-recall 1.00 (1/1) recall 1.00 (1/1) precision 0.50 (1/2)"
        " over 2 documents"
    )


# --------------------------------------------------------------------------- sentences


def test_sentence_document_puts_context_first() -> None:
    row = {"id": "s", "published": None, "context": " He arrived. ", "text": "He left."}
    doc, offset = sentence_document(row)
    assert doc.body == "He arrived.\n\nHe left."
    assert doc.body[offset:] == "He left."
    assert doc.published == UNDATED


def test_sentence_indices_from_skip_the_context_paragraph() -> None:
    row = {
        "id": "s",
        "published": "2020-01-01",
        "context": "Ottawa summoned the envoy. He left.",
        "text": "He left. Canada then expelled a diplomat.",
    }
    doc, offset = sentence_document(row)
    coded = [
        "Ottawa summoned the envoy.",
        "He left.",
        "He left.",
        "Canada then expelled a diplomat.",
    ]
    # The repeated "He left." is found twice, once in each paragraph.
    assert sentence_indices_from(doc.body, coded, offset) == {2, 3}


def test_sentence_indices_without_context_keep_everything() -> None:
    doc, offset = sentence_document({"id": "s", "text": "One. Two.", "context": None})
    assert offset == 0
    assert sentence_indices_from(doc.body, ["One.", "Two."], offset) == {0, 1}


def test_sentence_indices_skip_sentences_not_found_in_the_body() -> None:
    assert sentence_indices_from("One. Two.", ["One.", "Three.", "Two."], 0) == {0, 2}


def test_score_sentence_root_and_false_positives() -> None:
    golds = [gold("USA", "IRN", ["130", "138"])]
    wrong_target = score_sentence("s", [event("USA", "IRQ", "138")], golds)
    assert (wrong_target.matched, wrong_target.root_ok, len(wrong_target.false_positives)) == (
        0,
        True,
        1,
    )
    wrong_root = score_sentence("s", [event("USA", "IRN", "111")], golds)
    assert (wrong_root.matched, wrong_root.root_ok) == (0, False)


def test_sentences_suite_figures_and_summary_line() -> None:
    suite = SentencesSuite(
        [
            score_sentence("a", [event("USA", "IRN", "138")], [gold("USA", "IRN", ["138"])]),
            score_sentence("b", [], [gold("FRA", "DEU", ["040"])]),
            score_sentence("c", [event("GBR", "ESP", "040")], []),
            score_sentence("d", [], []),
        ]
    )
    f = suite.figures
    assert (f["recall"], f["precision"], f["root_accuracy"], f["false_event_rate"]) == (
        0.5,
        0.5,
        0.5,
        0.5,
    )
    assert suite.summary_line() == (
        "sentences-suite: events recall 0.50 (1/2) precision 0.50 (1/2) root 0.50 (1/2)"
        " false-event rate 0.50 (1/2) over 4 sentences"
    )


# --------------------------------------------------------------------------------- CLI

DOCUMENTS_LINE = re.compile(
    r"^documents-suite: must-recall \d\.\d\d \(\d+/\d+\) recall \d\.\d\d \(\d+/\d+\)"
    r" precision \d\.\d\d \(\d+/\d+\) over \d+ documents$"
)
SENTENCES_LINE = re.compile(
    r"^sentences-suite: events recall \d\.\d\d \(\d+/\d+\) precision \d\.\d\d \(\d+/\d+\)"
    r" root \d\.\d\d \(\d+/\d+\) false-event rate \d\.\d\d \(\d+/\d+\) over \d+ sentences$"
)


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def documents_args() -> list[str]:
    return ["eval", "documents", str(FIXTURES / "documents.jsonl"), str(FIXTURES / "gold")]


def sentences_args() -> list[str]:
    return ["eval", "sentences", str(FIXTURES / "sentences.jsonl")]


def test_eval_documents_closing_line(runner: CliRunner) -> None:
    result = runner.invoke(app, documents_args())
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert DOCUMENTS_LINE.match(last), last
    assert re.search(r"must-recall \d\.\d\d \(\d+/4\) recall \d\.\d\d \(\d+/7\)", last), last
    assert last.endswith(" over 2 documents"), last


def test_eval_documents_json(runner: CliRunner) -> None:
    result = runner.invoke(app, [*documents_args(), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["figures"]["documents"] == 2
    assert (data["figures"]["gold"], data["figures"]["must"]) == (7, 4)
    assert [item["id"] for item in data["items"]] == ["rt-d01", "rt-d02"]


def test_eval_sentences_closing_line(runner: CliRunner) -> None:
    result = runner.invoke(app, sentences_args())
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert SENTENCES_LINE.match(last), last
    assert re.search(r"events recall \d\.\d\d \(\d+/2\)", last), last
    assert re.search(r"false-event rate \d\.\d\d \(\d+/1\) over 3 sentences$", last), last


def test_eval_sentences_json(runner: CliRunner) -> None:
    result = runner.invoke(app, [*sentences_args(), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["figures"]["sentences"], data["figures"]["gold"]) == (3, 2)
    assert [item["id"] for item in data["items"]] == ["rt-s01", "rt-s02", "rt-s03"]


def test_a_sentence_score_keeps_each_event_s_confidence_and_outcome() -> None:
    golds = [gold("IND", "PAK", ["111"])]
    produced = [event("IND", "PAK", "111", confidence=0.9), event("PAK", "IND", "190")]
    score = score_sentence("s1", produced, golds)
    assert score.outcomes == [(0.9, True), (0.5, False)]
