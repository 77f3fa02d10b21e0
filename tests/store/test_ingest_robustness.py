"""Hostile and careless input to ``tieline ingest``, each case reproduced: a file name that is
not UTF-8, a gzip bomb, an over-long document, unsafe JSONL ids, a coder that fails on one
document, a long JSONL killed midway, two ingests of the same files at once, a killed run."""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from tieline.batch.ingest import ingest
from tieline.ingest.records import Limits
from tieline.store import open_store
from tieline.store.schema import documents, ingest_runs

REPORTS = [
    "Ghana and Togo signed a border trade agreement in Accra on Monday.",
    "Kenya's foreign minister visited Uganda on Tuesday to discuss fisheries.",
    "Chile recalled its ambassador from Peru after a dispute over fishing rights.",
]


def run_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tieline.cli", *args],
        capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def stored_ids(url: str) -> set[str]:
    store = open_store(url)
    with store.engine.connect() as conn:
        ids = {row[0] for row in conn.execute(select(documents.c.id))}
    store.close()
    return ids


def high_water_kb(pid: int) -> int:
    """A running process's peak resident memory (VmHWM), 0 once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((ln for ln in status.splitlines() if ln.startswith("VmHWM:")), "VmHWM: 0 kB")
    return int(line.split()[1])


def write_reports(folder: Path, count: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(count):
        path = folder / f"report{k}.txt"
        path.write_text(f"Report {k}\n\n{REPORTS[k % 3]} Officials met again on day {k}.\n")
        paths.append(path)
    return paths


def test_a_file_name_that_is_not_utf8_is_one_line_and_the_rest_is_stored(
    store_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    write_reports(folder, 2)
    odd = os.fsencode(folder) + b"/caf\xe9-\xff.txt"  # Latin-1 bytes: not UTF-8
    with open(odd, "wb") as fh:
        fh.write(b"Cafe report\n\nGhana and Togo held talks on trade in Lome on Friday.\n")
    result = run_cli("ingest", str(folder), "--db", store_url, "--no-progress", "--workers", "0")
    assert "Traceback" not in result.stderr, result.stderr
    assert "documents: 3 new" in result.stdout, result.stdout + result.stderr
    summary = run_cli("summary", "--db", store_url)
    assert "finished" in summary.stdout


def test_a_gzip_bomb_is_refused_without_inflating_it(tmp_path: Path) -> None:
    bomb = tmp_path / "crawl.warc.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as fh:
        zeros = b"\0" * (1 << 20)
        for _ in range(1024):  # 1 GiB of zeros in about 1 MB
            fh.write(zeros)
    db = tmp_path / "bomb.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "tieline.cli", "ingest", str(bomb),
         "--db", str(db), "--no-progress", "--workers", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    peak = 0  # VmHWM: this process's own high-water mark since exec (rusage would count
    while process.poll() is None:  # the pytest process it was forked from)
        peak = max(peak, high_water_kb(process.pid))
        time.sleep(0.005)
    out, err = process.communicate()
    assert 0 < peak < 500 * 1024, f"peak RSS {peak // 1024} MB"
    assert "inflates past the limit of 50 MB" in err and err.count("\n") == 1, err
    assert process.returncode == 1 and "1 failed" in out
    report = write_reports(tmp_path / "ok", 1)[0]  # beside a good file, the good one is stored
    both = run_cli("ingest", str(bomb), str(report), "--db", str(db), "--workers", "0")
    assert "documents: 1 new" in both.stdout and both.returncode == 1, both.stderr


def test_an_over_long_document_is_refused_and_the_rest_coded(tmp_path: Path) -> None:
    lines = [{"id": "short-1", "text": REPORTS[0]}, {"id": "long-1", "text": "word " * 3000}]
    lines.append({"id": "short-2", "text": REPORTS[1]})
    source = tmp_path / "mixed.jsonl"
    source.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    store = open_store(f"sqlite:///{tmp_path / 'long.db'}")
    problems: list[str] = []
    report = ingest(store, [str(source)], workers=0, limits=Limits(max_chars=10_000),
                    on_problem=lambda p: problems.append(str(p)))  # fmt: skip
    assert report.counts["docs_new"] == 2 and report.counts["docs_failed"] == 1
    assert problems == [
        f"{source}:2: error: refused: 14,999 characters, over the limit of 10,000 per "
        "document (--max-chars)"
    ]
    store.close()


def test_unsafe_jsonl_ids_are_refused_but_the_documents_kept(tmp_path: Path) -> None:
    rows = [
        {"id": "reuters:2019-06-11.0042", "text": REPORTS[0]},
        {"id": "../../etc/passwd", "text": REPORTS[1]},
        {"id": "<b>x</b>", "text": REPORTS[2]},
        {"id": "..", "text": "Senegal and Gambia reopened their border crossing on Sunday."},
    ]
    source = tmp_path / "ids.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    url = f"sqlite:///{tmp_path / 'ids.db'}"
    store = open_store(url)
    problems: list[str] = []
    report = ingest(store, [str(source)], workers=0, on_problem=lambda p: problems.append(str(p)))
    assert report.counts["docs_new"] == 4 and report.counts["docs_failed"] == 0
    assert len(problems) == 3 and all("refused" in p and "warning" in p for p in problems)
    with store.engine.connect() as conn:
        given = dict(conn.execute(select(documents.c.id, documents.c.given_id)).all())
    store.close()
    assert given.pop("reuters:2019-06-11.0042") is None
    assert sorted(given.values()) == sorted(["../../etc/passwd", "<b>x</b>", ".."])
    assert all(len(doc_id) == 64 for doc_id in given)  # content hashes


def test_a_document_the_coder_fails_on_is_one_problem(tmp_path: Path, monkeypatch) -> None:
    from tieline.coding.coder import Coder

    real = Coder.code_documents

    def fragile(self, docs, *args, **kwargs):  # type: ignore[no-untyped-def]
        docs = list(docs)
        if any("fishing" in d.body for d in docs):
            raise RuntimeError("parser crashed")
        return real(self, docs, *args, **kwargs)

    monkeypatch.setattr(Coder, "code_documents", fragile)
    paths = write_reports(tmp_path / "in", 3)
    store = open_store(f"sqlite:///{tmp_path / 'fragile.db'}")
    problems: list[str] = []
    report = ingest(store, [str(p) for p in paths], workers=0,
                    on_problem=lambda p: problems.append(str(p)))  # fmt: skip
    store.close()
    assert report.counts["docs_new"] == 2 and report.counts["docs_failed"] == 1
    assert problems == [f"{paths[2]}: error: cannot code: RuntimeError: parser crashed"]


def test_a_long_jsonl_is_stored_as_it_is_coded(tmp_path: Path) -> None:
    source = tmp_path / "feed.jsonl"
    with source.open("w") as fh:
        for k in range(100_000):
            if k % 2:
                fh.write("{not json\n")
            else:
                fh.write(json.dumps({"text": f"{REPORTS[k % 3]} Item {k}."}) + "\n")
    db = tmp_path / "long.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "tieline.cli", "ingest", str(source), "--db", str(db),
         "--no-progress", "--workers", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and stored < 40:
        time.sleep(2)
        if db.exists():
            stored = len(stored_ids(f"sqlite:///{db}"))
    process.send_signal(signal.SIGKILL)
    _, err = process.communicate()
    assert stored >= 40, "nothing stored while the file was being coded"
    assert err.count("invalid JSON") >= 20 and "feed.jsonl:2: error: invalid JSON" in err
    url = f"sqlite:///{db}"
    store = open_store(url)
    with store.engine.connect() as conn:
        status = conn.execute(select(ingest_runs.c.status)).scalar()
    store.close()
    assert status == "running"  # killed: nobody could close it
    rerun = run_cli("ingest", str(write_reports(tmp_path / "next", 1)[0]), "--db", url,
                    "--no-progress", "--workers", "0")  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr
    summary = run_cli("summary", "--db", url).stdout
    assert "run 1 " in summary and "interrupted" in summary, summary


def test_two_ingests_of_the_same_files_at_once(store_url: str, tmp_path: Path) -> None:
    paths = write_reports(tmp_path / "in", 12)
    command = [sys.executable, "-m", "tieline.cli", "ingest", str(tmp_path / "in"),
               "--db", store_url, "--no-progress", "--workers", "0"]  # fmt: skip
    open_store(store_url).close()  # the schema exists before both start
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outputs = [p.communicate(timeout=600) for p in (first, second)]
    for process, (out, err) in zip((first, second), outputs, strict=True):
        assert process.returncode == 0, err
        assert "0 failed" in out, out
    pattern = r"documents: (\d+) new, (\d+) unchanged, (\d+) updated, (\d+) near-duplicate"
    counts = [[int(n) for n in re.search(pattern, out).groups()] for out, _ in outputs]  # type: ignore[union-attr]
    assert all(sum(c) == len(paths) for c in counts), counts  # every file accounted for
    stored_by = [new + updated + duplicate for new, _, updated, duplicate in counts]
    assert sum(stored_by) == len(paths), counts  # each stored by exactly one of the two
    assert len(stored_ids(store_url)) == len(paths)


def test_problem_lines_are_never_wrapped(tmp_path: Path) -> None:
    missing = tmp_path / ("a-very-long-folder-name-" * 6) / "no-such-report.txt"
    result = run_cli("ingest", str(missing), "--db", str(tmp_path / "w.db"), "--workers", "0")
    lines = [line for line in result.stderr.splitlines() if "no such file" in line]
    assert lines == [f"tieline: {missing}: error: no such file"], result.stderr


def test_the_revision_moves_with_each_change_and_the_view_cache_follows(
    store_url: str, tmp_path: Path
) -> None:
    from tieline.web.service import RevisionCache

    store = open_store(store_url)
    calls: list[int] = []
    cache = RevisionCache()

    def view() -> int:
        calls.append(1)
        return len(stored_ids(store_url))

    assert store.revision() == 0 and cache.get(store, "docs", view) == 0
    assert cache.get(store, "docs", view) == 0 and len(calls) == 1  # served from the cache
    paths = write_reports(tmp_path / "in", 2)
    ingest(store, [str(paths[0])], workers=0)
    assert store.revision() == 1 and cache.get(store, "docs", view) == 1 and len(calls) == 2
    ingest(store, [str(paths[0])], workers=0)  # unchanged: nothing moves
    assert store.revision() == 1 and cache.get(store, "docs", view) == 1 and len(calls) == 2
    store.close()


def test_unchanged_files_are_known_before_any_model_loads(tmp_path: Path, monkeypatch) -> None:
    from tieline.batch import local

    paths = [str(p) for p in write_reports(tmp_path / "in", 3)]
    store = open_store(f"sqlite:///{tmp_path / 'again.db'}")
    assert ingest(store, paths, workers=0).counts["docs_new"] >= 1

    def no_model(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the model was loaded for documents the store holds")

    monkeypatch.setattr(local, "Coder", no_model)
    for workers in (0, 1):
        again = ingest(store, paths, workers=workers)
        assert again.counts["docs_unchanged"] == 3 and again.counts["docs_failed"] == 0
    store.close()
