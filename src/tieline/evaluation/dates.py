"""Scoring date resolution on TimeML-annotated expressions (MEANTIME's JSONL form).

Each line holds an expression ``text``, its document creation time ``dct`` (ISO or
DD-MM-YYYY), its ``sentence``, its TimeML ``type`` and gold ``value``. Only DATE
expressions are scored; the headline figure counts those whose gold value names a calendar
period (``2008``, ``2008-10-20``, ``2008-Q4``, ``2008-W42-WE``, ``197``, ``2008-01-09TMO``),
setting aside ``PAST_REF``/``PRESENT_REF``/``FUTURE_REF``, underspecified ``XXXX`` values,
durations tagged as dates and fiscal years.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tieline.evaluation import ratio
from tieline.nlp.dates import resolve_record

CALENDAR = re.compile(
    r"^\d{3,4}(-(\d\d|Q[1-4]|W\d\d|H[12]|SP|SU|FA|WI)(-(\d\d|WE))?)?(T[A-Z]{2})?$"
)


def creation_date(value: object) -> str | None:
    """The document creation time as ISO, from ISO or DD-MM-YYYY (None when absent)."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        m = re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value)
        return date(int(m[3]), int(m[2]), int(m[1])).isoformat() if m else None


def date_rows(path: Path) -> list[dict]:
    """The DATE expressions of a corpus file."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in rows if r.get("type") == "DATE"]


def dates_input(row: dict) -> dict:
    """A corpus row as a ``tieline dates`` input line."""
    return {
        "text": row["text"],
        "published": creation_date(row["dct"]),
        "sentence": row["sentence"],
    }


@dataclass
class DatesScore:
    """How many DATE expressions came back with the gold value."""

    calendar_right: int
    calendar_total: int
    all_right: int
    all_total: int
    misses: list[tuple[dict, dict]]

    @property
    def calendar_accuracy(self) -> float | None:
        """Share of calendar-valued DATE expressions resolved to the gold value."""
        return ratio(self.calendar_right, self.calendar_total)


def score(rows: list[dict], results: list[dict]) -> DatesScore:
    """Compare resolved values with the gold ones, row by row."""
    if len(rows) != len(results):
        raise ValueError(f"{len(rows)} expressions but {len(results)} results")
    right = [res.get("value") == r["value"] for r, res in zip(rows, results, strict=True)]
    calendar = [i for i, r in enumerate(rows) if CALENDAR.match(r["value"])]
    misses = [(rows[i], results[i]) for i in calendar if not right[i]]
    return DatesScore(sum(right[i] for i in calendar), len(calendar), sum(right), len(rows), misses)


def evaluate_dates(path: Path, resolve: Callable[[dict], dict] = resolve_record) -> DatesScore:
    """Resolve every DATE expression of ``path`` in-process and score it."""
    rows = date_rows(path)
    return score(rows, [resolve(dates_input(r)) for r in rows])
