"""Temporal expressions found in text and resolved against the publication date.

``find_dates(text, anchor)`` returns every expression it recognises with its character
span and the range it denotes; ``resolve_relative_date(text, anchor)`` resolves one
expression. Ranges are inclusive; ``precision`` is day, week, month, season, quarter,
year or range; ``value`` is the TimeML-style value (2016-05, 2016-W23, 2015-FA, ...).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

MONTHS = (
    {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
    | {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
    "a couple of": 2, "a few": 3, "several": 3,
}  # fmt: skip
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9),
           "winter": ("WI", 12)}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_NUM = r"(?P<num>\d{1,3}|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_SEASON = r"(?P<season>spring|summer|autumn|fall|winter)"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_REL = r"(?P<rel>last|this|next|past|coming|previous|earlier\s+this|later\s+this)"


@dataclass(frozen=True)
class ResolvedDate:
    """A temporal expression resolved to an inclusive date range."""

    start: date
    end: date
    precision: str
    value: str
    text: str = ""
    char_start: int = 0
    char_end: int = 0


def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _week(d: date) -> ResolvedDate:
    start = d - timedelta(days=d.weekday())
    iso = d.isocalendar()
    return ResolvedDate(start, start + timedelta(days=6), "week", f"{iso[0]}-W{iso[1]:02d}")


def _month(year: int, month: int) -> ResolvedDate:
    start, end = month_range(year, month)
    return ResolvedDate(start, end, "month", f"{year}-{month:02d}")


def _year(year: int) -> ResolvedDate:
    return ResolvedDate(date(year, 1, 1), date(year, 12, 31), "year", f"{year}")


def _day(d: date) -> ResolvedDate:
    return ResolvedDate(d, d, "day", d.isoformat())


def _season(name: str, year: int) -> ResolvedDate:
    code, first = SEASONS[name]
    start = date(year, first, 1)
    last = add_months(start, 2)
    end = month_range(last.year, last.month)[1]
    return ResolvedDate(start, end, "season", f"{year}-{code}")


def _season_start_year(name: str, anchor: date, rel: str) -> int:
    """Year in which the season named relative to ``anchor`` starts."""
    code, first = SEASONS[name]
    this_start = date(anchor.year if not (first == 12 and anchor.month < 3) else anchor.year - 1,
                      first, 1)  # fmt: skip
    this_end = add_months(this_start, 3) - timedelta(days=1)
    if rel in {"last", "past", "previous"}:
        return this_start.year if this_end < anchor else this_start.year - 1
    if rel in {"next", "coming"}:
        return this_start.year if this_start > anchor else this_start.year + 1
    return this_start.year


def _number(text: str) -> int | None:
    text = " ".join(text.lower().split())
    if text.isdigit():
        return int(text)
    return NUMBERS.get(text)


def _past_weekday(anchor: date, weekday: int, future: bool) -> date:
    delta = (anchor.weekday() - weekday) % 7
    if future:
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    return anchor - timedelta(days=delta)


def _shift(anchor: date, n: int, unit: str) -> ResolvedDate:
    """The period ``n`` units before (negative n: after) the anchor."""
    if unit == "day":
        return _day(anchor - timedelta(days=n))
    if unit == "week":
        return _week(anchor - timedelta(weeks=n))
    if unit == "month":
        d = add_months(anchor, -n)
        return _month(d.year, d.month)
    if unit == "decade":
        return _year(anchor.year - 10 * n)
    return _year(anchor.year - n)


# Each rule: a compiled pattern and a function (match, anchor, future) -> ResolvedDate.
def _r_iso(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate | None:
    try:
        return _day(date(int(m["y"]), int(m["m"]), int(m["d"])))
    except ValueError:
        return None


def _r_day_month_year(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate | None:
    try:
        return _day(date(int(m["year"]), MONTHS[m["month"].lower()], int(m["day"])))
    except ValueError:
        return None


def _closest_year(month: int, day: int, anchor: date, future: bool) -> int:
    """The year that puts month/day nearest the anchor, leaning to the past (or future)."""

    def cost(year: int) -> float:
        try:
            d = date(year, month, min(day, calendar.monthrange(year, month)[1]))
        except ValueError:
            return float("inf")
        distance = abs((d - anchor).days)
        ahead = d > anchor
        if future:
            return distance + (400 if not ahead and d < anchor - timedelta(days=1) else 0)
        return distance * (1.5 if ahead else 1.0)

    return min((anchor.year - 1, anchor.year, anchor.year + 1), key=cost)


def _r_day_month(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate | None:
    month = MONTHS[m["month"].lower()]
    year = _closest_year(month, int(m["day"]), anchor, future)
    try:
        return _day(date(year, month, int(m["day"])))
    except ValueError:
        return None


def _r_month_year(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate:
    return _month(int(m["year"]), MONTHS[m["month"].lower()])


def _r_rel_month(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate:
    month = MONTHS[m["month"].lower()]
    rel = (m["rel"] or "").lower()
    year = anchor.year
    if rel in {"last", "past", "previous"}:
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel in {"next", "coming"}:
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    else:
        year = _closest_year(month, 15, anchor, future)
    return _month(year, month)


def _r_weekday(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate:
    rel = (m["rel"] or "").lower()
    wd = WEEKDAYS[m["weekday"].lower()]
    if rel in {"next", "coming"} or (future and rel != "last"):
        ahead = _past_weekday(anchor, wd, future=True)
        if not rel and ahead - anchor == timedelta(days=7):
            ahead = anchor  # wire style: "will meet on Monday" in Monday's paper is today
        return _day(ahead)
    d = _past_weekday(anchor, wd, future=False)
    if rel == "last" and d == anchor:
        d -= timedelta(days=7)
    return _day(d)


def _r_ago(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate | None:
    n = _number(m["num"])
    if n is None:
        return None
    sign = -1 if m["dir"].lower() in {"from now", "later", "hence"} else 1
    return _shift(anchor, sign * n, m["unit"].lower())


def _r_rel_unit(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate:
    rel = " ".join(m["rel"].lower().split())
    unit = m["unit"].lower()
    if rel in {"earlier this", "later this"}:
        period = {"day": _day(anchor), "week": _week(anchor), "month": _month(anchor.year, anchor.month)}.get(unit, _year(anchor.year))  # fmt: skip
        if rel == "earlier this":
            return ResolvedDate(period.start, anchor, "range", period.value)
        return ResolvedDate(anchor, period.end, "range", period.value)
    n = {"last": 1, "past": 1, "previous": 1, "next": -1, "coming": -1}.get(rel, 0)
    return _shift(anchor, n, unit)


def _r_season(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate:
    name = m["season"].lower()
    if m["year"]:
        return _season(name, int(m["year"]))
    rel = (m["rel"] or "").lower().replace("the", "")
    if not rel:
        current = _season(name, _season_start_year(name, anchor, "this"))
        if current.start <= anchor <= current.end:
            return current
        rel = "next" if future else "last"
    return _season(name, _season_start_year(name, anchor, rel))


def _r_quarter(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate:
    if m["q"].lower() == "last" and not m["year"] and not m["qrel"]:
        current = (anchor.month - 1) // 3 + 1
        year, q = (anchor.year, current - 1) if current > 1 else (anchor.year - 1, 4)
        start = date(year, 3 * q - 2, 1)
        return ResolvedDate(start, month_range(year, 3 * q)[1], "quarter", f"{year}-Q{q}")
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}[m["q"].lower()]
    year = int(m["year"]) if m["year"] else anchor.year
    if m["qrel"] and m["qrel"].lower() == "last year":
        year = anchor.year - 1
    start = date(year, 3 * q - 2, 1)
    end = month_range(year, 3 * q)[1]
    return ResolvedDate(start, end, "quarter", f"{year}-Q{q}")


def _r_past_n(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate | None:
    n = _number(m["num"])
    if n is None:
        return None
    unit = m["unit"].lower()
    days = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3650}[unit] * n
    return ResolvedDate(anchor - timedelta(days=days), anchor, "range", f"P{n}{unit[0].upper()}")


def _r_decade(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate:
    start = int(m["decade"])
    return ResolvedDate(date(start, 1, 1), date(start + 9, 12, 31), "range", f"{start // 10}")


def _r_year(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate:
    return _year(int(m["year"]))


def _part(start: date, end: date, part: str) -> tuple[date, date]:
    """The early, mid or late third of a period."""
    days = (end - start).days + 1
    third = days // 3
    if part == "early":
        return start, start + timedelta(days=third - 1)
    if part == "late":
        return end - timedelta(days=third - 1), end
    return start + timedelta(days=third), end - timedelta(days=third)


def _r_part(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate | None:
    """early/mid/late March, 2019, next March, last year, this month."""
    part = m["part"].lower()
    rel = (m["rel"] or "").lower()
    if m["month"]:
        month = MONTHS[m["month"].lower()]
        if m["year"]:
            period = _month(int(m["year"]), month)
        elif rel:
            period = _r_rel_month(m, anchor, future)
        else:
            period = _month(_closest_year(month, 15, anchor, future), month)
    elif m["unit"] and rel:
        n = {"last": 1, "previous": 1, "next": -1, "coming": -1}.get(rel, 0)
        period = _shift(anchor, n, m["unit"].lower())
    elif m["year"]:
        period = _year(int(m["year"]))
    else:
        return None
    start, end = _part(period.start, period.end, part)
    return ResolvedDate(start, end, "range", period.value)


def _r_year_word(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate:
    which = " ".join((m["which"] or "").lower().split())
    year = (
        anchor.year - 1
        if which in {"last", "previous", "the previous", "the last"}
        else anchor.year
    )
    if m["prev"] or m["prevafter"]:
        year = anchor.year - 1
    return _year(year)


_TIME_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def _r_word(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate:
    word = " ".join(m[0].lower().split())
    part = "night" if word == "tonight" else word.rsplit(" ", 1)[-1]
    if part in _TIME_OF_DAY:  # TimeML: 2008-01-09TMO, "last night" 2008-01-08TNI
        day = _day(anchor - timedelta(days=1) if word == "last night" else anchor)
        return ResolvedDate(day.start, day.end, "day", f"{day.value}T{_TIME_OF_DAY[part]}")
    if word == "yesterday":
        return _day(anchor - timedelta(days=1))
    if word == "tomorrow":
        return _day(anchor + timedelta(days=1))
    if word == "the day before yesterday":
        return _day(anchor - timedelta(days=2))
    return _day(anchor)


def _r_month_of_year(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate:
    which = " ".join(m["which"].lower().split())
    shift = {"next": 1, "the following": 1, "last": -1, "the previous": -1}.get(which, 0)
    return _month(anchor.year + shift, MONTHS[m["month"].lower()])


def _century(two_digits: int, anchor: date) -> int:
    """The year ending in ``two_digits`` that is not after the anchor's year ('82, '09)."""
    year = 2000 + two_digits
    return year if year <= anchor.year else year - 100


