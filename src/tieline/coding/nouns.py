"""Events expressed by nouns: "talks between A and B", "A's visit to B", "A held talks with
B", "sanctions imposed by A on B", "a phone call between the two leaders".

Real news states many events without an event verb of the dictionary: the verb is light
("hold", "pay", "impose", "sign") or there is none ("talks between India and China were
held in Moscow"). Each rule below finds the participants of an event noun in the parse;
the noun's code is the CAMEO code of the verb it stands for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tieline.coding.clauses import characterisation
from tieline.coding.modality import modality_of
from tieline.coding.syntax import (
    ActorRef,
    accusing_verb,
    clause_verb,
    guessed,
    object_pronoun_ref,
    other_state_of_pair,
)
from tieline.nlp.token_columns import token_columns

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from tieline.coding.coder import RawEvent
    from tieline.coding.syntax import SentenceActors


# How the coder finds a verb's sources (syntax.find_sources), passed in by the coder.
SourceFinder = Callable[["SentenceActors", "Token"], list[ActorRef]]


@dataclass(frozen=True)
class EventNoun:
    """What an event noun stands for: its CAMEO code and whether it is mutual."""

    code: str
    mutual: bool


# lemma -> the event it names (CAMEO codebook: 040 consult, 041 discuss by telephone,
# 042 make a visit, 043 host, 046 negotiate, 057 sign formal agreement, 087 de-escalate,
# 111 criticise, 112 accuse, 130 threaten, 161 reduce diplomatic relations, 163 sanctions,
# 190 use conventional force, 195 air strikes)
EVENT_NOUNS: dict[str, EventNoun] = {
    "talk": EventNoun("046", True),
    "negotiation": EventNoun("046", True),
    "dialogue": EventNoun("046", True),
    "consultation": EventNoun("040", True),
    "meeting": EventNoun("040", True),
    "summit": EventNoun("040", True),
    "visit": EventNoun("042", False),
    "trip": EventNoun("042", False),
    "call": EventNoun("041", True),
    "conversation": EventNoun("040", True),
    "handshake": EventNoun("040", True),  # greetings that only a meeting allows
    "hug": EventNoun("040", True),
    "phone": EventNoun("041", True),
    "agreement": EventNoun("057", True),
    "accord": EventNoun("057", True),
    "pact": EventNoun("057", True),
    "treaty": EventNoun("057", True),
    "deal": EventNoun("057", True),
    "ceasefire": EventNoun("0871", True),  # codebook 0871 "declare truce, ceasefire"
    "truce": EventNoun("0871", True),
    "sanction": EventNoun("163", False),
    "embargo": EventNoun("163", False),
    "ban": EventNoun("163", False),
    "criticism": EventNoun("111", False),
    "remark": EventNoun("111", False),
    "comment": EventNoun("111", False),
    "accusation": EventNoun("112", False),
    "allegation": EventNoun("112", False),
    "threat": EventNoun("130", False),
    "recall": EventNoun("161", False),
    "expulsion": EventNoun("161", False),
    "attack": EventNoun("190", False),
    "offensive": EventNoun("190", False),
    "fighting": EventNoun("190", True),
    "clash": EventNoun("190", True),
    "airstrike": EventNoun("195", False),
    "raid": EventNoun("190", False),
    "shelling": EventNoun("194", False),
    "firing": EventNoun("190", False),
    "fire": EventNoun("190", False),
    "bombardment": EventNoun("194", False),
    "exercise": EventNoun("062", True),
    "drill": EventNoun("062", True),
    # what one side gives, asks or says to the other (070 provide aid, 071 economic aid,
    # 061 economic cooperation, 018 empathetic comment, 055 apologise, 030 express intent,
    # 130 threaten, 111 denounce, 100 demand, 020 appeal); "cooperation" is left out: it
    # is mostly the topic of talks ("discussed cooperation between India and Sri Lanka")
    "aid": EventNoun("070", False),
    "assistance": EventNoun("070", False),
    "loan": EventNoun("071", False),
    "investment": EventNoun("061", False),
    "condolence": EventNoun("018", False),
    "apology": EventNoun("055", False),
    "pledge": EventNoun("030", False),
    "warning": EventNoun("130", False),
    "condemnation": EventNoun("111", False),
    "demand": EventNoun("100", False),
    "appeal": EventNoun("020", False),
    "request": EventNoun("020", False),
    # coercion and force named by a noun (175 repression, 173 arrest, 174 expel or deport,
    # 191 blockade, 186 assassinate, 181 abduct)
    "crackdown": EventNoun("175", False),
    "arrest": EventNoun("173", False),
    "detention": EventNoun("173", False),
    "deportation": EventNoun("174", False),
    "blockade": EventNoun("191", False),
    "assassination": EventNoun("186", False),
    "kidnapping": EventNoun("181", False),
    "abduction": EventNoun("181", False),
}
# Nouns that name an event only with one of these words before them: "joint military
# exercises" (not "the exercise of power"), "air raids", "air strikes".
# Remarks criticise only when the text says so: "critical remarks about Algeria".
CRITICAL_WORDS = frozenset(
    {"critical", "harsh", "hostile", "disparaging", "derogatory", "scathing", "insulting",
     "offensive", "inflammatory", "provocative", "disrespectful", "sharp"}
)  # fmt: skip
# Fire is shooting with these words before it ("heavy mortar fire", "unprovoked firing"),
# not a blaze or a dismissal ("the firing of the minister").
FIRE_WORDS = frozenset(
    {"heavy", "unprovoked", "indiscriminate", "intermittent", "sporadic", "retaliatory",
     "cross-border", "artillery", "mortar", "sniper", "rocket", "gun", "machine", "automatic",
     "weapon", "weapons", "tank", "small", "arms", "naval", "hostile"}
)  # fmt: skip
# Exercises and drills are military with these words before them ("joint naval drills",
# "a command post exercise", "live-fire drills").
MILITARY_EXERCISE_WORDS = frozenset(
    {"joint", "military", "naval", "combined", "war", "air", "command", "post", "live-fire",
     "amphibious", "tactical", "trilateral", "bilateral", "army", "navy", "missile"}
)  # fmt: skip
QUALIFIED_NOUNS = {
    "fire": FIRE_WORDS,
    "firing": FIRE_WORDS,
    "remark": CRITICAL_WORDS,
    "comment": CRITICAL_WORDS,
    "exercise": MILITARY_EXERCISE_WORDS,
    "drill": MILITARY_EXERCISE_WORDS,
}
AERIAL_WORDS = frozenset({"air", "aerial", "drone"})
# "strike" is military with these words before it ("air strikes", "drone strike").
MILITARY_STRIKE_WORDS = frozenset({"air", "drone", "missile", "military", "aerial", "naval"})
STRIKE = EventNoun("195", False)
# ... and an attack by force with these ("a surgical strike", "retaliatory strikes"): 190.
FORCE_STRIKE_WORDS = frozenset(
    {"surgical", "retaliatory", "punitive", "preemptive", "pre-emptive", "cross-border"}
)
# "call" and "phone" name a telephone conversation only with these words around them.
PHONE_WORDS = frozenset(
    {"phone", "telephone", "telephonic", "call", "video", "conversation", "telephoned"}
)
# Light verbs whose object is the event ("held talks", "paid a visit", "imposed sanctions").
LIGHT_VERBS = frozenset(
    """
    hold have pay make conduct stage impose slap sign reach strike conclude launch begin
    start resume continue complete wrap end seal announce host attend join level issue
    make carry undertake declare order initiate call mount wage unleash perpetrate
    """.split()
)


def _inflections(verb: str) -> set[str]:
    """The regular forms of a verb ("stage": stages, staged, staging)."""
    stem = verb[:-1] if verb.endswith("e") else verb
    return {verb, verb + "s", stem + "ed", stem + "ing", verb + "d" if verb.endswith("e") else ""}


# Forms of the light verbs, for where the lemmatiser fails ("staged" -> "stag").
LIGHT_VERB_FORMS = frozenset(f for v in LIGHT_VERBS for f in _inflections(v) if f)


def is_light_verb(token: Token) -> bool:
    """True for a verb that only carries its object noun's event ("staged air strikes")."""
    return token.lemma_.lower() in LIGHT_VERBS or token.lower_ in LIGHT_VERB_FORMS


