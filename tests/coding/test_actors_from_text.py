"""Who is acting: offices, bodies, role-only phrases and pronouns resolved from the text.

Every sentence here is written for the test (wire-news wording, invented people where a
person must be unknown to the dictionaries).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tieline import Coder
from tieline.cli import app
from tieline.model import Author, Document, Event


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def events_of(
    coder: Coder, text: str, published: str = "2024-03-05", **meta: object
) -> list[Event]:
    doc = Document(id="t", body=text, published=published, **meta)  # type: ignore[arg-type]
    return next(coder.code_documents([doc])).events


def pairs(events: list[Event]) -> set[tuple[str | None, str | None, str | None, str]]:
    return {(e.source.country, e.source.sector, e.target.country, e.cameo[:2]) for e in events}


def test_office_in_apposition_gives_the_body_sector(coder: Coder) -> None:
    events = events_of(
        coder, "Valentina Matviyenko, chairwoman of the Federation Council, visited Beijing."
    )
    assert ("RUS", "LEG", "CHN", "04") in pairs(events)


def test_office_before_the_name_outranks_the_dictionary_role(coder: Coder) -> None:
    events = events_of(
        coder, "Russian Security Council Deputy Chairman Dmitry Medvedev criticised Japan."
    )
    assert [(e.source.country, e.source.sector) for e in events] == [("RUS", "GOV")]


def test_office_as_predicate_of_an_unknown_person(coder: Coder) -> None:
    events = events_of(
        coder, "Tomas Verhoeven, who is Belgium's foreign minister, visited Nairobi."
    )
    assert ("BEL", "GOV", "KEN", "04") in pairs(events)


def test_nested_organisation_name_is_national_not_the_un(coder: Coder) -> None:
    events = events_of(coder, "The Russian Security Council accused Ukraine of sabotage.")
    assert events and events[0].source.country == "RUS"
    assert not events[0].source.code.startswith("IGO")


def test_spokesperson_takes_the_sector_of_the_body(coder: Coder) -> None:
    events = events_of(
        coder, "Elena Sorokina, a spokeswoman for the Russian Foreign Ministry, criticised Japan."
    )
    assert [(e.source.country, e.source.sector) for e in events] == [("RUS", "GOV")]


def test_chairman_of_a_legislature_is_legislative(coder: Coder) -> None:
    events = events_of(coder, "The chairman of the Russian State Duma visited Tokyo.")
    assert ("RUS", "LEG", "JPN", "04") in pairs(events)


def test_expired_dictionary_role_keeps_the_country(coder: Coder) -> None:
    # Matviyenko's only dated Phoenix role ended in 2003; she is still Russian in 2024
    events = events_of(coder, "Valentina Matviyenko visited Beijing.")
    assert ("RUS", None, "CHN", "04") in pairs(events)


def test_role_only_phrase_takes_the_documents_country(coder: Coder) -> None:
    text = (
        "Kenya's cabinet met in Nairobi on Monday to review the border.\n\n"
        "The government condemned the attack by insurgents."
    )
    assert ("KEN", "GOV", "KEN", "11") in pairs(events_of(coder, text))


def test_group_of_people_codes_as_the_people(coder: Coder) -> None:
    text = "A group of Japanese diplomats met the Indian prime minister."
    assert ("JPN", "GOV", "IND", "04") in pairs(events_of(coder, text))


def test_pronoun_after_an_uncoded_person_gives_no_actor(coder: Coder) -> None:
    text = (
        "Japanese Prime Minister Fumio Kishida spoke in Tokyo on Monday. "
        "Ravi Mehta, a retired schoolteacher from Pune, listened. "
        "He then met the Chinese president."
    )
    events = events_of(coder, text, published="2023-05-10")
    assert not any(e.source.country == "JPN" and e.target.country == "CHN" for e in events)


def test_pronoun_binds_to_the_salient_person_with_her_office(coder: Coder) -> None:
    text = (
        "Valentina Matviyenko, chairwoman of the Federation Council, arrived in Beijing. "
        "She met the Chinese premier."
    )
    assert ("RUS", "LEG", "CHN", "04") in pairs(events_of(coder, text))


def test_byline_author_is_no_antecedent_of_he(coder: Coder) -> None:
    text = (
        "Daniel Okafor, Ghana's former trade minister, writes on West African security.\n\n"
        "He met the Nigerian president in Abuja last week."
    )
    events = events_of(coder, text, authors=[Author("Daniel Okafor", "Senior Fellow")])
    assert not any(e.target.country == "NGA" for e in events)
    # without the byline "he" is Okafor, a former Ghanaian minister (ELI)
    assert ("GHA", "ELI", "NGA", "04") in pairs(events_of(coder, text))


def test_an_event_never_has_one_actor_on_both_sides(coder: Coder) -> None:
    events = events_of(coder, "The United States criticised the US government over the budget.")
    assert all(e.source.country != e.target.country for e in events)


def test_split_countries_come_out_as_iso3(coder: Coder) -> None:
    events = events_of(coder, "North Korea threatened South Korea.")
    assert [(e.source.country, e.target.country) for e in events] == [("PRK", "KOR")]


def test_explain_shows_resolution_paths_and_patterns(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "doc.jsonl"
    body = (
        "Valentina Matviyenko, chairwoman of the Federation Council, visited Beijing on Monday. "
        "She met the Chinese premier."
    )
    path.write_text(json.dumps({"id": "x", "text": body, "published": "2024-03-05"}) + "\n")
    result = CliRunner().invoke(app, ["explain", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    events = [e for s in record["sentences"] for e in s["events"]]
    assert events
    for event in events:
        evidence = event["evidence"]
        assert evidence["pattern"].endswith("]")
        assert evidence["source_resolved"] and evidence["target_resolved"]
    hows = {e["evidence"]["source_resolved"] for e in events}
    assert "office stated in the text" in hows
    assert any(h.startswith("pronoun: ") for h in hows)
    first = record["sentences"][0]
    assert {"tokens", "verbs", "date_cues", "modality_cues"} <= set(first)
    assert first["tokens"][1]["dep"]


def test_relative_pronoun_takes_its_antecedent(coder: Coder) -> None:
    events = events_of(coder, "The talks angered Beijing, which accused Manila of provocation.")
    assert ("CHN", None, "PHL", "11") in pairs(events)


def test_they_takes_the_pair_named_before(coder: Coder) -> None:
    text = "The foreign ministers of Peru and Chile met in Lima. They agreed to reopen the border."
    later = [e for e in events_of(coder, text) if e.sentence_index == 1]
    assert {(e.source.country, e.target.country) for e in later} == {("PER", "CHL"), ("CHL", "PER")}
    assert all(e.source.text == "They" for e in later)


def test_it_takes_the_state_that_was_subject(coder: Coder) -> None:
    text = "Norway froze aid to Tanzania in March. It accused the government of fraud."
    assert any(s == "NOR" and c == "11" for s, _, _, c in pairs(events_of(coder, text)))


def test_own_country_object_is_passed_over(coder: Coder) -> None:
    events = events_of(coder, "Italy recalled the Italian ambassador from Egypt.")
    assert any(t == "EGY" and c == "16" for _, _, t, c in pairs(events))


def test_protesters_act_where_the_sentence_places_them(coder: Coder) -> None:
    events = events_of(coder, "In Tunis, Tunisia, protesters attacked the French embassy.")
    assert any(s == "TUN" and t == "FRA" for s, _, t, _ in pairs(events))


def test_former_officials_are_elites(coder: Coder) -> None:
    events = events_of(coder, "Former Indian diplomats met Pakistani officials in Lahore.")
    assert ("IND", "ELI", "PAK", "04") in pairs(events)


def test_a_name_part_is_no_dictionary_actor(coder: Coder) -> None:
    events = events_of(coder, "Kim Jong Un and Moon Jae In met at the border village.")
    assert not any("IGO" in (e.source.code + e.target.code) for e in events)


WE_TEXT = (
    "Relations between Tokyo and Moscow have drifted.\n\n"
    "We welcomed the new dialogue between Japan and Russia last year."
)


def test_we_is_the_authors_organisation_when_the_byline_names_it(coder: Coder) -> None:
    author = Author("Jane Roe", "Senior Fellow, Chatham House")
    events = events_of(coder, WE_TEXT, authors=[author])
    assert ("GBR", "NGO", "JPN", "05") in pairs(events)
    assert any(e.source.text == "We" for e in events)


def test_we_is_nobody_without_an_affiliation(coder: Coder) -> None:
    events = events_of(coder, WE_TEXT, authors=[Author("Jane Roe", None)])
    assert not any(e.source.text == "We" for e in events)


def test_a_quoted_we_is_the_speaker(coder: Coder) -> None:
    text = '"We will respond to any attack," the Iranian foreign minister said of Israel.'
    events = events_of(coder, text, authors=[Author("Jane Roe", "Fellow, Chatham House")])
    assert not any(e.source.country == "GBR" for e in events)


def test_a_quotation_running_on_keeps_its_speaker(coder: Coder) -> None:
    text = (
        "Kenya's foreign minister, Amina Odhiambo, spoke to reporters in Nairobi. "
        '"I met my Ugandan counterpart this morning. '
        'We signed an accord on the shared lake."'
    )
    later = [e for e in events_of(coder, text) if e.sentence_index == 2]
    assert any(e.source.code == "KENGOV" and e.source.text == "We" for e in later)


def test_an_unquoted_we_after_a_closed_quotation_is_not_the_speaker(coder: Coder) -> None:
    text = (
        '"Talks will go on," the Kenyan foreign minister said. '
        "We welcomed the accord between Kenya and Uganda."
    )
    later = [e for e in events_of(coder, text) if e.sentence_index == 1]
    assert not any(e.source.text == "We" for e in later)


def test_the_two_sides_are_the_pair_of_an_earlier_exchange(coder: Coder) -> None:
    text = (
        "Norway criticised Chile over its fishing quotas on Monday. "
        "The dispute has lasted for years. "
        "The two sides later signed an accord on quotas."
    )
    later = [e for e in events_of(coder, text) if e.sentence_index == 2]
    assert {(e.source.code, e.target.code) for e in later} >= {("NORGOV", "CHLGOV")}


def test_the_two_alone_is_a_pair_reference(coder: Coder) -> None:
    text = "The foreign ministers of Peru and Chile arrived in Lima. The two signed an accord."
    later = [e for e in events_of(coder, text) if e.sentence_index == 1]
    assert {(e.source.country, e.target.country) for e in later} >= {("PER", "CHL")}


def test_object_pronoun_takes_the_person_named_before(coder: Coder) -> None:
    text = (
        "Ines Moreau, France's foreign minister, arrived in Rome on Monday. "
        "The Italian president hosted her at the Quirinale palace."
    )
    later = [e for e in events_of(coder, text) if e.sentence_index == 1]
    assert any(e.target.code == "FRAGOV" and e.target.text == "her" for e in later)


def test_it_takes_the_whole_subject_phrase_as_coded(coder: Coder) -> None:
    text = (
        "The Chilean Defence Ministry said Peruvian troops had crossed the border. "
        "It accused Lima of provocation."
    )
    events = events_of(coder, text)
    first = {e.source.code for e in events if e.sentence_index == 0 and e.source.country == "CHL"}
    later = [e for e in events if e.sentence_index == 1 and e.source.text == "It"]
    assert later and first and all(e.source.code in first for e in later)
    assert all(e.source.sector is not None for e in later)


def test_surname_mislabelled_by_the_parser_is_the_person_met_before(coder: Coder) -> None:
    text = (
        "Iran's Foreign Minister Reza Qarabaghi met Chinese officials in Beijing. "
        "Qarabaghi criticised Washington over its sanctions."
    )
    later = [e for e in events_of(coder, text) if e.sentence_index == 1]
    assert any(e.source.code == "IRNGOV" and e.target.country == "USA" for e in later)


def test_the_north_is_the_korea_the_document_named(coder: Coder) -> None:
    text = (
        "North Korea launched a rocket on Monday. "
        "Seoul's defence ministry condemned the North's launch as a provocation."
    )
    later = [e for e in events_of(coder, text) if e.sentence_index == 1]
    assert any(e.source.country == "KOR" and e.target.country == "PRK" for e in later)


def test_a_plural_office_is_shared_by_both_countries_it_is_from(coder: Coder) -> None:
    # the parser joins "the Netherlands" to "ministers", not to "Brazil"
    events = events_of(
        coder, "The trade ministers from Brazil and the Netherlands met in Brasilia."
    )
    sides = {(e.source.code, e.target.code, e.cameo) for e in events}
    assert sides == {("BRAGOV", "NLDGOV", "040")}


def test_a_country_beside_officials_stays_the_state(coder: Coder) -> None:
    events = events_of(coder, "Chinese officials and Japan discussed the dispute.")
    assert all(e.target.code == "JPN" for e in events if e.target.country == "JPN")


def test_heads_of_state_of_several_countries_are_their_governments(coder: Coder) -> None:
    events = events_of(coder, "The heads of state of Kenya and Tanzania met in Arusha.")
    assert {(e.source.code, e.target.code, e.cameo) for e in events} == {
        ("KENGOV", "TZAGOV", "040")
    }


def test_a_delegation_takes_its_members_office(coder: Coder) -> None:
    events = events_of(coder, "An Indian delegation of former diplomats met Pakistani scholars.")
    assert {(e.source.code, e.cameo) for e in events} == {("INDELI", "040")}


def test_the_supplement_knows_officials_of_recent_years(coder: Coder) -> None:
    text = "Araghchi held talks with Ishaq Dar in Islamabad on Tuesday."
    events = events_of(coder, text, published="2025-02-04")
    assert ("IRN", "GOV", "PAK", "04") in pairs(events)


def test_a_seat_of_government_named_alone_is_its_government(coder: Coder) -> None:
    events = events_of(coder, "The State Department criticised Eritrea on Friday.")
    assert ("USA", "GOV", "ERI", "11") in pairs(events)


def test_her_country_in_what_she_said_is_her_state(coder: Coder) -> None:
    text = "Chile's foreign minister told reporters that her country would expel Peru's envoy."
    events = events_of(coder, text)
    assert any(e.source.country == "CHL" and e.source.text == "her country" for e in events)


def test_a_state_detains_its_own_people_unless_another_country_is_named(coder: Coder) -> None:
    home = events_of(coder, "Egyptian police on Sunday detained a blogger and two activists.")
    assert ("EGY", "COP", "EGY", "17") in pairs(home)
    dual = events_of(coder, "Egyptian police detained a dual national on Sunday.")
    assert ("EGY", "COP", "EGY", "17") in pairs(dual)
    named = events_of(
        coder, "Egyptian police detained a dual national who also holds Canadian citizenship."
    )
    assert {e.target.country for e in named} == {"CAN"}


def test_a_victim_named_without_a_country_is_not_the_state_that_consoles(coder: Coder) -> None:
    text = "Canada offered its condolences to the families of the victims."
    assert not [e for e in events_of(coder, text) if e.target.country == "CAN"]


def test_a_titled_person_of_no_stated_country_speaks_for_the_text_s_country(
    coder: Coder,
) -> None:
    text = (
        "Indian troops returned fire after Pakistani shelling in Kashmir on Monday, the Indian "
        "army said. Army spokesman Arvind Kelkar accused Pakistan of violating the ceasefire."
    )
    events = events_of(coder, text)
    assert [e.source.country for e in events if e.sentence_index == 1] == ["IND"]


def test_the_supplement_knows_india_s_foreign_ministry_by_its_initials(coder: Coder) -> None:
    events = events_of(coder, "An MEA spokesperson criticised Nepal on Thursday.")
    assert ("IND", "GOV", "NPL", "11") in pairs(events)
    events = events_of(coder, "Azeri troops shelled Armenian positions overnight.")
    assert {e.source.country for e in events} == {"AZE"}


def test_the_minister_is_the_last_minister_not_the_last_official(coder: Coder) -> None:
    text = (
        "Japanese Foreign Minister Hideo Tanabe summoned the Chinese ambassador on Monday over "
        "the patrol boats. The minister protested the intrusion into Japanese waters."
    )
    events = events_of(coder, text)
    assert {e.source.country for e in events if e.sentence_index == 1} == {"JPN"}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Swedish diplomats met Iranian officials in Oman.", "SWE"),
        ("Nepali officials met Indian diplomats in Kathmandu.", "NPL"),
        ("Kazakh officials met Chinese diplomats in Astana.", "KAZ"),
    ],
)
def test_nationality_adjectives_phoenix_lacks_name_their_state(
    coder: Coder, text: str, country: str
) -> None:
    assert country in {e.source.country for e in events_of(coder, text)}


def test_cities_of_recent_wars_name_their_state(coder: Coder) -> None:
    events = events_of(coder, "Russian forces shelled Kherson overnight.")
    assert ("RUS", "MIL", "UKR", "19") in pairs(events)


def test_the_pronoun_us_is_not_the_united_states(coder: Coder) -> None:
    events = events_of(coder, "Brazil's president said it was essential for us to cooperate.")
    assert not [e for e in events if "USA" in (e.source.country, e.target.country)]
    events = events_of(coder, "Brazil asked the US to cooperate.")
    assert ("BRA", None, "USA", "02") in pairs(events)


def test_the_three_countries_are_the_three_named_together(coder: Coder) -> None:
    text = (
        "Ghana, Togo and Benin have argued over the border crossings for months. The leaders "
        "of the three countries signed an agreement in Accra on Monday."
    )
    events = events_of(coder, text)
    met = {frozenset((e.source.country, e.target.country)) for e in events if e.sentence_index}
    assert met == {frozenset(p) for p in (("GHA", "TGO"), ("GHA", "BEN"), ("TGO", "BEN"))}


def test_a_region_named_with_america_is_not_the_united_states(coder: Coder) -> None:
    text = (
        "Chinese President Xi Jinping visited Peru and Chile last week. Officials said Xi's "
        "Latin American tour had gone well. On Monday, Xi met the Brazilian president."
    )
    events = events_of(coder, text)
    assert not [e for e in events if "USA" in (e.source.country, e.target.country)]
    assert ("CHN", "BRA") in {(e.source.country, e.target.country) for e in events}


def test_namibia_is_a_state_a_later_role_only_phrase_can_belong_to(coder: Coder) -> None:
    text = "Namibia has been hit by a drought this year. The government criticised Angola."
    assert ("NAM", "GOV", "AGO", "11") in pairs(events_of(coder, text))


def test_a_people_s_government_is_their_own_unless_named(coder: Coder) -> None:
    events = events_of(coder, "Thousands of Kenyan students protested against the government.")
    assert ("KEN", "EDU", "KEN", "14") in pairs(events)
    events = events_of(coder, "Kenyan students protested against the Ugandan government.")
    assert {e.target.country for e in events} == {"UGA"}


def test_the_statement_speaks_for_whoever_issued_it(coder: Coder) -> None:
    text = (
        "In a sharply worded statement, the Kenyan foreign ministry called the raid a "
        'provocation. "We condemn Somalia for sheltering the gunmen," the statement said.'
    )
    events = events_of(coder, text)
    assert ("KEN", "GOV", "SOM", "11") in pairs(events)
    assert [e.source.text for e in events if e.sentence_index == 1] == ["the statement"]


def test_an_office_holder_known_only_from_context_is_a_pronouns_antecedent(
    coder: Coder,
) -> None:
    text = (
        "Chile and Peru traded accusations on Monday. "
        "Interior Ministry spokesman Gen. Anselmo Quiroga Vidal accused Peru of arming "
        "smugglers. Later he criticised Peru again."
    )
    events = events_of(coder, text)
    later = [e for e in events if e.source.text == "he"]
    assert later and later[0].source.country is not None


def test_a_title_inside_a_dictionary_name_serves_a_later_description(coder: Coder) -> None:
    text = (
        "Secretary-General Ban Ki-moon urged restraint from Sudan and South Sudan. "
        '"The Secretary-General condemns the shelling of civilians," his office said.'
    )
    events = events_of(coder, text, published="2012-04-20")
    later = [e for e in events if e.sentence_index == 1]
    assert later and all(e.source.country == "IGO" or e.source.code.startswith("IGO")
                         for e in later)  # fmt: skip


def test_both_sides_as_object_are_the_pair_named_before(coder: Coder) -> None:
    text = (
        "Fighting flared between Armenia and Azerbaijan overnight. "
        "The European Union urged both sides to return to talks."
    )
    targets = {e.target.country for e in events_of(coder, text) if e.sentence_index == 1}
    assert {"ARM", "AZE"} <= targets


def test_a_director_of_a_department_is_that_departments_official(coder: Coder) -> None:
    events = events_of(coder, "The director of the Treasury Department criticised Iran.")
    assert ("USA", "GOV", "IRN", "11") in pairs(events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an official named by office alone ("The MEA official") is a later "he"
        (
            "The MEA official said on Monday that the border talks had stalled. "
            "He accused Pakistan of bad faith.",
            ("IND", "GOV", "PAK", "11"),
        ),
        # "its X" in a that-clause belongs to whoever the clause is said by
        (
            "The Chinese coast guard acknowledged its ships fired on Philippine boats.",
            ("CHN", "MIL", "PHL", "19"),
        ),
    ],
)
def test_a_reference_takes_the_actor_the_sentence_links_it_to(
    coder: Coder, text: str, expected: tuple[str, str, str, str]
) -> None:
    assert expected in pairs(events_of(coder, text))


def test_both_nations_named_long_after_the_pair_are_the_pair_the_text_is_about(
    coder: Coder,
) -> None:
    text = (
        "Ghana and Togo agreed on Tuesday to reopen their shared border.\n\n"
        "The decision follows months of quiet diplomacy by Ghana, officials in Accra said. "
        "Traders in Lome welcomed the news. Ghana's markets were quiet on Wednesday. "
        "Officials of both nations will meet in Accra next month."
    )
    meetings = [e for e in events_of(coder, text) if e.cameo[:2] == "04"]
    # officials of both: government on both sides; a meeting is mutual, coded once
    assert {(e.source.code, e.target.code) for e in meetings} & {
        ("GHAGOV", "TGOGOV"),
        ("TGOGOV", "GHAGOV"),
    }


def test_a_hyphenated_pair_of_states_names_both(coder: Coder) -> None:
    events = events_of(coder, "Pakistan criticised the India-US nuclear deal on Monday.")
    assert {e.target.country for e in events} == {"IND", "USA"}
    dateline = events_of(coder, "KABUL - Afghan officials criticised Pakistan on Monday.")
    assert {e.source.country for e in dateline} == {"AFG"}


def test_a_pronoun_in_a_clause_on_a_noun_is_not_that_noun(coder: Coder) -> None:
    # the subject of the clause around the noun ...
    text = (
        "Brazil's foreign ministry condemned the blockade, which it called an act of "
        "aggression by Venezuela."
    )
    assert ("BRA", "GOV", "VEN", "04") in pairs(events_of(coder, text, published="2023-03-10"))
    # ... or, in "X's claim that he ...", the possessor
    text = (
        "In reply to Russian President Vladimir Putin's claim that he wanted peace talks "
        "with Ukraine, Kyiv accused Moscow of lying."
    )
    events = events_of(coder, text, published="2023-03-10")
    assert any(
        (e.source.country, e.target.country) == ("RUS", "UKR") and e.cameo[0] == "0" for e in events
    )


def test_him_in_a_subordinate_clause_is_the_main_clauses_person(coder: Coder) -> None:
    from tieline.coding.syntax import DocumentContext, SentenceActors, object_pronoun_ref

    doc = coder.nlp(
        "Prime Minister Narendra Modi returned home after a trip that took him to Japan."
    )
    sent = next(iter(doc.sents))
    words = [t.text.upper() for t in sent]
    # a fresh context: nobody registered yet, so only the parse can tell who "him" is
    actors = SentenceActors(sent, words, coder.actors, "2023-03-10", DocumentContext())
    him = next(t for t in sent if t.lower_ == "him")
    refs = object_pronoun_ref(actors, [him.i - sent.start], None)
    assert [r.code[:3] for r in refs] == ["IND"]


def test_a_name_after_a_closed_list_is_the_next_verbs_subject(coder: Coder) -> None:
    text = (
        "Amid the border dispute between Armenia and Azerbaijan, Iran on Tuesday launched "
        "a scathing attack on Baku."
    )
    events = events_of(coder, text)
    assert events and {(e.source.country, e.cameo) for e in events} == {("IRN", "111")}


def test_a_resolved_he_continues_the_chain(coder: Coder) -> None:
    # the second "He" is Macron again, not Li Qiang, the object of the sentence before
    text = (
        "French President Emmanuel Macron arrived in Beijing on Wednesday. He met Premier Li "
        "Qiang at the Great Hall of the People. He then criticised Russia over the war in "
        "Ukraine."
    )
    critics = {p for p in pairs(events_of(coder, text, published="2023-04-06")) if p[2] == "RUS"}
    assert critics == {("FRA", "GOV", "RUS", "11")}


def test_a_person_named_before_is_a_target_before_a_place(coder: Coder) -> None:
    text = (
        "Zambian Foreign Minister Mulambo Haimbe flew to Luanda on Monday. The next day, "
        "the Chinese envoy called on Mr Haimbe in Lusaka, his spokesman said."
    )
    calls = [e for e in events_of(coder, text) if e.source.country == "CHN"]
    assert calls and all(e.target.sector == "GOV" for e in calls)


def test_it_is_a_subject_named_before_and_a_finite_conjunct_joins_the_sayer(
    coder: Coder,
) -> None:
    text = (
        "The Greek foreign ministry protested the incursion of Turkish jets. It said Ankara "
        "must respect international law and summoned the Turkish ambassador."
    )
    summons = [e for e in events_of(coder, text, published="2022-05-04") if e.cameo == "114"]
    assert summons and {(e.source.country, e.target.country) for e in summons} == {("GRC", "TUR")}


def test_the_north_and_the_south_by_their_counterpart(coder: Coder) -> None:
    text = "North Korea has dismissed an offer of talks from the South as insincere."
    assert {(e.source.country, e.target.country) for e in events_of(coder, text)} == {
        ("PRK", "KOR")
    }
    text = (
        "South Korean troops fired warning shots after the North sent soldiers across the border."
    )
    assert ("KOR", "MIL", "PRK", "19") in pairs(events_of(coder, text))


def test_armed_men_are_from_where_they_crossed_from(coder: Coder) -> None:
    text = "Israeli soldiers killed militants who crossed the border from Lebanon, the army said."
    targets = {(e.target.country, e.target.sector) for e in events_of(coder, text)}
    assert targets == {("LBN", "REB")}


def resolutions(coder: Coder, text: str) -> set[tuple[str, str]]:
    """(actor text, how it was resolved) of every produced event's target and source."""
    from tieline.coding.explain import explain_documents

    doc = Document(id="t", body=text, published="2024-03-05")
    out: set[tuple[str, str]] = set()
    for record in explain_documents(coder, [doc]):
        for sentence in record["sentences"]:
            for event in sentence["events"]:
                evidence = event["evidence"]
                out.add((event["target"]["text"], evidence["target_resolved"]))
                out.add((event["source"]["text"], evidence["source_resolved"]))
    return out


