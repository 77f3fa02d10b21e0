"""tieline: who did what to whom in international affairs, dated and sourced."""

from __future__ import annotations

from typing import Any

from tieline.coding.coder import Coder
from tieline.model import Actor, CodingResult, Document, Event, EventDate

__all__ = ["Actor", "Coder", "CodingResult", "Document", "Event", "EventDate", "read_events"]
__version__ = "0.1.0"


def read_events(path: str) -> Any:
    """A tieline export file as a pandas DataFrame (codes as text, dates parsed)."""
    from tieline.export.frames import read_events as read

    return read(path)
