"""Temporal expressions of the MEANTIME corpus resolved through ``tieline dates``.

Reads ../shared/data/dates/meantime_en_timex.jsonl (488 expressions from 120 Wikinews
articles), writes each DATE expression as a ``tieline dates`` input line (its text, the
document creation time as ``published``, its sentence), runs the ``tieline dates`` command
on that file in a subprocess, and prints how many come back with the gold TimeML value:

- **calendar DATE values** (the headline figure): gold values that name a calendar period;
  TimeML ``*_REF`` values, underspecified ``XXXX`` dates, durations tagged as dates and
  fiscal years are set aside (see ``tieline.evaluation.dates``);
- all DATE expressions, for reference.

Usage:

    python benchmarks/dates.py [--show-misses N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tieline.evaluation.dates import date_rows, dates_input, score

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "dates" / "meantime_en_timex.jsonl"


def run_tieline_dates(rows: list[dict]) -> list[dict]:
    """Resolve the rows with the ``tieline dates`` command; one result per row."""
    exe = shutil.which("tieline", path=str(Path(sys.executable).parent)) or shutil.which("tieline")
    if exe is None:
        sys.exit("the tieline command is not installed in this environment")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(dates_input(r)) + "\n")
    try:
        done = subprocess.run([exe, "dates", fh.name], capture_output=True, text=True, check=False)
    finally:
        Path(fh.name).unlink()
    if done.returncode != 0:
        sys.exit(f"tieline dates failed ({done.returncode}): {done.stderr.strip()}")
    return [json.loads(line) for line in done.stdout.splitlines()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", type=int, default=0)
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA} not found (the reference data lives in ../shared/data)")
    rows = date_rows(DATA)
    result = score(rows, run_tieline_dates(rows))
    print(
        f"calendar DATE values resolved to the gold value: {result.calendar_right}/"
        f"{result.calendar_total} ({result.calendar_accuracy:.1%})"
    )
    print(
        f"all DATE expressions (TimeML *_REF, XXXX, durations included): "
        f"{result.all_right}/{result.all_total} ({result.all_right / result.all_total:.1%})"
    )
    for r, res in result.misses[: args.show_misses]:
        print(f"miss: {r['text']!r} gold {r['value']} got {res['value']} (dct {r['dct']})")


if __name__ == "__main__":
    main()
