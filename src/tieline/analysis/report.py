"""A pair's whole picture in one record (its ``to_dict()`` is the JSON of ``tieline dyad``)."""

from __future__ import annotations

from tieline.analysis.dyads import Window, channels, issues, meetings, pair_series
from tieline.analysis.records import DyadReport
from tieline.store.eventstore import Store

SPARKS = "▁▂▃▄▅▆▇█"


def dyad_report(store: Store, w: Window, by: str = "month") -> DyadReport:
    """Series, channels, issues and meetings of a pair, with its number of events."""
    series = pair_series(store, w, by)
    return DyadReport(
        pair=(w.a, w.b),
        by=by,
        since=w.since,
        until=w.until,
        modalities=w.modalities,
        min_confidence=w.min_confidence,
        total_events=sum(r.events for r in series),
        series=tuple(series),
        channels=tuple(channels(store, w, by)),
        issues=issues(store, w, by),
        meetings=tuple(meetings(store, w)),
    )


def sparkline(values: list[float | None], low: float = -10.0, high: float = 10.0) -> str:
    """A one-line chart of Goldstein means on the fixed -10..+10 scale (space = no events)."""
    out = []
    for v in values:
        if v is None:
            out.append(" ")
            continue
        share = (min(max(v, low), high) - low) / (high - low)
        out.append(SPARKS[min(int(share * len(SPARKS)), len(SPARKS) - 1)])
    return "".join(out)
