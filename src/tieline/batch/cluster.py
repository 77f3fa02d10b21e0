"""Code inputs on a Dask cluster into Parquet shards (``tieline batch``).

This process (the driver) reads the inputs with the same readers as ``tieline ingest``
(so the same documents and the same problems), packs their documents into tasks of
``shard_size``, names each task by the hash of its documents and of the coder's settings,
and submits the tasks whose shard is not written yet. A worker codes a task with a coder
it loads once (``CoderPlugin`` carries the settings, and the dictionaries' bytes, to every
worker, including one the nanny restarts) and writes the shard itself; it returns a small
summary, never spaCy Docs. Workers never touch the database (``tieline load`` does).

A shard's name covers: the shard format, tieline's version and a hash of its coding code
and shipped data (``tieline.coding``, ``tieline.nlp``, ``tieline.data``, ``model.py``), the
spaCy pipeline's name and version, the dictionaries' hash, and every document in the task
(id, which is the hash of its raw bytes, metadata and text). Changing any of them codes
anew instead of reusing a stale shard; rerunning the same inputs with the same settings
skips every finished shard. Inputs are packed in order, so appending inputs (a new day's
files) leaves earlier shards as they were.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from distributed.diagnostics.plugin import WorkerPlugin

from tieline.batch.local import Batch, code_batch, read_batches
from tieline.batch.shards import (
    FORMAT,
    Manifest,
    finished_shards,
    open_fs,
    shard_key,
    write_shard,
)
from tieline.errors import TielineError
from tieline.ingest.records import DEFAULT_LIMITS, Limits, Problem, one_line
from tieline.model import Document

if TYPE_CHECKING:
    from distributed import Client, Future

    from tieline.coding.coder import Coder

SHARD_DOCS = 100
CODE_PARTS = ("coding", "nlp", "data", "model.py")
PACKAGE = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------------- settings


@lru_cache(maxsize=1)
def code_hash() -> str:
    """A hash of the code and data that decide what the coder gives."""
    h = hashlib.sha256()
    for part in CODE_PARTS:
        path = PACKAGE / part
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts:
                h.update(f.relative_to(PACKAGE).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def resolve_model(model: str | None) -> str | None:
    """The spaCy pipeline the workers are to load: the one named, ``TIELINE_MODEL``, or the
    first default installed here (None: each worker takes its own default)."""
    from tieline.nlp.pipeline import DEFAULT_MODELS

    if model or os.environ.get("TIELINE_MODEL"):
        return model or os.environ["TIELINE_MODEL"]
    return next((m for m in DEFAULT_MODELS if importlib.util.find_spec(m)), None)


def _model_version(name: str | None) -> str:
    if name is None:
        return "default"
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class CoderSettings:
    """What a worker needs to build the coder, and the fingerprint shard names include."""

    model: str | None
    dictionaries: bytes | None  # a .tldict.gz file's bytes; None: the shipped ones
    fingerprint: dict[str, str]

    @property
    def name(self) -> str:
        """A short name for these settings (the worker plugin's)."""
        return "tieline-coder-" + shard_key([json.dumps(self.fingerprint, sort_keys=True)])[:12]


def coder_settings(model: str | None = None, dictionaries: str | None = None) -> CoderSettings:
    """The settings of a batch run; an InputError when the dictionaries cannot be read."""
    from tieline import __version__
    from tieline.coding.dictionaries import DictionarySet
    from tieline.errors import InputError

    blob = None
    if dictionaries:
        try:
            blob = Path(dictionaries).read_bytes()
        except OSError as exc:
            raise InputError(dictionaries, f"cannot read: {exc.strerror}") from None
        DictionarySet.load(dictionaries)  # a bad file stops the run here, not on each worker
    name = resolve_model(model)
    fingerprint = {
        "format": str(FORMAT),
        "tieline": __version__,
        "code": code_hash(),
        "model": f"{name or 'default'} {_model_version(name)}",
        "dictionaries": hashlib.sha256(blob).hexdigest()[:16] if blob else "shipped",
    }
    return CoderSettings(name, blob, fingerprint)


# ---------------------------------------------------------------------- tasks


@dataclass
class ShardTask:
    """Documents to code into one shard, named by ``key``."""

    key: str
    documents: list[Document]
    inputs: list[str]  # the inputs the documents came from, in order


def plan_tasks(
    batches: Iterable[Batch],
    settings: CoderSettings,
    size: int = SHARD_DOCS,
    on_repeat: Callable[[Document], None] | None = None,
) -> Iterator[ShardTask | Problem]:
    """Pack the inputs' documents, in order, into tasks of ``size`` documents; problems as
    they are met. A document met again (same content hash) is left out: the store would
    keep only the first."""
    seen: set[str] = set()
    docs: list[Document] = []
    inputs: list[str] = []
    for batch in batches:
        yield from batch.problems
        for doc in batch.documents:
            if doc.id in seen:
                if on_repeat:
                    on_repeat(doc)
                continue
            seen.add(doc.id)
            docs.append(doc)
            if not inputs or inputs[-1] != batch.name:
                inputs.append(batch.name)
            if len(docs) >= size:
                yield make_task(docs, inputs, settings)
                docs, inputs = [], []
    if docs:
        yield make_task(docs, inputs, settings)


def make_task(docs: list[Document], inputs: list[str], settings: CoderSettings) -> ShardTask:
    """A task named by the hash of its settings and documents."""
    parts = [json.dumps(settings.fingerprint, sort_keys=True)]
    parts += [json.dumps(d.to_dict(), sort_keys=True, ensure_ascii=False) for d in docs]
    return ShardTask(shard_key(parts), docs, inputs)


# ---------------------------------------------------------------------- workers


_CODERS: dict[str, Coder] = {}  # per worker process: one coder per settings
LOADS = {"coders": 0}  # how many coders this process built (a test checks: one)


class CoderPlugin(WorkerPlugin):
    """A Dask worker plugin carrying the coder's settings to every worker, including one
    that joins later or that the nanny restarts; the first task on a worker loads the
    coder (in a task thread, not on the worker's event loop)."""

    def __init__(self, settings: CoderSettings) -> None:
        self.settings = settings


def worker_coder(settings: CoderSettings) -> Coder:
    """This process's coder for ``settings``, loaded on first use."""
    coder = _CODERS.get(settings.name)
    if coder is None:
        coder = _build_coder(settings)
        _CODERS[settings.name] = coder
        LOADS["coders"] += 1
    return coder


def _build_coder(settings: CoderSettings) -> Coder:
    import gzip

    from tieline.coding.coder import Coder
    from tieline.coding.dictionaries import DictionarySet

    if settings.fingerprint["code"] != code_hash():
        raise TielineError(
            f"this worker ({os.uname().nodename}) runs tieline code {code_hash()}, the driver "
            f"{settings.fingerprint['code']}: install the same tieline on every worker"
        )
    dicts = None
    if settings.dictionaries is not None:
        data = json.loads(gzip.decompress(settings.dictionaries))
        dicts = DictionarySet.from_json(data, origin="the batch run's dictionaries")
    coder = Coder(dicts, model=settings.model)
    coder.nlp  # noqa: B018 - load the pipeline now, once per process
    return coder


@dataclass
class ShardOutcome:
    """What a worker did with a task."""

    key: str
    documents: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)


