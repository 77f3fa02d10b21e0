"""Code input files in a local process pool; workers return plain results, never spaCy Docs."""

from __future__ import annotations

import glob
import multiprocessing
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tieline.coding.coder import Coder
from tieline.coding.dictionaries import DictionarySet
from tieline.ingest.detect import read_path
from tieline.ingest.records import Problem
from tieline.model import CodingResult, Document

STDIN = "-"


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


def read_input(name: str) -> list[Document | Problem]:
    """The documents and problems of one input (a file, or ``-`` for stdin)."""
    if name == STDIN:
        import tempfile

        data = sys.stdin.buffer.read()
        with tempfile.NamedTemporaryFile(suffix=".stdin") as tmp:
            tmp.write(data)
            tmp.flush()
            items = list(read_path(tmp.name))
        for item in items:
            if isinstance(item, Document):
                item.source_path = STDIN
        return items
    return list(read_path(name))


@dataclass
class FileResult:
    """What one input gave: coded documents and the problems of its records."""

    name: str
    results: list[CodingResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def code_file(coder: Coder, name: str, published: str | None = None) -> FileResult:
    """Read and code one input."""
    out = FileResult(name)
    docs = []
    for item in read_input(name):
        if isinstance(item, Problem):
            out.problems.append(item)
        else:
            if published and not item.published:
                item.published = published
            docs.append(item)
    out.results = list(coder.code_documents(docs))
    return out


_coder: Coder | None = None


def _init_worker(model: str | None, dictionaries: str | None) -> None:
    global _coder
    dicts = DictionarySet.load(dictionaries) if dictionaries else None
    _coder = Coder(dicts, model=model)


def _work(args: tuple[str, str | None]) -> FileResult:
    assert _coder is not None
    return code_file(_coder, *args)


def code_files(
    names: list[str],
    workers: int = 1,
    model: str | None = None,
    dictionaries: str | None = None,
    published: str | None = None,
) -> Iterator[FileResult]:
    """Code inputs in order in ``workers`` processes (each loads the model once), so the
    caller can store results while the next ones are coded; ``workers=0`` codes here."""
    if workers <= 0 or STDIN in names:
        dicts = DictionarySet.load(dictionaries) if dictionaries else None
        coder = Coder(dicts, model=model)
        for name in names:
            yield code_file(coder, name, published)
        return
    # spawn, not fork: a forked worker would inherit the writer's database connections and
    # keep them (and their locks) open if the writer were killed
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(model, dictionaries),
    ) as pool:
        yield from pool.map(_work, [(n, published) for n in names], chunksize=1)
