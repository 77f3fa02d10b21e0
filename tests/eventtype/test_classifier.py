"""The shipped event-type model: it loads, it classifies obvious sentences sensibly, and
training is reproducible."""

from __future__ import annotations

import numpy as np
import pytest

from tieline.eventtype.classifier import (
    LABELS,
    NONE,
    EventTypeModel,
    Inputs,
    TrainingSettings,
    shipped_model,
)
from tieline.eventtype.training import top_label


@pytest.fixture(scope="module")
def model() -> EventTypeModel:
    return shipped_model()


def classify(coder, model: EventTypeModel, text: str) -> dict[str, float]:
    doc = coder.nlp(text)
    return model.probabilities(next(doc.sents))


def test_the_shipped_model_gives_a_distribution_over_roots_and_no_event(coder, model):
    p = classify(coder, model, "Chile and Peru signed a fisheries accord in Lima.")
    assert set(p) == set(LABELS)
    assert abs(sum(p.values()) - 1.0) < 1e-6


def test_an_obvious_visit_is_consultation(coder, model):
    text = "The Japanese prime minister arrived in New Delhi on Tuesday for an official visit."
    assert top_label(classify(coder, model, text)) == "04"


def test_an_obvious_attack_is_force(coder, model):
    text = "Israeli warplanes bombed targets in southern Lebanon overnight, killing four fighters."
    assert top_label(classify(coder, model, text)) in {"18", "19"}


def test_a_market_report_codes_no_event(coder, model):
    text = "Shares in the carmaker rose three percent after the quarterly results came out."
    assert top_label(classify(coder, model, text)) == NONE


def _toy_data() -> tuple[list[Inputs], list[tuple[str, ...]]]:
    vec = np.linspace(-1, 1, 8, dtype=np.float32)
    inputs = [
        Inputs(["l:meet", "l:minister"], vec),
        Inputs(["l:meet", "l:talks"], vec * 0.5),
        Inputs(["l:bomb", "l:army"], -vec),
        Inputs(["l:bomb", "l:village"], -vec * 0.5),
        Inputs(["l:share", "l:rise"], vec * 0),
        Inputs(["l:share", "l:market"], vec * 0),
    ]
    return inputs, [("04",), ("04",), ("19",), ("19",), (), ()]


def test_the_same_seed_writes_the_same_file(tmp_path):
    inputs, roots = _toy_data()
    settings = TrainingSettings(min_count=1, steps=50, seed=5)
    for name in ("a.gz", "b.gz"):
        EventTypeModel.fit(inputs, roots, settings).save(tmp_path / name)
    assert (tmp_path / "a.gz").read_bytes() == (tmp_path / "b.gz").read_bytes()


def test_a_saved_model_loads_with_the_same_probabilities(tmp_path):
    inputs, roots = _toy_data()
    fitted = EventTypeModel.fit(inputs, roots, TrainingSettings(min_count=1, steps=50))
    fitted.save(tmp_path / "m.gz")
    loaded = EventTypeModel.load(tmp_path / "m.gz")
    assert loaded.probabilities_of(inputs[2]) == pytest.approx(fitted.probabilities_of(inputs[2]))
    assert top_label(loaded.probabilities_of(inputs[0])) == "04"