AGREE_VERBS = frozenset({"agree", "accept", "commit", "consent"})
# Verbs that say an actor took up the act their prepositional object names.
CARRIERS = frozenset({"resort", "turn", "proceed", "engage", "persist"})
# A preposition and verb whose object noun is the subject's own act: being or arriving "on a
# visit", embarking "on a tour", responding or retaliating "with air strikes".
MANNER_FRAMES = frozenset(
    [("on", v) for v in ("be", "arrive", "come", "embark", "go", "travel")]
    + [("with", v) for v in ("respond", "retaliate", "react", "reply", "hit")]
)
TARGET_PREPS = frozenset({"with", "to", "on", "against", "toward", "towards", "at"})
# Verbs whose object an event noun subject harms ("air strikes killed 254 Palestinians").
HARM_VERBS = frozenset(
    "kill wound injure hit destroy damage target flatten level claim displace".split()
)
# Coercion and force nouns name their victim with "of" ("the arrest of a journalist").
PATIENT_OF_ROOTS = frozenset({"17", "18", "19", "20"})
# A criticism is also "about" its target ("critical remarks about Algeria").
CRITICISM_PREPS = TARGET_PREPS | {"about"}


def _target_preps(noun: Token) -> frozenset[str]:
    """The prepositions that introduce a noun event's target."""
    kind = event_noun(noun)
    if kind is not None and kind.code[:2] in PATIENT_OF_ROOTS:
        return TARGET_PREPS | {"of"}  # "the blockade of Gaza", "the arrest of a journalist"
    return CRITICISM_PREPS if kind is not None and kind.code[:2] == "11" else TARGET_PREPS


