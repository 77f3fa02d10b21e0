"""Scoring the coder against the field's test suites and tieline's real-text sets.

A rate over nothing (no gold events, no produced events, no sentences of a kind) is None,
printed "n/a": it is not a perfect score, and a floor on it fails.
"""

from __future__ import annotations


def ratio(part: int, whole: int) -> float | None:
    """``part / whole``, or None when there is nothing to measure."""
    return part / whole if whole else None


def shown(value: float | None, spec: str = ".2f") -> str:
    """A rate for people: formatted, or ``n/a`` when it measured nothing."""
    return "n/a" if value is None else format(value, spec)
