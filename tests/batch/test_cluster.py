"""tieline batch on a real LocalCluster (2 worker processes) and tieline load: the store they
make equals tieline ingest's, reruns write and store nothing new, killed runs resume."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from tieline.batch.cluster import BatchReport, run_batch
from tieline.batch.ingest import ingest
from tieline.batch.load import load
from tieline.batch.shards import (
    finished_shards,
    result_tables,
    results_from_tables,
    shard_path,
    uncovered_fields,
)
from tieline.store import open_store
from tieline.store.db import resolve_url
from tieline.store.schema import (
    actors,
    cluster_issues,
    documents,
    event_clusters,
    events,
    lsh_bands,
    sentences,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "documents"
TIELINE = [sys.executable, "-m", "tieline.cli"]
TABLES = (documents, sentences, events, event_clusters, cluster_issues, actors, lsh_bands)


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """One LocalCluster of 2 worker processes (one thread each) for the whole module."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        as cluster,
        Client(cluster) as c,
    ):  # fmt: skip
        yield c


COUNTRIES = ("Japan", "Russia", "India", "China", "Brazil", "Germany", "Turkey", "Iran")
ACTS = (
    "{a} and {b} held talks in the capital on {day}.",
    "The foreign minister of {a} visited {b} on {day} to discuss trade.",
    "{a} accused {b} of violating the agreement on {day}.",
    "{a} promised economic aid to {b} on {day}.",
    "{a} imposed sanctions on {b} on {day}, officials said.",
)


def news_paragraphs(n: int, seed: int) -> list[str]:
    """Paragraphs of our own wording, each a few sentences that code to events."""
    rng = random.Random(seed)
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    out = []
    for _ in range(n):
        sentences = []
        for _ in range(3):
            a, b = rng.sample(COUNTRIES, 2)
            sentences.append(rng.choice(ACTS).format(a=a, b=b, day=rng.choice(days)))
        out.append(" ".join(sentences))
    return out


def revisions_corpus(folder: Path) -> Path:
    """A JSON-lines file with a page updated at its URL and a near-duplicate of another."""
    paragraphs = news_paragraphs(16, seed=3)
    first = "\n\n".join(paragraphs[:6])
    update = "\n\n".join(paragraphs[:2] + paragraphs[10:14])
    lines = [
        {"url": "https://example.org/a", "title": "Talks", "published": "2021-03-02",
         "text": first},
        {"url": "https://example.org/b", "title": "Other", "published": "2021-03-03",
         "text": "\n\n".join(paragraphs[6:10])},
        {"url": "https://example.org/a", "title": "Talks (updated)", "published": "2021-03-02",
         "text": update},
        {"url": "https://example.org/c", "title": "Copy", "published": "2021-03-04",
         "text": update + "\n\nThe talks are to resume next month."},
    ]  # fmt: skip
    path = folder / "revisions.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    return path


def make_corpus(folder: Path, n: int) -> list[str]:
    """Distinct short commentary notes built from the example paragraphs."""
    paragraphs = []
    for example in sorted((ROOT / "examples").glob("*.txt")):
        paragraphs += [p for p in example.read_text("utf-8").split("\n\n")[1:] if len(p) > 40]
    rng = random.Random(5)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = "\n\n".join(rng.sample(paragraphs, 3))
        (folder / f"note{i:03d}.txt").write_text(
            f"Note {i} on bilateral relations\n{1 + i % 28} May 2022\n\n{body}\n", "utf-8"
        )
    return sorted(str(p) for p in folder.iterdir())