def code_shard(task: ShardTask, out: str, settings_name: str) -> ShardOutcome:
    """Code a task on a Dask worker and write its shard to ``out``."""
    from distributed import get_worker

    plugin = get_worker().plugins.get(settings_name)
    if not isinstance(plugin, CoderPlugin):
        raise TielineError(f"worker has no coder plugin {settings_name}")
    return code_and_write(task, out, plugin.settings)


def code_and_write(task: ShardTask, out: str, settings: CoderSettings) -> ShardOutcome:
    """Code a task with this process's coder and write its shard (any process)."""
    coded = code_batch(worker_coder(settings), Batch(task.inputs[0], task.documents))
    meta = {"shard": task.key, **settings.fingerprint}
    write_shard(out, task.key, coded.results, meta)
    events = sum(len(r.events) for r in coded.results)
    return ShardOutcome(task.key, len(coded.results), events, coded.problems)


# ---------------------------------------------------------------------- the driver


@dataclass
class BatchReport:
    """Counts of a batch run so far, and the problems met (reading, coding, tasks)."""

    planned: int = 0  # tasks planned so far (final once ``read_all``)
    written: int = 0
    skipped: int = 0  # finished by an earlier run
    failed: int = 0
    documents: int = 0  # coded in this run
    events: int = 0
    documents_skipped: int = 0  # in shards an earlier run finished
    documents_known: int = 0  # already in the store (``known``): not coded
    documents_repeated: int = 0  # met again in this run's inputs: coded once
    read_all: bool = False
    started: float = field(default_factory=time.perf_counter)
    problems: list[Problem] = field(default_factory=list)

    @property
    def done(self) -> int:
        """Tasks finished one way or another."""
        return self.written + self.skipped + self.failed

    @property
    def rate(self) -> float:
        """Documents coded per second in this run."""
        return self.documents / max(time.perf_counter() - self.started, 1e-9)

    @property
    def documents_failed(self) -> int:
        """Problems that are errors (each a record or document not coded)."""
        return sum(p.error for p in self.problems)


