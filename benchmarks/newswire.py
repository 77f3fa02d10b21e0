"""The 78 real newswire sentences of PETR-2's validation set, coded with the defaults.

Reads ../shared/data/cameo/petr2_gsr_validation.jsonl and prints event precision and
recall on (source, target, CAMEO code), on (source country, target country, root code),
and the share of sentences whose "no events" label tieline agrees with. Usage:

    python benchmarks/newswire.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from tieline import Coder
from tieline.evaluation.newswire import evaluate_newswire

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "cameo"
SET = DATA / "petr2_gsr_validation.jsonl"


def main() -> None:
    if not SET.exists():
        sys.exit(f"{SET} not found (the reference data lives in ../shared/data)")
    for line in evaluate_newswire(SET, Coder()).lines():
        print(line)


if __name__ == "__main__":
    main()
