"""Ingest: read, code and store inputs, one atomic transaction per document."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from tieline.batch.local import code_files
from tieline.ingest.records import Problem
from tieline.store.eventstore import Store

COUNT_KEYS = ("docs_new", "docs_unchanged", "docs_updated", "docs_duplicate", "docs_failed")


@dataclass
class IngestReport:
    """Counts of an ingest run and the problems met."""

    run_id: int
    counts: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

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
) -> IngestReport:
    """Code and store every input; ``on_file(name, documents)`` reports progress."""
    report = IngestReport(store.begin_run(names))
    status = "failed"
    try:
        for file_result in code_files(names, workers, model, dictionaries, published):
            for problem in file_result.problems:
                report.problems.append(problem)
                if problem.error:
                    report.counts["docs_failed"] += 1
                if on_problem:
                    on_problem(problem)
            for result in file_result.results:
                try:
                    outcome = store.store(result, report.run_id)
                except SQLAlchemyError as exc:  # this document only: its transaction rolled back
                    reason = str(getattr(exc, "orig", exc) or exc).splitlines()[0]
                    problem = Problem(result.document.source_path or result.document.id,
                                      f"cannot store: {reason}")  # fmt: skip
                    report.problems.append(problem)
                    report.counts["docs_failed"] += 1
                    if on_problem:
                        on_problem(problem)
                    continue
                report.counts[f"docs_{outcome.status}"] += 1
                report.counts["events_stored"] += outcome.events
            if on_file:
                on_file(file_result.name, len(file_result.results))
        status = "finished"
    finally:
        store.end_run(report.run_id, report.as_counts(), status)
    return report