@dataclass(frozen=True)
class NounEvent:
    """An event read from a noun: its actors, code, the token dating it and its trace."""

    source: ActorRef
    target: ActorRef
    code: str
    noun: Token
    anchor: Token  # the light verb governing the noun, or the noun itself
    modality: str
    rule: str


# Words that make an attack verbal ("launched a scathing attack on Islamabad").
VERBAL_ATTACK_WORDS = frozenset(
    "scathing verbal blistering stinging withering scorching rhetorical".split()
)


def _noun_candidates(sent: Span) -> Iterator[Token]:
    """The tokens of a sentence that may name an event (by their lemma), without building
    a token for every word."""
    columns = token_columns(sent.doc)
    for i in range(sent.start, sent.end):
        if _event_key(columns.lemma[i]) is not None or columns.lower[i] == "invitation":
            yield sent.doc[i]


def _event_key(lemma: str) -> str | None:
    """The lemma an event noun is known by ("cease-fire": "ceasefire"), None for a word
    that names no event."""
    key = lemma.lower().replace("-", "")
    return key if key in EVENT_NOUNS or key == "strike" else None


def event_noun(token: Token) -> EventNoun | None:
    """The event a noun names, or None ("call" only as a telephone call)."""
    lemma = _event_key(token.lemma_)
    if lemma is None or token.pos_ not in {"NOUN", "PROPN"}:
        return None
    found = EVENT_NOUNS.get(lemma)
    if lemma in QUALIFIED_NOUNS:
        modifiers = {c.lower_ for c in token.children if c.dep_ in {"compound", "amod"}}
        return found if modifiers & QUALIFIED_NOUNS[lemma] else None
    if lemma == "raid" and {c.lower_ for c in token.children} & AERIAL_WORDS:
        return STRIKE
    if lemma == "attack" and {c.lower_ for c in token.children} & VERBAL_ATTACK_WORDS:
        return EventNoun("111", False)  # "a scathing attack on Islamabad": criticism
    if lemma == "strike":
        modifiers = {c.lower_ for c in token.children if c.dep_ in {"compound", "amod"}}
        if modifiers & MILITARY_STRIKE_WORDS:
            return STRIKE
        # hyphened modifiers come as three tokens ("cross - border"): read the words before
        before = token.doc[token.left_edge.i : token.i].text.lower().replace(" - ", "-")
        forceful = modifiers & FORCE_STRIKE_WORDS or any(w in before for w in FORCE_STRIKE_WORDS)
        return EventNoun("190", False) if forceful else None
    if lemma in {"call", "phone", "conversation", "talk"}:
        near = {c.lower_ for c in token.children} | {token.head.lower_}
        if near & PHONE_WORDS - {"call", "conversation"}:
            return EventNoun("041", True)  # "a phone conversation", "telephonic talks"
        if lemma == "call" and not near & PHONE_WORDS:
            return None
    return found