def test_the_envoy_is_the_ambassador_met_before(coder: Coder) -> None:
    text = (
        "Kenya summoned the Somali ambassador on Monday. Nairobi accused the envoy of "
        "interfering, a Kenyan official said."
    )
    assert ("the envoy", "description met earlier") in resolutions(coder, text)


def test_a_bare_body_noun_before_an_office_is_the_body_met_before(coder: Coder) -> None:
    text = (
        "Iran's foreign ministry condemned the sanctions. A ministry spokesman accused "
        "Washington of economic terrorism."
    )
    assert ("A ministry spokesman", "description met earlier") in resolutions(coder, text)


def test_the_administration_is_the_us_government_in_a_text_naming_the_us(coder: Coder) -> None:
    text = (
        "Iraq's parliament criticised Washington on Tuesday. Baghdad has long traded with "
        "Tehran. The administration last month imposed sanctions on Iran's central bank."
    )
    assert ("USA", "GOV", "IRN", "16") in pairs(events_of(coder, text))


def test_both_sides_keep_the_sector_of_the_forces_named_together(coder: Coder) -> None:
    text = (
        "Thousands of Indian and Pakistani troops face off along the border. Both sides "
        "exchanged fire on Monday, an officer said."
    )
    fights = {p for p in pairs(events_of(coder, text)) if p[3] == "19"}
    assert fights == {("IND", "MIL", "PAK", "19"), ("PAK", "MIL", "IND", "19")}


