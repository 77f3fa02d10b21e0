"""The coder over spaCy parses: actors, verbs, passive and compound sentences."""

from __future__ import annotations

import pytest


def triples(coder, text: str, published: str = "2019-06-11") -> set[tuple[str, str, str]]:
    result = coder.code_text(text, published=published)
    return {(e.source.code, e.target.code, e.cameo) for e in result.events}


def test_active_sentence(tiny_coder) -> None:
    assert triples(tiny_coder, "India criticized China.") == {("IND", "CHN", "111")}


def test_passive_sentence_swaps_roles(tiny_coder) -> None:
    assert triples(tiny_coder, "China was criticized by India.") == {("IND", "CHN", "111")}


def test_passive_without_agent_gives_no_event(tiny_coder) -> None:
    assert triples(tiny_coder, "China was criticized.") == set()


def test_verb_own_code_and_pattern(tiny_coder) -> None:
    assert triples(tiny_coder, "Japan condemned Russia.") == {("JPN", "RUS", "122")}
    assert triples(tiny_coder, "Japan heavily criticized Russia.") == {("JPN", "RUS", "112")}


def test_reverse_code_gives_event_the_other_way(tiny_coder) -> None:
    assert triples(tiny_coder, "The Indian president visited Beijing.") == {
        ("INDGOV", "CHN", "042"),
        ("CHN", "INDGOV", "043"),
    }


def test_conjoined_sources_and_targets_give_one_event_per_pair(tiny_coder) -> None:
    assert triples(tiny_coder, "India and Japan criticized China and Russia.") == {
        ("IND", "CHN", "111"),
        ("IND", "RUS", "111"),
        ("JPN", "CHN", "111"),
        ("JPN", "RUS", "111"),
    }


def test_compound_subject_of_a_mutual_act_gives_one_event(tiny_coder) -> None:
    # a meeting is one event between the two, whichever side is named first
    assert triples(tiny_coder, "India and China met in Geneva.") == {("IND", "CHN", "040")}
    assert triples(tiny_coder, "Japan and Russia met in Tokyo.") in (
        {("JPN", "RUS", "040")},
        {("RUS", "JPN", "040")},
    )


def test_compound_subject_of_a_one_sided_act_acts_both_ways(tiny_coder) -> None:
    # fighting is not mutual in CAMEO: each side's use of force is its own event
    assert triples(tiny_coder, "India and China fought along the border.") == {
        ("IND", "CHN", "190"),
        ("CHN", "IND", "190"),
    }


def test_possessive_and_agent_give_country_and_sector(tiny_coder) -> None:
    result = tiny_coder.code_text("China's foreign minister criticized Japan.")
    (event,) = result.events
    assert event.source.code == "CHNGOV"
    assert (event.source.country, event.source.sector) == ("CHN", "GOV")


def test_agent_with_of_phrase(tiny_coder) -> None:
    assert triples(tiny_coder, "The government of India criticized Russia.") == {
        ("INDGOV", "RUS", "111")
    }


def test_date_restricted_role_follows_publication_date(tiny_coder) -> None:
    assert triples(tiny_coder, "Abe criticized Russia.", "2015-01-01") == {("JPNGOV", "RUS", "111")}
    assert triples(tiny_coder, "Abe criticized Russia.", "2021-01-01") == {("JPNELI", "RUS", "111")}


def test_suppressing_pattern_gives_no_event(tiny_coder) -> None:
    assert triples(tiny_coder, "India met China secretly.") == set()


def test_sentence_discard(tiny_coder) -> None:
    assert triples(tiny_coder, "India criticized China after the cricket match.") == set()


def test_story_discard_drops_the_whole_document(tiny_coder) -> None:
    text = "India criticized China.\n\nThe football world cup starts today."
    assert triples(tiny_coder, text) == set()


def test_said_clause_keeps_inner_event_only(tiny_coder) -> None:
    # the verb of saying is not in tiny.verbs; the inner event is coded
    assert triples(tiny_coder, "Officials said India criticized China.") == {("IND", "CHN", "111")}


def test_issues_attached(tiny_coder) -> None:
    result = tiny_coder.code_text("India criticized China over the border.")
    assert result.events[0].issues == ["BORDER_DISPUTE"]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("India criticized China.", "asserted"),
        ("India did not criticize China.", "negated"),
        ("India will criticize China.", "future"),
        ("India could criticize China.", "hypothetical"),
        ("India reportedly criticized China.", "reported"),
    ],
)
def test_modality(tiny_coder, text: str, modality: str) -> None:
    (event,) = tiny_coder.code_text(text).events
    assert event.modality == modality


def test_event_fields_follow_the_ontology(tiny_coder) -> None:
    (event,) = tiny_coder.code_text("India criticized China.", published="2019-06-11").events
    assert event.cameo_name == "Criticize or denounce"
    assert (event.quad_class, event.goldstein, event.plover) == (3, -2.0, "ACCUSE")
    # undated: the week up to the publication day, not the day itself
    assert (event.date.start, event.date.end) == ("2019-06-05", "2019-06-11")
    assert (event.date.precision, event.date.origin) == ("week", "published")
    assert event.sentence == "India criticized China."


def test_default_dictionaries_code_real_sentences(coder) -> None:
    assert ("JPN", "RUS", "163") in triples(coder, "Japan imposed sanctions on Russia.")
    assert ("DEU", "TUR", "111") in triples(coder, "Germany criticized Turkey.")


def test_an_undated_plan_starts_on_the_publication_day(tiny_coder) -> None:
    (event,) = tiny_coder.code_text("India will criticize China.", published="2019-06-11").events
    assert (event.date.start, event.date.end, event.modality) == (
        "2019-06-11",
        "2019-06-11",
        "future",
    )


def test_a_date_that_names_a_thing_does_not_date_the_next_sentence(coder) -> None:
    text = "Peru cited the 1929 treaty on the border. Bolivia criticized Chile."
    events = coder.code_text(text, published="2019-06-11").events
    last = [e for e in events if e.sentence_index == 1]
    assert last and all(e.date.start.startswith("2019") for e in last)  # not 1929
