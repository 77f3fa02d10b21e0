"""Analyses of stored events: pair series, channels, issues, meetings, bloc alignment.

Each returns frozen records (``tieline.analysis.records``); ``to_dict()`` gives their JSON.
"""

from tieline.analysis.alignment import bloc_alignment, load_blocs
from tieline.analysis.dyads import Window, channels, issues, meetings, pair_series
from tieline.analysis.records import (
    Alignment,
    AlignmentPeriod,
    ChannelRow,
    CodedMeeting,
    DyadReport,
    IssueCount,
    IssuePeriod,
    Issues,
    Meeting,
    PairSummary,
    PeriodRow,
    StatedCount,
    Tally,
)

__all__ = [
    "Alignment",
    "AlignmentPeriod",
    "ChannelRow",
    "CodedMeeting",
    "DyadReport",
    "IssueCount",
    "IssuePeriod",
    "Issues",
    "Meeting",
    "PairSummary",
    "PeriodRow",
    "StatedCount",
    "Tally",
    "Window",
    "bloc_alignment",
    "channels",
    "issues",
    "load_blocs",
    "meetings",
    "pair_series",
]