def _r_short_decade(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate:
    start = _century(int(m["d2"]), anchor)
    return ResolvedDate(date(start, 1, 1), date(start + 9, 12, 31), "range", f"{start // 10}")


def _r_short_year(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate:
    return _year(_century(int(m["y2"]), anchor))


def _r_numeric(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate | None:
    """7/8/07, 25/12/2019: month first unless the first number cannot be a month."""
    a, b, year = int(m["a"]), int(m["b"]), m["y"]
    month, day = (b, a) if a > 12 else (a, b)
    full = int(year) if len(year) == 4 else _century(int(year), anchor)
    try:
        return _day(date(full, month, day))
    except ValueError:
        return None


def _r_weekend(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate:
    rel = (m["rel"] or "").lower()
    ahead = rel in {"next", "coming"} or (future and rel != "last")
    saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7)
    if not ahead and saturday > anchor:
        saturday -= timedelta(days=7)
    if rel == "last" and saturday + timedelta(days=1) >= anchor:
        saturday -= timedelta(days=7)
    iso = saturday.isocalendar()
    value = f"{iso[0]}-W{iso[1]:02d}-WE"
    return ResolvedDate(saturday, saturday + timedelta(days=1), "range", value)


def _r_period_edge(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate:
    """The beginning, middle or end of this/last/next year, month or week."""
    n = {"last": 1, "previous": 1, "next": -1, "coming": -1}.get(m["which"].lower(), 0)
    period = _shift(anchor, n, m["unit"].lower())
    part = {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}
    start, end = _part(period.start, period.end, part[m["edge"].lower()])
    return ResolvedDate(start, end, "range", period.value)


def _r_this_day(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate:
    return _day(anchor)


def _r_since_match(m: re.Match[str], anchor: date, future: bool) -> ResolvedDate | None:
    inner = resolve_relative_date(m["what"], anchor, future=False)
    if inner is None:
        return None
    return ResolvedDate(inner.start, anchor, "range", f"{inner.value}/{anchor.isoformat()}")


_SINCE_TARGET = (
    rf"(?:{_MONTH}\s+{_YEAR}|{_YEAR}|{_MONTH}|(?:taking office\s+)?{_NUM}\s+{_UNIT}\s+ago|"
    rf"last\s+(?:year|month|week))"
)

# A day and month not followed by a year: "on June 18, 270 troops entered" is
# June 18 (the number after the comma counts troops, it is no year).
_NO_YEAR_AFTER = r"(?!\s*,?\s*(?:1[89]|20)\d{2}\b)(?!\s+\d)"

# a rule resolves its pattern's match against the anchor date
Rule = Callable[[re.Match[str], date, bool], ResolvedDate | None]

RULES: list[tuple[re.Pattern[str], Rule]] = [
    (re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b"), _r_iso),
    (
        re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"),
        _r_numeric,
    ),  # fmt: skip
    (
        re.compile(
            rf"\b{_MONTH}\s+of\s+(?P<which>next|last|this|the\s+following|the\s+previous)\s+year\b",
            re.I,
        ),
        _r_month_of_year,
    ),  # fmt: skip
    (
        re.compile(
            r"\bthe\s+(?P<edge>beginning|start|middle|end)\s+of\s+"
            r"(?P<which>last|this|next|previous|coming)\s+(?P<unit>year|month|week)\b",
            re.I,
        ),
        _r_period_edge,
    ),  # fmt: skip
    (re.compile(r"\b(?:(?P<rel>this|last|next|coming|the)\s+)?weekend\b", re.I), _r_weekend),
    (
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I
        ),
        _r_day_month_year,
    ),  # fmt: skip
    (
        re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+{_YEAR}\b", re.I),
        _r_day_month_year,
    ),  # fmt: skip
    (
        re.compile(
            r"\bsince\s+(?P<what>" + re.sub(r"\(\?P<\w+>", "(?:", _SINCE_TARGET) + r")", re.I
        ),
        _r_since_match,
    ),  # fmt: skip
    (
        re.compile(rf"\b(?:(?:in|over|during)\s+)?the\s+(?:past|last)\s+{_NUM}\s+{_UNIT}\b", re.I),
        _r_past_n,
    ),  # fmt: skip
    (
        re.compile(
            rf"\b(?P<part>early|mid|late)[\s-]+(?:(?P<rel>this|last|next|coming|previous)\s+)?"
            rf"(?:{_MONTH}|(?P<unit>year|month|week)\b)?\s*,?\s*(?:{_YEAR})?\b",
            re.I,
        ),
        _r_part,
    ),  # fmt: skip
    (
        re.compile(
            rf"\b(?:the\s+)?(?P<q>first|second|third|fourth|final|last)[\s-]+quarter(?:\s+of\s+(?:{_YEAR}|(?P<qrel>last year|this year)))?",
            re.I,
        ),
        _r_quarter,
    ),  # fmt: skip
    (
        re.compile(
            rf"\b(?:(?P<rel>last|this|next|past|coming|previous|the)\s+)?{_SEASON}(?:\s+(?:of\s+)?{_YEAR})?\b",
            re.I,
        ),
        _r_season,
    ),  # fmt: skip
    (re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.I), _r_month_year),
    (
        re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b{_NO_YEAR_AFTER}", re.I),
        _r_day_month,
    ),  # fmt: skip
    (
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b{_NO_YEAR_AFTER}", re.I
        ),
        _r_day_month,
    ),  # fmt: skip
    (
        re.compile(
            rf"\b{_NUM}\s+{_UNIT}\s+(?P<dir>ago|earlier|before(?=\s*(?:[,.;:)]|$))|from now|later|hence)\b",
            re.I,
        ),
        _r_ago,
    ),  # fmt: skip
    (re.compile(rf"\b{_REL}\s+{_UNIT}\b", re.I), _r_rel_unit),
    (
        re.compile(rf"\b(?:(?P<rel>last|this|next|past|coming|previous)\s+)?{_WEEKDAY}\b", re.I),
        _r_weekday,
    ),  # fmt: skip
    (
        re.compile(
            r"\b(?:(?P<rel>last|this|next|coming|previous)\s+|(?<=in\s)|(?<=In\s)|(?<=by\s)|(?<=until\s)|(?<=since\s))(?P<month>"
            + "|".join(
                sorted((k for k in MONTHS if len(k) > 3 or k == "may"), key=len, reverse=True)
            )
            + r")\b(?!\s+\d)",
            re.I,
        ),
        _r_rel_month,
    ),  # fmt: skip
    (
        re.compile(
            r"\bthe\s+(?:end|beginning|start|middle)\s+of\s+(?P<which>last|this|the|next)\s+year\b|\bthe\s+(?P<prev>previous|last)\s+year\b|\bthe\s+year\s+(?P<prevafter>previous|before)\b",
            re.I,
        ),
        _r_year_word,
    ),  # fmt: skip
    (re.compile(r"\b(?:the\s+)?(?P<decade>(?:19|20)\d0)s\b", re.I), _r_decade),
    (
        re.compile(
            r"(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bits )(?<![\w'’])(?:the\s+)?['’]?(?P<d2>[1-9]0)s\b",
            re.I,
        ),
        _r_short_decade,
    ),  # fmt: skip
    (re.compile(r"(?<![\w'’])['’](?P<y2>\d{2})\b(?![\d'’])"), _r_short_year),
    (
        re.compile(
            r"\b(?:the day before yesterday|yesterday|(?:earlier |later )?today|tomorrow|tonight|last night|this (?:morning|afternoon|evening))\b",
            re.I,
        ),
        _r_word,
    ),  # fmt: skip
    (re.compile(rf"(?<![\d,.$£€])\b{_YEAR}\b(?!\d|,\d|%)", re.I), _r_year),
]


_BARE_MONTH = re.compile(r"(?P<rel>)(?P<month>" + "|".join(MONTHS) + r")\.?", re.I)


def find_dates(
    text: str, anchor: date | None, future: bool = False, past: bool = False
) -> list[ResolvedDate]:
    """All temporal expressions in ``text`` resolved against ``anchor``, left to right.

    ``future``: the text speaks of what is to come, so a bare "Friday" or "in March" is the
    next one. ``past``: it speaks of what has happened, so such a date is never after the
    anchor ("in February" in an October article is this year's February).
    """
    found: list[ResolvedDate] = []
    taken = [False] * (len(text) + 1)
    for pattern, rule in RULES:
        for m in pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            if anchor is None and rule not in (_r_iso, _r_day_month_year, _r_month_year, _r_year, _r_decade):  # fmt: skip
                continue
            resolved = _apply(rule, m, anchor, future)
            if resolved is None:
                continue
            if past and anchor is not None:
                resolved = not_after(resolved, anchor, m[0])
            for k in range(m.start(), m.end()):
                taken[k] = True
            found.append(
                ResolvedDate(
                    resolved.start,
                    resolved.end,
                    resolved.precision,
                    resolved.value,
                    m[0],
                    m.start(),
                    m.end(),
                )  # fmt: skip
            )
    found.sort(key=lambda r: r.char_start)
    return found


def _apply(rule: Rule, m: re.Match[str], anchor: date | None, future: bool) -> ResolvedDate | None:
    anchor = anchor or date(1970, 1, 1)
    return rule(m, anchor, future)


_EXPLICIT_YEAR = re.compile(
    r"\d{4}|['’]\d\d\b|\b(?:next|coming|from now|later|hence|tomorrow)\b", re.I
)


def not_after(resolved: ResolvedDate, anchor: date, text: str) -> ResolvedDate:
    """A completed event's date: a named month, day, season or quarter that the resolver
    placed after the anchor is taken as its previous occurrence (a year earlier). Dates
    with a stated year or a forward word ("next", "from now") are left as stated."""
    if resolved.start <= anchor or _EXPLICIT_YEAR.search(text):
        return resolved
    weekday = any(word in WEEKDAYS for word in re.findall(r"[a-z]+", text.lower()))
    if resolved.precision == "day" and weekday:
        week_earlier = resolved.start - timedelta(days=7)  # a weekday: last week's
        return replace(
            resolved, start=week_earlier, end=week_earlier, value=week_earlier.isoformat()
        )
    if resolved.precision not in {"day", "month", "season", "quarter"}:
        return resolved
    start, end = _year_earlier(resolved.start), _year_earlier(resolved.end)
    year = resolved.value[:4]
    value = f"{int(year) - 1}{resolved.value[4:]}" if year.isdigit() else resolved.value
    if resolved.precision == "month":
        end = month_range(start.year, start.month)[1]
    return replace(resolved, start=start, end=end, value=value)


def _year_earlier(d: date) -> date:
    return d.replace(year=d.year - 1, day=min(d.day, calendar.monthrange(d.year - 1, d.month)[1]))


# Expressions that resolve only when they stand alone (``tieline dates``): in running text
# "the same day" points back at a date named before, which the coder's context provides.
_ALONE_RULES: list[tuple[re.Pattern[str], Rule]] = [
    (
        re.compile(
            r"(?:(?:late|early)\s+in\s+|the\s+(?:start|end)\s+of\s+)?the\s+(?:same\s+)?day",
            re.I,
        ),
        _r_this_day,
    ),  # fmt: skip
]
_LEADING_WORD = re.compile(r"^(?:on|in|at|during|over|since|until|till|by|from|for|of)\s+", re.I)


def resolve_relative_date(
    text: str, anchor: date, future: bool = False, past: bool = False
) -> ResolvedDate | None:
    """Resolve one temporal expression (the whole text) against the anchor date."""
    text = text.strip()
    text = re.sub(r"^taking office\s+", "", text, flags=re.I)
    text = _LEADING_WORD.sub("", text) if not text.lower().startswith("since") else text
    resolved = _resolve_alone(text, anchor, future)
    if resolved is not None and past:
        resolved = not_after(resolved, anchor, text)
    return resolved


def _resolve_alone(text: str, anchor: date, future: bool) -> ResolvedDate | None:
    bare = _BARE_MONTH.fullmatch(text)
    if bare:
        return _r_rel_month(bare, anchor, future)
    for pattern, rule in RULES + _ALONE_RULES:
        m = pattern.fullmatch(text) or pattern.match(text)
        if m and m.end() >= len(text.rstrip(" .,")) - 1:
            return _apply(rule, m, anchor, future)
    return None


_FUTURE_CUE = (
    r"\b(?:will|shall|should|would|may|might|could|must)\b|['’]ll\b|\bwo\s*n['’]t\b|"
    r"\bgoing\s+to\b|\bupcoming\b|\bforthcoming\b|\bscheduled\b|\bplanned\b|\bslated\b|"
    r"\b(?:set|due|expected|poised|plans?|planning|intends?|hopes?|aims?)\s+to\b|"
    r"\bto\s+be\s+[a-z]+\b|"
    r"\bto\s+(?:remain|begin|start|meet|visit|hold|open|resume|take\s+place)\b|\buntil\b"
)
# A participle after a form of "be" ("is expected", "will be renewed") carries no tense.
_PAST_CUE = (
    r"\b(?:was|were|had|did|said|told|began|met|held|took|made|went|came|saw)\b|"
    r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bis )(?<!\bare )(?<!\bam )\b[a-z]{3,}ed\b"
)
_CUES = re.compile(rf"(?P<future>{_FUTURE_CUE})|(?P<past>{_PAST_CUE})")


def tense_of(sentence: str, expression: str) -> str | None:
    """ "future", "past" or None: the tense of the words nearest before the expression in
    its sentence (after it when nothing before marks one). A cheap guess for
    ``tieline dates``; the coder reads the tense of the event's own verb from the parse."""
    at = sentence.find(expression)
    if at < 0:
        at, end = len(sentence), len(sentence)
    else:
        end = at + len(expression)
    before = [m for m in _CUES.finditer(sentence[:at])]
    after = [m for m in _CUES.finditer(sentence, end)]
    chosen = before[-1] if before else (after[0] if after else None)
    if chosen is None:
        return None
    return "future" if chosen["future"] else "past"


def resolve_record(record: dict) -> dict:
    """``tieline dates``: one line {"text", "published"?, "sentence"?} resolved.

    Gives the TimeML-style ``value``, the inclusive ``start`` and ``end`` and the
    ``precision`` (all null when the expression is not understood); the sentence, when
    given, decides the tense. Raises ValueError naming a missing or malformed field.
    """
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError('"text": expected a non-empty string')
    published = record.get("published")
    anchor = None
    if published is not None:
        try:
            anchor = date.fromisoformat(str(published)[:10])
        except ValueError:
            raise ValueError(f'"published": {published!r} is not a YYYY-MM-DD date') from None
    sentence = record.get("sentence")
    tense = tense_of(sentence, text) if isinstance(sentence, str) else None
    if anchor is None:
        whole = [r for r in find_dates(text.strip(), None) if r.text == text.strip()]
        resolved = whole[0] if whole else None
    else:
        future, past = tense == "future", tense == "past"
        resolved = resolve_relative_date(text, anchor, future=future, past=past)
    out: dict = {"text": text, "value": None, "start": None, "end": None, "precision": None}
    if resolved is not None:
        out |= {
            "value": resolved.value, "start": resolved.start.isoformat(),
            "end": resolved.end.isoformat(), "precision": resolved.precision,
        }  # fmt: skip
    return out
