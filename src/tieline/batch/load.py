"""Store Parquet shards (``tieline load``): the single writer of a distributed run.

Shards are stored in their batch runs' order through ``Store.store``, one transaction per
document, exactly as ``tieline ingest`` stores what it codes: content-hash identity, URL
updates, near-duplicates and event clusters behave the same. Loading again stores nothing
new; a killed load, run again, stores what it had not. A shard that cannot be read is one
problem naming its file; it stores nothing and the others go on.
"""

from __future__ import annotations

from collections.abc import Callable

from tieline.batch.ingest import IngestReport, store_batch
from tieline.batch.local import BatchResult
from tieline.batch.shards import ShardError, open_fs, read_shard, shard_order, shard_path
from tieline.ingest.records import Problem
from tieline.store.eventstore import Store


def load(
    store: Store,
    url: str,
    on_shard: Callable[[str, int], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> IngestReport:
    """Store every complete shard under ``url``; ``on_plan(shards)`` tells how many there
    are, ``on_shard(key, documents)`` reports each one stored."""
    planned: list[Problem] = []
    order = _plan(url, planned.append)  # before the run: a wrong folder records nothing
    report = IngestReport(store.begin_run([url]))
    status = "failed"

    def problem(p: Problem) -> None:
        report.add_problem(p, on_problem)

    try:
        for p in planned:
            problem(p)
        if on_plan:
            on_plan(len(order))
        for key in order:
            stored = _load_shard(store, report, url, key, problem)
            if on_shard:
                on_shard(key, stored)
        status = "finished"
    finally:
        store.end_run(report.run_id, report.as_counts(), status)
    return report


def _plan(url: str, problem: Callable[[Problem], None]) -> list[str]:
    fs, root = open_fs(url)
    if not fs.isdir(root):
        raise ShardError(f"{url}: no such shard folder")
    order = shard_order(url)
    for text in order.problems:
        source, _, message = text.partition(": ")
        problem(Problem(source, message))
    if order.missing:
        problem(
            Problem(
                url,
                f"{len(order.missing)} shards of a batch run are not written (the run failed "
                "or is still going): run `tieline batch` again, then load",
                error=False,
            )
        )
    return order.keys


def _load_shard(
    store: Store, report: IngestReport, url: str, key: str, problem: Callable[[Problem], None]
) -> int:
    """Store one shard's documents; how many were stored or already there."""
    try:
        results = read_shard(url, key)
    except ShardError as exc:
        path, _, message = str(exc).partition(": ")
        problem(Problem(path, message))
        return 0
    name = shard_path(open_fs(url)[1], "documents", key)
    return store_batch(store, report, BatchResult(name, results), problem)
