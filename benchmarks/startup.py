"""Wall time of commands that code little or nothing, whole process, median of 5 runs.

- ``tieline --help`` (target: under 1 s);
- ``tieline code`` on a 1 KB text file (target: at most 3 s, Python start and model load
  included);
- ``tieline ingest`` of 12 documents the store already holds (target: at most 2 s: the
  content hash decides "unchanged" before any model is loaded).

Usage:

    python benchmarks/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTE = (
    "Ghana's foreign minister visited Togo on Monday and met President Faure Gnassingbe in "
    "Lome. The two governments signed an agreement on border trade and agreed to hold talks "
    "on fisheries next month. Togo's president thanked Ghana for its support during the "
    "floods last year. Officials said the border posts would reopen in March, while a "
    "joint commission would meet twice a year to settle disputes over cross-border tariffs. "
    "Ghana also pledged aid to rebuild roads damaged by the floods in northern Togo, and "
    "the two leaders condemned attacks by armed groups near the shared border.\n"
)


def tieline() -> str:
    exe = shutil.which("tieline", path=str(Path(sys.executable).parent)) or shutil.which("tieline")
    if exe is None:
        sys.exit("the tieline command is not installed in this environment")
    return exe


def timed(command: list[str], runs: int) -> float:
    """Median wall time of a command, in seconds; it must succeed."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} failed: {done.stderr.strip()[:500]}")
    return statistics.median(times)


def twelve_documents(folder: Path) -> list[str]:
    """The 6 examples and 6 fixture documents, copied to a folder."""
    sources = sorted((ROOT / "examples").iterdir())[:6]
    sources += sorted((ROOT / "tests" / "fixtures" / "documents").glob("*.txt"))[:6]
    for path in sources:
        shutil.copy(path, folder / path.name)
    return [str(folder / p.name) for p in sources]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    exe = tieline()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        note = folder / "note.txt"
        note.write_text(NOTE[:1000], "utf-8")
        inputs = twelve_documents(folder)
        db = str(folder / "store.db")
        ingest = [exe, "ingest", *inputs, "--db", db, "--no-progress"]
        subprocess.run(ingest, capture_output=True, check=True)  # store them once
        figures = [
            ("tieline --help", timed([exe, "--help"], args.runs), 1.0),
            ("tieline code (1 KB file)", timed([exe, "code", str(note)], args.runs), 3.0),
            ("tieline ingest (12 unchanged)", timed(ingest, args.runs), 2.0),
        ]
    print(f"median of {args.runs} runs, whole process")
    for name, seconds, target in figures:
        verdict = "ok" if seconds <= target else "OVER"
        print(f"{name:32s} {seconds:6.2f} s   (target <= {target:.0f} s: {verdict})")


if __name__ == "__main__":
    main()