def dump(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row a run stores, without run ids and timestamps, in key order."""
    engine = create_engine(resolve_url(url))
    out = {}
    with engine.connect() as conn:
        for table in TABLES:
            cols = [c for c in table.c if c.name not in {"run_id", "ingested_at"}]
            keys = list(table.primary_key.columns)
            out[table.name] = [tuple(r) for r in conn.execute(select(*cols).order_by(*keys))]
    engine.dispose()
    return out


def ingested(names: list[str], url: str) -> dict[str, list[tuple[object, ...]]]:
    """What tieline ingest (coding in this process) stores for ``names``."""
    store = open_store(url)
    ingest(store, names, workers=0)
    store.close()
    return dump(url)


def loaded(shards: Path, url: str) -> tuple[dict[str, list[tuple[object, ...]]], dict[str, int]]:
    """What tieline load stores from ``shards``, and the load's counts."""
    store = open_store(url)
    report = load(store, str(shards))
    store.close()
    return dump(url), report.as_counts()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The examples, the document fixtures, and pages updated and copied."""
    folder = tmp_path_factory.mktemp("revisions")
    examples = sorted(str(p) for p in (ROOT / "examples").iterdir())
    fixtures = sorted(str(p) for p in FIXTURES.glob("*.*"))
    return examples + fixtures + [str(revisions_corpus(folder))]


@pytest.fixture(scope="module")
def shards(client: object, corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus batched once on the cluster, in shards of 6 documents."""
    out = tmp_path_factory.mktemp("shards") / "run"
    report = run_batch(client, corpus, str(out), shard_size=6)  # type: ignore[arg-type]
    assert report.failed == 0 and report.written == report.planned > 3
    assert report.documents_failed == 4  # the fixtures' broken records, as ingest reports
    return out


def test_shards_carry_every_field_of_a_coding_result(coder) -> None:  # type: ignore[no-untyped-def]
    assert uncovered_fields() == set()
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    results = [coder.code_text(t, published="2019-06-11") for t in texts]
    assert sum(len(r.events) for r in results) > 5
    tables = result_tables(results, {})
    back = results_from_tables(tables["documents"], tables["sentences"], tables["events"])
    assert back == results


def test_batch_then_load_stores_what_ingest_stores(
    shards: Path, corpus: list[str], store_url: str, load_url: str
) -> None:
    expected = ingested(corpus, store_url)
    assert expected["events"] and expected["event_clusters"]
    superseded = [r for r in expected["documents"] if r[documents.c.keys().index("superseded_by")]]
    duplicates = [r for r in expected["documents"] if r[documents.c.keys().index("duplicate_of")]]
    assert superseded and duplicates  # URL updates and near-duplicates are exercised
    got, counts = loaded(shards, load_url)
    assert got == expected
    again, counts = loaded(shards, load_url)
    assert again == expected
    assert counts["docs_new"] == counts["docs_updated"] == counts["docs_duplicate"] == 0
    assert counts["events_stored"] == 0 and counts["docs_unchanged"] == len(expected["documents"])


@pytest.fixture
def load_url(store_url: str, tmp_path: Path) -> Iterator[str]:
    """A second empty database on the backend of ``store_url``, for the load."""
    if store_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'loaded.db'}"
        return
    from tests.conftest import create_pg_database, drop_pg_database

    name = store_url.rsplit("/", 1)[1] + "_load"
    url = create_pg_database(name)
    try:
        yield url
    finally:
        drop_pg_database(name)


def test_each_worker_loads_the_coder_once(client: object, shards: Path) -> None:
    from tieline.batch import cluster

    loads = client.run(lambda: cluster.LOADS["coders"])  # type: ignore[attr-defined]
    assert sorted(loads.values()) == [1, 1]  # both workers coded, each loaded once


def test_rerunning_batch_writes_no_new_shard(
    client: object, shards: Path, corpus: list[str]
) -> None:
    before = {p: p.stat().st_mtime_ns for p in shards.rglob("*.parquet")}
    report = run_batch(client, corpus, str(shards), shard_size=6)  # type: ignore[arg-type]
    assert report.written == 0 and report.skipped == report.planned
    assert {p: p.stat().st_mtime_ns for p in shards.rglob("*.parquet")} == before


