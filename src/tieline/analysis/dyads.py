"""A pair of countries over time: cooperation-conflict series, channels, issues, meetings.

Every function reads event clusters (one per real-world event) of asserted events unless
``modalities`` says otherwise, and returns frozen records (``tieline.analysis.records``)
whose ``to_dict()`` is the JSON the API and ``tieline dyad -f json`` serve.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, case, func, or_, select

from tieline.analysis.records import (
    ChannelRow,
    CodedMeeting,
    IssueCount,
    IssuePeriod,
    Issues,
    Meeting,
    PeriodRow,
    StatedCount,
    Tally,
)
from tieline.store.eventstore import Store
from tieline.store.schema import cluster_issues, event_clusters, events

PERIODS = ("month", "quarter", "year")
OFFICIAL = frozenset({"GOV", "LEG", "MIL", "JUD", "COP", "SPY"})
UNOFFICIAL = frozenset({"NGO", "EDU", "BUS", "MED", "ELI", "OPP", "LAB", "REL", "CVL", "HRI"})
MEETING_CODES = ("040", "042", "043", "044", "045", "046")


@dataclass(frozen=True)
class Window:
    """Which events count: a pair, an optional date range, the modalities included."""

    a: str
    b: str
    since: str | None = None
    until: str | None = None
    modalities: tuple[str, ...] = ("asserted",)
    min_confidence: float | None = None  # clusters whose best mention reaches it

    @classmethod
    def of(
        cls,
        a: str,
        b: str,
        since: str | None = None,
        until: str | None = None,
        modalities: Sequence[str] = ("asserted",),
        min_confidence: float | None = None,
    ) -> Window:
        """A window with country codes upper-cased."""
        return cls(a.upper(), b.upper(), since, until, tuple(modalities), min_confidence or None)


def period_of(day: str, by: str) -> str:
    """The period label of an ISO date: 2019-03, 2019-Q1 or 2019."""
    if by == "year":
        return day[:4]
    if by == "quarter":
        return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"
    return day[:7]


def _directed(w: Window, table: Table = event_clusters) -> list[ColumnElement[bool]]:
    c = table.c
    conditions: list[ColumnElement[bool]] = [
        or_(
            and_(c.source_country == w.a, c.target_country == w.b),
            and_(c.source_country == w.b, c.target_country == w.a),
        ),
        c.modality.in_(w.modalities),
        c.date_start.is_not(None),
    ]
    if w.since:
        conditions.append(c.date_start >= w.since)
    if w.until:
        conditions.append(c.date_start <= w.until)
    if w.min_confidence and "confidence" in c:  # cluster_issues has no confidence
        conditions.append(c.confidence >= w.min_confidence)
    return conditions


def _empty_cell() -> dict[str, Any]:
    return {"events": 0, "quad": {1: 0, 2: 0, 3: 0, 4: 0}, "goldstein_sum": 0.0}


def _finish(cell: dict[str, Any]) -> Tally:
    n = cell["events"]
    return Tally(
        events=n,
        quad={str(k): v for k, v in cell["quad"].items()},
        goldstein_sum=round(cell["goldstein_sum"], 2),
        goldstein_mean=round(cell["goldstein_sum"] / n, 3) if n else None,
    )


def pair_series(store: Store, w: Window, by: str = "month") -> list[PeriodRow]:
    """Per period: counts by QuadClass and the Goldstein index, both directions and each."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}")
    c = event_clusters.c
    month = func.substr(c.date_start, 1, 7).label("month")
    cells: dict[str, dict[str, dict[str, Any]]] = defaultdict(
        lambda: {"both": _empty_cell(), w.a: _empty_cell(), w.b: _empty_cell()}
    )
    with store.engine.connect() as conn:
        for source, target in ((w.a, w.b), (w.b, w.a)):
            conditions = [c.source_country == source, c.target_country == target]
            conditions += _directed(w)[1:]
            rows = conn.execute(
                select(month, c.quad_class, func.count(), func.sum(c.goldstein))
                .where(*conditions)
                .group_by(month, c.quad_class)
            )
            for m, quad, n, gsum in rows:
                period = period_of(m + "-01", by)
                for key in ("both", source):
                    cell = cells[period][key]
                    cell["events"] += n
                    cell["quad"][quad] += n
                    cell["goldstein_sum"] += float(gsum or 0.0)
    out = []
    for period in sorted(cells):
        row = cells[period]
        both = _finish(row["both"])
        out.append(
            PeriodRow(
                period=period,
                events=both.events,
                quad=both.quad,
                goldstein_sum=both.goldstein_sum,
                goldstein_mean=both.goldstein_mean,
                directions={
                    f"{w.a}->{w.b}": _finish(row[w.a]),
                    f"{w.b}->{w.a}": _finish(row[w.b]),
                },
            )
        )
    return out


def channel_of(source_sector: str | None, target_sector: str | None) -> str:
    """``unofficial`` when either side is a think tank, university, business, media or elite
    outside office; otherwise ``official`` (states, governments, parliaments, militaries)."""
    if source_sector in UNOFFICIAL or target_sector in UNOFFICIAL:
        return "unofficial"
    return "official"