def test_the_chief_of_an_international_organisation_holds_its_executive_office(
    coder: Coder,
) -> None:
    text = (
        "U.N. chief Ban Ki-moon called on Israel to exercise restraint. The secretary-general "
        "later criticised Hamas."
    )
    sources = {(e.source.country, e.source.sector) for e in events_of(coder, text, "2014-07-20")}
    assert sources == {("IGOUNO", "GOV")}


def test_the_group_is_the_organisation_named_before(coder: Coder) -> None:
    text = "The Taliban attacked a police post. The group later said it had killed ten policemen."
    assert ("AFG", "REB") in {
        (e.source.country, e.source.sector)
        for e in events_of(coder, text, "2021-05-01")
        if e.sentence_index == 1
    }


def test_state_media_are_media(coder: Coder) -> None:
    text = "North Korean state media criticised South Korea."
    assert ("PRK", "MED", "KOR", "11") in pairs(events_of(coder, text))


def test_officers_meeting_with_no_partner_meet_their_counterparts(coder: Coder) -> None:
    text = (
        "India and China held talks in June. Senior commanders have been meeting regularly, "
        "the ministry said."
    )
    meetings = [e for e in events_of(coder, text, "2020-07-01") if e.sentence_index == 1]
    assert meetings and all(
        (e.source.sector, e.target.sector, e.cameo[:2]) == ("MIL", "MIL", "04") for e in meetings
    )


