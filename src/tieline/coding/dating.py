"""When an event happened: its clause's date, its sentence's, the paragraph's, or the
publication date; and how many times the text says it happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from tieline.model import EventDate
from tieline.nlp.dates import (
    ResolvedDate,
    add_months,
    find_dates,
    month_range,
    not_after,
    resolve_relative_date,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj"})
COUNT_WORDS = {"once": 1, "twice": 2, "thrice": 3}
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "many": None,
}  # fmt: skip


@dataclass(frozen=True)
class DateMention:
    """A resolved temporal expression and the document token indices it covers."""

    resolved: ResolvedDate
    tokens: frozenset[int]


def sentence_dates(sent: Span, anchor: date | None, text: str | None = None) -> list[DateMention]:
    """Temporal expressions of a sentence, resolved against the anchor date (``text``: the
    sentence's text when the caller has it already)."""
    text = sent.text if text is None else text
    if not any(ch.isdigit() for ch in text) and not _maybe_dated(text):
        return []
    out = []
    base = sent.start_char
    for found in find_dates(text, anchor):
        lo, hi = base + found.char_start, base + found.char_end
        span = sent.doc.char_span(lo, hi, alignment_mode="expand")
        if span is not None and len(span):
            out.append(DateMention(found, frozenset(range(span.start, span.end))))
    return out


_CUES = (
    "ago", "last", "next", "this", "since", "yesterday", "today", "tomorrow", "week",
    "month", "year", "day", "spring", "summer", "autumn", "fall", "winter", "quarter",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "earlier", "later", "tonight",
)  # fmt: skip


def _maybe_dated(text: str) -> bool:
    lower = text.lower()
    return any(cue in lower for cue in _CUES)


def own_clause(verb: Token) -> set[int]:
    """Token indices of a verb's own clause: its subtree without embedded clauses."""
    out = {verb.i}
    stack = [c for c in verb.children if c.dep_ not in CLAUSE_DEPS and not _is_verb_conj(c)]
    while stack:
        tok = stack.pop()
        out.add(tok.i)
        stack.extend(c for c in tok.children if c.dep_ not in CLAUSE_DEPS)
    return out


def _is_verb_conj(tok: Token) -> bool:
    return tok.dep_ == "conj" and tok.pos_ in {"VERB", "AUX"}


# An event the text does not date falls in the week up to the publication day.
UNDATED_DAYS = 7


def event_date(
    verb: Token,
    mentions: list[DateMention],
    context: DateMention | None,
    published: str | None,
    future: bool,
) -> EventDate:
    """The date of the event of ``verb``: own clause, sentence, paragraph, publication."""
    clause = own_clause(verb)
    in_clause = sorted(
        (m for m in mentions if m.tokens & clause),
        key=lambda m: (_modifies_noun(verb, m), m.resolved.end - m.resolved.start),
    )
    chosen = in_clause[0] if in_clause else None
    if chosen is None and mentions:
        shared = [m for m in mentions if not _dates_other_act(verb, m)]
        chosen = _nearest(verb, shared) if shared else None
    if chosen is None:
        chosen = context
    if chosen is not None:
        resolved = chosen.resolved
        interval = interval_from_main(verb) if not in_clause else None
        if interval is not None:  # "met on Monday, four months after the trip was scuttled"
            resolved = shifted(resolved, *interval)
        if published and chosen is not context and _after_since(verb, chosen):
            # "have met seven times since X returned to office three years ago"
            until = date.fromisoformat(published)
            if resolved.start <= until:
                resolved = ResolvedDate(
                    resolved.start, until, "range", f"{resolved.value}/{published}",
                    resolved.text,
                )  # fmt: skip
        if future and published and resolved.start < date.fromisoformat(published):
            again = resolve_relative_date(resolved.text, date.fromisoformat(published), True)
            resolved = again or resolved
        elif published and resolved.start > date.fromisoformat(published) and completed(verb):
            resolved = not_after(resolved, date.fromisoformat(published), resolved.text)
        return EventDate(
            resolved.start.isoformat(), resolved.end.isoformat(), resolved.precision,
            resolved.text, "text",
        )  # fmt: skip
    if not published:
        return EventDate(None, None, "unknown", None, "published")
    try:
        day = date.fromisoformat(published)
    except ValueError:
        day = None
    if future or day is None:  # announced for later: from the publication day on
        return EventDate(published, published, "day", None, "published")
    # nothing dates it: news reports what happened in the days up to publication
    week_before = (day - timedelta(days=UNDATED_DAYS - 1)).isoformat()
    return EventDate(week_before, published, "week", None, "published")


# Clauses under a verb that name another act (what is planned, said or described), not
# when the verb's own act happened; an adverbial clause ("since", "after") dates it.
EMBEDDED_ACT_DEPS = frozenset({"xcomp", "ccomp", "acl", "relcl", "pcomp", "conj"})


def _dates_other_act(verb: Token, mention: DateMention) -> bool:
    """True when a date outside the verb's own clause belongs to another act: it stands
    in a clause embedded under the verb ("stated plans to resume reunions on Aug. 15"
    dates the reunions, not the statement) or in a later conjoined verb's clause
    ("agreed to a pact and halted propaganda on May 1": May 1 is the halt's)."""
    doc = verb.doc
    if mention.tokens & {t.i for t in verb.subtree}:
        tok, seen = doc[min(mention.tokens)], 0
        while tok.i != verb.i and tok.head.i != tok.i and seen < 12:
            if tok.pos_ in {"VERB", "AUX"} and tok.dep_ in EMBEDDED_ACT_DEPS:
                return True  # a date of the act that is planned, reported or said
            tok, seen = tok.head, seen + 1
        return False  # "met seven times since X took office two years ago": shared
    for conj in verb.conjuncts:
        if (
            conj.i > verb.i
            and conj.pos_ in {"VERB", "AUX"}
            and mention.tokens & {t.i for t in conj.subtree}
        ):
            return True
    return False


def _after_since(verb: Token, mention: DateMention) -> bool:
    """True when the date stands in a "since" phrase or clause of the verb ("since
    2020" is resolved as a range already; this catches "since he returned ... in 2020")."""
    doc = verb.doc
    tok = doc[min(mention.tokens)]
    if mention.resolved.text.lower().startswith("since"):
        return False  # "since 2020": the expression is a range already
    seen = 0
    while tok.i != verb.i and tok.head.i != tok.i and seen < 12:
        if tok.lower_ == "since" or any(
            c.lower_ == "since" and c.dep_ in {"mark", "prep"} for c in tok.children
        ):
            return True
        tok, seen = tok.head, seen + 1
    return False


def completed(verb: Token) -> bool:
    """True when the verb reports a completed act: simple past or a perfect ("met", "has
    met", "was signed"), not a modal or future form."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxes):
        return False
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(a.lemma_ in {"have", "be"} for a in auxes)


def _modifies_noun(verb: Token, mention: DateMention) -> bool:
    """True for a date inside a noun phrase ("the 2015 accord"): it names the thing, not
    when the event happened, and yields to an adverbial date ("in May")."""
    return names_a_thing(verb.doc, mention)


def names_a_thing(doc: Doc, mention: DateMention) -> bool:
    """True for a date that modifies a noun ("a 2006 document", "the 1890 treaty")."""
    return all(
        doc[i].dep_ in {"nummod", "compound", "amod", "poss"} and doc[i].head.pos_ == "NOUN"
        for i in mention.tokens
    )


def _nearest(verb: Token, mentions: list[DateMention]) -> DateMention:
    return min(mentions, key=lambda m: min(abs(i - verb.i) for i in m.tokens))


def stated_count(verb: Token) -> int | None:
    """How many times the text says the event happened ("met five times", "twice")."""
    for child in verb.children:
        word = child.lower_
        if word in COUNT_WORDS and child.dep_ in {"advmod", "npadvmod"}:
            return COUNT_WORDS[word]
        if child.lemma_ in {"time", "round"} and child.dep_ in {
            "npadvmod",
            "dobj",
            "advmod",
            "obl",
        }:
            for num in child.children:
                if num.dep_ == "nummod":
                    if num.text.isdigit():
                        return int(num.text)
                    value = NUMBER_WORDS.get(num.lower_)
                    if value:
                        return value
    return None


INTERVAL_UNITS = frozenset({"day", "week", "month", "year"})


def interval_from_main(verb: Token) -> tuple[int, str] | None:
    """How far the clause of ``verb`` lies from its main clause, when it says so: "(met on
    Monday,) four months after the trip was scuttled" is (-4, "month"); "two years before
    X" is (+2, "year"). None when no such measure is stated."""
    clause = verb
    for _ in range(4):  # a noun's event lies in the clause of its verb
        if clause.pos_ in {"VERB", "AUX"} or clause.head.i == clause.i:
            break
        clause = clause.head
    if clause.dep_ != "advcl":
        return None
    for mark in clause.children:
        if mark.dep_ not in {"mark", "prep"} or mark.lower_ not in {"after", "before"}:
            continue
        for unit in [*mark.children, *clause.children]:  # the parser hangs it on either
            if unit.dep_ != "npadvmod" or unit.lemma_.lower() not in INTERVAL_UNITS:
                continue
            for num in unit.children:
                if num.dep_ != "nummod":
                    continue
                n = int(num.text) if num.text.isdigit() else NUMBER_WORDS.get(num.lower_)
                if n:
                    return (-n if mark.lower_ == "after" else n), unit.lemma_.lower()
    return None


def shifted(when: ResolvedDate, n: int, unit: str) -> ResolvedDate:
    """A date moved by ``n`` units, at the precision of the unit (or finer, for days)."""
    text = f"{abs(n)} {unit}s {'before' if n < 0 else 'after'} {when.text}"
    if unit in {"day", "week"}:
        days = n * (7 if unit == "week" else 1)
        start, end = when.start + timedelta(days=days), when.end + timedelta(days=days)
        return ResolvedDate(start, end, when.precision, start.isoformat(), text)
    if unit == "month":
        moved = add_months(when.start, n)
        start, end = month_range(moved.year, moved.month)
        return ResolvedDate(start, end, "month", f"{moved.year}-{moved.month:02d}", text)
    year = when.start.year + n
    return ResolvedDate(date(year, 1, 1), date(year, 12, 31), "year", str(year), text)