def channels(store: Store, w: Window, by: str = "month") -> list[ChannelRow]:
    """Per period: official (Track 1) and unofficial (Track 2) events and their index."""
    c = event_clusters.c
    unofficial = or_(c.source_sector.in_(UNOFFICIAL), c.target_sector.in_(UNOFFICIAL))
    kind = case((unofficial, "unofficial"), else_="official").label("channel")
    month = func.substr(c.date_start, 1, 7).label("month")
    table: dict[str, dict[str, dict[str, Any]]] = defaultdict(
        lambda: {"official": _empty_cell(), "unofficial": _empty_cell()}
    )
    with store.engine.connect() as conn:
        for source, target in ((w.a, w.b), (w.b, w.a)):  # one index range scan each
            conditions = [c.source_country == source, c.target_country == target]
            rows = conn.execute(
                select(month, kind, c.quad_class, func.count(), func.sum(c.goldstein))
                .where(*conditions, *_directed(w)[1:])
                .group_by(month, kind, c.quad_class)
            )
            for m, channel, quad, n, gsum in rows:
                cell = table[period_of(m + "-01", by)][channel]
                cell["events"] += n
                cell["quad"][quad] += n
                cell["goldstein_sum"] += float(gsum or 0.0)
    return [
        ChannelRow(period=p, official=_finish(v["official"]), unofficial=_finish(v["unofficial"]))
        for p, v in sorted(table.items())
    ]


def issues(store: Store, w: Window, by: str = "year", top: int = 10) -> Issues:
    """Issues the pair's events carry (each once per real-world event), overall and per period."""
    ci = cluster_issues.c
    month = func.substr(ci.date_start, 1, 7).label("month")
    overall: Counter[str] = Counter()
    per_period: dict[str, Counter[str]] = defaultdict(Counter)
    with store.engine.connect() as conn:
        for source, target in ((w.a, w.b), (w.b, w.a)):
            conditions = [ci.source_country == source, ci.target_country == target]
            conditions += _directed(w, cluster_issues)[1:]
            rows = conn.execute(
                select(month, ci.issue, func.count()).where(*conditions).group_by(month, ci.issue)
            )
            for m, issue, n in rows:
                overall[issue] += n
                per_period[period_of(m + "-01", by)][issue] += n
    return Issues(
        top=tuple(IssueCount(issue=k, events=v) for k, v in overall.most_common(top)),
        periods=tuple(
            IssuePeriod(period=p, issues=dict(counter.most_common(top)))
            for p, counter in sorted(per_period.items())
        ),
    )


def meetings(store: Store, w: Window) -> list[Meeting]:
    """Meetings between named leaders: coded meetings and stated counts, no double counting.

    A statement such as "have met five times since 2014" covers a date range; meetings coded
    inside that range are the same meetings, so the pair's total in the range is the larger
    of the stated count and the coded ones; coded meetings outside it add to the total.
    """
    e = events.c
    by_pair: dict[tuple[str, ...], dict[str, Any]] = {}
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                e.cluster_id,
                e.source_name,
                e.target_name,
                e.date_start,
                e.date_end,
                e.date_precision,
                e.count,
                e.sentence_index,
                e.doc_id,
            )  # fmt: skip
            .where(
                *_directed(w, events),
                e.is_duplicate.is_(False),
                e.cameo.in_(MEETING_CODES),
                e.source_sector.in_(OFFICIAL),
                e.target_sector.in_(OFFICIAL),
                e.source_name.is_not(None),
                e.target_name.is_not(None),
            )
            .order_by(e.date_start, e.cluster_id)
        ).all()
    for r in rows:
        if r.source_name == r.target_name:
            continue
        names = tuple(sorted((r.source_name, r.target_name)))
        entry = by_pair.setdefault(names, {"leaders": list(names), "coded": {}, "stated": []})
        count = r._mapping["count"]  # r.count is the Row's tuple method to a type checker
        if count:
            entry["stated"].append({"count": count, "start": r.date_start, "end": r.date_end})
        elif r.cluster_id not in entry["coded"]:
            entry["coded"][r.cluster_id] = {"start": r.date_start, "end": r.date_end}
    return [_meeting_total(entry) for entry in by_pair.values()]


def _meeting_total(entry: dict[str, Any]) -> Meeting:
    coded = sorted(entry["coded"].values(), key=lambda m: m["start"] or "")
    stated = sorted(entry["stated"], key=lambda s: (-s["count"], s["start"] or ""))
    ranges: list[dict[str, Any]] = []
    for s in stated:  # keep the largest statement for each overlapping range
        if not any(s["start"] <= r["end"] and r["start"] <= s["end"] for r in ranges):
            ranges.append(s)
    total = 0
    covered: set[int] = set()
    for r in ranges:
        inside = [i for i, m in enumerate(coded) if r["start"] <= m["start"] <= r["end"]]
        covered.update(inside)
        total += max(r["count"], len(inside))
    total += len(coded) - len(covered)
    return Meeting(
        leaders=tuple(entry["leaders"]),
        coded_meetings=tuple(CodedMeeting(start=m["start"], end=m["end"]) for m in coded),
        stated_counts=tuple(
            StatedCount(count=s["count"], start=s["start"], end=s["end"]) for s in ranges
        ),
        total=total,
    )