def test_across_the_border_is_the_other_side(coder: Coder) -> None:
    text = (
        "India and Pakistan traded fire on Monday. Indian troops shelled villages across the "
        "border, a Pakistani official said."
    )
    shelling = [e for e in events_of(coder, text, "2020-05-01") if e.cameo[:2] == "19"]
    assert ("IND", "PAK") in {(e.source.country, e.target.country) for e in shelling}
    text = (
        "Pakistan and India traded fire. Pakistani officials said the army was attacked by "
        "militants from across the border."
    )
    attackers = {(e.source.country, e.source.sector) for e in events_of(coder, text)}
    assert ("IND", "REB") in attackers


def test_a_bracket_after_a_pronoun_picks_its_member_of_the_pair(coder: Coder) -> None:
    text = (
        "Indian and Chinese troops clashed in the valley. They (Chinese) tried to change the "
        "status quo and attacked Indian posts, the spokesman added."
    )
    later = [e for e in events_of(coder, text) if e.sentence_index == 1 and e.cameo == "190"]
    assert later and {(e.source.country, e.source.sector) for e in later} == {("CHN", "MIL")}


def test_on_the_x_side_gives_an_official_its_country(coder: Coder) -> None:
    text = (
        "Pakistani troops fired on Afghan posts overnight. On the Afghan side, Defense "
        "Ministry spokesman Gen. Ahmad Rahimi accused Pakistani forces of shelling villages."
    )
    accusations = [e for e in events_of(coder, text) if e.cameo.startswith("11")]
    assert accusations and {e.source.country for e in accusations} == {"AFG"}


