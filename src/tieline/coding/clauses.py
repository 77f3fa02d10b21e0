"""Clause meaning that decides the code: what an appeal, a demand or an intention is *for*.

CAMEO codes appeals (02x), intentions (03x) and demands (10x) by what is asked or
promised, with the same last digit in each family: "urged India to pull back its troops"
is an appeal for military de-escalation (0256), "demanded that India withdraw" a demand
for it (1056), "called for the release of the detainees" an appeal for a release (0253),
"is ready to hold talks" an intention to negotiate (036). The complement's own event
("withdraw", "release") is then the content of the appeal, not an event that happened.
"A said B must V" is A's demand (10x); "A said B should V" A's appeal (02x).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Families whose code says what is asked or promised by its last digit(s).
SPECIALISED_ROOTS = frozenset({"02", "03", "10"})

# Nouns that name what an appeal or demand is for ("called for the release of ...").
COMPLEMENT_NOUNS = {
    "release": "0841",
    "withdrawal": "0874",
    "pullback": "0874",
    "restraint": "0871",
    "de-escalation": "0871",
    "deescalation": "0871",
    "ceasefire": "0871",
    "truce": "0871",
    "talk": "046",
    "negotiation": "046",
    "dialogue": "046",
    "meeting": "040",
    "aid": "070",
    "assistance": "070",
    "help": "070",
    "support": "050",
    "cooperation": "060",
    "investigation": "090",
    "probe": "090",
    "mediation": "040",
    "settlement": "057",
}
# The last digit(s) a complement's code gives an appeal/intent/demand.
YIELD_DIGITS = {"081": "1", "082": "2", "084": "3", "085": "4", "086": "5", "087": "6"}
ROOT_DIGITS = {"04": "6", "05": "2", "06": "1", "07": "3"}
SETTLE_LEMMAS = frozenset({"resolve", "settle"})
# Verbs of saying whose that-clause with "must"/"should" is the speaker's demand/appeal.
REPORTING_LEMMAS = frozenset(
    "say tell state insist add declare stress reiterate write tweet announce".split()
)
# "A told/ordered B to V" is A's demand (10x); "A agreed/pledged/vowed to V" A's intention
# (03x) to do what V names.
DIRECTIVE_LEMMAS = frozenset({"tell", "order", "instruct", "direct", "command"})
PLEDGE_LEMMAS = frozenset({"agree", "pledge", "promise", "vow", "offer", "commit", "undertake"})
# "A wants B to V" is A's appeal to B (02x) for what V names, not B's act.
WISH_LEMMAS = frozenset({"want", "wish"})
CLAUSE_LEMMAS = REPORTING_LEMMAS | DIRECTIVE_LEMMAS | PLEDGE_LEMMAS | WISH_LEMMAS
# "A claimed/alleged that B V-ed" is A's accusation of B (CAMEO 112).
ACCUSING_LEMMAS = frozenset({"claim", "allege"})
# "China is ready/willing to work with India" states China's intention (CAMEO 03x), not
# a future act of cooperation: an intention of this kind is coded as expressed, asserted.
INTENT_ADJECTIVES = frozenset(
    {"ready", "willing", "prepared", "keen", "eager", "determined", "committed", "open"}
)
# "asked the ambassador to leave the country", "told the envoy to return home": a state
# sending a diplomat away expels (or recalls) them, CAMEO 161 as CAMEO.2.0 codes expelling
# a diplomat; the request is the act, not an appeal.
SEND_AWAY_LEMMAS = frozenset({"ask", "tell", "order", "instruct", "direct", "request"})
DEPART_LEMMAS = frozenset({"leave", "depart", "quit"})
# "return"/"go back" are a departure home, to a named place or with no destination ("told
# the envoy to return to Nairobi", not "asked his counterpart to return to the table").
GO_BACK_LEMMAS = frozenset({"return", "go"})
# A diplomat: "counterpart" in "asked his (Somali) counterpart to return to Mogadishu" is the
# other state's envoy; "high commissioner" is the envoy between Commonwealth states.
ENVOY_NOUNS = frozenset(
    "ambassador envoy diplomat commissioner counterpart attache attaché chargé".split()
)
MUST = frozenset({"must", "have", "has", "need", "needs"})
SHOULD = frozenset({"should", "ought"})


def specialise(code: str, complement: str, complement_lemma: str = "") -> str:
    """The appeal/intent/demand code for what is asked or promised (``complement`` is
    the CAMEO code of the complement's event), or ``code`` when CAMEO has no finer one."""
    root = code[:2]
    if root not in SPECIALISED_ROOTS:
        return code
    if complement_lemma in SETTLE_LEMMAS:
        return root + "7"
    if complement[:3] in YIELD_DIGITS:
        return root + "5" + YIELD_DIGITS[complement[:3]]
    if complement[:2] == "08":
        return root + "5"
    digit = ROOT_DIGITS.get(complement[:2])
    return root + digit if digit else code


def stated_intent(verb: Token, code: str) -> str | None:
    """The 03x code of a cooperative act stated as the actor's readiness ("is willing to
    work with India" 032, "stands ready to help" 033), else None."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.lemma_.lower() not in INTENT_ADJECTIVES:
        return None
    if head.pos_ != "ADJ" or code[:2] not in {"04", "05", "06", "07", "08"}:
        return None
    return specialise("030", code, verb.lemma_.lower())


def _keep_finer(code: str, new: str) -> str:
    """A pattern's finer code ("0311") stays when the clause gives only its parent."""
    return code if code.startswith(new) else new


def complement_of(verb: Token) -> Token | None:
    """What a verb of appeal, demand or intention asks for: its ``to``-infinitive or
    ``that``-clause verb (also after "ready", "determined"), or the noun of a ``for``
    phrase."""
    found = _verb_child(verb, {"xcomp", "ccomp"})
    if found is not None:
        return found
    for child in verb.children:  # "was determined to implement reforms"
        if child.dep_ == "acomp" and child.lemma_.lower() in INTENT_ADJECTIVES:
            found = _verb_child(child, {"xcomp"})
            if found is not None:
                return found
    found = prep_object(verb, "for", {"pobj"})
    if found is not None:
        return found
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in COMPLEMENT_NOUNS:
            return child
    return None


# Verbs that only carry what they help bring about ("help with the release", "undertake
# reforms", "work towards a ceasefire"): an appeal or pledge is for that aim.
SUPPORT_VERBS = frozenset(
    "help work undertake carry implement pursue push facilitate secure ensure seek".split()
)
# Nouns of political reform (CAMEO 024 appeal, 034 intent, 104 demand for reform).
REFORM_NOUNS = frozenset({"reform", "reforms"})


def _aim_of_support_verb(complement: Token) -> Token | None:
    """The event noun a support verb's object or with/on/towards phrase names, if any."""
    if complement.lemma_.lower() not in SUPPORT_VERBS:
        return None
    for child in complement.children:
        nouns = [child] if child.dep_ == "dobj" else []
        if child.dep_ == "prep" and child.lower_ in {"with", "on", "toward", "towards", "for"}:
            nouns = [g for g in child.children if g.dep_ == "pobj"]
        for noun in nouns:
            lemma = noun.lemma_.lower()
            if lemma in COMPLEMENT_NOUNS or lemma in REFORM_NOUNS:
                return noun
    return None


def obligation(complement: Token) -> str | None:
    """ "must"/"has to" in a reported clause gives a demand (100), "should" an appeal
    (020): "A said B must withdraw" is A's demand."""
    for child in complement.children:
        if child.dep_ == "aux" and child.lower_ in SHOULD:
            return "020"
        if child.dep_ == "aux" and child.lower_ == "must":
            return "100"
    if complement.lemma_ in MUST and any(c.dep_ == "xcomp" for c in complement.children):
        return "100"
    return None


def _has_own_subject(complement: Token) -> bool:
    """True for a to-infinitive with its own subject ("wants Japan to impose ...")."""
    return (
        complement.dep_ == "ccomp"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in complement.children)
        and any(c.dep_ == "nsubj" for c in complement.children)
    )


