"""Real-text accuracy: the realnews documents and the realsentences set, coded with the defaults.

Reads ../shared/data/realnews (documents.jsonl, gold/) and
../shared/data/realsentences/sentences.jsonl, codes both with one Coder, prints the two
summary lines of ``tieline eval documents|sentences`` and the precision of each set's
events by confidence band (a document event is correct when it matched a gold event or is
tolerated by the gold file, a sentence event when it matched a gold event). Usage:

    python benchmarks/realnews.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from tieline import Coder
from tieline.evaluation.realtext import (
    evaluate_documents,
    evaluate_sentences,
    precision_by_band,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DOCUMENTS = DATA / "realnews" / "documents.jsonl"
GOLD = DATA / "realnews" / "gold"
SENTENCES = DATA / "realsentences" / "sentences.jsonl"


def band_lines(outcomes: list[tuple[float, bool]]) -> list[str]:
    """Count and precision of produced events in each confidence band."""
    lines = []
    for label, correct, events in precision_by_band(outcomes):
        rate = f"{correct / events:.2f}" if events else "-"
        lines.append(f"  {label:<18} events {events:>4}  precision {rate} ({correct}/{events})")
    return lines


def main() -> None:
    for path in (DOCUMENTS, GOLD, SENTENCES):
        if not path.exists():
            sys.exit(f"{path} not found (the reference data lives in ../shared/data)")
    coder = Coder()
    documents = evaluate_documents(DOCUMENTS, GOLD, coder)
    sentences = evaluate_sentences(SENTENCES, coder)
    print(documents.summary_line())
    print("documents' events by confidence:")
    for line in band_lines([o for d in documents.documents for o in d.outcomes]):
        print(line)
    print(sentences.summary_line())
    print("sentences' events by confidence (correct: matched a gold event):")
    for line in band_lines([o for s in sentences.sentences for o in s.outcomes]):
        print(line)


if __name__ == "__main__":
    main()
