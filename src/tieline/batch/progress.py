"""Progress bars of ``tieline ingest``, ``batch`` and ``load`` on stderr (Rich)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from tieline.ingest.records import Problem

if TYPE_CHECKING:
    from tieline.batch.cluster import BatchReport

STDERR = Console(stderr=True)


def print_problem(problem: Problem | str) -> None:
    """One line on stderr, never wrapped, whatever the terminal."""
    STDERR.print(f"tieline: {problem}", markup=False, highlight=False, soft_wrap=True)


@contextmanager
def batch_progress(enabled: bool = True) -> Iterator[Callable[[BatchReport], None]]:
    """A bar over a batch run's shards (done, failed, docs/s, ETA); yields its updater."""
    columns = (
        TextColumn("batch"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(
            "shards · {task.fields[failed]} failed · {task.fields[docs]} docs · "
            "{task.fields[rate]:.1f} docs/s"
        ),  # fmt: skip
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=STDERR, disable=not enabled) as bar:
        task = bar.add_task("batch", total=None, failed=0, docs=0, rate=0.0)

        def update(r: BatchReport) -> None:
            total = r.planned if r.read_all else max(r.planned, r.done + 1)
            bar.update(task, total=total, completed=r.done, failed=r.failed,
                       docs=r.documents, rate=r.rate)  # fmt: skip

        yield update


class Tally:
    """A bar over units of work (files, shards) that counts documents and their rate."""

    def __init__(self, bar: Progress, task: TaskID) -> None:
        self.bar, self.task = bar, task
        self.started = time.perf_counter()
        self.documents = 0

    def set_total(self, total: int) -> None:
        """How many units there are."""
        self.bar.update(self.task, total=total)

    def advance(self, documents: int) -> None:
        """One unit done, with its documents."""
        self.documents += documents
        rate = self.documents / max(time.perf_counter() - self.started, 1e-9)
        self.bar.update(self.task, advance=1, docs=self.documents, rate=rate)

    def on_shard(self, _key: str, documents: int) -> None:
        """A shard loaded (the callback of ``load``)."""
        self.advance(documents)


@contextmanager
def tally(label: str, unit: str, enabled: bool = True, total: int | None = None) -> Iterator[Tally]:
    """A bar on stderr: units done of ``total``, documents, docs/s and ETA."""
    columns = (
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit + " · {task.fields[docs]} docs · {task.fields[rate]:.1f} docs/s"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=STDERR, disable=not enabled) as bar:
        yield Tally(bar, bar.add_task(label, total=total, docs=0, rate=0.0))
