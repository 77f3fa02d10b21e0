"""Where a verb's event reaches: the words of its own clause, the objects near it, the
targets of what an appeal or a claim is about, and places that are not targets.

Rules of the clause's scope used by the coder (``tieline.coding.coder``); each is shown by
``tieline explain`` through the decision it changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tieline.coding.syntax import ActorRef, DocumentContext, SentenceActors, find_targets
from tieline.nlp.token_columns import token_columns

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def complement_targets(
    actors: SentenceActors, complement: Token, source_starts: set[int]
) -> list[ActorRef]:
    """Whom an appeal, demand or intention is about: the subject of its that-clause
    ("demanded that India withdraw"), else the object of its complement ("said he will
    visit Pyongyang")."""
    if complement.dep_ == "ccomp":
        subjects = [c for c in complement.children if c.dep_ in {"nsubj", "nsubjpass"}]
        refs = [
            r
            for s in subjects
            if s.lower_ not in {"he", "she", "it", "they", "we", "i"}
            for r in actors.np_refs_with_conjuncts(s)
            if r.start not in source_starts
        ]
        if refs:
            return refs
    return find_targets(actors, complement, source_starts)


# Children of a verb that open another clause: a pattern's words stop before them.
OTHER_CLAUSE_DEPS = frozenset({"conj", "advcl", "relcl", "acl", "parataxis", "cc"})


def clause_end(verb: Token) -> int:
    """The document index just past a verb's own clause: its right edge, cut before the
    first conjoined, adverbial or relative clause after it, so that a pattern never
    reads a later clause's words ("staged air strikes before the truce took hold")."""
    end = verb.right_edge.i + 1
    columns = token_columns(verb.doc)
    later = [c for c in columns.children[verb.i] if c > verb.i]  # read before any token
    for child in (verb.doc[c] for c in later):
        if child.dep_ in OTHER_CLAUSE_DEPS:
            if child.dep_ in {"conj", "cc"} and child.pos_ not in {"VERB", "AUX", "CCONJ"}:
                continue  # a conjoined object stays in the clause
            end = min(end, child.left_edge.i)
        elif (
            child.dep_ == "prep"
            and any(g.dep_ == "pcomp" and g.pos_ == "VERB" for g in child.children)
            and child.lower_ in {"before", "after", "while", "with"}
        ):
            end = min(end, child.i)
    return max(end, verb.i + 1)


def refers_back(sent: Span, context: DocumentContext | None) -> bool:
    """True when a sentence without names may still refer to actors met before ("They
    agreed ...", "She met ...")."""
    if context is None or (context.pair is None and not context.entities.entities):
        return False
    return any(t.lower_ in REFERRING_WORDS for t in sent)


REFERRING_WORDS = frozenset({"he", "she", "they", "both", "two"})


_CLAUSE_ARCS = frozenset(
    {"acl", "relcl", "advcl", "ccomp", "xcomp", "appos", "npadvmod", "parataxis", "conj"}
)


def is_near_object(actors: SentenceActors, verb: Token, ref: ActorRef) -> bool:
    """True when an actor's phrase hangs on the verb through objects and prepositional
    phrases only ("met X", "welcomed the resumption of ties with X"), not through another
    clause or an aside ("spoke by telephone, a sign that they are serious about X")."""
    token = actors.sent[ref.start]
    for _ in range(12):
        if token.i == verb.i:
            return True
        if token.dep_ in _CLAUSE_ARCS or token.head.i == token.i:
            return False
        token = token.head
    return False


JOINT_WORDS = frozenset({"joint"})


def is_topic_of_joint_act(actors: SentenceActors, verb: Token, ref: ActorRef) -> bool:
    """True for an actor named inside a phrase nested below the object of a joint act ("the
    two countries released a joint communique on the deal with China": China is what the
    communique is about, not a party to it), unlike one in the object's own phrase ("held
    joint exercises with Russia")."""
    objects = [
        c
        for c in verb.children
        if c.dep_ in {"dobj", "nsubjpass"} and any(a.lower_ in JOINT_WORDS for a in c.children)
    ]
    if not objects:
        return False
    token, preps = actors.sent[ref.start], 0
    for _ in range(12):
        if token.i in {o.i for o in objects}:
            return preps > 1
        if token.head.i == token.i:
            return False
        preps += token.dep_ == "prep"
        token = token.head
    return False


def is_place(actors: SentenceActors, ref: ActorRef) -> bool:
    """True for an actor named only as the place where something happened ("in Moscow",
    "in Tunis, Tunisia"); a bare country code counts as a place whatever the tagger says."""
    token = actors.sent[ref.start]
    head = token
    while head.dep_ in {"compound", "amod", "det", "appos"} and head.head.i != head.i:
        head = head.head
    return (
        head.dep_ == "pobj"
        and head.head.lower_ in {"in", "at", "near", "inside"}
        and (head.ent_type_ in {"GPE", "LOC", "FAC"} or len(ref.code) == 3)
    )