def run_batch(
    client: Client,
    names: list[str],
    out: str,
    shard_size: int = SHARD_DOCS,
    model: str | None = None,
    dictionaries: str | None = None,
    published: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    known: Callable[[str], bool] | None = None,
    on_update: Callable[[BatchReport], None] | None = None,
) -> BatchReport:
    """Code ``names`` on the cluster of ``client`` into shards under ``out``.

    Shards already there are skipped; a failing task is reported for its inputs and the
    run goes on. ``known(doc_id)`` leaves out documents a store already holds.
    """
    from distributed import as_completed

    settings = coder_settings(model, dictionaries)
    out = _shard_folder(out)
    client.register_plugin(CoderPlugin(settings), name=settings.name)
    finished = finished_shards(out)
    report = BatchReport()
    identity = [json.dumps(settings.fingerprint), str(shard_size), published or "", *names]
    manifest = Manifest(out, identity)
    running: dict[Future[ShardOutcome], ShardTask] = {}
    pending = as_completed()
    batches = read_batches(names, published, limits, size=10 * shard_size, known=known)

    def repeated(_doc: Document) -> None:
        report.documents_repeated += 1

    for item in plan_tasks(_counted(batches, report), settings, shard_size, repeated):
        if isinstance(item, Problem):
            report.problems.append(item)
            continue
        report.planned += 1
        manifest.add(item.key)
        if item.key in finished:
            report.skipped += 1
            report.documents_skipped += len(item.documents)
        else:
            future = client.submit(
                code_shard, item, out, settings.name, key=f"tieline-shard-{item.key}", retries=1
            )
            running[future] = item
            pending.add(future)
        _notify(on_update, report)
        while pending.count() >= _window(client):
            _finish(next(pending), running, report)
            _notify(on_update, report)
    manifest.save()
    report.read_all = True
    _notify(on_update, report)
    for future in pending:
        _finish(future, running, report)
        _notify(on_update, report)
    return report


def _shard_folder(out: str) -> str:
    """The shard folder, made; a local one by its full path (workers elsewhere share it)."""
    if "://" not in out:
        out = os.path.abspath(out)
    fs, root = open_fs(out)
    try:
        fs.makedirs(root, exist_ok=True)
    except OSError as exc:
        raise TielineError(f"{out}: cannot write shards here ({_reason(exc)})") from None
    return out


def _counted(batches: Iterable[Batch], report: BatchReport) -> Iterator[Batch]:
    for batch in batches:
        report.documents_known += batch.known
        yield batch


def _notify(on_update: Callable[[BatchReport], None] | None, report: BatchReport) -> None:
    if on_update:
        on_update(report)


def _window(client: Client) -> int:
    """Tasks to keep on the cluster: enough to keep every thread busy, few enough that the
    driver's memory stays flat (documents wait in the inputs, not in the scheduler)."""
    threads = sum(client.nthreads().values())
    return max(2, 2 * threads + 1)


def _finish(
    future: Future[ShardOutcome],
    running: dict[Future[ShardOutcome], ShardTask],
    report: BatchReport,
) -> None:
    task = running.pop(future)
    try:
        outcome = future.result()
    except Exception as exc:  # the task failed for good (its retries, a worker died 3 times)
        report.failed += 1
        reason = f"cannot code: the task of shard {task.key} failed ({_reason(exc)})"
        report.problems += [Problem(name, reason) for name in task.inputs]
        return
    finally:
        future.release()
    report.written += 1
    report.documents += outcome.documents
    report.events += outcome.events
    report.problems += outcome.problems


def _reason(exc: BaseException) -> str:
    text = one_line(exc)
    return text if text == type(exc).__name__ else f"{type(exc).__name__}: {text}"


# Measured on spaCy coding: Dask's statistical profiler (a thread sampling the task's
# stack every 10 ms) costs a worker about 15%, and the nanny's MALLOC_TRIM_THRESHOLD_
# (which also turns off glibc's adaptive mmap threshold) about as much: off for ours.
WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # None: unset
}


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 1) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a LocalCluster of ``workers``
    processes (one thread each: spaCy parsing holds the GIL)."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as exc:
            raise TielineError(
                f"--scheduler {scheduler}: cannot connect ({one_line(exc)})"
            ) from None
        with client:
            yield client
        return
    with (
        dask.config.set(WORKER_CONFIG),
        LocalCluster(
            n_workers=max(1, workers), threads_per_worker=1, processes=True,
            dashboard_address=None, silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):  # fmt: skip
        yield client
