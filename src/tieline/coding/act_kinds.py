"""What the participants make an act: protesters' force is a riot, a gathering that
chants is a demonstration, people seized are abducted (CAMEO codebook 145, 141, 181)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tieline.coding.offices import COLLECTIVE_HEADS, PERSON_OFFICES, office_word

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tieline.coding.syntax import ActorRef

RIOT = "145"
# Nouns that name people by their protesting ("protesters", "a mob of rioters").
PROTESTER_WORDS = frozenset(
    "protester protesters demonstrator demonstrators rioter rioters mob mobs".split()
)


def protesters(ref: ActorRef) -> bool:
    """True when an actor's own words name it as protesters ("angry Iranian protesters")."""
    return not PROTESTER_WORDS.isdisjoint(ref.text.lower().split())


SEIZE_PROPERTY = "171"
ABDUCT = "181"
# Nouns for people, who are abducted when they are seized ("seized two engineers").
CAPTIVE_NOUNS = frozenset(
    """
    people person civilian worker soldier hostage foreigner national citizen tourist
    journalist reporter sailor fisherman crew pilot child woman man boy girl student
    activist engineer employee passenger driver colleague missionary villager trooper
    policeman guard businessman doctor nurse teacher priest
    """.split()
)


def takes_people(verb: Token) -> bool:
    """True when what a verb of seizing takes is people: its object, or the subject of
    its passive ("an Indian soldier was captured"), names persons or a group of them."""
    taken = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    for noun in taken:
        if noun.lemma_.lower() in COLLECTIVE_HEADS:
            noun = next((p for c in noun.children if c.dep_ == "prep" for p in c.children), noun)
        if noun.ent_type_ in {"PERSON", "NORP"} or noun.lemma_.lower() in CAPTIVE_NOUNS:
            return True
        if office_word(noun.lemma_.lower()) or noun.lemma_.lower() in PERSON_OFFICES:
            return True
    return False


RALLY = "141"
GATHERING_LEMMAS = frozenset({"gather", "assemble", "converge", "rally", "flock"})
# Acts that make a gathering a protest ("gathered ..., chanting", "gathered to denounce").
PROTESTING_LEMMAS = frozenset(
    {"chant", "shout", "protest", "demonstrate", "denounce", "condemn", "burn", "wave"}
)


def protest_gathering(verb: Token, sources: list[ActorRef]) -> bool:
    """True for a gathering that is a protest (codebook 141 "rally, gather to protest"):
    its people are protesters, or they chant, shout or denounce as they gather."""
    if verb.lemma_.lower() not in GATHERING_LEMMAS:
        return False
    if sources and all(protesters(r) for r in sources):
        return True
    acts = [c for c in verb.children if c.dep_ in {"advcl", "conj", "xcomp"}]
    acts += [c for a in acts for c in a.children if c.dep_ == "conj"]
    return any(a.lemma_.lower() in PROTESTING_LEMMAS for a in acts)


def rioting(code: str | None) -> bool:
    """True for a use of force that protesters' acts make a riot (codebook 145): damage to
    property (171) and unspecified assaults or attacks (180, 190); a specific use of
    force to cause casualties ("launched missiles", 194) stays in 18-19 (codebook 145)."""
    return code is not None and (code.startswith("171") or code in {"180", "190"})
