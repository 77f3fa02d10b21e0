"""The pair page's chart data: every period from the first to the last, empty ones as gaps.

Periods are keyed as the analysis labels them (2019-03, 2019-Q1, 2019) and placed on a
time axis at their first day, so a quarterly or yearly view is spaced by time, and a
period without events is a gap in the index lines (None), not a line across it.
"""

from __future__ import annotations

from typing import Any

from tieline.analysis.records import DyadReport, PeriodRow

QUADS = ("1", "2", "3", "4")


def period_start(label: str) -> str:
    """The first day of a period label: 2019-03 -> 2019-03-01, 2019-Q2 -> 2019-04-01."""
    if "-Q" in label:
        year, quarter = label.split("-Q")
        return f"{year}-{3 * int(quarter) - 2:02d}-01"
    if len(label) == 4:
        return f"{label}-01-01"
    return f"{label}-01"


def _next(label: str) -> str:
    if "-Q" in label:
        year, quarter = (int(x) for x in label.split("-Q"))
        return f"{year + quarter // 4}-Q{quarter % 4 + 1}"
    if len(label) == 4:
        return str(int(label) + 1)
    year, month = (int(x) for x in label.split("-"))
    return f"{year + month // 12}-{month % 12 + 1:02d}"


def all_periods(labels: list[str]) -> list[str]:
    """Every period label from the first to the last of ``labels`` (sorted)."""
    if not labels:
        return []
    out: list[str] = []
    label, last = min(labels), max(labels)
    while label <= last and len(out) < 5000:
        out.append(label)
        label = _next(label)
    return out


def pair_chart(report: DyadReport) -> dict[str, Any]:
    """Series for the index (both directions and each), QuadClass bars and channels."""
    a, b = report.pair
    by_period = {r.period: r for r in report.series}
    channels = {r.period: r for r in report.channels}
    periods = all_periods(list(by_period))
    forward, backward = f"{a}->{b}", f"{b}->{a}"

    def mean(row: PeriodRow | None, direction: str | None = None) -> float | None:
        if row is None:
            return None
        if direction is None:
            return row.goldstein_mean if row.events else None
        part = row.directions.get(direction)
        return part.goldstein_mean if part and part.events else None

    return {
        "pair": [a, b],
        "x": [period_start(p) for p in periods],
        "periods": periods,
        "index": [mean(by_period.get(p)) for p in periods],
        "forward": [mean(by_period.get(p), forward) for p in periods],
        "backward": [mean(by_period.get(p), backward) for p in periods],
        "events": [by_period[p].events if p in by_period else 0 for p in periods],
        "quad": {
            q: [by_period[p].quad.get(q, 0) if p in by_period else 0 for p in periods]
            for q in QUADS
        },
        "official": [channels[p].official.events if p in channels else 0 for p in periods],
        "unofficial": [channels[p].unofficial.events if p in channels else 0 for p in periods],
    }
