"""Modality of an event's verb: asserted, negated, future, hypothetical or reported."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tieline.nlp.token_columns import token_columns

if TYPE_CHECKING:
    from spacy.tokens import Token

HYPOTHETICAL_AUX = frozenset({"could", "might", "would", "may", "should"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
FUTURE_HEADS = frozenset(
    {"plan", "expect", "intend", "aim", "prepare", "schedule", "about", "ready", "willing",
     "prepared", "poised", "set"}
)  # fmt: skip
# Nouns whose to-infinitive is an act still to come ("plan to", "pledge to").
PLAN_NOUNS = frozenset(
    {"plan", "intention", "intent", "proposal", "pledge", "promise", "bid", "aim"}
)
REPORTED_HEADS = frozenset({"believe", "report", "say", "allege", "rumour", "rumor"})
REPORTED_ADVERBS = frozenset({"reportedly", "allegedly", "apparently", "purportedly"})


def _chain(verb: Token) -> list[Token]:
    """The verb and the verbs that govern it through xcomp/acomp links."""
    chain = [verb]
    tok = verb
    while tok.dep_ in {"xcomp", "acomp"} and tok.head is not tok and len(chain) < 5:
        tok = tok.head
        chain.append(tok)
    return chain


# Verbs whose that-clause is someone's claim, not a fact: "The US claimed that ISIL had
# attacked Iraq" reports the attack, it does not assert it.
CLAIM_HEADS = frozenset({"claim", "allege", "accuse", "suspect", "insinuate"})


def _claimed(verb: Token) -> bool:
    """True when a clause is the content of a claim or an allegation."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in CLAIM_HEADS


SPEECH_HEADS = frozenset({"say", "announce", "tell", "state", "declare", "add", "confirm"})


def _reported_speech(verb: Token) -> bool:
    """True for the that-clause of a past-tense verb of saying ("said it would ...")."""
    head = verb.head
    return verb.dep_ == "ccomp" and head.lemma_.lower() in SPEECH_HEADS and head.tag_ == "VBD"


def _attributed(chain: list[Token]) -> bool:
    """ "According to X, Y released ..." and "Y has been blamed for killing ..." attribute
    the event to someone's account."""
    columns = token_columns(chain[0].doc)
    for tok in chain:
        if any(columns.lower[c] == "according" for c in columns.children[tok.i]):
            return True
    top = chain[-1]
    return (
        top.dep_ == "pcomp"
        and top.head.lower_ == "for"
        and top.head.head.lemma_.lower() in {"blame", "accuse", "suspect"}
    )


# Verbs whose "from" phrase names an act the subject kept from doing ("refrained from
# criticising", "abstained from voting against").
REFRAIN_LEMMAS = frozenset({"refrain", "abstain", "desist"})


def refrained_from(verb: Token) -> Token | None:
    """The verb of holding back whose "from" phrase ``verb`` heads ("China has refrained
    from criticising the North": "refrained"), if any."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "from" or prep.head.i == prep.i:
        return None
    return prep.head if prep.head.lemma_.lower() in REFRAIN_LEMMAS else None


def modality_of(verb: Token) -> str:
    """Classify how the text presents the event of ``verb``."""
    holder = refrained_from(verb)
    if holder is not None:  # "refrained from criticising": the criticism did not happen
        return "asserted" if any(c.dep_ == "neg" for c in holder.children) else "negated"
    chain = _chain(verb)
    columns = token_columns(verb.doc)  # the children's words, without building their tokens
    dep, lower = columns.dep, columns.lower
    children = [columns.children[tok.i] for tok in chain]
    for kids in children:
        for c in kids:
            if dep[c] == "neg" or lower[c] == "never":
                return "negated"
    for tok, kids in zip(chain, children, strict=True):
        if tok.lower_ in REPORTED_ADVERBS or any(lower[c] in REPORTED_ADVERBS for c in kids):
            return "reported"
        if tok is not verb and tok.lemma_.lower() in REPORTED_HEADS and tok.tag_ == "VBN":
            return "reported"
    if _claimed(chain[-1]) or _attributed(chain):
        return "reported"
    if any(dep[c] == "mark" and lower[c] == "if" for c in children[0]):
        return "hypothetical"
    if chain[-1].dep_ == "acl" and chain[-1].head.lemma_.lower() in PLAN_NOUNS:
        return "future"  # "Japan's plan to impose sanctions": not imposed yet
    for tok, kids in zip(chain, children, strict=True):
        for c in kids:
            if dep[c] == "aux" and lower[c] == "would" and _reported_speech(chain[-1]):
                return "future"  # "France said it would reduce visas": a stated plan
            if dep[c] == "aux" and lower[c] in HYPOTHETICAL_AUX:
                return "hypothetical"
            if dep[c] == "aux" and lower[c] in FUTURE_AUX:
                return "future"
        if tok is not verb and tok.lemma_.lower() in FUTURE_HEADS:
            return "future"
    return "asserted"


def modality_cues(verb: Token) -> list[str]:
    """The words that set a verb's modality ("not", "will", "reportedly", "plans")."""
    cues: list[str] = []
    chain = _chain(verb)
    for tok in chain:
        for child in tok.children:
            if child.dep_ == "neg" or child.lower_ == "never":
                cues.append(child.text)
            elif child.dep_ == "aux" and child.lower_ in HYPOTHETICAL_AUX | FUTURE_AUX:
                cues.append(child.text)
            elif child.lower_ in REPORTED_ADVERBS or (
                child.dep_ == "mark" and child.lower_ == "if"
            ):
                cues.append(child.text)
        if tok is not verb and tok.lemma_.lower() in FUTURE_HEADS | REPORTED_HEADS:
            cues.append(tok.text)
    return cues