def clause_code(
    code: str, verb: Token, code_of: Callable[[Token], str | None]
) -> tuple[str, Token | None]:
    """The code of a verb given what its clause is about, and the complement token whose
    own event is only the content of the appeal, demand or intention (else None)."""
    if code[:2] == THREAT_ROOT and verb.lemma_.lower() in THREAT_LEMMAS:
        return threat_clause(code, verb, code_of)
    original = code
    complement = complement_of(verb)
    if complement is None:
        return code, None
    lemma = verb.lemma_.lower()
    if sends_envoy_away(verb, complement):
        return "161", complement
    if complement.dep_ == "xcomp" and lemma in DIRECTIVE_LEMMAS:
        code = "100"  # "told India to withdraw": a demand, whatever the verb's pattern says
    elif complement.dep_ == "xcomp" and lemma in PLEDGE_LEMMAS:
        code = "030"  # "agreed to reopen the border": an intention (CAMEO 03x)
    elif lemma in WISH_LEMMAS and _has_own_subject(complement):
        code = "020"  # "wants Japan to impose sanctions": an appeal to Japan
    elif lemma in WISH_LEMMAS and complement.dep_ == "xcomp" and code[:2] in {"03", "13"}:
        return code, complement  # "wants to attack": the threat, not also the attack
    elif (
        lemma in WISH_LEMMAS
        and complement.dep_ == "xcomp"
        and complement.pos_ in {"VERB", "AUX"}
        and code[:2] == "02"
    ):
        code = "030"  # "wants to help Israel": its own intention (033), not an appeal
    reporting = code[:2] == "01" or lemma in REPORTING_LEMMAS
    if reporting and complement.dep_ == "ccomp":
        base = obligation(complement)
        if base is None:
            return code, None
        code = base
    if code[:2] not in SPECIALISED_ROOTS:
        return code, None
    if code[:2] == "03" and complement.dep_ == "ccomp":
        return code, None  # "agree that disputes should be resolved" is a view, not a pledge
    generic = code[:2] + "0"
    aim = _aim_of_support_verb(complement)
    if aim is not None:  # "to help with the release", "to undertake reforms": the aim
        complement = aim
    if complement.pos_ in {"VERB", "AUX"}:
        inner = code_of(complement)
        lemma = complement.lemma_.lower()
        if inner is None and lemma not in SETTLE_LEMMAS:
            return code, None
        finer = specialise(generic, inner or "", lemma)
    elif complement.lemma_.lower() in REFORM_NOUNS:
        finer = generic[:2] + "4"  # CAMEO 024/034/104: political reform
    else:
        noun_code = COMPLEMENT_NOUNS.get(complement.lemma_.lower())
        if noun_code is None:
            return code, None
        finer = specialise(generic, noun_code)
    if finer == generic and code == original:
        return code, None  # "decided to recall the ambassador": CAMEO has no finer code
    return _keep_finer(code, finer), complement