def test_changed_settings_do_not_reuse_shards(
    client: object, shards: Path, corpus: list[str], tmp_path: Path
) -> None:
    from tieline.batch.cluster import coder_settings, make_task

    docs = [_document("Japan and Russia held talks in Tokyo on Monday.")]
    shipped = make_task(docs, ["a"], coder_settings())
    tiny = tmp_path / "tiny.tldict.gz"
    _tiny_dictionaries().save(tiny)
    other = make_task(docs, ["a"], coder_settings(dictionaries=str(tiny)))
    assert shipped.key != other.key
    assert make_task(docs, ["b"], coder_settings()).key == shipped.key  # content, not names


def _document(text: str):  # type: ignore[no-untyped-def]
    from tieline.ingest.records import content_id
    from tieline.model import Document

    return Document(id=content_id(text.encode()), body=text, published="2022-05-02")


def _tiny_dictionaries():  # type: ignore[no-untyped-def]
    from tieline.coding.dictionaries import read_petrarch_set

    d = ROOT / "tests" / "fixtures" / "dictionaries"
    return read_petrarch_set(
        verbs=[d / "tiny.verbs.txt"], actors=[d / "tiny.actors.txt"],
        agents=[d / "tiny.agents.txt"], discards=[d / "tiny.discards.txt"],
        issues=[d / "tiny.issues.txt"],
    )  # fmt: skip


def test_a_worker_killed_mid_run_changes_nothing(client: object, tmp_path: Path) -> None:
    names = make_corpus(tmp_path / "notes", 24)
    out = tmp_path / "shards"
    killed: list[int] = []

    def kill_a_busy_worker(report: BatchReport) -> None:
        if killed or report.written < 1:
            return
        busy = [w for w, tasks in client.processing().items() if tasks]  # type: ignore[attr-defined]
        if busy:
            pid = client.run(os.getpid, workers=busy[:1])[busy[0]]  # type: ignore[attr-defined]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    report = run_batch(client, names, str(out), shard_size=3, on_update=kill_a_busy_worker)  # type: ignore[arg-type]
    assert killed, "no worker was busy to kill"
    assert report.failed == 0 and report.written == report.planned == 8
    assert report.documents == 24 and not report.problems
    url = f"sqlite:///{tmp_path / 'loaded.db'}"
    got, counts = loaded(out, url)
    assert counts["docs_new"] == 24
    assert got == ingested(names, f"sqlite:///{tmp_path / 'ingested.db'}")
    client.wait_for_workers(2, timeout=60)  # type: ignore[attr-defined]