def test_a_named_group_is_not_the_organisation_named_before(coder: Coder) -> None:
    text = (
        "Hamas fired rockets at Israel on Monday. The Adani group signed a port deal with "
        "Israel on Tuesday."
    )
    assert all(e.source.country != "PSE" for e in events_of(coder, text) if e.sentence_index == 1)


def test_a_modified_chief_is_no_secretary_general(coder: Coder) -> None:
    text = (
        "NATO Secretary-General Jens Stoltenberg visited Kyiv. The police chief criticised Russia."
    )
    later = [e for e in events_of(coder, text) if e.sentence_index == 1]
    assert later and all(not e.source.country.startswith("IGO") for e in later)


def test_a_state_speaking_after_its_body_spoke_is_that_body(coder: Coder) -> None:
    text = (
        "Turkey's military said its jets had struck Kurdish militants in northern Iraq on "
        "Sunday. Turkey said it destroyed 20 targets of the PKK."
    )
    later = [e for e in events_of(coder, text) if e.sentence_index == 1]
    assert later and {(e.source.country, e.source.sector) for e in later} == {("TUR", "MIL")}


def test_a_states_unknown_body_takes_its_sector_from_its_name(coder: Coder) -> None:
    text = "Lebanon's Supreme Defence Council condemned the Israeli strikes."
    assert ("LBN", "GOV", "ISR", "11") in pairs(events_of(coder, text))


