"""The 78 real newswire sentences of PETR-2's validation set, coded with the defaults.

Reads ../shared/data/cameo/petr2_gsr_validation.jsonl and prints event precision and
recall on (source, target, CAMEO code), on (source country, target country, root code),
and the share of sentences whose "no events" label tieline agrees with. Usage:

    python benchmarks/newswire.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tieline import Coder

DATA = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "cameo" / "petr2_gsr_validation.jsonl"
)  # noqa: E501


def score(produced: list[set], expected: list[set]) -> tuple[float, float]:
    """Event precision and recall over all sentences."""
    tp = sum(len(p & e) for p, e in zip(produced, expected, strict=True))
    n_p = sum(len(p) for p in produced)
    n_e = sum(len(e) for e in expected)
    return (tp / n_p if n_p else 0.0), (tp / n_e if n_e else 0.0)


def main() -> None:
    if not DATA.exists():
        sys.exit(f"{DATA} not found (the reference data lives in ../shared/data)")
    rows = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    coder = Coder()
    exact_p, exact_e, coarse_p, coarse_e, agree = [], [], [], [], 0
    for row in rows:
        d = row["date"]
        published = f"{d[:4]}-{d[4:6]}-{d[6:]}"
        events = coder.code_text(row["text"], published=published).events
        exact_p.append({(e.source.code, e.target.code, e.cameo) for e in events})
        coarse_p.append({(e.source.code[:3], e.target.code[:3], e.cameo[:2]) for e in events})
        gold = row.get("events") or []
        exact_e.append({(g["sourcecode"], g["targetcode"], g["eventcode"]) for g in gold})
        coarse_e.append(
            {(g["sourcecode"][:3], g["targetcode"][:3], g["eventcode"][:2]) for g in gold}
        )  # noqa: E501
        agree += int(bool(events) == bool(gold))
    p, r = score(exact_p, exact_e)
    print(f"sentences: {len(rows)}")
    print(f"exact (source, target, code):          precision {p:.2f} recall {r:.2f}")
    p, r = score(coarse_p, coarse_e)
    print(f"coarse (countries, root code):         precision {p:.2f} recall {r:.2f}")
    print(f"events / no events agree:              {agree}/{len(rows)}")


if __name__ == "__main__":
    main()
