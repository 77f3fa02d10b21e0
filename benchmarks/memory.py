"""Peak memory when coding one 10 MB plain-text file, against the baseline after loading.

Writes a 10 MB news-like text file (example paragraphs repeated), reads and codes it
through the same path as ``tieline code``, and prints the peak resident set size before
and after, and the events coded. Usage:

    python benchmarks/memory.py [--megabytes 10]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from tieline import Coder
from tieline.ingest.detect import read_path
from tieline.ingest.records import Problem

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_big_text(path: Path, megabytes: int) -> None:
    """A plain-text scrape of about ``megabytes`` MB: a title line, then paragraphs."""
    paragraphs = []
    for example in sorted(EXAMPLES.glob("*.txt")):
        lines = example.read_text("utf-8").splitlines()
        paragraphs.extend(line for line in lines[1:] if len(line.split()) > 6)
    target = megabytes * 1024 * 1024
    with path.open("w", encoding="utf-8") as fh:
        fh.write("A very long digest of bilateral news\n14 March 2019\n\n")
        size = 0
        while size < target:
            for p in paragraphs:
                fh.write(p + "\n\n")
                size += len(p) + 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=10)
    args = parser.parse_args()
    coder = Coder()
    coder.code_text("Japan imposed sanctions on Russia.")  # load the pipeline
    baseline = peak_rss_mb()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        write_big_text(path, args.megabytes)
        size_mb = path.stat().st_size / 1024 / 1024
        start = time.perf_counter()
        docs = [d for d in read_path(path) if not isinstance(d, Problem)]
        events = sum(len(r.events) for r in coder.code_documents(docs))
        elapsed = time.perf_counter() - start
    print(f"file: {size_mb:.1f} MB, body: {len(docs[0].body) / 1024 / 1024:.1f} MB")
    print(f"events: {events}, seconds: {elapsed:.0f}")
    print(f"peak RSS after loading model and dictionaries: {baseline:.0f} MB")
    print(f"peak RSS after coding the file: {peak_rss_mb():.0f} MB")
    print(f"growth: {peak_rss_mb() - baseline:.0f} MB")


if __name__ == "__main__":
    main()
