"""Temporal expressions of the MEANTIME corpus resolved against their document dates.

Reads ../shared/data/dates/meantime_en_timex.jsonl (488 expressions) and prints, for the
DATE expressions, how many tieline resolves to the gold TimeML value. Usage:

    python benchmarks/dates.py [--show-misses N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from tieline.nlp.dates import resolve_relative_date

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "dates" / "meantime_en_timex.jsonl"


def creation_date(value: object) -> date | None:
    """The document creation time, which the corpus gives as ISO or DD-MM-YYYY (or null)."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        m = re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value)
        return date(int(m[3]), int(m[2]), int(m[1])) if m else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", type=int, default=0)
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA} not found (the reference data lives in ../shared/data)")
    rows = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    kinds = Counter(r["type"] for r in rows)
    correct, misses = 0, []
    dated = [r for r in rows if r["type"] == "DATE"]
    for r in dated:
        anchor = creation_date(r["dct"]) or date(1970, 1, 1)
        found = resolve_relative_date(r["text"], anchor)
        if found is not None and found.value == r["value"]:
            correct += 1
        else:
            misses.append((r["text"], r["value"], found.value if found else None))
    print(f"expressions: {len(rows)} {dict(kinds)}")
    print(
        f"DATE expressions resolved to the gold value: {correct}/{len(dated)} "
        f"({correct / len(dated):.1%})"
    )
    for miss in misses[: args.show_misses]:
        print("miss:", miss)


if __name__ == "__main__":
    main()
