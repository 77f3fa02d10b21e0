"""What happened: event nouns, clause meaning and the supplement's codebook fixes.

Sentences written for the tests, in wire-news wording.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from tieline import Coder
from tieline.coding.clauses import specialise
from tieline.model import Document, Event


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def coded(coder: Coder, text: str) -> set[tuple[str | None, str, str | None, str]]:
    events: list[Event] = coder.code_text(text, published="2024-05-02").events
    return {(e.source.country, e.cameo, e.target.country, e.modality) for e in events}


def events_in(coder: Coder, text: str, published: str) -> list[Event]:
    """The events of one text published on a given day."""
    return coder.code_text(text, published=published).events


def test_talks_between_two_states_are_mutual_negotiations(coder: Coder) -> None:
    out = coded(coder, "Talks between Norway and Colombia were held in Oslo on Tuesday.")
    talks = {e for e in out if e[1] == "046"}
    assert talks in ({("NOR", "046", "COL", "asserted")}, {("COL", "046", "NOR", "asserted")})


def test_possessive_visit_to_a_country(coder: Coder) -> None:
    out = coded(coder, "Chile's visit to Peru ended a long chill.")
    assert ("CHL", "042", "PER", "asserted") in out


def test_light_verb_sanctions_name_source_and_target(coder: Coder) -> None:
    out = coded(coder, "Canada imposed fresh sanctions on Belarus on Monday.")
    assert ("CAN", "163", "BLR", "asserted") in out


def test_light_verb_the_lemmatiser_gets_wrong(coder: Coder) -> None:
    # spaCy's small English model lemmatises "staged" as "stag"
    out = coded(coder, "Ethiopia staged air strikes on Eritrean army bases at dawn.")
    assert ("ETH", "195", "ERI", "asserted") in out


def test_its_in_reported_speech_is_the_speakers(coder: Coder) -> None:
    out = coded(coder, "Armenia's army said Azerbaijani forces shelled its positions overnight.")
    assert any(s == "AZE" and t == "ARM" and c.startswith("19") for s, c, t, _ in out)


def test_their_after_an_earlier_conjunct_is_that_conjuncts(coder: Coder) -> None:
    text = (
        "Somali officials said armed men abducted four foreign engineers "
        "and their two pilots near Mogadishu."
    )
    out = coded(coder, text)
    assert not any(t == "SOM" and c.startswith("18") for _, c, t, _ in out)


def test_resorting_to_fire_is_the_firing(coder: Coder) -> None:
    noun = coded(coder, "Eritrean troops resorted to heavy artillery fire on Ethiopian posts.")
    gerund = coded(coder, "Eritrean troops resorted to shelling Ethiopian border posts.")
    assert any(s == "ERI" and t == "ETH" and c.startswith("19") for s, c, t, _ in noun)
    assert any(s == "ERI" and t == "ETH" and c.startswith("19") for s, c, t, _ in gerund)


def test_the_firing_of_a_minister_is_no_attack(coder: Coder) -> None:
    out = coded(coder, "Kenya condemned the firing of Uganda's defence minister.")
    assert not any(c.startswith("19") for _, c, _, _ in out)


def test_sent_troops_are_an_increase_of_forces_too(coder: Coder) -> None:
    assert ("BLR", "154", "LTU", "asserted") in coded(
        coder, "Belarus sent troops to Lithuania's border."
    )


def test_sending_troops_increases_armed_forces(coder: Coder) -> None:
    out = coded(coder, "Russia deployed thousands of extra troops near Estonia's border.")
    assert ("RUS", "154", "EST", "asserted") in out
    kept = coded(coder, "Ghana sent peacekeepers to Mali.")
    assert any(c.startswith("03") or c.startswith("07") for _, c, _, _ in kept)


def test_the_goal_of_an_intention_is_no_event(coder: Coder) -> None:
    text = "Chile stands ready to work with Bolivia to expand cooperation and boost trade."
    out = coded(coder, text)
    assert {c[:2] for _, c, _, _ in out} == {"03"}


def test_a_raid_on_non_combatants_is_no_exchange_of_fire(coder: Coder) -> None:
    text = "Al-Shabaab suicide bombers stormed a Kenyan university campus on Saturday."
    events = coder.code_text(text, published="2024-05-02").events
    assert any(e.target.code == "KENEDU" and e.cameo.startswith("19") for e in events)
    assert not any(e.source.code == "KENEDU" for e in events)


def test_a_killing_that_follows_a_raid_shares_its_target(coder: Coder) -> None:
    text = "Al-Shabaab suicide bombers attacked a Kenyan army base, killing four soldiers."
    out = coded(coder, text)
    assert any(t == "KEN" and c.startswith("18") for _, c, t, _ in out)


def test_a_nationality_before_a_place_noun_names_the_place(coder: Coder) -> None:
    text = "Gunmen killed six Kenyan teachers in the Somali capital on Sunday."
    out = coded(coder, text)
    assert any(s == "SOM" and t == "KEN" for s, _, t, _ in out)


def test_an_event_noun_described_by_a_light_verb_participle(coder: Coder) -> None:
    out = coded(coder, "The embargo imposed by Canada on Belarus was lifted in June.")
    assert any(s == "CAN" and t == "BLR" and c == "163" for s, c, t, _ in out)


def test_a_ban_imposed_is_a_sanction_not_the_verbs_default(coder: Coder) -> None:
    out = coded(coder, "Kenya imposed a ban on Ugandan sugar imports.")
    assert {c for _, c, _, _ in out} == {"163"}


def test_the_place_struck_is_the_target_of_a_strike(coder: Coder) -> None:
    out = coded(coder, "Turkish jets carried out air strikes in northern Iraq on Sunday.")
    assert any(s == "TUR" and t == "IRQ" and c == "195" for s, c, t, _ in out)


def test_a_command_post_exercise_is_military(coder: Coder) -> None:
    out = coded(coder, "The Philippine and Japanese navies began a command post exercise.")
    assert any(c == "062" for _, c, _, _ in out)


def test_what_a_denial_denies_is_no_event(coder: Coder) -> None:
    out = coded(coder, "Belarus denied that it had sent troops to Ukraine.")
    assert not any(c.startswith(("06", "15")) for _, c, _, _ in out)


def test_a_pattern_word_deep_inside_the_object_does_not_count(coder: Coder) -> None:
    text = "Kenya announced an inquiry into an assault on a Red Cross aid convoy near Somalia."
    out = coded(coder, text)
    assert not any(c.startswith("03") for _, c, _, _ in out)


def test_meeting_during_which_one_side_asked_the_other(coder: Coder) -> None:
    out = coded(
        coder, "The Kenyan president asked his Ugandan counterpart, during a meeting in Kampala, "
        "to reopen the border.",
    )  # fmt: skip
    assert any(s == "KEN" and c.startswith("04") and t == "UGA" for s, c, t, _ in out)


def test_no_talks_are_negated(coder: Coder) -> None:
    out = coded(coder, "There were no talks between Armenia and Turkey last year.")
    assert all(m == "negated" for s, c, t, m in out if c == "046")


def test_urging_a_withdrawal_is_an_appeal_for_de_escalation(coder: Coder) -> None:
    out = coded(coder, "Vietnam urged China to withdraw its survey ship from the area.")
    assert ("VNM", "0256", "CHN", "asserted") in out
    assert not any(c.startswith("087") for _, c, _, _ in out)  # the withdrawal did not happen


def test_said_must_is_the_speakers_demand(coder: Coder) -> None:
    out = coded(coder, "Ethiopia said Egypt must withdraw its troops.")
    assert ("ETH", "1056", "EGY", "asserted") in out
    assert not any(s == "EGY" for s, _, _, _ in out)


def test_demand_that_clause_is_a_demand_not_an_appeal(coder: Coder) -> None:
    out = coded(coder, "Serbia demanded that Kosovo release the detained police officers.")
    assert any(s == "SRB" and c.startswith("105") and t == "XKX" for s, c, t, _ in out)


def test_diplomatic_protest_to_a_government_is_an_official_complaint(coder: Coder) -> None:
    out = coded(coder, "Japan protested to South Korea over the island visit.")
    assert ("JPN", "114", "KOR", "asserted") in out


def test_withdrawing_from_an_accord_reduces_relations(coder: Coder) -> None:
    out = coded(coder, "Washington withdrew from the nuclear accord with Tehran.")
    assert any(c.startswith("16") for _, c, _, _ in out)
    assert not any(c.startswith("087") for _, c, _, _ in out)


def test_specialise_follows_the_codebooks_shared_last_digits() -> None:
    assert specialise("020", "0874") == "0256"
    assert specialise("100", "0841") == "1053"
    assert specialise("030", "046") == "036"
    assert specialise("020", "070") == "023"
    assert specialise("110", "046") == "110"  # criticism has no such family


def test_claimed_event_is_reported_and_the_claim_an_accusation(coder: Coder) -> None:
    out = coded(coder, "Greece claimed that Turkey had violated its airspace.")
    assert ("GRC", "112", "TUR", "asserted") in out
    assert all(m == "reported" for s, c, t, m in out if s == "TUR")


def test_attack_noun_subject_gives_the_code_and_its_victims(coder: Coder) -> None:
    out = coded(coder, "Russian air strikes killed twelve Syrians near Idlib.")
    assert ("RUS", "195", "SYR", "asserted") in out
    assert not any(c.startswith("18") for _, c, _, _ in out)


def test_passive_takes_its_agent_from_the_attack(coder: Coder) -> None:
    out = coded(coder, "Nine civilians were killed in a Turkish drone strike in northern Iraq.")
    assert any(s == "TUR" and t == "IRQ" and c.startswith("19") for s, c, t, _ in out)


def test_a_noun_with_a_participle_is_the_patient(coder: Coder) -> None:
    out = coded(coder, "Oman asked for the release of a British sailor detained in Iran.")
    assert not any(s == "GBR" for s, _, _, _ in out)


def test_joint_military_exercises_are_mutual_cooperation(coder: Coder) -> None:
    out = coded(coder, "The Indian and French navies began joint military exercises on Monday.")
    drills = {e for e in out if e[1] == "062"}  # one event, whichever side comes first
    assert drills in ({("IND", "062", "FRA", "asserted")}, {("FRA", "062", "IND", "asserted")})


def test_agreeing_to_a_ceasefire_codes_the_ceasefire(coder: Coder) -> None:
    out = coded(coder, "Armenia and Azerbaijan agreed to a ceasefire on Saturday.")
    assert ("ARM", "0871", "AZE", "asserted") in out  # codebook: declare truce, ceasefire
    assert not any(c.startswith("05") for _, c, _, _ in out)


def test_telling_someone_to_act_is_a_demand(coder: Coder) -> None:
    out = coded(coder, "Ukraine told Russia to withdraw its troops from the plant.")
    assert ("UKR", "1056", "RUS", "asserted") in out
    assert not any(s == "RUS" for s, _, _, _ in out)


def test_would_after_a_past_verb_of_saying_is_future(coder: Coder) -> None:
    out = coded(coder, "Canada said it would impose sanctions on Venezuela.")
    assert ("CAN", "163", "VEN", "future") in out


def test_according_to_marks_the_event_reported(coder: Coder) -> None:
    out = coded(coder, "According to local media, Turkish police detained two Greek journalists.")
    assert all(m == "reported" for _, c, _, m in out if c.startswith("17"))
    assert out


def test_talks_held_without_parties_are_the_pair_named_before(coder: Coder) -> None:
    text = (
        "Delegations of Serbia and Kosovo arrived in Brussels. The talks were held over two days."
    )
    events = coder.code_text(text, published="2024-05-02").events
    later = {(e.source.country, e.target.country) for e in events if e.sentence_index == 1}
    assert later in ({("SRB", "XKX")}, {("XKX", "SRB")})  # one event: talks are mutual


def test_a_deal_only_mentioned_is_no_event(coder: Coder) -> None:
    text = "Greece and Turkey met in Athens. Critics downplayed the new deal."
    events = coder.code_text(text, published="2024-05-02").events
    assert not any(e.sentence_index == 1 for e in events)


def test_the_one_who_invited_hosts_the_visit(coder: Coder) -> None:
    out = coded(coder, "The Cambodian king visited Hanoi at the invitation of Vietnam's president.")
    assert ("VNM", "043", "KHM", "asserted") in out


def test_light_verb_takes_its_object_nouns_finer_code(coder: Coder) -> None:
    events = coder.code_text("Chile and Peru conducted joint naval drills.").events
    assert {e.cameo for e in events} == {"062"}


def test_subject_hung_on_the_auxiliary_across_an_aside(coder: Coder) -> None:
    out = coded(coder, "Peru has, however, firmly rejected the proposal from Chile.")
    assert ("PER", "120", "CHL", "asserted") in out


def test_subject_parsed_as_a_compound_of_the_weekday(coder: Coder) -> None:
    out = coded(coder, "Chile Monday recalled its ambassador from Peru.")
    assert ("CHL", "161", "PER", "asserted") in out


def test_hosting_talks_between_two_others_is_hosting(coder: Coder) -> None:
    out = coded(coder, "Norway hosted talks between Sudan and Chad.")
    assert {("NOR", "043", "SDN", "asserted"), ("NOR", "043", "TCD", "asserted")} <= out


def test_handing_over_ships_is_military_aid(coder: Coder) -> None:
    out = coded(coder, "India handed over two patrol ships to Sri Lanka on Monday.")
    assert ("IND", "072", "LKA", "asserted") in out


def test_demanding_wanted_men_be_handed_over_is_a_demand_for_cooperation(coder: Coder) -> None:
    out = coded(coder, "Kenya demanded that Somalia hand over ten wanted men.")
    assert any(s == "KEN" and c.startswith("10") and t == "SOM" for s, c, t, _ in out)


def test_handing_over_prisoners_releases_them(coder: Coder) -> None:
    out = coded(coder, "Kenya handed over twelve Somali prisoners to Somalia.")
    assert ("KEN", "0841", "SOM", "asserted") in out


def test_repudiating_a_statement_is_a_rejection(coder: Coder) -> None:
    assert ("CHL", "120", "PER", "asserted") in coded(
        coder, "Chile repudiated a statement issued by Peru."
    )


def test_rubbishing_claims_is_a_denial(coder: Coder) -> None:
    out = coded(coder, "The Pakistani army rubbished the claims by India.")
    assert ("PAK", "016", "IND", "asserted") in out


def test_downgrading_relations_reduces_them(coder: Coder) -> None:
    out = coded(coder, "Ghana downgraded its diplomatic relations with Togo.")
    assert ("GHA", "161", "TGO", "asserted") in out


def test_engaging_a_counterpart_is_consulting_and_engaging_troops_fighting(coder: Coder) -> None:
    out = coded(coder, "The Nigerian foreign minister engaged his Ghanaian counterpart on trade.")
    assert ("NGA", "040", "GHA", "asserted") in out
    out = coded(coder, "The Kenyan army engaged Somali militants near the border.")
    assert ("KEN", "190", "SOM", "asserted") in out


def test_renewing_an_agreement_signs_it(coder: Coder) -> None:
    out = coded(coder, "Chile renewed its fishing agreement with Peru.")
    assert ("CHL", "057", "PER", "asserted") in out


def test_issuing_a_warning_threatens_and_a_protest_complains(coder: Coder) -> None:
    assert ("CHL", "130", "PER", "asserted") in coded(
        coder, "Chile issued a stern warning to Peru on Monday."
    )
    assert ("GHA", "114", "TGO", "asserted") in coded(
        coder, "Ghana issued a formal protest to Togo."
    )


def test_thanks_and_appreciation_are_praise(coder: Coder) -> None:
    out = coded(coder, "Kenya extended its thanks to Uganda for the help.")
    assert ("KEN", "051", "UGA", "asserted") in out
    out = coded(coder, "Peru expressed its appreciation to Chile.")
    assert ("PER", "051", "CHL", "asserted") in out


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        ("Cambodia said Thai troops had shelled Cambodian villages.", "KHM", "THA"),
        ("Kenya said Somali militants had attacked Kenyan police.", "KEN", "SOM"),
        ("The United Nations said Sudanese forces had killed civilians in Darfur.", "IGO", "SDN"),
    ],
)
def test_saying_that_another_used_force_is_an_accusation(
    coder: Coder, text: str, accuser: str, accused: str
) -> None:
    out = coded(coder, text)
    accusations = {(s, t, m) for s, c, t, m in out if c == "112"}
    assert accusations and all(s and s.startswith(accuser) for s, _, _ in accusations)
    assert {t for _, t, _ in accusations} == {accused}
    assert all(m == "asserted" for _, _, m in accusations)
    force = [m for s, c, _, m in out if s == accused and c[:2] in {"18", "19", "20"}]
    assert force == ["reported"]  # the attack is the accuser's account
    assert not any(c.startswith("01") for _, c, _, _ in out)  # no statement beside it


def test_saying_what_one_did_is_the_act_alone(coder: Coder) -> None:
    out = coded(coder, "China said it had closed the border crossing with Nepal.")
    assert {c[:2] for _, c, _, _ in out} == {"19"}
    assert all(m == "asserted" and s == "CHN" for s, _, _, m in out)


def test_witnesses_accuse_nobody(coder: Coder) -> None:
    out = coded(coder, "Witnesses said Israeli jets struck targets in Gaza.")
    assert ("ISR", "195", "PSE", "asserted") in out
    assert not any(c == "112" for _, c, _, _ in out)


def test_a_state_detaining_its_own_citizens_is_two_sides(coder: Coder) -> None:
    assert ("IRN", "173", "IRN", "asserted") in coded(
        coder, "Iran detained two Iranian journalists on Tuesday."
    )
    assert ("BLR", "173", "BLR", "asserted") in coded(
        coder, "Belarus arrested dozens of opposition activists in Minsk."
    )


def test_a_country_meeting_its_own_people_is_no_event(coder: Coder) -> None:
    # only force and coercion set a state against its own people; "Iran" and "Iranian
    # students" are otherwise one side
    assert not any(
        s == t for s, _, t, _ in coded(coder, "Iran praised Iranian students on Tuesday.")
    )


def test_a_meeting_as_the_setting_of_an_appeal_joins_its_two_parties(coder: Coder) -> None:
    # the target is found through "her counterpart, Gabriel Boric", which only the verb
    # resolves: the meeting takes the appeal's two parties
    out = coded(
        coder,
        "The Peruvian president has asked her counterpart, Gabriel Boric, during a meeting "
        "in Santiago on Friday, to ease controls at the border.",
    )
    assert ("PER", "040", "CHL", "asserted") in out
    assert any(s == "PER" and c.startswith("02") and t == "CHL" for s, c, t, _ in out)


def test_cooperating_is_one_mutual_event(coder: Coder) -> None:
    out = coded(coder, "Chinese police and Vietnamese border guards cooperated along the frontier.")
    assert len({(s, t) for s, c, t, _ in out if c.startswith("05")}) == 1


def test_telling_the_press_is_no_event(coder: Coder) -> None:
    out = coded(
        coder, "Chile's foreign minister told Reuters that relations with Peru were improving."
    )
    assert not any(c.startswith("01") for _, c, _, _ in out)


PAIR_TEXT = (
    "Relations between Japan and Russia have cooled over the Kuril Islands. On Monday, Japan "
    "expelled two Russian diplomats over an espionage case. Russia's foreign ministry said "
    "the move was unfriendly. Moscow imposed sanctions on Tuesday."
)


def test_an_act_without_a_target_in_a_text_about_a_pair_aims_at_the_other(coder: Coder) -> None:
    events = coder.code_text(PAIR_TEXT, published="2024-05-02").events
    last = {(e.source.country, e.cameo, e.target.country) for e in events if e.sentence_index == 3}
    assert last == {("RUS", "163", "JPN")}
    said = [e for e in events if e.sentence_index == 2]
    assert not said  # a statement is not aimed at the pair by default


def test_a_reported_act_without_a_target_aims_at_the_other_state_too(coder: Coder) -> None:
    text = (
        "Relations between Armenia and Azerbaijan have soured over the corridor. On Friday, "
        "the Armenian defence ministry said its troops had shelled the positions overnight."
    )
    events = coder.code_text(text, published="2024-05-02").events
    last = {(e.source.country, e.cameo[:2], e.target.country) for e in events if e.sentence_index}
    assert ("ARM", "19", "AZE") in last
    denied = text.replace("had shelled", "had not shelled")
    events = coder.code_text(denied, published="2024-05-02").events
    assert not [e for e in events if e.sentence_index]  # a denied act is aimed at no one


def test_no_pair_no_target(coder: Coder) -> None:
    text = (
        "Japan, Russia and China held talks in Beijing. China spoke first. Japan and China "
        "then argued. Moscow imposed sanctions on Tuesday."
    )
    events = coder.code_text(text, published="2024-05-02").events
    assert not [e for e in events if e.sentence_index == 3]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China is willing to work with India on climate finance.", ("CHN", "032", "IND")),
        ("France stands ready to help Lebanon.", ("FRA", "033", "LBN")),
        ("Japan is ready to hold talks with Russia.", ("JPN", "036", "RUS")),
    ],
)
def test_readiness_to_act_is_an_asserted_intention(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    out = coded(coder, text)
    assert out == {(*expected[:2], expected[2], "asserted")}  # the intention, one side only


def test_a_decision_by_a_state_to_act_is_that_states_act(coder: Coder) -> None:
    out = coded(coder, "The move by China to impose sanctions on Lithuania drew criticism.")
    assert ("CHN", "163", "LTU", "asserted") in out


def test_a_plan_to_act_is_a_future_act(coder: Coder) -> None:
    out = coded(coder, "Japan's plan to impose sanctions on Russia was announced on Friday.")
    assert out == {("JPN", "163", "RUS", "future")}


@pytest.mark.parametrize(
    "text",
    [
        "Iran declined to meet with American officials.",
        "Sisi would not meet with Netanyahu.",
        "North Korea will not hold talks with the United States.",
    ],
)
def test_refusing_to_meet_is_one_asserted_refusal(coder: Coder, text: str) -> None:
    out = coded(coder, text)
    assert len(out) == 1
    ((source, code, target, modality),) = out
    assert (code, modality) == ("125", "asserted") and source != target


def test_not_having_signed_is_no_refusal(coder: Coder) -> None:
    out = coded(coder, "China did not sign the agreement with India.")
    assert ("CHN", "057", "IND", "negated") in out
    assert not any(c.startswith("12") for _, c, _, _ in out)


def test_critical_remarks_about_a_state_criticise_it(coder: Coder) -> None:
    assert ("FRA", "111", "DZA", "asserted") in coded(
        coder, "Macron made critical remarks about Algeria last week."
    )
    assert not coded(coder, "The president made remarks about Chile.")  # not critical


@pytest.mark.parametrize(
    "text",
    [
        "India and Pakistan held a Track-2 dialogue in Islamabad.",
        "China and Japan held Track II talks in Tokyo.",
    ],
)
def test_a_track_two_dialogue_is_between_unofficial_channels(coder: Coder, text: str) -> None:
    events = coder.code_text(text, published="2024-05-02").events
    assert events and all(
        e.source.sector == "ELI" and e.target.sector == "ELI" and e.cameo == "046" for e in events
    )


def test_official_talks_stay_between_the_states(coder: Coder) -> None:
    (event,) = coder.code_text("India and Pakistan held talks in Islamabad.").events
    assert (event.source.sector, event.target.sector) == (None, None)


def test_they_is_the_pair_of_the_sentence_before_its_subject(coder: Coder) -> None:
    text = (
        "The foreign ministers of Peru and Chile met in Quito on Monday on the sidelines of a "
        "meeting between the ministers of Ecuador and Brazil. They agreed to resume talks on "
        "the maritime border."
    )
    events = coder.code_text(text, published="2024-05-02").events
    later = {(e.source.country, e.cameo, e.target.country) for e in events if e.sentence_index}
    assert later == {("PER", "036", "CHL"), ("CHL", "036", "PER")}  # each side's intention


def test_ceasing_fire_is_a_ceasefire_not_fighting(coder: Coder) -> None:
    out = coded(coder, "The decision by Armenia and Azerbaijan to stop fighting was welcomed.")
    assert {c for _, c, _, _ in out} == {"0871"}
    agreed = coded(coder, "India and Pakistan agreed to cease firing along the border.")
    assert agreed and all(c == "0356" for _, c, _, _ in agreed)  # intent to de-escalate


def hand_parsed(coder: Coder, rows: list[tuple[str, int, str, str, str, str]]) -> list[Event]:
    """Code a one-sentence parse given token by token: (word, head, dep, pos, tag, lemma)."""
    words, heads, deps, pos, tags, lemmas = (list(col) for col in zip(*rows, strict=True))
    doc = Doc(
        coder.nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
        lemmas=lemmas, sent_starts=[True] + [False] * (len(words) - 1),
    )  # fmt: skip
    return coder.code_parsed(doc, Document(id="t", body=doc.text, published="2024-05-02"))


def test_a_list_of_subjects_the_parser_split_acts_as_one_list(coder: Coder) -> None:
    # the parse the small English model gives to long lists of titled names: the first two
    # members both hang on the verb as subjects, the third is a conjunct of the second
    events = hand_parsed(coder, [
        ("Ethiopia", 5, "nsubj", "PROPN", "NNP", "Ethiopia"),
        (",", 0, "punct", "PUNCT", ",", ","),
        ("Egypt", 5, "nsubj", "PROPN", "NNP", "Egypt"),
        ("and", 2, "cc", "CCONJ", "CC", "and"),
        ("Sudan", 2, "conj", "PROPN", "NNP", "Sudan"),
        ("held", 5, "ROOT", "VERB", "VBD", "hold"),
        ("talks", 5, "dobj", "NOUN", "NNS", "talk"),
        ("in", 5, "prep", "ADP", "IN", "in"),
        ("Khartoum", 7, "pobj", "PROPN", "NNP", "Khartoum"),
        (".", 5, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    pairs = {frozenset((e.source.country, e.target.country)) for e in events}
    assert pairs == {frozenset(p) for p in (("ETH", "EGY"), ("ETH", "SDN"), ("EGY", "SDN"))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile's foreign minister is on a three-day visit to Argentina.", ("CHL", "04", "ARG")),
        ("Azerbaijan responded with artillery fire on Armenian positions.", ("AZE", "19", "ARM")),
    ],
)
def test_an_event_noun_in_a_manner_phrase_is_the_subject_s_act(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    out = coded(coder, text)
    assert expected in {(s, c[:2], t) for s, c, t, _ in out}


def test_a_state_act_in_the_passive_is_the_announcing_state_s(coder: Coder) -> None:
    out = coded(coder, "Three Swedish diplomats were expelled, the Iranian foreign ministry said.")
    assert {(s, c[:2], t) for s, c, t, _ in out} == {("IRN", "17", "SWE")}
    # a killing announced by an army is not thereby the army's: violence keeps its agent
    assert not coded(coder, "Ten Syrian soldiers were killed, the Turkish army said.")


def test_wanting_another_state_to_act_is_an_appeal_to_it(coder: Coder) -> None:
    out = coded(coder, "Berlin wants Warsaw to lift its ban on Ukrainian grain.")
    assert {(s, c[:2], t) for s, c, t, _ in out if s == "DEU"} == {("DEU", "02", "POL")}
    assert not [e for e in out if e[0] == "POL" and e[1][:2] == "08"]  # no lifting happened
    out = coded(coder, "Venezuela wants to invade Guyana.")
    assert len(out) == 1 and not [e for e in out if e[1][:2] == "19"]  # the wish, not an attack


def test_speakers_who_announce_their_own_attack_neither_fight_nor_accuse_each_other(
    coder: Coder,
) -> None:
    out = coded(coder, "Kenya and Ethiopia said they will attack Somali pirates.")
    between = [e for e in out if {e[0], e[2]} == {"KEN", "ETH"}]
    assert not between
    assert {(s, c[:2], t, m) for s, c, t, m in out} >= {("KEN", "19", "SOM", "future")}


def test_a_list_of_states_parsed_as_an_apposition_is_still_a_list(coder: Coder) -> None:
    # the small model's parse of "Chile, Peru, and Bolivia met": Peru an apposition of
    # Chile, Bolivia a conjunct of Peru
    events = hand_parsed(coder, [
        ("Chile", 6, "nsubj", "PROPN", "NNP", "Chile"),
        (",", 0, "punct", "PUNCT", ",", ","),
        ("Peru", 0, "appos", "PROPN", "NNP", "Peru"),
        (",", 2, "punct", "PUNCT", ",", ","),
        ("and", 2, "cc", "CCONJ", "CC", "and"),
        ("Bolivia", 2, "conj", "PROPN", "NNP", "Bolivia"),
        ("met", 6, "ROOT", "VERB", "VBD", "meet"),
        ("on", 6, "prep", "ADP", "IN", "on"),
        ("Monday", 7, "pobj", "PROPN", "NNP", "Monday"),
        (".", 6, "punct", "PUNCT", ".", "."),
    ])  # fmt: skip
    pairs = {frozenset((e.source.country, e.target.country)) for e in events}
    assert pairs == {frozenset(p) for p in (("CHL", "PER"), ("CHL", "BOL"), ("PER", "BOL"))}


def test_an_act_by_which_or_after_which_the_subject_acts_is_coded(coder: Coder) -> None:
    out = coded(coder, "Kenya responded by expelling two Somali diplomats.")
    assert ("KEN", "17", "SOM") in {(s, c[:2], t) for s, c, t, _ in out}
    out = coded(coder, "After meeting the Thai prime minister, Cambodia's leader praised him.")
    assert ("KHM", "04", "THA") in {(s, c[:2], t) for s, c, t, _ in out}


def test_a_state_s_protest_is_diplomatic_its_people_s_is_in_the_street(coder: Coder) -> None:
    out = coded(coder, "Seoul protested by summoning the Japanese ambassador.")
    assert {c for s, c, t, _ in out if (s, t) == ("KOR", "JPN")} == {"114"}
    out = coded(coder, "Thousands of Koreans marched outside the embassy to protest Japan's move.")
    assert not [c for s, c, t, _ in out if c == "114"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Britain sanctioned four Belarusian officials on Monday.", ("GBR", "163", "BLR")),
        ("Hanoi lambasted Beijing over the survey ship.", ("VNM", "111", "CHN")),
        ("The EU penalised Poland over the court reform.", ("IGOEUREEC", "172", "POL")),
        ("Japan expressed support for the Philippines.", ("JPN", "051", "PHL")),
    ],
)
def test_verbs_cameo_2_lacks(coder: Coder, text: str, expected: tuple[str, str, str]) -> None:
    events = coder.code_text(text, published="2024-05-02").events
    assert expected in {(e.source.code, e.cameo, e.target.country) for e in events}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany's aid to Moldova doubled last year.", ("DEU", "07", "MDA")),
        ("Japan's apology to South Korea was welcomed in Seoul.", ("JPN", "05", "KOR")),
        ("Russia's warning to Finland came on Monday.", ("RUS", "13", "FIN")),
        ("Egypt's blockade of Gaza continued.", ("EGY", "19", "PSE")),
        ("Iran's arrest of a French tourist drew criticism.", ("IRN", "17", "FRA")),
    ],
)
def test_nouns_of_giving_and_saying_are_events(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in {(s, c[:2], t) for s, c, t, _ in coded(coder, text)}


def test_cooperation_named_as_a_topic_is_no_event(coder: Coder) -> None:
    text = "The ministers discussed cooperation between Vietnam and Laos."
    assert not [e for e in coded(coder, text) if e[1][:2] == "06"]


def test_an_event_noun_harms_only_what_a_harming_verb_names(coder: Coder) -> None:
    out = coded(coder, "The Egyptian blockade of Gaza surprised Jordan.")
    assert not [e for e in out if (e[0], e[2]) == ("EGY", "JOR")]


def test_a_noun_event_without_a_target_in_a_pair_text_aims_at_the_other(coder: Coder) -> None:
    text = (
        "Relations between Serbia and Kosovo have soured over the border. Serbia made new "
        "threats on Monday."
    )
    events = coder.code_text(text, published="2024-05-02").events
    last = {(e.source.country, e.cameo[:2], e.target.country) for e in events if e.sentence_index}
    assert last == {("SRB", "13", "XKX")}


def test_a_particle_word_heading_its_own_phrase_is_no_particle(coder: Coder) -> None:
    out = coded(coder, "Iran fired three missiles off its southern coast toward Israel.")
    assert not [e for e in out if e[1][:2] == "11"]  # no "fired off" criticism
    out = coded(coder, "Chile fired off a protest to Peru.")
    assert [e for e in out if e[1][:2] == "11" and e[2] == "PER"]


def test_those_who_died_are_the_victims_of_the_agent_that_killed_them(coder: Coder) -> None:
    events = events_in(
        coder,
        "Armenia said two of its soldiers died in an attack by Azerbaijani forces.",
        "2022-09-14",
    )
    violent = [(e.source.country, e.target.country) for e in events if e.cameo[:2] == "19"]
    assert violent == [("AZE", "ARM")]


def test_a_claim_about_ones_own_course_accuses_nobody(coder: Coder) -> None:
    events = events_in(
        coder,
        "Vietnam and China each claim they will not use force in the dispute.",
        "2016-07-12",
    )
    assert not [e for e in events if e.cameo.startswith("112")]
    events = coder.code_text(
        "Vietnam claimed that China had rammed its fishing boats.", published="2016-07-12"
    ).events
    assert ("VNM", "CHN", "112") in {(e.source.country, e.target.country, e.cameo) for e in events}


@pytest.mark.parametrize(
    "second",
    [
        # the office's own of-phrase names no country: the next one does
        "The move followed talks between the directors of customs of both countries.",
        # the parser hangs "of both countries" on the talks themselves
        "The move followed talks between the Commissioners of Customs (CoC’s) of both countries.",
    ],
)
def test_talks_of_officials_of_both_countries_are_between_the_pair(
    coder: Coder, second: str
) -> None:
    text = "Ghana and Togo reopened their shared border on Tuesday. " + second
    events = events_in(coder, text, "2024-03-05")
    talks = {(e.source.country, e.target.country) for e in events if e.sentence_index == 1}
    assert talks & {("GHA", "TGO"), ("TGO", "GHA")}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Myanmar freed 40 detainees from Thailand on Friday.", "0841"),
        ("Ethiopia turned down an offer of talks from Egypt.", "125"),
        ("Serbia put the blame on Kosovo for the clashes.", "112"),
        ("Iran claimed responsibility for the strike on Israel.", "015"),
        ("Russia supplied weapons to Venezuela last year.", "072"),
        ("Chinese troops left the disputed area near India.", "0874"),
        ("Russia and Ukraine agreed to an extension of the grain deal.", "057"),
    ],
)
def test_common_acts_take_their_codebook_codes(coder: Coder, text: str, code: str) -> None:
    assert code in {e.cameo for e in events_in(coder, text, "2023-03-10")}


def test_one_act_of_conjoined_actors_of_one_state_is_one_event(coder: Coder) -> None:
    events = events_in(
        coder,
        "Somali gunmen and suicide bombers stormed a Kenyan police post on Friday.",
        "2023-03-10",
    )
    attacks = [e for e in events if (e.source.country, e.target.country) == ("SOM", "KEN")]
    assert len(attacks) == 1 and attacks[0].cameo[:2] == "19"


def test_two_acts_of_one_root_stay_two_events(coder: Coder) -> None:
    events = events_in(
        coder,
        "The U.S. Coast Guard seized a Mexican fishing boat and detained its five crewmen.",
        "2023-03-10",
    )
    assert {"1711", "173"} <= {e.cameo for e in events}


def test_what_the_accused_is_said_to_have_done_is_reported(coder: Coder) -> None:
    events = events_in(
        coder,
        "Armenia accused Azerbaijan of shelling its border villages on Tuesday.",
        "2022-09-14",
    )
    got = {(e.source.country, e.target.country, e.cameo[:2], e.modality) for e in events}
    assert ("ARM", "AZE", "11", "asserted") in got
    assert ("AZE", "ARM", "19", "reported") in got


def test_it_after_an_accusation_is_the_accuser(coder: Coder) -> None:
    events = events_in(
        coder,
        "Bahrain's foreign ministry accused Doha of funding militants as it announced "
        "the closure of its airspace to Qatari flights.",
        "2017-06-05",
    )
    assert all(e.source.country != "QAT" for e in events if e.cameo[:2] != "19")


def test_a_release_is_asked_of_whoever_holds_the_person(coder: Coder) -> None:
    events = events_in(
        coder,
        "Oman asked for the release of a British sailor detained in Iran.",
        "2023-03-10",
    )
    assert [(e.source.country, e.target.country, e.cameo) for e in events] == [
        ("OMN", "IRN", "0253")
    ]


@pytest.mark.parametrize(
    ("text", "code", "pair"),
    [
        ("India called off its talks with Pakistan on Friday.", "164", ("IND", "PAK")),
        ("Modi postponed his visit to Washington.", "160", ("IND", "USA")),
        ("The summit between Japan and South Korea was cancelled.", "160", ("JPN", "KOR")),
    ],
)
def test_a_called_off_meeting_is_a_halt_not_a_meeting(
    coder: Coder, text: str, code: str, pair: tuple[str, str]
) -> None:
    events = events_in(coder, text, "2023-06-19")
    assert [((e.source.country, e.target.country), e.cameo) for e in events] == [(pair, code)]


def test_an_event_n_months_before_the_main_clause_is_dated_then(coder: Coder) -> None:
    events = events_in(
        coder,
        "Kenya and Somalia restored ties on Monday, four months after Somalia expelled "
        "Kenya's ambassador.",
        "2021-05-10",
    )
    expelled = [e for e in events if e.cameo[:2] == "17"]
    restored = [e for e in events if e.cameo[:2] != "17"]
    assert restored and all(e.date.start == "2021-05-10" for e in restored)
    assert expelled and expelled[0].date.start == "2021-01-01"
    assert expelled[0].date.precision == "month"


def test_a_side_clause_act_goes_to_the_pair_the_text_established(coder: Coder) -> None:
    text = (
        "Ethiopia signed a port deal with the breakaway region of Somaliland on Monday. "
        "Somalia and Ethiopia have long disagreed over access to the sea. "
        "The Somali government convened an emergency session on Tuesday, rejecting the deal."
    )
    got = {
        (e.source.country, e.target.country, e.cameo) for e in events_in(coder, text, "2024-01-03")
    }
    assert ("SOM", "ETH", "120") in got
    alone = "The Somali government convened an emergency session on Tuesday, rejecting the deal."
    assert not [e for e in events_in(coder, alone, "2024-01-03") if e.cameo == "120"]


def test_a_quarrel_is_verbal_not_physical(coder: Coder) -> None:
    events = events_in(
        coder, "Somalia and Ethiopia have long quarrelled over the sea.", "2024-01-03"
    )
    assert events and {e.cameo[:2] for e in events} == {"11"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pattern's tight words pass over an article: "(IN FIREFIGHT)", "in a firefight"
        (
            "Indian troops engaged in a firefight with Pakistani soldiers near the border.",
            {("IND", "193", "PAK")},
        ),
        # "A wants to V" is A's own intention, not an appeal
        ("Japan wants to help Ukraine rebuild its power grid.", {("JPN", "033", "UKR")}),
        # conjoined protesters protest where they are, not against each other
        (
            "Kenyan and Ugandan students staged a protest in Beijing.",
            {("KEN", "141", "CHN"), ("UGA", "141", "CHN")},
        ),
        # a passive's subject fills the pattern's object: "PRESENT * EVIDENCE"
        ("Evidence of sabotage by Russia was presented by Norway.", {("NOR", "1124", "RUS")}),
        # a claim of one's own attack is a claim of responsibility
        ("Hezbollah claimed that it had attacked an Israeli army post.", {("LBN", "015", "ISR")}),
        # force fired, in the passive, from a place comes from that place
        ("A rocket was fired at Israel from Lebanon on Sunday.", {("LBN", "183", "ISR")}),
        # assurances received from someone are the giver's
        ("Serbia received assurances from the European Union.", {("IGOEUR", "030", "SRB")}),
        # pressure "from" someone is not the other party's
        ("Obama faces pressure from Congress to help Iran.", set()),
    ],
)
def test_newswire_constructions(
    coder: Coder, text: str, expected: set[tuple[str, str, str]]
) -> None:
    events = events_in(coder, text, "2014-08-10")
    got = {(e.source.country or "", e.cameo, e.target.country or "") for e in events}
    assert got == expected


def test_a_name_several_people_share_takes_the_role_held_on_the_date(coder: Coder) -> None:
    events = events_in(coder, "President Bush met Chinese President Hu Jintao.", "2008-08-10")
    assert events and events[0].source.code == "USAGOV"  # George W., not H. W. (USAELI)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Kyrgyz veterans asked their Uzbek counterparts to help with the release of "
            "Kyrgyz citizens.",
            "0253",
        ),
        ("Macron urged Lebanese Prime Minister Najib Mikati to undertake urgent reforms.", "024"),
        ("The EU urged Serbia to work towards a ceasefire with Kosovo.", "0256"),
    ],
)
def test_an_appeal_is_for_the_aim_a_support_verb_carries(
    coder: Coder, text: str, code: str
) -> None:
    assert code in {e.cameo for e in events_in(coder, text, "2021-09-24")}


def test_a_conversation_hung_on_the_subject_is_its_verbs_setting(coder: Coder) -> None:
    text = (
        "The Prime Minister, Dr Manmohan Singh, in a conversation with the Bangladeshi "
        "Premier, Sheikh Hasina, on June 5, had conveyed that India was ready to do more to "
        "assist the neighbouring country."
    )
    got = {
        (e.source.country, e.cameo, e.target.country) for e in events_in(coder, text, "2011-06-07")
    }
    assert ("IND", "040", "BGD") in got or ("BGD", "040", "IND") in got


def test_a_scathing_attack_is_criticism_not_force(coder: Coder) -> None:
    events = events_in(coder, "Turkey launched a scathing attack on Greece.", "2023-03-10")
    assert events and {e.cameo[:2] for e in events} == {"11"}


def test_a_threat_is_coded_by_what_it_threatens_and_nothing_else(coder: Coder) -> None:
    assert coded(coder, "Turkey threatened to impose sanctions on Syria.") == {
        ("TUR", "1312", "SYR", "asserted")
    }
    assert coded(coder, "The United States threatened Iran with new sanctions.") == {
        ("USA", "1312", "IRN", "asserted")
    }
    assert coded(coder, "China threatened to cut diplomatic ties with Lithuania.") == {
        ("CHN", "1313", "LTU", "asserted")
    }
    # the troops were not sent: no 15x/19x event beside the threat of force
    assert coded(coder, "Turkey threatened to send troops into Syria.") == {
        ("TUR", "138", "SYR", "asserted")
    }


def test_declining_to_confirm_is_declining_comment_and_no_claim(coder: Coder) -> None:
    out = coded(
        coder, "The Philippine government declined to confirm that China had seized the vessel."
    )
    assert out == {("PHL", "011", "CHN", "asserted")}
    out = coded(coder, "The British embassy refused to say whether it had contacted Iran.")
    assert out == {("GBR", "011", "IRN", "asserted")}


def test_both_states_of_a_hyphenated_pair_are_targets(coder: Coder) -> None:
    out = coded(coder, "China criticised the US-Japanese military exercises near Taiwan.")
    assert {e[2] for e in out} == {"USA", "JPN"}


def test_a_fronted_place_is_the_setting_not_the_target(coder: Coder) -> None:
    out = coded(coder, "In Berlin, the French president criticised Russia for the attack.")
    assert out == {("FRA", "111", "RUS", "asserted")}


def test_determined_to_act_is_an_intention_to_do_that_act(coder: Coder) -> None:
    out = coded(
        coder, "Mikati told Macron that he was determined to implement reforms as soon as possible."
    )
    assert {e[1] for e in out} == {"034"}


def test_troops_entering_another_states_territory_occupy_it(coder: Coder) -> None:
    assert ("RUS", "192", "UKR", "asserted") in coded(
        coder, "Russian troops entered Ukrainian territory on Monday."
    )


def test_a_measured_interval_after_a_dated_thing_shifts_the_date(coder: Coder) -> None:
    events = events_in(
        coder,
        "The United States cut diplomatic relations with Iran a year after the 1979 revolution.",
        "2024-05-02",
    )
    assert [(e.cameo[:2], e.date.start[:4]) for e in events] == [("16", "1980")]


def test_a_yearless_day_falls_in_the_year_the_paragraph_tells_of(coder: Coder) -> None:
    text = (
        "The February 2019 bombing in Kashmir worsened relations further. India retaliated "
        "by launching air strikes on camps in Pakistan on February 26."
    )
    events = [e for e in events_in(coder, text, "2021-03-12") if e.source.country == "IND"]
    assert events and {e.date.start for e in events} == {"2019-02-26"}


def test_a_retaliatory_strike_by_a_state_is_force_against_the_other(coder: Coder) -> None:
    assert ("ISR", "190", "LBN", "asserted") in coded(
        coder, "Israel launched retaliatory strikes on Lebanon."
    )
    assert all(e[1][:2] != "19" for e in coded(coder, "Workers staged a general strike in Paris."))


def test_giving_assent_is_agreeing(coder: Coder) -> None:
    out = coded(coder, "Egypt gave its quiet assent to the terms proposed by Qatar.")
    assert {e[1] for e in out} == {"030"}


def test_asking_a_diplomat_to_leave_is_expelling_him(coder: Coder) -> None:
    assert ("IND", "161", "CAN", "asserted") in coded(
        coder, "India asked a senior Canadian diplomat to leave the country within five days."
    )
    assert {e[1] for e in coded(coder, "Japan asked China to return the islands.")} == {"020"}


def test_a_generic_office_of_a_branch_takes_its_sector(coder: Coder) -> None:
    text = (
        "India and Pakistan agreed to a ceasefire. The decision came after talks between "
        "the Director Generals of Military Operations of both countries."
    )
    events = events_in(coder, text, "2021-02-26")
    assert any((e.source.sector, e.target.sector, e.cameo) == ("MIL", "MIL", "046") for e in events)


def test_a_counted_event_noun_takes_its_light_verb(coder: Coder) -> None:
    out = coded(coder, "Israel launched a wave of air strikes on Gaza.")
    assert ("ISR", "195", "PSE", "asserted") in out
    out = coded(coder, "The Japanese minister held a number of meetings with Chinese officials.")
    assert any(e[0] == "JPN" and e[1] == "040" and e[2] == "CHN" for e in out)


def test_a_trip_that_took_someone_somewhere_is_their_visit(coder: Coder) -> None:
    out = coded(
        coder, "The trip that brought Chinese President Xi Jinping to Brazil lasted five days."
    )
    assert ("CHN", "042", "BRA", "asserted") in out


def test_a_handshake_between_two_leaders_is_a_meeting(coder: Coder) -> None:
    text = (
        "The summit opened with a handshake between Chinese President Xi Jinping and "
        "Japanese Prime Minister Shinzo Abe."
    )
    meetings = {(e[0], e[2]) for e in coded(coder, text) if e[1] == "040"}
    assert meetings and meetings <= {("CHN", "JPN"), ("JPN", "CHN")}


def test_ports_closed_in_the_passive_are_the_announcing_states_act(coder: Coder) -> None:
    out = coded(coder, "Egyptian ports will be closed to Qatari ships, Egypt said.")
    assert ("EGY", "191", "QAT", "future") in out


def test_calling_something_unacceptable_is_criticism_not_a_phone_call(coder: Coder) -> None:
    assert coded(coder, "Tokyo called the Chinese incursion unacceptable.") == {
        ("JPN", "111", "CHN", "asserted")
    }
    assert coded(coder, "Erdogan called Sweden a safe haven for terrorists.") == set()


def test_a_verdict_misparsed_as_a_clause_is_still_a_verdict(coder: Coder) -> None:
    # the parser reads "the US move" as "the US (to) move": the verdict is still criticism
    assert coded(coder, "China called the US move a provocation.") == {
        ("CHN", "111", "USA", "asserted")
    }
    assert ("RUS", "020", "UKR", "asserted") in coded(
        coder, "Moscow called on Kyiv to move troops away from the border."
    )


def test_refraining_from_an_act_negates_it(coder: Coder) -> None:
    out = coded(coder, "So far, Japan has refrained from criticising Beijing over the incident.")
    assert ("JPN", "111", "CHN", "negated") in out
    assert ("TUR", "111", "ISR", "asserted") in coded(
        coder, "Turkey did not refrain from condemning Israel."
    )


def test_coordinated_verbs_share_their_subject_past_the_climbing_limit(coder: Coder) -> None:
    text = (
        "Chile and Peru agreed to a fisheries pact, stated plans to resume border talks on "
        "Aug. 15, set up a liaison office in Tacna, halted patrols along the coast and began "
        "the process to connect their railways."
    )
    connect = [e for e in events_in(coder, text, "2024-05-02") if e.verb == "connect"]
    assert connect and {e.source.country for e in connect} <= {"CHL", "PER"}
    assert all(e.date.start != "2024-08-15" for e in connect)


def test_co_hyphenated_verbs_are_one_word(coder: Coder) -> None:
    doc = coder.nlp("The two states have been co-operating against the militants.")
    word = next(t for t in doc if t.lower_.startswith("co"))
    assert (word.text, word.lemma_, word.pos_) == ("co-operating", "cooperate", "VERB")


def test_the_topic_of_a_joint_act_is_no_party_to_it(coder: Coder) -> None:
    text = (
        "Kenya and Uganda released a joint communique on the border deal with Tanzania, "
        "which mediated the accord."
    )
    assert all(e[2] != "TZA" for e in coded(coder, text))
    out = coded(coder, "Egypt and Sudan held joint exercises with Saudi Arabia.")
    assert {e[2] for e in out} == {"SAU"}


def test_facing_off_is_no_meeting(coder: Coder) -> None:
    assert coded(coder, "Indian and Chinese troops faced off along the border in Ladakh.") == set()


def test_adding_is_saying_not_material_cooperation(coder: Coder) -> None:
    assert coded(coder, "Russia added two warships to its fleet near Syria.") == set()
    out = coded(coder, "The minister added that Chile would send aid to Peru.")
    assert {e[1][:2] for e in out} == {"07"}


def test_a_drill_conducted_alone_is_a_show_of_force(coder: Coder) -> None:
    out = coded(coder, "South Korea conducted a live-fire drill near North Korea.")
    assert ("KOR", "150", "PRK", "asserted") in out


def test_warplanes_striking_is_aerial_attack(coder: Coder) -> None:
    out = coded(coder, "Israeli warplanes struck Hamas positions in Gaza.")
    assert {e[1] for e in out} == {"195"}


def test_a_denial_in_a_relative_clause_answers_the_claimant(coder: Coder) -> None:
    out = coded(
        coder, "Armenia said Azerbaijani troops had shelled a border village, which Baku denied."
    )
    assert ("AZE", "016", "ARM", "asserted") in out


def test_designating_a_group_as_terrorist_is_an_accusation(coder: Coder) -> None:
    out = coded(coder, "The United States designated the Houthis as a terrorist organization.")
    assert {(e[0], e[1]) for e in out} == {("USA", "112")}
    assert coded(coder, "The government designated Beijing as its preferred partner.") == set()


def test_departing_from_a_consensus_defies_it_and_saying_so_accuses(coder: Coder) -> None:
    out = coded(
        coder, "India said the Chinese side departed from the consensus reached by the commanders."
    )
    assert {("CHN", "128", "IND", "reported"), ("IND", "112", "CHN", "asserted")} <= out
    assert coded(coder, "The delegation departed from Beijing on Monday.") == set()


def test_returning_to_the_table_is_negotiating(coder: Coder) -> None:
    assert ("PRK", "046", "KOR", "asserted") in coded(
        coder, "North Korea returned to talks with South Korea on Tuesday."
    )


def test_declining_comment_leaves_the_acts_conjoined_with_it(coder: Coder) -> None:
    out = coded(coder, "China declined to comment, but summoned the Japanese ambassador on Monday.")
    assert ("CHN", "114", "JPN", "asserted") in out


def test_a_denial_conjoined_with_a_blame_answers_the_blamer(coder: Coder) -> None:
    out = coded(coder, "Israel blamed Hezbollah for the attack, but Hezbollah denied involvement.")
    assert any(e[1] == "016" and e[2] == "ISR" for e in out)


def test_asking_someone_to_return_to_talks_is_no_expulsion(coder: Coder) -> None:
    out = coded(coder, "Blinken asked his Chinese counterpart to return to the negotiating table.")
    assert all(e[1] != "161" for e in out)
    out = coded(
        coder, "Kenya asked its Somali counterpart to return to Mogadishu for consultations."
    )
    assert ("KEN", "161", "SOM", "asserted") in out


def test_a_finer_interval_after_a_year_invents_no_month(coder: Coder) -> None:
    events = events_in(
        coder, "Iran seized a British tanker two months after the 2019 election.", "2024-05-02"
    )
    assert events and {(e.date.start, e.date.precision) for e in events} == {("2019-01-01", "year")}


def test_a_day_with_this_year_is_not_moved_to_the_narrative_year(coder: Coder) -> None:
    text = (
        "In 2019, India and Pakistan fought a brief war. On February 24 this year, India "
        "accused Pakistan of shelling."
    )
    later = [e for e in events_in(coder, text, "2024-05-02") if e.sentence_index == 1]
    assert later and {e.date.start for e in later} == {"2024-02-24"}


def test_hyphened_force_words_make_a_strike_an_attack(coder: Coder) -> None:
    assert ("IND", "190", "PAK", "asserted") in coded(
        coder, "India launched cross-border strikes on Pakistan."
    )


def test_calling_talks_futile_refuses_them(coder: Coder) -> None:
    out = coded(coder, "Lavrov said further dialogue with Kyiv was futile.")
    assert out == {("RUS", "125", "UKR", "asserted")}
    assert all(e[1] != "125" for e in coded(coder, "Erdogan said talks with Greece were fruitful."))


def test_protesters_storming_an_embassy_riot(coder: Coder) -> None:
    out = coded(coder, "Pakistani protesters attacked the Danish embassy in Islamabad on Monday.")
    assert {e[1] for e in out} == {"145"}
    assert {e[1] for e in coded(coder, "Taliban fighters attacked the Afghan army base.")} != {
        "145"
    }


def test_a_gathering_that_chants_is_a_demonstration(coder: Coder) -> None:
    text = (
        "Thousands of Turks gathered outside the Swedish consulate in Istanbul, chanting slogans."
    )
    assert {e[1] for e in coded(coder, text)} == {"141"}


def test_people_seized_are_abducted(coder: Coder) -> None:
    out = coded(coder, "Somali gunmen seized two Kenyan engineers near the border.")
    assert ("SOM", "181", "KEN", "asserted") in out
    assert {e[1] for e in coded(coder, "Iranian forces seized a British oil tanker.")} == {"171"}


def test_calling_something_useful_praises_it(coder: Coder) -> None:
    assert ("RUS", "051", "FRA", "asserted") in coded(
        coder, "Putin called the talks with Macron useful."
    )


def test_saying_another_state_broke_an_accord_accuses_it_without_a_victim(coder: Coder) -> None:
    # the broken accord is no actor: the statement still accuses the one who broke it
    assert coded(coder, "Serbia said Kosovo had violated the agreement.") == {
        ("SRB", "112", "XKX", "asserted")
    }
    assert coded(coder, "Israel said Hamas had not violated the truce.") == set()
    assert coded(coder, "Pyongyang said it had violated no agreement.") == set()
