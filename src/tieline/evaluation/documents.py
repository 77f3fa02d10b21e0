"""Accuracy of document understanding on hand-annotated documents (expected JSON beside them).

Each ``expected/NAME.json`` lists the records of ``NAME``: metadata, phrases the body must
and must not contain, and key events (actors' country and sector, CAMEO root, date range,
modality). ``evaluate_folder`` codes every document and scores each field.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tieline.coding.coder import Coder
from tieline.evaluation import ratio, shown
from tieline.ingest.detect import read_path
from tieline.ingest.records import Problem
from tieline.model import Document, Event

FIELDS = ("title", "published", "authors", "publisher", "original_source", "body")


@dataclass
class FieldScore:
    """Correct out of total for one field."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        """Count one comparison."""
        self.correct += int(ok)
        self.total += 1

    @property
    def rate(self) -> float | None:
        """Share correct (None when nothing was compared)."""
        return ratio(self.correct, self.total)


@dataclass
class DocumentsReport:
    """Per-field scores and event precision/recall over a folder of documents."""

    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    events_expected: int = 0
    events_produced: int = 0
    events_matched: int = 0
    dates: FieldScore = field(default_factory=FieldScore)
    modality: FieldScore = field(default_factory=FieldScore)
    documents: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        """Matched events over produced events."""
        return ratio(self.events_matched, self.events_produced)

    @property
    def recall(self) -> float | None:
        """Matched events over expected events."""
        return ratio(self.events_matched, self.events_expected)

    def lines(self) -> list[str]:
        """The report as printable lines."""
        out = [f"documents: {self.documents}"]
        for name, score in self.fields.items():
            rate = shown(score.rate, "6.1%")
            out.append(f"{name:16s} {score.correct:3d}/{score.total:<3d} {rate}")
        out.append(
            f"events           recall {shown(self.recall)} ({self.events_matched}/"
            f"{self.events_expected}) precision {shown(self.precision)} "
            f"({self.events_matched}/{self.events_produced})"
        )
        dates = self.dates
        rate = shown(dates.rate, "6.1%")
        out.append(f"event dates      {dates.correct:3d}/{dates.total:<3d} {rate}")
        out.append(
            f"event modality   {self.modality.correct:3d}/{self.modality.total:<3d} "
            f"{shown(self.modality.rate, '6.1%')}"
        )
        return out


def event_key(e: Event) -> tuple[Any, ...]:
    """What identifies an event for scoring: actors' country and sector, CAMEO root."""
    return (e.source.country, e.source.sector, e.target.country, e.target.sector, e.cameo[:2])


def _expected_key(e: dict[str, Any]) -> tuple[Any, ...]:
    return (e["source"], e["source_sector"], e["target"], e["target_sector"], e["root"])


def _reversed(key: tuple[Any, ...]) -> tuple[Any, ...]:
    return (key[2], key[3], key[0], key[1], key[4])


def score_document(report: DocumentsReport, doc: Document, events: list[Event], exp: dict) -> None:
    """Add one document's comparison with its expected record to the report."""
    report.documents += 1
    f = report.fields
    f["title"].add((doc.title or None) == exp["title"])
    f["published"].add(doc.published == exp["published"])
    f["authors"].add(
        sorted((a.name, a.role) for a in doc.authors)
        == sorted((a["name"], a["role"]) for a in exp["authors"])
    )
    f["publisher"].add(doc.publisher == exp["publisher"])
    f["original_source"].add(doc.original_source == exp["original_source"])
    f["body"].add(
        all(p in doc.body for p in exp["body_includes"])
        and not any(p in doc.body for p in exp["body_excludes"])
    )
    expected = list(exp["events"])
    report.events_expected += len(expected)
    report.events_produced += len(events)
    unmatched = Counter(_expected_key(e) for e in expected)
    for event in events:
        key = event_key(event)
        if unmatched[key] <= 0:
            key = _reversed(key)  # a mutual act ("symmetric") may be coded either way
            if unmatched[key] <= 0 or not any(
                e.get("symmetric") and _expected_key(e) == key for e in expected
            ):
                continue
        unmatched[key] -= 1
        report.events_matched += 1
        candidates = [e for e in expected if _expected_key(e) == key]
        report.dates.add(
            any((event.date.start, event.date.end) == (e["start"], e["end"]) for e in candidates)
        )
        report.modality.add(any(event.modality == e["modality"] for e in candidates))


def evaluate_folder(folder: Path, coder: Coder) -> DocumentsReport:
    """Code every document that has an expected file and score it."""
    report = DocumentsReport()
    for expected_path in sorted((folder / "expected").glob("*.json")):
        source = folder / expected_path.name.removesuffix(".json")
        records = {r["record"]: r for r in json.loads(expected_path.read_text("utf-8"))}
        documents = []
        for item in read_path(source):
            if isinstance(item, Problem):
                report.problems.append(str(item))
            else:
                documents.append(item)
        for result in coder.code_documents(documents):
            path = result.document.source_path or ""
            suffix = path[len(str(source)) :]
            if suffix in records:
                score_document(report, result.document, result.events, records.pop(suffix))
        for missing in records.values():  # a record the readers lost scores zero everywhere
            report.documents += 1
            for name in FIELDS:
                report.fields[name].add(False)
            report.events_expected += len(missing["events"])
    return report
