"""The hybrid coder: the model's second opinion drops, keeps and adds events."""

from __future__ import annotations

import pytest

from tieline import Coder
from tieline.coding.explain import explain_documents
from tieline.eventtype.classifier import LABELS, shipped_model
from tieline.eventtype.hybrid import SecondOpinion, Thresholds, second_opinion_for
from tieline.model import Document

# No verb pattern or event noun of the rules names "chatted with"; the model reads a meeting.
CHAT = "The Brazilian foreign minister chatted with his Argentine counterpart in Buenos Aires."


class FixedOpinion:
    """A stand-in model that gives every sentence the same probabilities."""

    def __init__(self, **probs: float) -> None:
        rest = (1.0 - sum(probs.values())) / (len(LABELS) - len(probs))
        self.p = {label: probs.get(label, rest) for label in LABELS}

    def probabilities(self, sent) -> dict[str, float]:
        return dict(self.p)


@pytest.fixture(scope="module")
def hybrid(coder) -> Coder:
    return Coder(coder.dictionaries, nlp=coder.nlp, second_opinion=SecondOpinion(shipped_model()))


def test_the_rules_alone_code_nothing_here(coder):
    assert coder.code_text(CHAT, published="2024-03-01").events == []


def test_the_model_adds_an_event_where_the_rules_found_none(hybrid):
    events = hybrid.code_text(CHAT, published="2024-03-01").events
    assert [(e.source.country, e.cameo, e.target.country) for e in events] == [
        ("BRA", "040", "ARG")
    ]
    assert events[0].confidence <= 0.5


def test_explain_says_the_event_is_from_the_model(hybrid):
    doc = Document(id="chat", body=CHAT, published="2024-03-01")
    record = next(explain_documents(hybrid, [doc]))
    evidence = record["sentences"][0]["events"][0]["evidence"]
    assert evidence["from"] == "model"
    assert evidence["pattern"].startswith("event-type model: root 04")
    assert any(v["family"] == "EVENT-TYPE MODEL" for v in record["sentences"][0]["verbs"])


def test_a_rule_event_the_model_finds_very_unlikely_is_dropped(coder):
    text = "Israeli warplanes bombed targets in southern Lebanon overnight."
    assert coder.code_text(text, published="2024-03-01").events
    unlikely = SecondOpinion(FixedOpinion(**{"04": 0.9}), Thresholds(add=2.0))  # type: ignore[arg-type]
    judged = Coder(coder.dictionaries, nlp=coder.nlp, second_opinion=unlikely)
    assert judged.code_text(text, published="2024-03-01").events == []


def test_a_confirmed_rule_event_gains_confidence(coder):
    text = "Israeli warplanes bombed targets in southern Lebanon overnight."
    plain = coder.code_text(text, published="2024-03-01").events
    sure = SecondOpinion(FixedOpinion(**{"19": 0.9}))  # type: ignore[arg-type]
    judged = Coder(coder.dictionaries, nlp=coder.nlp, second_opinion=sure)
    confirmed = judged.code_text(text, published="2024-03-01").events
    assert [e.cameo for e in confirmed] == [e.cameo for e in plain]
    assert all(c.confidence >= p.confidence for c, p in zip(confirmed, plain, strict=True))
    assert any(c.confidence > p.confidence for c, p in zip(confirmed, plain, strict=True))


def test_model_events_off_means_the_rules_alone():
    assert second_opinion_for("off") is None
    assert isinstance(second_opinion_for("on"), SecondOpinion)
    with pytest.raises(ValueError):
        second_opinion_for("maybe")


def test_a_confident_other_root_is_coded_beside_the_rules(coder):
    text = "Israeli warplanes bombed targets in southern Lebanon overnight."
    rules = {e.cameo for e in coder.code_text(text, published="2024-03-01").events}
    other = SecondOpinion(FixedOpinion(**{"04": 0.8, "19": 0.1}), Thresholds(drop=0.0))  # type: ignore[arg-type]
    judged = Coder(coder.dictionaries, nlp=coder.nlp, second_opinion=other)
    events = judged.code_text(text, published="2024-03-01").events
    assert {e.cameo for e in events} == rules | {"040"}
    never = SecondOpinion(FixedOpinion(**{"04": 0.8, "19": 0.1}), Thresholds(drop=0.0, beside=None))  # type: ignore[arg-type]
    alone = Coder(coder.dictionaries, nlp=coder.nlp, second_opinion=never)
    assert {e.cameo for e in alone.code_text(text, published="2024-03-01").events} == rules
