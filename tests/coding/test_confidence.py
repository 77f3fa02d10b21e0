"""Confidence from evidence: stronger evidence never scores lower than weaker."""

from __future__ import annotations

from tieline.coding.confidence import event_confidence


def test_a_specific_pattern_beats_a_family_default() -> None:
    named = ("dictionary", "dictionary", 2, "asserted")
    assert event_confidence("- * WITH + [040]", *named) > event_confidence(
        "(family default) [040]", *named
    )


def test_actors_from_context_lower_the_score() -> None:
    pattern = "- * SANCTIONS [163]"
    named = event_confidence(pattern, "dictionary", "dictionary", 2, "asserted")
    pronoun = event_confidence(pattern, "pronoun: Ms Rao", "dictionary", 2, "asserted")
    focus = event_confidence(pattern, "document's country", "dictionary", 2, "asserted")
    assert named > pronoun > focus


def test_noun_parties_in_the_phrase_beat_parties_from_the_clause() -> None:
    args = ("dictionary", "dictionary", 1, "asserted")
    between = event_confidence("event noun 'talks' (between)", *args)
    inferred = event_confidence("event noun 'talks' (setting of a clause)", *args)
    assert between > inferred


def test_score_stays_in_range_and_plans_score_lower() -> None:
    low = event_confidence(
        "(family default) [010]", "document's country", "pronoun: x", 0, "future"
    )
    assert (
        0.05
        <= low
        < event_confidence("(family default) [010]", "dictionary", "dictionary", 0, "asserted")
    )


def test_weak_context_resolutions_lower_the_score() -> None:
    pattern = "- * SANCTIONS [163]"
    named = event_confidence(pattern, "dictionary", "dictionary", 2, "asserted")
    for how in (
        "speaker of the quotation: the foreign minister",  # a quoted "we"
        "the body the office is of",  # "a spokesman for the ministry"
        "the two states the text is about",  # "both sides", no pair just named
        "the pair the text is about: Japan and Russia",
    ):
        assert event_confidence(pattern, how, "dictionary", 2, "asserted") < named, how
        assert event_confidence(pattern, "dictionary", how, 2, "asserted") < named, how
