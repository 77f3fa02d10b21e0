"""Exports back into pandas: codes stay text ("036" is not 36), dates are dates.

pandas is an optional extra (``pip install 'tieline[pandas]'``); nothing else needs it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tieline.export.writers import CANONICAL, GDELT_COLUMNS

TEXT_COLUMNS = (
    "event_id", "doc_id", "cluster_id", "source_code", "source_country", "source_sector",
    "target_code", "target_country", "target_sector", "cameo", "cameo_root", "plover",
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Code", "Actor2Code",
    "Actor1CountryCode", "Actor2CountryCode", "Actor1KnownGroupCode", "Actor2KnownGroupCode",
    "Actor1Type1Code", "Actor2Type1Code", "EventCode", "EventBaseCode", "EventRootCode",
)  # fmt: skip
DATE_COLUMNS = ("date_start", "date_end", "doc_published", "event_date", "story_date")


def read_events(path: str | Path) -> Any:
    """A tieline export (canonical CSV or Parquet, GDELT or GDELT-extended TSV, POLECAT
    JSON lines) as a pandas DataFrame with codes as strings and dates parsed."""
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError("read_events needs pandas: pip install 'tieline[pandas]'") from exc
    p = Path(path)
    first = "" if p.suffix == ".parquet" else _first_line(p)
    text = {c: "string" for c in TEXT_COLUMNS}
    if p.suffix == ".parquet":
        frame = pd.read_parquet(p)
    elif p.suffix in {".jsonl", ".ndjson"} or first[:1] == "{":
        frame = pd.read_json(p, lines=True, dtype=text)
    elif first.startswith("GLOBALEVENTID"):
        frame = pd.read_csv(p, sep="\t", dtype=text, keep_default_na=False, na_values=[""])
    elif "\t" in first:
        frame = pd.read_csv(p, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype=text,
                            keep_default_na=False, na_values=[""])  # fmt: skip
    else:
        frame = pd.read_csv(p, dtype=text, keep_default_na=False, na_values=[""])
    for column in TEXT_COLUMNS:
        if column in frame:
            frame[column] = frame[column].astype("string")
    for column in DATE_COLUMNS:
        if column in frame:
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
    return frame


def _first_line(path: Path) -> str:
    with path.open(encoding="utf-8") as fh:
        return fh.readline()


__all__ = ["CANONICAL", "read_events"]
