"""Training sentences for the event-type model, read from the eventtrain corpus.

Only ``cooperation.jsonl``, ``conflict.jsonl`` and ``passages.jsonl`` of
``../shared/data/eventtrain`` are read: the development sets (realsentences, realnews) are
for measuring and never reach training (``tests/eventtype`` checks their ids).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TRAINING_FILES = ("cooperation.jsonl", "conflict.jsonl", "passages.jsonl")


@dataclass(frozen=True)
class TrainingSentence:
    """One hand-coded sentence: its text, the roots of its best codes, and every root
    its accepted codes allow (empty for a sentence that codes nothing)."""

    id: str
    text: str
    roots: tuple[str, ...]  # roots of each event's best ``cameo`` code, sorted, unique
    accepted: tuple[str, ...]  # roots of every code in some event's ``cameo_any``
    group: str  # the page it came from: cross-validation keeps a page in one fold


def _roots(events: list[dict[str, Any]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    best = sorted({e["cameo"][:2] for e in events})
    accepted = sorted({c[:2] for e in events for c in e["cameo_any"]})
    return tuple(best), tuple(accepted)


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def read_training_sentences(folder: Path) -> list[TrainingSentence]:
    """Every sentence of the eventtrain files in ``folder``, in file order."""
    out: list[TrainingSentence] = []
    for name in TRAINING_FILES:
        for row in _rows(folder / name):
            group = str(row.get("url") or row["id"])
            items = row["sentences"] if "sentences" in row else [row]
            for k, item in enumerate(items):
                sid = row["id"] if "sentences" not in row else f"{row['id']}.{k}"
                best, accepted = _roots(item["events"])
                out.append(TrainingSentence(sid, str(item["text"]), best, accepted, group))
    return out


def fold_of(groups: list[str], folds: int) -> list[int]:
    """A fold number for each sentence: whole pages dealt round-robin in first-seen order,
    so that no page is split between training and held-out sentences."""
    order: dict[str, int] = {}
    for g in groups:
        order.setdefault(g, len(order))
    return [order[g] % folds for g in groups]
