"""A run killed with SIGKILL at random points, then run again, equals an uninterrupted run."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from tieline.store.db import resolve_url
from tieline.store.schema import documents, event_clusters, events, sentences

ROOT = Path(__file__).resolve().parents[2]
TRIALS = 10
N_DOCS = 40
TIELINE = [sys.executable, "-m", "tieline.cli"]


def make_corpus(folder: Path, n: int = N_DOCS) -> None:
    """Distinct small commentary documents built from the example paragraphs."""
    paragraphs = []
    for example in sorted((ROOT / "examples").glob("*.txt")):
        paragraphs += [p for p in example.read_text("utf-8").split("\n\n")[1:] if len(p) > 40]
    rng = random.Random(11)
    for i in range(n):
        body = "\n\n".join(rng.sample(paragraphs, 5))
        (folder / f"doc{i:03d}.txt").write_text(
            f"Note {i} on bilateral relations\n{1 + i % 28} March 2021\n\n{body}\n", "utf-8"
        )


def dump(url: str) -> dict[str, list]:
    """Everything a run stores, without run ids and timestamps."""
    engine = create_engine(resolve_url(url))
    skip = {"ingested_at", "run_id"}
    out = {}
    with engine.connect() as conn:
        for table, key in (
            (documents, documents.c.id),
            (sentences, sentences.c.doc_id),
            (events, events.c.event_id),
            (event_clusters, event_clusters.c.cluster_id),
        ):
            cols = [c for c in table.c if c.name not in skip]
            order = [key] + ([sentences.c.sentence_index] if table is sentences else [])
            out[table.name] = [tuple(r) for r in conn.execute(select(*cols).order_by(*order))]
    engine.dispose()
    return out


def run_ingest(corpus: Path, url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*TIELINE, "ingest", str(corpus), "--db", url, "--no-progress"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


@pytest.mark.slow
def test_killed_runs_resume_to_the_same_content(
    tmp_path: Path, store_url: str, request: pytest.FixtureRequest
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_corpus(corpus)
    reference = run_ingest(corpus, store_url)
    assert reference.returncode == 0, reference.stderr
    expected = dump(store_url)
    assert len(expected["documents"]) == N_DOCS and expected["events"]

    rng = random.Random(2024)
    killed_with_partial_content = 0
    for trial in range(TRIALS):
        url = fresh_url(store_url, tmp_path, trial, request)
        process = subprocess.Popen(
            [*TIELINE, "ingest", str(corpus), "--db", url, "--no-progress"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        # kill once a random number of documents is committed, at a random moment after
        wait_for_documents(url, rng.randint(1, N_DOCS - 2), process)
        time.sleep(rng.uniform(0.0, 0.05))
        process.send_signal(signal.SIGKILL)  # the writer; its coding process must not matter
        process.wait()
        partial = dump(url) if table_exists(url) else {"documents": []}
        if 0 < len(partial["documents"]) < N_DOCS:
            killed_with_partial_content += 1
        rerun = run_ingest(corpus, url)
        with contextlib.suppress(ProcessLookupError):  # tidy up an orphaned coding process
            os.killpg(process.pid, signal.SIGKILL)
        assert rerun.returncode == 0, rerun.stderr
        assert dump(url) == expected, f"trial {trial}"
    # the kills landed while documents were being written
    assert killed_with_partial_content >= TRIALS - 2


def wait_for_documents(url: str, n: int, process: subprocess.Popen, timeout: float = 120) -> None:
    """Poll the database (readers never block the writer) until ``n`` documents are stored."""
    from sqlalchemy import func

    engine = create_engine(resolve_url(url))
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with engine.connect() as conn:
                    if conn.execute(select(func.count()).select_from(documents)).scalar() >= n:
                        return
            except Exception:  # noqa: BLE001 - the schema may not exist yet
                pass
            time.sleep(0.01)
    finally:
        engine.dispose()


def table_exists(url: str) -> bool:
    from sqlalchemy import inspect

    engine = create_engine(resolve_url(url))
    try:
        return inspect(engine).has_table("documents")
    finally:
        engine.dispose()


def fresh_url(base: str, tmp_path: Path, trial: int, request: pytest.FixtureRequest) -> str:
    """A new empty database of the same backend for each trial."""
    if base.startswith("sqlite"):
        return f"sqlite:///{tmp_path / f'trial{trial}.db'}"
    from tests.conftest import create_pg_database, drop_pg_database

    name = f"{base.rsplit('/', 1)[1]}_t{trial}"
    url = create_pg_database(name)
    request.addfinalizer(lambda: drop_pg_database(name))
    return url
