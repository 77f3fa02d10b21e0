"""What the analyses return: frozen records, each with ``to_dict()`` giving its JSON shape.

Python callers (the pages, the charts, the terminal tables) read attributes; the API and
``tieline dyad -f json`` serialise ``to_dict()``, whose keys, nesting and order are the
JSON the project has always served.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Tally:
    """Events of one period counted one way (a direction of the pair, or a channel)."""

    events: int
    quad: Mapping[str, int]  # QuadClass "1".."4" -> events
    goldstein_sum: float
    goldstein_mean: float | None  # None when there are no events

    def to_dict(self) -> dict[str, Any]:
        """``{"events", "quad", "goldstein_sum", "goldstein_mean"}``."""
        return {
            "events": self.events,
            "quad": dict(self.quad),
            "goldstein_sum": self.goldstein_sum,
            "goldstein_mean": self.goldstein_mean,
        }


@dataclass(frozen=True)
class PeriodRow:
    """One period of a pair's series: both directions together, and each direction."""

    period: str
    events: int
    quad: Mapping[str, int]
    goldstein_sum: float
    goldstein_mean: float | None
    directions: Mapping[str, Tally]  # "JPN->RUS" and "RUS->JPN"

    def to_dict(self) -> dict[str, Any]:
        """The period's counts, then ``directions`` keyed ``"A->B"``."""
        return {
            "period": self.period,
            "events": self.events,
            "quad": dict(self.quad),
            "goldstein_sum": self.goldstein_sum,
            "goldstein_mean": self.goldstein_mean,
            "directions": {k: v.to_dict() for k, v in self.directions.items()},
        }


@dataclass(frozen=True)
class ChannelRow:
    """One period's official (Track 1) and unofficial (Track 2) events."""

    period: str
    official: Tally
    unofficial: Tally

    def to_dict(self) -> dict[str, Any]:
        """``{"period", "official", "unofficial"}``."""
        return {
            "period": self.period,
            "official": self.official.to_dict(),
            "unofficial": self.unofficial.to_dict(),
        }


@dataclass(frozen=True)
class IssueCount:
    """An issue and the number of the pair's events carrying it."""

    issue: str
    events: int

    def to_dict(self) -> dict[str, Any]:
        """``{"issue", "events"}``."""
        return {"issue": self.issue, "events": self.events}


@dataclass(frozen=True)
class IssuePeriod:
    """One period's issues, most frequent first: issue -> events."""

    period: str
    issues: Mapping[str, int]

    def to_dict(self) -> dict[str, Any]:
        """``{"period", "issues"}``."""
        return {"period": self.period, "issues": dict(self.issues)}


@dataclass(frozen=True)
class Issues:
    """The issues of a pair's events, overall (``top``) and per period."""

    top: tuple[IssueCount, ...]
    periods: tuple[IssuePeriod, ...]

    def to_dict(self) -> dict[str, Any]:
        """``{"top": [...], "periods": [...]}``."""
        return {
            "top": [i.to_dict() for i in self.top],
            "periods": [p.to_dict() for p in self.periods],
        }


@dataclass(frozen=True)
class CodedMeeting:
    """A meeting coded from a sentence (one per real-world event)."""

    start: str
    end: str | None

    def to_dict(self) -> dict[str, Any]:
        """``{"start", "end"}``."""
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True)
class StatedCount:
    """A statement such as "have met five times since 2014": a count over a date range."""

    count: int
    start: str
    end: str | None

    def to_dict(self) -> dict[str, Any]:
        """``{"count", "start", "end"}``."""
        return {"count": self.count, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Meeting:
    """Two leaders' meetings: those coded, the stated counts kept, and the total."""

    leaders: tuple[str, ...]  # two names, sorted
    coded_meetings: tuple[CodedMeeting, ...]
    stated_counts: tuple[StatedCount, ...]
    total: int

    def to_dict(self) -> dict[str, Any]:
        """``{"leaders", "coded_meetings", "stated_counts", "total"}``."""
        return {
            "leaders": list(self.leaders),
            "coded_meetings": [m.to_dict() for m in self.coded_meetings],
            "stated_counts": [s.to_dict() for s in self.stated_counts],
            "total": self.total,
        }


@dataclass(frozen=True)
class AlignmentPeriod:
    """One period of a country against its bloc partners toward a target.

    ``distance``, ``summary`` and the two means are None unless both sides have events;
    the means are left out of the JSON then (they always were).
    """

    period: str
    country_events: int
    bloc_events: int
    distance: float | None = None
    summary: str | None = None
    country_goldstein_mean: float | None = None
    bloc_goldstein_mean: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The period's counts, distance and summary, and the means when there are any."""
        out: dict[str, Any] = {
            "period": self.period,
            "country_events": self.country_events,
            "bloc_events": self.bloc_events,
            "distance": self.distance,
            "summary": self.summary,
        }
        if self.country_goldstein_mean is not None:
            out["country_goldstein_mean"] = self.country_goldstein_mean
        if self.bloc_goldstein_mean is not None:
            out["bloc_goldstein_mean"] = self.bloc_goldstein_mean
        return out


@dataclass(frozen=True)
class Alignment:
    """A country's profile toward a target against its bloc partners', period by period."""

    country: str
    bloc: str
    target: str
    partners: tuple[str, ...]
    periods: tuple[AlignmentPeriod, ...]

    def to_dict(self) -> dict[str, Any]:
        """``{"country", "bloc", "target", "partners", "periods"}``."""
        return {
            "country": self.country,
            "bloc": self.bloc,
            "target": self.target,
            "partners": list(self.partners),
            "periods": [p.to_dict() for p in self.periods],
        }


@dataclass(frozen=True)
class PairSummary:
    """A busy pair: its events, how its index moved in its last two years, and when."""

    a: str
    b: str
    events: int
    change: float | None
    last: str | None  # the last year with events
    organisation: bool  # either side is an intergovernmental organisation

    def to_dict(self) -> dict[str, Any]:
        """``{"a", "b", "events", "change", "last", "organisation"}``."""
        return {
            "a": self.a,
            "b": self.b,
            "events": self.events,
            "change": self.change,
            "last": self.last,
            "organisation": self.organisation,
        }


@dataclass(frozen=True)
class DyadReport:
    """A pair's whole picture: its window, series, channels, issues and meetings."""

    pair: tuple[str, str]
    by: str
    since: str | None
    until: str | None
    modalities: tuple[str, ...]
    min_confidence: float | None
    total_events: int
    series: tuple[PeriodRow, ...]
    channels: tuple[ChannelRow, ...]
    issues: Issues
    meetings: tuple[Meeting, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``tieline dyad -f json``."""
        return {
            "pair": list(self.pair),
            "by": self.by,
            "since": self.since,
            "until": self.until,
            "modalities": list(self.modalities),
            "min_confidence": self.min_confidence,
            "total_events": self.total_events,
            "series": [r.to_dict() for r in self.series],
            "channels": [r.to_dict() for r in self.channels],
            "issues": self.issues.to_dict(),
            "meetings": [m.to_dict() for m in self.meetings],
        }
