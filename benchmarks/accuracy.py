"""Per-field accuracy of document understanding on tests/fixtures/documents.

Prints title, date, authors, publisher, reprint source, boilerplate-free body, event
recall and precision, and date and modality correctness of matched events. Usage:

    python benchmarks/accuracy.py
"""

from __future__ import annotations

from pathlib import Path

from tieline import Coder
from tieline.evaluation.documents import evaluate_folder

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "documents"


def main() -> None:
    report = evaluate_folder(FIXTURES, Coder())
    for line in report.lines():
        print(line)
    for problem in report.problems:
        print("problem:", problem)


if __name__ == "__main__":
    main()
