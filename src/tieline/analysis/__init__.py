"""Analyses of stored events: pair series, channels, issues, meetings, bloc alignment."""

from tieline.analysis.alignment import bloc_alignment, load_blocs
from tieline.analysis.dyads import Window, channels, issues, meetings, pair_series

__all__ = [
    "Window",
    "bloc_alignment",
    "channels",
    "issues",
    "load_blocs",
    "meetings",
    "pair_series",
]
