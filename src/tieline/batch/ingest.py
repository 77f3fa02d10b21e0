"""Ingest: read, code and store inputs, one atomic transaction per document.

Documents are stored batch by batch as they are coded; whatever goes wrong with one
document (reading, coding, storing) becomes one problem naming it, and the run goes on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from tieline.batch.local import BatchResult, code_files, display_name
from tieline.coding.coder import Coder
from tieline.ingest.records import DEFAULT_LIMITS, Limits, Problem
from tieline.model import CodingResult
from tieline.store.eventstore import Store

COUNT_KEYS = ("docs_new", "docs_unchanged", "docs_updated", "docs_duplicate", "docs_failed")


@dataclass
class IngestReport:
    """Counts of an ingest run and the problems met."""

    run_id: int
    counts: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    skipped_languages: Counter[str] = field(default_factory=Counter)  # stored, not coded

    def add_problem(
        self, problem: Problem, on_problem: Callable[[Problem], None] | None = None
    ) -> None:
        """Record a problem (an error counts a failed document) and pass it on."""
        self.problems.append(problem)
        if problem.error:
            self.counts["docs_failed"] += 1
        if on_problem:
            on_problem(problem)

    def as_counts(self) -> dict[str, int]:
        """The run's counts as stored in ``ingest_runs``."""
        keys = (*COUNT_KEYS, "events_stored")
        return {k: int(self.counts.get(k, 0)) for k in keys}


def ingest(
    store: Store,
    names: list[str],
    workers: int = 1,
    model: str | None = None,
    dictionaries: str | None = None,
    published: str | None = None,
    on_file: Callable[[str, int], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    coder: Coder | None = None,
) -> IngestReport:
    """Code and store every input; ``on_file(name, documents)`` reports each finished input.
    A ``coder`` given is used in this process (no worker pool, no model loading)."""
    report = IngestReport(store.begin_run([display_name(n) for n in names]))
    status = "failed"
    per_file = 0

    def problem(p: Problem) -> None:
        report.add_problem(p, on_problem)

    try:
        known = store.has_document
        for batch in code_files(
            names, workers, model, dictionaries, published, limits, known, coder
        ):
            for p in batch.problems:
                problem(p)
            report.counts["docs_unchanged"] += batch.known
            per_file += batch.known + store_batch(store, report, batch, problem)
            if batch.last:
                if on_file:
                    on_file(batch.name, per_file)
                per_file = 0
        status = "finished"
    finally:
        store.end_run(report.run_id, report.as_counts(), status)
    return report


def store_batch(
    store: Store, report: IngestReport, batch: BatchResult, problem: Callable[[Problem], None]
) -> int:
    """Store a batch's documents one by one (each atomically, a failure one problem);
    returns how many were stored or unchanged."""
    done = 0
    for result in batch.results:
        try:
            outcome = store.store(result, report.run_id)
        except SQLAlchemyError as exc:  # this document only: its transaction rolled back
            reason = str(getattr(exc, "orig", exc) or exc).splitlines()[0]
            problem(Problem(_where(result, batch), f"cannot store: {reason}"))
            continue
        except Exception as exc:  # a bug on one document must not end the run
            problem(Problem(_where(result, batch), f"cannot store: {type(exc).__name__}: {exc}"))
            continue
        report.counts[f"docs_{outcome.status}"] += 1
        report.counts["events_stored"] += outcome.events
        if result.document.language != "en":
            report.skipped_languages[result.document.language] += 1
        done += 1
    return done


def _where(result: CodingResult, batch: BatchResult) -> str:
    return result.document.source_path or batch.name
