"""Accuracy on PETR-2's validation set of real newswire sentences.

Each line of the set (../shared/data/cameo/petr2_gsr_validation.jsonl) holds a sentence,
its date (YYYYMMDD) and its expected events as (source code, target code, CAMEO code).
Every sentence is coded as its own document; events are compared as sets per sentence,
exactly on (source code, target code, CAMEO code) and coarsely on (source country,
target country, CAMEO root).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tieline.coding.coder import Coder
from tieline.evaluation import ratio, shown
from tieline.evaluation.realtext import json_rows
from tieline.model import Document, Event

Triple = tuple[str, str, str]


@dataclass
class NewswireScore:
    """Exact and coarse event precision and recall, and events/no-events agreement."""

    sentences: int
    exact_precision: float | None
    exact_recall: float | None
    coarse_precision: float | None
    coarse_recall: float | None
    agree: int

    @property
    def figures(self) -> dict[str, Any]:
        """All figures, at full precision."""
        return {
            "sentences": self.sentences,
            "exact_precision": self.exact_precision,
            "exact_recall": self.exact_recall,
            "coarse_precision": self.coarse_precision,
            "coarse_recall": self.coarse_recall,
            "agree": self.agree,
        }

    def lines(self) -> list[str]:
        """The report, one figure per line."""
        return [
            f"sentences: {self.sentences}",
            f"exact (source, target, code):          precision {shown(self.exact_precision)}"
            f" recall {shown(self.exact_recall)}",
            f"coarse (countries, root code):         precision {shown(self.coarse_precision)}"
            f" recall {shown(self.coarse_recall)}",
            f"events / no events agree:              {self.agree}/{self.sentences}",
        ]


def set_scores(
    produced: Sequence[set[Triple]], expected: Sequence[set[Triple]]
) -> tuple[float | None, float | None]:
    """Precision and recall of per-sentence sets of events, pooled over all sentences."""
    tp = sum(len(p & e) for p, e in zip(produced, expected, strict=True))
    n_p = sum(len(p) for p in produced)
    n_e = sum(len(e) for e in expected)
    return ratio(tp, n_p), ratio(tp, n_e)


def exact_triples(events: Sequence[Event]) -> set[Triple]:
    """(source code, target code, CAMEO code) of produced events."""
    return {(e.source.code, e.target.code, e.cameo) for e in events}


def coarse_triples(events: Sequence[Event]) -> set[Triple]:
    """(source country, target country, CAMEO root) of produced events (first 3/3/2 chars)."""
    return {(e.source.code[:3], e.target.code[:3], e.cameo[:2]) for e in events}


def gold_triples(gold: Sequence[dict[str, str]], coarse: bool) -> set[Triple]:
    """The expected events of one line, exact or coarse."""
    if coarse:
        return {(g["sourcecode"][:3], g["targetcode"][:3], g["eventcode"][:2]) for g in gold}
    return {(g["sourcecode"], g["targetcode"], g["eventcode"]) for g in gold}


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The lines of a PETR-2 validation JSONL file."""
    return json_rows(path, ("text", "date"), "a validation sentence")


def _document(number: int, row: dict[str, Any]) -> Document:
    d = str(row["date"])
    return Document(
        id=str(row.get("id") or number),
        body=str(row["text"]),
        published=f"{d[:4]}-{d[4:6]}-{d[6:]}",
    )


def evaluate_newswire(path: Path, coder: Coder) -> NewswireScore:
    """Code every sentence of a PETR-2 validation JSONL file and score its events."""
    rows = read_rows(path)
    results = coder.code_documents([_document(i, r) for i, r in enumerate(rows)])
    exact_p, exact_e, coarse_p, coarse_e, agree = [], [], [], [], 0
    for row, result in zip(rows, results, strict=True):
        gold = row.get("events") or []
        exact_p.append(exact_triples(result.events))
        coarse_p.append(coarse_triples(result.events))
        exact_e.append(gold_triples(gold, coarse=False))
        coarse_e.append(gold_triples(gold, coarse=True))
        agree += int(bool(result.events) == bool(gold))
    exact = set_scores(exact_p, exact_e)
    coarse = set_scores(coarse_p, coarse_e)
    return NewswireScore(len(rows), *exact, *coarse, agree)