def pobj_refs(
    actors: SentenceActors, head: Token, preps: frozenset[str], through_of: bool = False
) -> list[ActorRef]:
    """Actors of the objects of ``head``'s prepositions ``preps``; with ``through_of`` also
    those of an ``of`` phrase's object ("the recall of its ambassador to Ethiopia")."""
    for child in head.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    refs = actors.np_refs_with_conjuncts(pobj)
                    if refs:
                        return refs
    if through_of:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        refs = pobj_refs(actors, pobj, preps)
                        if refs:
                            return refs
    return []


def carrier_of(token: Token) -> Token | None:
    """The verb whose "to"/"in" phrase makes ``token`` its subject's act ("resorted to
    firing", "turned to heavy shelling"), if any."""
    prep = token.head
    if prep.lower_ in {"to", "in"} and prep.head.lemma_ in CARRIERS:
        return prep.head
    return None


# Nouns that count or group events: "a series of meetings", "two rounds of talks".
QUANTITY_NOUNS = frozenset("series round number spate wave string flurry couple set".split())


def _counted(noun: Token) -> Token:
    """The phrase that stands for an event noun counted by a quantity noun ("held a
    series of meetings": "series"), else the noun itself."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in QUANTITY_NOUNS:
        return head.head
    return noun


def _light_verb(noun: Token) -> Token | None:
    """The light verb whose object (or passive subject) the noun is; "agreed to a
    ceasefire" makes "agree" the light verb of the ceasefire, "held a series of meetings"
    the light verb of the meetings."""
    noun = _counted(noun)
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in AGREE_VERBS:
        return head.head
    if noun.dep_ == "pobj" and carrier_of(noun) is not None:
        return head.head  # "resorted to heavy firing": the firing is the subject's act
    if noun.dep_ == "pobj" and (head.lower_, head.head.lemma_.lower()) in MANNER_FRAMES:
        return head.head  # "is on a visit to Japan", "responded with air strikes"
    if noun.dep_ in {"dobj", "nsubjpass", "attr"} and is_light_verb(head):
        # "called the sanctions illegal" judges the sanctions: no light verb of them
        return head if characterisation(head) is None else None
    if noun.dep_ == "nsubjpass" and head.lemma_.lower() in {"hold", "impose", "sign", "schedule"}:
        return head
    return None


# Verbs that call off a meeting, visit or talks.
CALLING_OFF_LEMMAS = frozenset(
    "cancel scuttle postpone scrap shelve suspend abandon defer derail torpedo".split()
)


def _called_off(noun: Token) -> bool:
    """True for a meeting noun that a verb calls off ("postponed his visit", "the talks were
    cancelled", "called off the summit")."""
    verb = noun.head
    if noun.dep_ not in {"dobj", "nsubjpass"}:
        return False
    if verb.lemma_.lower() in CALLING_OFF_LEMMAS:
        return True
    particle = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    return verb.lemma_.lower() in {"call", "put"} and "off" in particle


def _modality(noun: Token, anchor: Token) -> str:
    """Modality of a noun event: "no talks" is negated, "planned visit" future, else the
    modality of its verb."""
    for child in noun.children:
        if child.lower_ == "no" and child.dep_ == "det":
            return "negated"
        if child.lemma_.lower() in {"plan", "planned", "proposed", "upcoming", "expected"}:
            return "future"
    return modality_of(anchor) if anchor is not noun else modality_of(noun.head)


def _pairs(
    sources: list[ActorRef], targets: list[ActorRef], mutual: bool
) -> list[tuple[ActorRef, ActorRef]]:
    out = [(s, t) for s in sources for t in targets]
    if mutual:
        out += [(t, s) for s in sources for t in targets]
    return out


def _among(refs: list[ActorRef]) -> list[tuple[ActorRef, ActorRef]]:
    return [(a, b) for i, a in enumerate(refs) for j, b in enumerate(refs) if i != j]


def between_participants(
    actors: SentenceActors, noun: Token, mutual: bool = False
) -> list[tuple[ActorRef, ActorRef]]:
    """ "talks between India and China": each participant with each other, both ways; a
    mutual event's "of" phrase naming two or more ("talks of both countries", "a meeting of
    the two leaders") likewise."""
    office: list[ActorRef] = []
    for head in (noun, noun.head):
        refs = pobj_refs(actors, head, frozenset({"between", "among"}))
        if len(refs) > 1:
            return _among(refs)
        office = office or refs
    if mutual:
        refs = pobj_refs(actors, noun, frozenset({"of"}))
        if len({r.code for r in refs}) > 1:
            sector = office[0].code[3:] if len(office) == 1 and guessed(office) else ""
            if sector:  # "talks between the military chiefs (...) of both countries"
                refs = [replace(r, code=r.code + sector) if len(r.code) == 3 else r for r in refs]
            return _among(refs)
    return []


POSSESSIVE_PRONOUNS = frozenset({"its", "his", "her", "their"})


def possessor_participants(
    actors: SentenceActors,
    noun: Token,
    mutual: bool,
    find_sources: SourceFinder | None = None,
) -> list[tuple[ActorRef, ActorRef]]:
    """ "India's talks with China", "Modi's visit to Japan", "US sanctions on Iran"."""
    sources: list[ActorRef] = []
    for child in noun.children:
        if child.dep_ in {"poss", "compound", "amod"} and actors.rel(child) in actors.actor_at:
            sources = actors.np_refs_with_conjuncts(child) or actors.np_refs(noun)
            break
        if child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS and find_sources:
            verb = clause_verb(noun)  # "Saudi Arabia intensified its embargo on Yemen"
            sources = find_sources(actors, verb) if verb is not None else []
            break
    if not sources:
        return []
    starts = {s.start for s in sources}
    preps = _target_preps(noun)
    targets = [t for t in pobj_refs(actors, noun, preps) if t.start not in starts]
    if not targets and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in HARM_VERBS:
        # "Israeli air strikes killed 254 Palestinians": the strikes' victims (but "the
        # assassination shocked Turkey" does nothing to Turkey)
        objects = [c for c in noun.head.children if c.dep_ == "dobj"]
        targets = [
            t for o in objects for t in actors.np_refs_with_conjuncts(o) if t.start not in starts
        ]
    if not targets and noun.lemma_.lower() in VIOLENT_NOUNS:
        targets = [t for t in _place_in(actors, noun) if t.start not in starts]
    return _pairs(sources, targets, mutual)


def agent_participants(
    actors: SentenceActors, noun: Token, mutual: bool
) -> list[tuple[ActorRef, ActorRef]]:
    """ "sanctions by the EU on Russia", "an attack by insurgents on the base"."""
    sources = pobj_refs(actors, noun, frozenset({"by"}))
    if not sources and noun.dep_ in {"dobj", "pobj"}:
        verb = noun.head if noun.dep_ == "dobj" else None
        if verb is not None:
            sources = pobj_refs(actors, verb, frozenset({"by"}))
    participle = _participle_of(noun)
    if not sources and participle is not None:
        # "sanctions imposed by the EU on Russia": the participle's agent and object
        sources = pobj_refs(actors, participle, frozenset({"by"}))
    if not sources:
        return []
    targets = pobj_refs(actors, noun, TARGET_PREPS)
    if not targets and participle is not None:
        # "imposed by the EU on Russia": the parser may hang "on Russia" on "the EU"
        for token in participle.subtree:
            if token.dep_ == "prep" and token.lower_ in TARGET_PREPS:
                targets = pobj_refs(actors, token.head, frozenset({token.lower_}))
                if targets:
                    break
    if not targets and noun.lemma_.lower() in VIOLENT_NOUNS:
        # "air raids by the coalition across Yemen": the place attacked is the target
        targets = _place_in(actors, noun) or _place_in(actors, noun.head)
    verb = clause_verb(noun)
    if not targets and len(sources) == 1 and verb is not None and noun.lemma_ in VIOLENT_NOUNS:
        # "followed by a surgical strike by India": at the other state of the pair
        targets = other_state_of_pair(actors, sources[0], verb, modality_of(verb))
    starts = {s.start for s in sources}
    return _pairs(sources, [t for t in targets if t.start not in starts], mutual)


def _participle_of(noun: Token) -> Token | None:
    """The light verb's participle that describes an event noun ("sanctions imposed by
    the EU", "talks held by the two sides"), if any."""
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN" and is_light_verb(child):
            return child
    return None


def _place_in(actors: SentenceActors, head: Token) -> list[ActorRef]:
    """Actors of the first place phrase ("in Yemen", "across Syria") inside ``head``'s
    phrase."""
    for token in head.subtree:
        if token.dep_ == "prep" and token.lower_ in PLACE_PREPS:
            for pobj in token.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ in {"GPE", "LOC"}:
                    refs = actors.np_refs_with_conjuncts(pobj)
                    if refs:
                        return refs
    return []


VIOLENT_NOUNS = frozenset(
    "attack raid airstrike strike shelling bombardment offensive bombing".split()
)
PLACE_PREPS = frozenset({"in", "inside", "across", "on", "over", "into"})


def _is_meeting(noun: Token) -> bool:
    """True for a noun of meeting or negotiating (CAMEO 04): talks, a meeting, a summit."""
    kind = event_noun(noun)
    return kind is not None and kind.code[:2] == "04"


def light_verb_participants(
    actors: SentenceActors,
    noun: Token,
    mutual: bool,
    find_sources: SourceFinder,
) -> list[tuple[ActorRef, ActorRef]]:
    """ "India held talks with China", "Japan imposed sanctions on Russia", "India and
    China held talks" (each with the other)."""
    verb = _light_verb(noun)
    if verb is None:
        return []
    sources = find_sources(actors, verb)
    if not sources:
        return []
    starts = {s.start for s in sources}
    targets = [
        t
        for t in pobj_refs(actors, noun, _target_preps(noun), through_of=True)
        or pobj_refs(actors, verb, TARGET_PREPS)
        if t.start not in starts
    ]
    if not targets:
        dative = [c for c in verb.children if c.dep_ == "dative"]
        targets = [t for d in dative for t in actors.np_refs_with_conjuncts(d)]
    if not targets and noun.lemma_.lower() in VIOLENT_NOUNS:
        # "in Gaza, Israeli warplanes staged air strikes": the place struck is the target
        targets = [t for t in _place_in(actors, verb) if t.start not in starts]
    if not targets and len(sources) > 1 and mutual:
        return _among(sources)
    if not targets and len(sources) == 1 and (not mutual or _is_meeting(noun)):
        # "Serbia made new threats", "the commanders held meetings": with the other state
        # of the pair, as a verb's act is
        targets = other_state_of_pair(
            actors, sources[0], verb, modality_of(verb), counterparts=_is_meeting(noun)
        )
    return _pairs(sources, targets, mutual)


SETTING_PREPS = frozenset({"during", "at", "after", "before", "in", "on", "over", "by"})


def setting_participants(
    actors: SentenceActors,
    noun: Token,
    mutual: bool,
    find_sources: SourceFinder,
) -> list[tuple[ActorRef, ActorRef]]:
    """ "X asked Y, during a meeting in the Oval Office, to ...": a mutual event noun in a
    prepositional phrase of a verb takes that verb's subject and object as its parties."""
    prep = noun.head
    if not mutual or noun.dep_ != "pobj" or prep.lower_ not in SETTING_PREPS:
        return []
    verb = prep.head
    if verb.dep_ in {"nsubj", "appos"} and verb.head.pos_ in {"VERB", "AUX", "PROPN", "NOUN"}:
        # "The Prime Minister, Dr Singh, in a conversation with ..., had conveyed": the
        # phrase hangs on the subject (or its apposition); the subject's verb sets it
        while verb.dep_ in {"nsubj", "appos"} and verb.head.i != verb.i:
            verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return []
    sources = find_sources(actors, verb)
    if not sources:
        return []
    starts = {s.start for s in sources}
    targets = [
        t for t in pobj_refs(actors, noun, frozenset({"with", "to"})) if t.start not in starts
    ]
    if not targets:
        objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
        targets = [
            t for o in objects for t in actors.np_refs_with_conjuncts(o) if t.start not in starts
        ]
    return _pairs(sources, targets, mutual)


def setting_events(
    actors: SentenceActors, verb_events: Sequence[RawEvent], coded: set[int]
) -> list[NounEvent]:
    """ "X asked his counterpart, Y, during a meeting in the Oval Office": a mutual event
    noun (not yet coded) in a setting phrase of a verb that gave an event is a meeting of
    that event's two parties, however the verb found them."""
    out: list[NounEvent] = []
    for noun in _noun_candidates(actors.sent):
        kind = event_noun(noun)
        if kind is None or not kind.mutual or noun.i in coded or noun.dep_ != "pobj":
            continue
        if noun.head.lower_ not in SETTING_PREPS:
            continue
        verb = noun.head.head
        for raw in verb_events:
            if raw.verb_index == actors.rel(verb):
                out.append(
                    NounEvent(raw.source, raw.target, kind.code, noun, verb,
                              _modality(noun, verb), "setting of a coded act")
                )  # fmt: skip
                break
    return out


PAIR_MARKERS = frozenset(
    {"the", "their", "both", "new", "bilateral", "peace", "latest", "landmark", "historic"}
)


HAPPEN_VERBS = frozenset({"hold", "sign", "reach", "strike", "conclude", "seal", "begin"})


def _happens(noun: Token) -> bool:
    """True when the clause says the event took place ("the talks had been held", "the
    deal, struck in Beijing"), not when it is only a topic ("downplayed the agreement")."""
    if noun.dep_ == "nsubjpass" and noun.head.lemma_.lower() in HAPPEN_VERBS:
        return True
    return any(
        c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in HAPPEN_VERBS
        for c in noun.children
    )


def document_pair_participants(
    actors: SentenceActors, noun: Token
) -> list[tuple[ActorRef, ActorRef]]:
    """ "The talks had been held over four days", "a new peace deal": a mutual event named
    without its parties is between the pair the text is about (named together just
    before, or the two states it names most)."""
    if actors.context is None or not _happens(noun):
        return []
    if not any(c.lower_ in PAIR_MARKERS or "-" in c.text for c in noun.children):
        return []
    pair = actors.context.recent_pair()
    if not pair:
        return []
    how = f"the pair the text is about: {' and '.join(r.text for r in pair)}"
    refs = [ActorRef(noun.text, r.code, r.name, actors.rel(noun), how) for r in pair]
    return _among(refs)


VISIT_VERBS = frozenset("visit pay travel arrive come go tour attend fly head make land".split())


def invitation_participants(
    actors: SentenceActors,
    noun: Token,
    find_sources: SourceFinder,
) -> list[tuple[ActorRef, ActorRef]]:
    """ "X visited China at the invitation of Xi": the one who invited hosts the visitor
    (CAMEO 043)."""
    if noun.lemma_.lower() != "invitation" or noun.dep_ != "pobj":
        return []
    verb = noun.head.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in VISIT_VERBS:
        return []
    hosts = pobj_refs(actors, noun, frozenset({"of"}))
    guests = find_sources(actors, verb)
    starts = {h.start for h in hosts}
    return [(h, g) for h in hosts for g in guests if g.start not in starts]


# Verbs by which a trip carries its traveller somewhere ("a trip that took him to Peru").
CARRYING_VERBS = frozenset({"take", "bring", "lead"})


def journey_participants(actors: SentenceActors, noun: Token) -> list[tuple[ActorRef, ActorRef]]:
    """ "a nine-day trip that took him to Japan and India": the one the visit carries (the
    relative clause's object) visits the places of its "to" phrase."""
    kind = event_noun(noun)
    if kind is None or kind.code != "042":
        return []
    for clause in noun.children:
        if clause.dep_ != "relcl" or clause.lemma_.lower() not in CARRYING_VERBS:
            continue
        objects = [c for c in clause.children if c.dep_ == "dobj"]
        travellers = [r for o in objects for r in actors.np_refs_with_conjuncts(o)]
        travellers = travellers or object_pronoun_ref(actors, [actors.rel(o) for o in objects])
        starts = {r.start for r in travellers}
        places = [r for r in pobj_refs(actors, clause, frozenset({"to"})) if r.start not in starts]
        if travellers and places:
            return _pairs(travellers, places, False)
    return []


NOUN_RULES = (
    "between", "light verb", "possessor", "by-agent", "setting of a clause", "journey",
    "document's pair",
)  # fmt: skip


def noun_events(actors: SentenceActors, find_sources: SourceFinder) -> list[NounEvent]:
    """Events of the sentence's event nouns, each with the first rule that found actors."""
    out: list[NounEvent] = []
    for noun in _noun_candidates(actors.sent):
        if noun.lower_ == "invitation":
            for host, guest in invitation_participants(actors, noun, find_sources):
                out.append(
                    NounEvent(host, guest, "043", noun, noun.head.head, "asserted", "invitation")
                )
            continue
        kind = event_noun(noun)
        if kind is None or actors.rel(noun) in actors.actor_at:
            continue
        anchor = _light_verb(noun) or noun
        found: list[tuple[ActorRef, ActorRef]] = []
        rule = ""
        for rule in NOUN_RULES:
            if rule == "between":
                found = between_participants(actors, noun, kind.mutual)
            elif rule == "light verb":
                found = light_verb_participants(actors, noun, kind.mutual, find_sources)
            elif rule == "possessor":
                found = possessor_participants(actors, noun, kind.mutual, find_sources)
            elif rule == "by-agent":
                found = agent_participants(actors, noun, kind.mutual)
            elif rule == "setting of a clause":
                found = setting_participants(actors, noun, kind.mutual, find_sources)
            elif rule == "journey":
                found = journey_participants(actors, noun)
            elif kind.mutual:
                found = document_pair_participants(actors, noun)
            if found:
                break
        modality = "reported" if accusing_verb(anchor) else _modality(noun, anchor)
        code = kind.code
        if kind.code[:2] == "04" and _called_off(noun):
            # "Blinken's trip was scuttled", "cancelled the talks": the meeting did not
            # happen; what happened is a halt (164) or a reduction of relations (160)
            code, modality = ("164" if kind.code == "046" else "160"), modality_of(noun.head)
            callers = {r.code for r in find_sources(actors, noun.head)}
            found = [f for f in found if f[0].code in callers] or found[:1]  # one side acts
        for source, target in found:
            out.append(NounEvent(source, target, code, noun, anchor, modality, rule))
    return out