# CAMEO codes a threat (13x) by what is threatened, as it codes an appeal by what is asked:
# "threatened to impose sanctions" is 1312, "threatened Kabul with sending troops" 138. The
# threatened act has not happened and is not coded beside the threat.
THREAT_ROOT = "13"
THREAT_LEMMAS = frozenset({"threaten"})
THREAT_BY_CODE = {
    "160": "131",
    "161": "1313",
    "162": "1311",
    "163": "1312",
    "164": "134",
    "165": "135",
    "166": "136",
    "172": "132",
    "173": "137",
    "175": "137",
    "191": "1381",
    "192": "1382",
}
THREAT_BY_ROOT = {"14": "133", "15": "138", "18": "1383", "19": "1384", "20": "1385"}
# Nouns of a "threatened X with ..." phrase and the code of the act they name.
THREAT_NOUNS = {
    "sanction": "163",
    "sanctions": "163",
    "embargo": "163",
    "force": "190",
    "attack": "190",
    "attacks": "190",
    "strike": "190",
    "strikes": "190",
    "war": "190",
    "retaliation": "190",
    "invasion": "192",
    "blockade": "191",
}


def threat_code(threatened: str) -> str | None:
    """The 13x code of a threat to do what ``threatened`` (a CAMEO code) names: 163
    sanctions give 1312, 1723 a curfew 1323, any armed attack (19x) 1384; else None."""
    if threatened[:3] == "172" and len(threatened) == 4:
        return "132" + threatened[3]
    return THREAT_BY_CODE.get(threatened[:3]) or THREAT_BY_ROOT.get(threatened[:2])