def test_the_countries_are_the_states_just_listed(coder: Coder) -> None:
    text = "Germany and France criticised Russia on Monday. The nations expelled Russian diplomats."
    expulsions = [e for e in events_of(coder, text) if e.cameo == "174"]
    assert {e.source.country for e in expulsions} == {"DEU", "FRA"}
    text = (
        "Germany and France criticised Russia on Monday. The countries of the region "
        "expelled Russian diplomats."
    )
    assert not any(e.cameo == "174" and e.source.country == "DEU" for e in events_of(coder, text))


def test_an_acronym_means_the_organisation_spelled_out_before(coder: Coder) -> None:
    text = (
        "The Armed Forces of the Philippines condemned the attack. The AFP accused China of "
        "harassment."
    )
    later = [e for e in events_of(coder, text) if e.sentence_index == 1]
    assert ("PHL", "MIL") in {(e.source.country, e.source.sector) for e in later}
    text = "Agence France-Presse reported the clash. Pakistan told AFP that India had fired first."
    assert all(e.source.country != "FRA" for e in events_of(coder, text))


def test_one_actor_named_twice_is_no_joint_act(coder: Coder) -> None:
    # "coast guard and navy" are one state's forces: their target is not dropped as the
    # topic of a joint act, and "what they called X" names the object
    events = events_of(
        coder,
        "Japan's coast guard and navy condemned what they called the Chinese ships' "
        "repeated intrusions.",
    )
    assert ("JPN", "MIL", "CHN", "11") in pairs(events)


def test_what_it_called_names_the_object(coder: Coder) -> None:
    events = events_of(
        coder, "Vietnam condemned what it described as Beijing's illegal survey in its waters."
    )
    criticism = [e for e in events if e.cameo == "111"]
    assert [(e.target.country, e.target.text) for e in criticism] == [("CHN", "Beijing")]


def test_subject_stranded_by_a_dateline(coder: Coder) -> None:
    # the parser makes "MANILA" the root and the ministry's verb a clause on it
    events = events_of(
        coder,
        "MANILA, Philippines — The country's coast guard condemned what it called "
        "dangerous manoeuvres by Chinese vessels.",
    )
    assert {(e.source.country, e.cameo, e.target.country) for e in events} == {
        ("PHL", "111", "CHN")
    }


def test_each_other_is_the_other_side_of_the_pair(coder: Coder) -> None:
    events = events_of(
        coder,
        "Indian Foreign Minister S. Jaishankar met Chinese Foreign Minister Wang Yi in Moscow "
        'on Thursday. "We spoke to each other very frankly," Jaishankar said.',
    )
    second = {(e.source.country, e.target.country) for e in events if e.sentence_index == 1}
    assert second == {("IND", "CHN")}