def test_a_killed_batch_command_rerun_writes_only_missing_shards(tmp_path: Path) -> None:
    corpus = tmp_path / "notes"
    make_corpus(corpus, 30)
    out = tmp_path / "shards"
    command = [*TIELINE, "batch", str(corpus), "--out", str(out), "--workers", "2",
               "--shard-size", "3", "--no-progress"]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 240
        while len(finished_shards(str(out))) < 2 and time.monotonic() < deadline:
            assert process.poll() is None, "the batch ended before it could be killed"
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the driver, its scheduler and its workers
        process.wait()
    first = {k: _stamp(out, k) for k in finished_shards(str(out))}
    assert 2 <= len(first) < 10
    rerun = subprocess.run([*command], capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"shards: {10 - len(first)} written, {len(first)} already done, 0 failed" in rerun.stdout
    assert len(finished_shards(str(out))) == 10
    assert {k: _stamp(out, k) for k in first} == first  # untouched


def _stamp(out: Path, key: str) -> tuple[int, int]:
    stat = Path(shard_path(str(out), "documents", key)).stat()
    return stat.st_ino, stat.st_mtime_ns


def test_a_bad_shard_is_one_line_and_the_others_load(shards: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tieline.cli import app

    copy = tmp_path / "copy"
    shutil.copytree(shards, copy)
    keys = sorted(finished_shards(str(copy)))
    truncated = Path(shard_path(str(copy), "events", keys[0]))
    truncated.write_bytes(truncated.read_bytes()[:100])
    Path(shard_path(str(copy), "sentences", keys[1])).unlink()
    db = tmp_path / "bad.db"
    result = CliRunner().invoke(app, ["load", str(copy), "--db", str(db), "--no-progress"])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("tieline: ")]
    assert len(lines) == 2, result.stderr
    assert str(truncated) in result.stderr and "cannot read" in result.stderr
    assert f"sentences/{keys[1]}.parquet: error: missing" in result.stderr
    store = open_store(f"sqlite:///{db}")
    stored = store.summary()["documents"]
    store.close()
    rows = [_rows(shard_path(str(shards), "documents", k)) for k in keys]
    assert stored == sum(rows) - rows[0] - rows[1] > 0


def _rows(path: str) -> int:
    import pyarrow.parquet as pq

    return int(pq.read_metadata(path).num_rows)


def test_batch_refuses_both_scheduler_and_workers(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tieline.cli import app

    result = CliRunner().invoke(
        app, ["batch", "examples", "--out", str(tmp_path), "--scheduler", "tcp://x:1",
              "--workers", "2"],
    )  # fmt: skip
    assert result.exit_code == 2 and "give one" in result.stderr
    missing = CliRunner().invoke(app, ["load", str(tmp_path / "none"), "--db",
                                       str(tmp_path / "x.db")])  # fmt: skip
    assert missing.exit_code == 1 and "no such shard folder" in missing.stderr


def test_docs_cluster_md_names_the_real_options() -> None:
    import re

    from typer.testing import CliRunner

    from tieline.cli import app

    docs = (ROOT / "docs" / "cluster.md").read_text("utf-8")
    runner = CliRunner()
    helps = {
        c: runner.invoke(app, [c, "--help"], terminal_width=200).stdout
        for c in ("batch", "load", "ingest")
    }
    for command, options in re.findall(r"tieline (batch|load|ingest)\b([^\n`]*)", docs):
        for option in re.findall(r"(--[a-z][a-z-]+)", options):
            assert option in helps[command], (command, option)
    for option in re.findall(r"(--[a-z][a-z-]+)", helps["batch"]):
        if option not in {"--help", "--no-progress"}:
            assert option in docs, f"docs/cluster.md does not mention tieline batch {option}"


def test_ingest_with_the_dask_engine_stores_what_ingest_stores(
    client: object, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from tieline.cli import app

    names = sorted(str(p) for p in (ROOT / "examples").iterdir())
    address = client.scheduler.address  # type: ignore[attr-defined]
    db = tmp_path / "dask.db"
    command = ["ingest", *names, "--db", str(db), "--engine", "dask", "--scheduler", address,
               "--no-progress"]  # fmt: skip
    first = CliRunner().invoke(app, command)
    assert first.exit_code == 0, first.stderr
    assert f"documents: {len(names)} new, 0 unchanged" in first.stdout
    assert dump(f"sqlite:///{db}") == ingested(names, f"sqlite:///{tmp_path / 'local.db'}")
    again = CliRunner().invoke(app, command)  # known documents are not sent to the cluster
    assert f"documents: 0 new, {len(names)} unchanged" in again.stdout


def test_a_killed_load_rerun_stores_the_rest(shards: Path, tmp_path: Path) -> None:
    from tests.store.test_crash import wait_for_documents

    url = f"sqlite:///{tmp_path / 'killed.db'}"
    expected, _ = loaded(shards, f"sqlite:///{tmp_path / 'whole.db'}")
    n = len(expected["documents"])
    command = [*TIELINE, "load", str(shards), "--db", url, "--no-progress"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_documents(url, n // 2, process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert n // 2 <= len(dump(url)["documents"]) < n  # killed mid-load
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert dump(url) == expected