def _threatened(verb: Token) -> Token | None:
    """What a verb of threatening threatens: its to-infinitive ("threatened to impose
    sanctions") or its ``with`` phrase ("threatened Iran with sanctions / with sending
    troops")."""
    return _verb_child(verb, {"xcomp"}) or prep_object(verb, "with", {"pobj", "pcomp"})


def _verb_child(token: Token, deps: set[str]) -> Token | None:
    """The first verb hanging on ``token`` by one of ``deps``."""
    return next((c for c in token.children if c.dep_ in deps and c.pos_ in {"VERB", "AUX"}), None)


def prep_object(token: Token, prep: str, deps: set[str]) -> Token | None:
    """The object of a ``prep`` phrase on ``token`` ("for" -> "the release")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == prep:
            for obj in child.children:
                if obj.dep_ in deps:
                    return obj
    return None


def threat_clause(
    code: str, verb: Token, code_of: Callable[[Token], str | None]
) -> tuple[str, Token | None]:
    """The 13x code of a threat given what it threatens (130 when CAMEO has no finer one),
    and the threatened act's token, which is no event that happened; ``code`` and None
    when nothing codable is threatened."""
    threatened = _threatened(verb)
    if threatened is None:
        return code, None
    if threatened.pos_ in {"VERB", "AUX"}:
        act = code_of(threatened)
    else:
        act = THREAT_NOUNS.get(threatened.lower_)
    if act is None:
        return code, None
    finer = threat_code(act) or THREAT_ROOT + "0"
    return _keep_finer(code, finer), threatened


def sends_envoy_away(verb: Token, complement: Token) -> bool:
    """True for "asked the ambassador to leave", "ordered two diplomats to return home": a
    verb of asking whose object is a diplomat and whose to-infinitive is a departure."""
    if verb.lemma_.lower() not in SEND_AWAY_LEMMAS:
        return False
    if not _departure(complement):
        return False
    envoys = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    envoys += [c for c in complement.children if c.dep_ == "nsubj"]  # "asked that X leave"
    return any(e.lemma_.lower() in ENVOY_NOUNS for e in envoys)


def _departure(verb: Token) -> bool:
    """True for leaving a country: "leave", "depart", "return" home, to a named place or
    with no destination, "go back" ("return to the negotiating table" or "go to Yemen to
    mediate" is no departure)."""
    lemma = verb.lemma_.lower()
    if lemma in DEPART_LEMMAS:
        return True
    if lemma not in GO_BACK_LEMMAS or any(c.lower_ == "home" for c in verb.children):
        return lemma in GO_BACK_LEMMAS
    if lemma == "go" and not any(c.lower_ == "back" for c in verb.children):
        return False
    places = [
        pobj
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in {"to", "into"}
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    return all(p.ent_type_ == "GPE" for p in places)


def supersedes(code: str, verb: Token, code_of: Callable[[Token], str | None]) -> Token | None:
    """For a generic intention ("decided to", "vowed to" coded 030) whose to-infinitive is
    an event of another kind ("recall the ambassador"), the complement that is the one real
    event: the intention is not coded beside it."""
    if code != "030":
        return None
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            inner = code_of(child)
            if inner and inner[:2] not in SPECIALISED_ROOTS:
                return child
    return None


# What "A called B X" says of B when X judges it: a condemnation (111) or praise (051).
CONDEMNING_WORDS = frozenset(
    """
    unprovoked unacceptable illegal illegitimate unlawful unjustified unjustifiable
    unwarranted baseless groundless fabricated false absurd irresponsible dangerous
    provocative provocation excessive offensive hostile aggressive reckless violation
    breach aggression crime criminal despicable heinous barbaric cowardly shameful
    deplorable outrageous interference meddling blackmail piracy farce sham lie lies
    hypocritical destabilizing destabilising insulting insult unfriendly threat
    """.split()
)
PRAISING_WORDS = frozenset(
    """
    historic successful fruitful productive constructive useful positive excellent
    friend partner ally milestone landmark breakthrough success valuable cordial friendly
    """.split()
)


def _judgement_of_call(verb: Token) -> Token | None:
    """The predicate of "called B X" ("called the shelling unprovoked", "called the
    move a provocation", "called the actions 'excessive'"), if ``verb`` has one."""
    for child in verb.children:
        if child.dep_ == "oprd":
            return child
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for child in obj.children:  # a predicate parsed as a modifier after its noun
            if child.i > obj.i and _postposed_modifier(child):
                return child
        last = obj.right_edge  # "called the talks with Macron useful": after a phrase
        if last.i > obj.i and last.head.i > obj.i and _postposed_modifier(last):
            return last
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        # "called the Indian move a provocation" parsed as "called India (to) move a
        # provocation": a subjectless clause whose object is a verdict is the predicate
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children):
            continue
        for obj in (c for c in clause.children if c.dep_ == "dobj"):
            if obj.lemma_.lower() in CONDEMNING_WORDS | PRAISING_WORDS:
                return obj
    return None


def _postposed_modifier(token: Token) -> bool:
    """True for an adjective or participle parsed as modifying the noun before it."""
    return token.dep_ in {"amod", "acl"} and token.tag_ in {"JJ", "VBN"}


def characterisation(verb: Token) -> str | None:
    """The code of "A called B X" by what X says of B: 111 when it condemns, 051 when it
    praises, "" (no event) when it only names B ("called the islands Diaoyu"); None when
    ``verb`` is no such "call" (a telephone call, "called for", "called on")."""
    if verb.lemma_.lower() != "call":
        return None
    judgement = _judgement_of_call(verb)
    if judgement is None:
        return None
    words = {t.lemma_.lower() for t in judgement.subtree} | {judgement.lower_}
    if words & CONDEMNING_WORDS:
        return "111"
    return "051" if words & PRAISING_WORDS else ""


# "said talks with Washington were pointless": to dismiss negotiation is to refuse it (125).
FUTILE_WORDS = frozenset(
    "meaningless pointless futile useless senseless worthless fruitless".split()
)
TALKS_LEMMAS = frozenset({"talk", "negotiation", "dialogue", "dialog"})
REFUSE_TALKS = "125"


def dismissed_talks(verb: Token) -> Token | None:
    """The talks a statement calls futile ("said talks with the US were meaningless",
    "called negotiations pointless"), whose dismissal is a refusal to negotiate."""
    lemma = verb.lemma_.lower()
    if lemma == "call":
        judgement = _judgement_of_call(verb)
        talks = [c for c in verb.children if c.dep_ == "dobj"]
        predicates = [judgement] if judgement is not None else []
    elif lemma in REPORTING_LEMMAS:
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return None
        # a conjoined predicate shares the first one's subject ("... violates the
        # Charter and are meaningless")
        copulas = [c for c in (clause, *clause.conjuncts) if c.lemma_ == "be"]
        talks = [c for t in (*copulas, clause) for c in t.children if c.dep_ == "nsubj"]
        predicates = [c for t in copulas for c in t.children if c.dep_ in {"acomp", "attr"}]
    else:
        return None
    if not any(p.lower_ in FUTILE_WORDS for p in predicates):
        return None
    return next((t for t in talks if t.lemma_.lower() in TALKS_LEMMAS), None)
