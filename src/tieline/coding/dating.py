"""When an event happened: its clause's date, its sentence's, the paragraph's, or the
publication date; and how many times the text says it happened."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from tieline.model import EventDate
from tieline.nlp.dates import (
    MONTHS,
    ResolvedDate,
    add_months,
    find_dates,
    month_range,
    not_after,
    resolve_relative_date,
)
from tieline.nlp.token_columns import span_text

if TYPE_CHECKING:
    from collections.abc import Iterable

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
    text = span_text(sent) if text is None else text
    if not any(map(str.isdigit, text)) and not _maybe_dated(text):
        return []
    out = []
    base = sent.start_char
    for found in find_dates(text, anchor):
        lo, hi = base + found.char_start, base + found.char_end
        span = sent.doc.char_span(lo, hi, alignment_mode="expand")
        if span is not None and len(span):
            out.append(DateMention(found, frozenset(range(span.start, span.end))))
    return out


MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_CUES = (
    "ago", "last", "next", "this", "since", "yesterday", "today", "tomorrow", "week",
    "month", "year", "day", "spring", "summer", "autumn", "fall", "winter", "quarter",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "earlier", "later", "tonight",
)  # fmt: skip


# A calendar date without a year: "February 24", "24 February", "on 3rd March".
_YEARLESS_DAY = re.compile(
    rf"(?:{MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH_NAMES})\.?",
    re.I,
)
_STATED_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_YEAR_STATED_OR_NAMED = re.compile(r"\b(?:(?:19|20)\d{2}|(?:this|last|next) year)\b", re.I)


def narrative_reference(earlier: Iterable[list[DateMention]], doc: Doc) -> DateMention | None:
    """The time a paragraph's story has reached (``earlier``: the dates of its earlier
    sentences, the latest first): the last date with a stated year in the sentence just
    before ("The February 2019 attack worsened relations"); None when that sentence states
    none, dates by the publication day ("on Monday") or names only a thing's year ("the
    2003 accord")."""
    for found in earlier:
        stated = [
            m for m in found
            if _STATED_YEAR.search(m.resolved.text)
            and (m.resolved.precision in {"day", "month"} or not names_a_thing(doc, m))
        ]  # fmt: skip
        return stated[-1] if stated else None
    return None


def in_narrative_year(
    mentions: list[DateMention], reference: DateMention | None, anchor: date
) -> list[DateMention]:
    """Dates of a sentence with a day and month but no year ("India retaliated on February
    24"), resolved near the year the paragraph tells of ("The February 2019 attack ...")
    rather than near the publication day, when that year is an earlier one."""
    if reference is None or reference.resolved.end.year >= anchor.year:
        return mentions
    if any(_YEAR_STATED_OR_NAMED.search(m.resolved.text) for m in mentions):
        return mentions  # "on February 24 this year", "on March 3, 2021": the year is given
    out = []
    for m in mentions:
        if m.resolved.precision == "day" and _YEARLESS_DAY.fullmatch(m.resolved.text):
            again = _in_year_of(m.resolved, reference.resolved)
            if again is not None:
                m = DateMention(replace(again, text=m.resolved.text), m.tokens)
        out.append(m)
    return out


def _in_year_of(day: ResolvedDate, reference: ResolvedDate) -> ResolvedDate | None:
    """A yearless day placed in the reference's year ("In 2019 ... on March 3"), or for a
    month or day reference, at its occurrence nearest the reference."""
    if reference.precision != "year":
        return resolve_relative_date(day.text, reference.start)
    try:
        when = day.start.replace(year=reference.start.year)
    except ValueError:  # February 29
        return None
    return ResolvedDate(when, when, "day", when.isoformat(), day.text)


_CUE = re.compile("|".join(_CUES))  # any cue, even inside a word, as a quick filter


def _maybe_dated(text: str) -> bool:
    return _CUE.search(text.lower()) is not None


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
    clause = own_clause(verb) if mentions else set()  # no date in the sentence: no walk
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
        if interval is None and chosen in in_clause:
            interval = interval_from_dated_thing(verb, chosen)
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
    dates the reunions, not the statement) or in the clause of another of a list of
    conjoined verbs, bar the first ("agreed to a pact and halted propaganda on May 1": May 1
    is the halt's; "stated plans to meet on May 1 and began to connect roads": not the
    connecting's)."""
    doc = verb.doc
    if mention.tokens & {t.i for t in verb.subtree}:
        tok, seen = doc[min(mention.tokens)], 0
        while tok.i != verb.i and tok.head.i != tok.i and seen < 12:
            if tok.pos_ in {"VERB", "AUX"} and tok.dep_ in EMBEDDED_ACT_DEPS:
                return True  # a date of the act that is planned, reported or said
            tok, seen = tok.head, seen + 1
        return False  # "met seven times since X took office two years ago": shared
    member = _coordinated_member(verb)
    if member is None or (member.i != verb.i and member.dep_ != "conj"):
        return False  # a clause inside the first member: the list's dates may be its own
    return any(
        conj.i != member.i and conj.dep_ == "conj" and mention.tokens & _conjunct_tokens(conj)
        for conj in member.conjuncts
        if conj.pos_ in {"VERB", "AUX"}
    )


def _coordinated_member(verb: Token) -> Token | None:
    """The member of a list of coordinated verbs that a verb stands in: itself, or the
    conjunct whose clause holds it ("began the process to connect roads": "began")."""
    tok = verb
    for _ in range(12):
        if _is_verb_conj(tok) or any(_is_verb_conj(c) for c in tok.children):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _conjunct_tokens(conj: Token) -> set[int]:
    """Token indices of one member of a list of coordinated verbs, without the members
    the parser hung below it."""
    out = {t.i for t in conj.subtree}
    for c in conj.children:
        if _is_verb_conj(c):
            out -= {t.i for t in c.subtree}
    return out


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


def interval_from_dated_thing(verb: Token, mention: DateMention) -> tuple[int, str] | None:
    """How far the verb's act lies from a dated thing it is measured against: "cut
    relations a year after the 1979 revolution" is (+1, "year"), "two months before the
    2019 election" (-2, "month"). None unless the date names the object of the verb's own
    "after"/"before" phrase and the phrase states a measure."""
    doc = verb.doc
    tok, seen = doc[min(mention.tokens)], 0
    while tok.dep_ != "pobj" and tok.head.i != tok.i and seen < 4:
        tok, seen = tok.head, seen + 1
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in {"after", "before"} or prep.head.i != verb.i:
        return None
    for unit in prep.children:
        if unit.dep_ == "npadvmod" and unit.lemma_.lower() in INTERVAL_UNITS:
            n = _measure(unit)
            if n:
                return (n if prep.lower_ == "after" else -n), unit.lemma_.lower()
    return None


def _measure(unit: Token) -> int | None:
    """The number a unit word is counted with: "two years" 2, "a year" 1."""
    for child in unit.children:
        if child.dep_ == "nummod":
            return int(child.text) if child.text.isdigit() else NUMBER_WORDS.get(child.lower_)
        if child.dep_ == "det" and child.lower_ in {"a", "an", "one"}:
            return 1
    return None


PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4}


def shifted(when: ResolvedDate, n: int, unit: str) -> ResolvedDate:
    """A date moved by ``n`` units, at the precision of the unit (or finer, for days); a
    unit finer than the date's own precision moves nothing ("two months after the 2019
    election" is 2019, no invented month)."""
    text = f"{abs(n)} {unit}s {'before' if n < 0 else 'after'} {when.text}"
    if PRECISION_RANK.get(unit, 0) < PRECISION_RANK.get(when.precision, 0):
        return replace(when, text=text)
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
