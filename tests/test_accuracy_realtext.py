"""Accuracy gate on real text: the figures stay at or above the floors pinned in
accuracy_floors.json (and the false-event rate at or below its ceiling).

Each suite is coded once per module; the comparisons use the unrounded figures. Raising a
floor is part of the change that earned it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tieline.evaluation.dates import evaluate_dates
from tieline.evaluation.newswire import evaluate_newswire
from tieline.evaluation.realtext import evaluate_documents, evaluate_sentences, precision_by_band

pytestmark = pytest.mark.slow

FLOORS = json.loads((Path(__file__).resolve().parent / "accuracy_floors.json").read_text())


def at_least(value: float | None, floor: float) -> bool:
    """A figure meets its floor; a rate over nothing (None, "n/a") never does."""
    return value is not None and value >= floor


def data_file(shared_data: Path, *parts: str) -> Path:
    """A file of the reference data: missing, it skips in a plain clone and fails in CI."""
    path = shared_data.joinpath(*parts)
    if not path.exists():
        message = f"reference data missing: {path}"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI is set, and CI must run the accuracy gates)")
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def realnews(shared_data: Path, coder) -> Any:
    docs = data_file(shared_data, "realnews", "documents.jsonl")
    gold = data_file(shared_data, "realnews", "gold")
    return evaluate_documents(docs, gold, coder)


@pytest.fixture(scope="module")
def realsentences(shared_data: Path, coder) -> Any:
    return evaluate_sentences(data_file(shared_data, "realsentences", "sentences.jsonl"), coder)


@pytest.fixture(scope="module")
def newswire(shared_data: Path, coder) -> Any:
    return evaluate_newswire(data_file(shared_data, "cameo", "petr2_gsr_validation.jsonl"), coder)


@pytest.mark.parametrize("figure", ["must_recall", "recall", "precision"])
def test_realnews_floor(realnews, figure: str) -> None:
    floor = FLOORS["realnews"][figure]
    assert realnews.figures["documents"] == 20
    assert at_least(realnews.figures[figure], floor), (figure, floor, realnews.summary_line())


@pytest.mark.parametrize("figure", ["recall", "precision", "root_accuracy"])
def test_realsentences_floor(realsentences, figure: str) -> None:
    floor = FLOORS["realsentences"][figure]
    assert realsentences.figures["sentences"] == 250
    value = realsentences.figures[figure]
    assert at_least(value, floor), (figure, floor, realsentences.summary_line())


def test_realsentences_false_event_rate_ceiling(realsentences) -> None:
    ceiling = FLOORS["realsentences"]["false_event_rate"]
    rate = realsentences.figures["false_event_rate"]
    assert rate is not None and rate <= ceiling, (ceiling, realsentences.summary_line())


@pytest.mark.parametrize("figure", ["exact_precision", "exact_recall"])
def test_newswire_floor(newswire, figure: str) -> None:
    floor = FLOORS["newswire"][figure]
    assert newswire.figures["sentences"] == 78
    assert at_least(newswire.figures[figure], floor), (figure, floor, newswire.lines())


def test_dates_floor(shared_data: Path) -> None:
    result = evaluate_dates(data_file(shared_data, "dates", "meantime_en_timex.jsonl"))
    floor = FLOORS["dates"]["calendar_accuracy"]
    assert result.calendar_total == 358
    assert at_least(result.calendar_accuracy, floor), (floor, result.calendar_right)


def _non_increasing(bands: list[tuple[str, int, int]]) -> bool:
    rates = [correct / events for _label, correct, events in bands if events]
    return all(higher >= lower for higher, lower in zip(rates, rates[1:], strict=False))


def test_realnews_higher_confidence_is_more_precise(realnews) -> None:
    bands = precision_by_band(o for d in realnews.documents for o in d.outcomes)
    assert all(events for _label, _correct, events in bands), bands  # every band is used
    assert _non_increasing(bands), bands


def test_realsentences_higher_confidence_is_more_precise(realsentences) -> None:
    bands = precision_by_band(o for s in realsentences.sentences for o in s.outcomes)
    assert all(events for _label, _correct, events in bands), bands
    assert _non_increasing(bands), bands
