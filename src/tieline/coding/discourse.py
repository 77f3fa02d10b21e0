"""What a document has said so far, remembered sentence by sentence for later references:
the state a main clause was about (for "it"), two states named together or met in one
coded exchange (for "the two countries", "they"), and the organisation a byline names
(for the author's "we").
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from tieline.coding.actors import (
    ActorIndex,
    Mention,
    combine_codes,
    country_and_sector,
    is_person_role,
)
from tieline.coding.syntax import (
    ACRONYM_HOW,
    GROUP_SECTORS,
    NOT_COUNTRIES,
    ActorRef,
    DocumentContext,
    inside_a_name,
)
from tieline.model import Document
from tieline.nlp.token_columns import token_columns

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Span, Token

    from tieline.coding.coder import RawEvent


def author_organisation(index: ActorIndex, document: Document) -> ActorRef | None:
    """The organisation (and so the country) a byline states for its author ("Senior
    Fellow, Chatham House"), for the author's "we"; None when the page names none."""
    for author in document.authors:
        if not author.role:
            continue
        words = re.findall(r"[\w'&.-]+", author.role.upper())
        for m in index.actor_phrases.scan(words):
            ref = mention_ref(index, words, m, document.published)
            if ref is not None:
                return replace(ref, start=0)
    return None


class ScannedSentence(NamedTuple):
    """A sentence with its upper-case words, its dictionary mentions and its date, as the
    note_* steps that remember what it named read it."""

    actor_index: ActorIndex
    sent: Span
    words: list[str]
    mentions: list[Mention]
    date: str | None


def mention_ref(
    index: ActorIndex, words: list[str], m: Mention, date: str | None, how: str = "dictionary"
) -> ActorRef | None:
    """The one actor a dictionary mention names on a date (None for none or several)."""
    codes = index.actor_code(m.payload, date)
    if len(codes) != 1:
        return None
    text = " ".join(words[m.start : m.end]).title()
    return ActorRef(text, codes[0], index.actor_name(m.payload), m.start, how)


def note_subject(scanned: ScannedSentence, context: DocumentContext) -> None:
    """Remember the state or organisation a sentence's main clause is about, for a later
    "it" ("Norway froze aid to Tanzania. It accused ...")."""
    index, sent, words, mentions, date = scanned
    for child in sent.root.children:
        if child.dep_ not in {"nsubj", "nsubjpass"} or child.ent_type_ == "PERSON":
            continue
        start = child.left_edge.i - sent.start
        end = child.i - sent.start + 1
        for m in [m for m in mentions if start <= m.start and m.end <= end]:
            if any(is_person_role(c) for c in index.actors[m.payload].codes):
                return  # a person
            # the whole phrase as the coder resolved it ("The Azerbaijani Defence Ministry"
            # is AZEGOV), else its name
            ref = context.subject_at(child.i) or mention_ref(index, words, m, date)
            if ref is not None:
                context.remember_subject(ref)
            return


def note_groups(scanned: ScannedSentence, context: DocumentContext) -> None:
    """Remember the non-state organisations a sentence names ("Hezbollah", "the Taliban"),
    coded or not, for a later "the group" or "the movement"; people are left out."""
    index, sent, words, mentions, date = scanned
    for m in mentions:
        if inside_a_name(sent, m) or sent[m.start].ent_type_ == "PERSON":
            continue
        if any(is_person_role(c) for c in index.actors[m.payload].codes):
            continue
        ref = mention_ref(index, words, m, date)
        if ref is not None and country_and_sector(ref.code)[1] in GROUP_SECTORS:
            context.remember_group(ref, m.start)


def note_pair(
    index: ActorIndex,
    sent: Span,
    words: list[str],
    mentions: list[Mention],
    date: str | None,
    context: DocumentContext,
) -> None:
    """Remember states named together ("both Iran and Saudi Arabia", "Ethiopia, Egypt and
    Sudan") for a later "the two countries" or "the three countries", whether or not the
    sentence coded an event."""
    if len(mentions) < 2:
        return
    by_token = {sent.start + k: m for m in mentions for k in range(m.start, m.end)}
    groups: list[list[Mention]] = []
    for m in mentions:
        token = sent[m.end - 1]
        if not _listed_after(token) or token.head.i not in by_token:
            continue
        first = by_token[token.head.i]
        group = next((g for g in groups if first in g), None)
        if group is None:
            groups.append([first, m])
        else:
            group.append(m)
    for group in groups:
        refs = [mention_ref(index, words, m, date, "named together") for m in group]
        known = [r for r in refs if r is not None]
        if len(known) != len(refs) or len({r.code[:3] for r in known}) != len(known):
            return
        sector = shared_noun_sector(index, sent, words, group)
        if sector is not None:  # "Indian and Pakistani troops ... both sides": the troops
            known = [
                replace(r, code=combine_codes(r.code, [sector]))
                if country_and_sector(r.code)[1] is None
                else r
                for r in known
            ]
        head = sent[group[0].end - 1]
        in_subject = any(t.dep_ in {"nsubj", "nsubjpass"} for t in [head, *head.ancestors])
        context.remember_pair(known, subject=in_subject)
        context.remember_listed_states(known)


def _listed_after(token: Token) -> bool:
    """True for a later member of a list: a conjunct, or the first of a list the parser
    hung on the name before as an apposition ("Saudi Arabia, Egypt, the UAE and
    Bahrain": "Egypt" an apposition of "Arabia", the rest its conjuncts)."""
    if token.dep_ == "conj":
        return True
    return token.dep_ == "appos" and any(c.i > token.i for c in token.conjuncts)


def shared_noun_sector(
    index: ActorIndex, sent: Span, words: list[str], group: list[Mention]
) -> str | None:
    """The agent code of the noun that nationalities named together modify ("~MIL" for
    "Indian and Pakistani troops"), or None when they stand alone or modify no office."""
    token = sent[group[0].end - 1]
    if token.dep_ not in {"amod", "compound"} or token.head.i == token.i:
        return None
    noun = token.head.i - sent.start
    if noun < group[-1].end:
        return None
    for m in index.agent_phrases.scan(words):
        if m.end - 1 == noun:
            return index.agent_code(m.payload)
    return None


def note_event_pair(raws: Sequence[RawEvent], context: DocumentContext) -> None:
    """Remember the two sides of a sentence's one coded exchange ("Mr Tan met the Chinese
    premier. The two discussed trade."): when every event of the sentence is between the
    same two countries, they are the pair a later "the two", "both sides" or "they" means."""
    sides: dict[str, ActorRef] = {}
    for raw in raws:
        for ref in (raw.source, raw.target):
            country = ref.code[:3]
            if country in NOT_COUNTRIES or len(country) < 3:
                return
            sides.setdefault(country, ref)
    if len(sides) == 2:
        context.remember_pair(list(sides.values()))


# Small words an organisation's name may hold between the capitalised words of its
# initials ("Armed Forces of the Philippines": AFP).
NAME_JOINERS = frozenset({"of", "the", "and", "for", "on"})


def capitalised_runs(sent: Span) -> list[tuple[int, int]]:
    """The sentence-relative spans of names written as capitalised words, joiners allowed
    inside ("the Armed Forces of the Philippines" gives "Armed Forces of the
    Philippines"); a sentence-initial "The" is no part of a name."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    last = -1
    for i, word in enumerate(token_columns(sent.doc).text[sent.start : sent.end]):
        lower = word.lower()
        if word.istitle() and word.isalpha() and lower != "the":  # as spaCy's is_title, is_alpha
            start = i if start is None else start
            last = i
        elif start is not None and not (lower in NAME_JOINERS and word.islower()):
            runs.append((start, last + 1))
            start = None
    if start is not None:
        runs.append((start, last + 1))
    return runs


def note_acronyms(scanned: ScannedSentence, context: DocumentContext) -> None:
    """Remember the initials of the organisations a sentence spells out ("the Philippine
    Coast Guard": PCG, its country with the sector its office words give), for the bare
    acronym a later sentence uses ("the PCG said"); people's names are left out."""
    index, sent, words, mentions, date = scanned
    agents: list[Mention] | None = None  # scanned only when an organisation is spelled out
    columns = token_columns(sent.doc)
    for start, end in capitalised_runs(sent):
        run = range(sent.start + start, sent.start + end)
        capitals = [i for i in run if columns.text[i].istitle()]
        if len(capitals) < 2 or any(columns.ent_type[i] == "PERSON" for i in run):
            continue
        named = [m for m in mentions if start <= m.start and m.end <= end]
        refs = [mention_ref(index, words, m, date, ACRONYM_HOW) for m in named]
        if len(refs) != 1 or refs[0] is None:
            continue
        if any(is_person_role(c) for c in index.actors[named[0].payload].codes):
            continue
        ref = refs[0]
        if country_and_sector(ref.code)[1] is None:
            if agents is None:
                agents = index.agents_around(words, mentions)
            sectors = [index.agent_code(a.payload) for a in agents if start <= a.start < end]
            ref = replace(ref, code=combine_codes(ref.code, sectors))
        initials = "".join(columns.text[i][0] for i in capitals)
        context.acronyms[initials] = replace(ref, text=sent[start:end].text)
