"""tieline: who did what to whom in international affairs, dated and sourced."""

from __future__ import annotations

from tieline.coding.coder import Coder
from tieline.model import Actor, CodingResult, Document, Event, EventDate

__all__ = ["Actor", "Coder", "CodingResult", "Document", "Event", "EventDate"]
__version__ = "0.1.0"
