"""Code inputs in a local process pool, a batch of documents at a time.

Inputs are read lazily in this process and cut into batches of ``BATCH_DOCS`` documents;
workers code a batch and return plain results (never spaCy Docs), in order, so the writer
stores each batch while the next ones are coded: a long JSONL file shows progress and
problems as it goes, and a kill loses at most the batches in flight. A document that
cannot be read, or whose coding fails, becomes one problem; the others go on.
"""

from __future__ import annotations

import glob
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tieline.coding.coder import Coder
from tieline.coding.dictionaries import DictionarySet
from tieline.ingest.detect import read_source
from tieline.ingest.records import DEFAULT_LIMITS, Limits, Problem, one_line
from tieline.model import CodingResult, Document

STDIN = "-"
BATCH_DOCS = 32


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files named by paths, folders (recursively), globs and ``-`` (stdin), in order."""
    out: list[str] = []
    for item in inputs:
        if item == STDIN:
            out.append(STDIN)
            continue
        path = Path(item)
        if path.is_dir():
            out.extend(str(p) for p in sorted(path.rglob("*")) if p.is_file())
        elif any(ch in item for ch in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            out.extend(m for m in matches if Path(m).is_file())
            if not matches:
                out.append(item)  # reported as missing by the reader
        else:
            out.append(item)
    return out


def display_name(name: str) -> str:
    """A file name fit to print and store whatever its bytes (undecodable ones as \\xNN)."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def read_input(name: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | Problem]:
    """The documents and problems of one input (a file, or ``-`` for stdin)."""
    yield from read_source(name, limits=limits)


@dataclass
class Batch:
    """Documents of one input to code together, the problems met reading them, and
    whether this is the input's last batch."""

    name: str
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    last: bool = False
    known: int = 0  # documents the store already holds: not coded


@dataclass
class BatchResult:
    """What a batch gave: coded documents and problems (reading and coding)."""

    name: str
    results: list[CodingResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    last: bool = False
    known: int = 0


def read_batches(
    names: Iterable[str],
    published: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    size: int = BATCH_DOCS,
    known: Callable[[str], bool] | None = None,
) -> Iterator[Batch]:
    """The inputs' documents in batches; every input ends with a batch marked ``last``.

    ``known(doc_id)`` tells documents the store already holds: they are counted, not coded,
    so re-ingesting unchanged files never loads the model.
    """
    for name in names:
        shown = display_name(name)
        batch = Batch(shown)
        try:
            for item in read_input(name, limits):
                if isinstance(item, Problem):
                    batch.problems.append(_safe_problem(item))
                    continue
                problem = _admit(item, shown, published, limits)
                if problem is not None:
                    batch.problems.append(problem)
                    continue
                if known is not None and known(item.id):
                    batch.known += 1
                    continue
                batch.documents.append(item)
                if len(batch.documents) >= size:
                    yield batch
                    batch = Batch(shown)
        except Exception as exc:  # a reader's bug must not end the run
            batch.problems.append(Problem(shown, f"cannot read: {_reason(exc)}"))
        batch.last = True
        yield batch


def _admit(doc: Document, shown: str, published: str | None, limits: Limits) -> Problem | None:
    """Fill what a document lacks; a Problem when it is over the size limit."""
    doc.source_path = display_name(doc.source_path) if doc.source_path else shown
    if published and not doc.published:
        doc.published = published
    if len(doc.body) > limits.max_chars:
        return Problem(
            doc.source_path,
            f"refused: {len(doc.body):,} characters, over the limit of "
            f"{limits.max_chars:,} per document (--max-chars)",
        )
    return None


def _safe_problem(problem: Problem) -> Problem:
    return Problem(display_name(problem.source), problem.message, problem.error)


def _reason(exc: BaseException) -> str:
    text = one_line(exc)
    return text if text == type(exc).__name__ else f"{type(exc).__name__}: {text}"


def code_batch(coder: Coder, batch: Batch) -> BatchResult:
    """Code a batch; when it fails, code its documents one by one to find the culprit."""
    out = _empty(batch)
    try:
        out.results = list(coder.code_documents(batch.documents))
        return out
    except Exception:  # one bad document: retry alone, below
        out.results = []
    for doc in batch.documents:
        try:
            out.results.extend(coder.code_documents([doc]))
        except Exception as exc:
            where = doc.source_path or batch.name
            out.problems.append(Problem(where, f"cannot code: {_reason(exc)}"))
    return out


_coder: Coder | None = None


def _init_worker(model: str | None, dictionaries: str | None) -> None:
    global _coder
    dicts = DictionarySet.load(dictionaries) if dictionaries else None
    _coder = Coder(dicts, model=model)


def _work(batch: Batch) -> BatchResult:
    assert _coder is not None
    return code_batch(_coder, batch)


def code_files(
    names: list[str],
    workers: int = 1,
    model: str | None = None,
    dictionaries: str | None = None,
    published: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    known: Callable[[str], bool] | None = None,
    coder: Coder | None = None,
) -> Iterator[BatchResult]:
    """Code inputs batch by batch, in order, in ``workers`` processes (each loads the model
    once) while the caller stores what is done; ``workers=0`` codes here, with ``coder``
    when given (a caller that ingests many small inputs keeps one). The model is loaded
    only when a batch has a document to code."""
    batches = read_batches(names, published, limits, known=known)
    if workers <= 0 or STDIN in names or coder is not None:
        for batch in batches:
            if batch.documents and coder is None:
                dicts = DictionarySet.load(dictionaries) if dictionaries else None
                coder = Coder(dicts, model=model)
            yield code_batch(coder, batch) if coder and batch.documents else _empty(batch)
        return
    yield from _code_in_pool(batches, workers, model, dictionaries)


def _code_in_pool(
    batches: Iterator[Batch], workers: int, model: str | None, dictionaries: str | None
) -> Iterator[BatchResult]:
    pool: ProcessPoolExecutor | None = None
    pending: deque[tuple[Batch, Future[BatchResult] | None]] = deque()
    try:
        for batch in batches:
            if batch.documents and pool is None:
                # spawn, not fork: a forked worker would inherit the writer's database
                # connections and keep them (and their locks) open if the writer were killed
                pool = ProcessPoolExecutor(
                    max_workers=workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_init_worker,
                    initargs=(model, dictionaries),
                )
            future = pool.submit(_work, batch) if pool and batch.documents else None
            pending.append((batch, future))
            while len(pending) > 2 * workers:
                yield _collect(*pending.popleft())
        while pending:
            yield _collect(*pending.popleft())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _empty(batch: Batch) -> BatchResult:
    return BatchResult(
        batch.name, problems=list(batch.problems), last=batch.last, known=batch.known
    )


def _collect(batch: Batch, future: Future[BatchResult] | None) -> BatchResult:
    if future is None:
        return _empty(batch)
    try:
        return future.result()
    except Exception as exc:  # the worker died (killed, out of memory): this batch only
        out = _empty(batch)
        reason = f"cannot code: the coding process failed ({_reason(exc)})"
        out.problems += [Problem(d.source_path or batch.name, reason) for d in batch.documents]
        return out
