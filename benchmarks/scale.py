"""Coding at scale: docs/s of ingest (one process, the local pool) and of Dask batches.

Writes DOCS news-length documents (about 18 paragraphs each, built from the example
corpus) to one JSON-lines file, then runs, one after the other, each as the real command
in a fresh process (start-up, model loading and cluster start included):

    tieline ingest --workers 0             one process: read, code and store
    tieline ingest --workers 2             the local process pool
    tieline batch --workers 1              a Dask LocalCluster of 1 worker process
    tieline batch --workers 2              ... of 2 worker processes
    tieline load                           the single writer, from the 2-worker shards

and, for comparison, the coder alone (no store, as a Dask worker codes) in one process and
in two processes at once, each on half the corpus (what this machine gives two processes);
it prints docs/s for each, Dask's overhead (1 worker against one process), the speed-up
of 2 workers over 1, the peak RSS (VmHWM) of every worker process, polled from /proc
while it runs, and how busy other processes kept the machine meanwhile. Usage:

    python benchmarks/scale.py [--docs 1000] [--shard-size 50] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import news_corpus  # noqa: E402 - a sibling benchmark script

TIELINE = [sys.executable, "-m", "tieline.cli"]
# coding alone in one process, no store: what a Dask worker does, without Dask
CODE_ONLY = """
import sys
from tieline import Coder
from tieline.batch.local import read_batches
coder = Coder()
n = sum(len(list(coder.code_documents(b.documents))) for b in read_batches(sys.argv[1:], size=50))
print(f"documents: {n} coded")
"""


@dataclass
class Run:
    """One command's wall time, closing line and its processes' peak RSS."""

    label: str
    seconds: float = 0.0
    summary: str = ""
    workers_mb: list[float] = field(default_factory=list)
    driver_mb: float = 0.0
    others: float = 0.0  # cores that processes outside this run kept busy, on average

    def rate(self, docs: int) -> float:
        """Documents per second over the whole command."""
        return docs / self.seconds


def write_corpus(path: Path, n: int) -> None:
    """``n`` news-length documents as JSON lines."""
    with path.open("w", encoding="utf-8") as fh:
        for i, doc in enumerate(news_corpus(n)):
            title = f"Bench story {i}: ties under strain"
            record = {"id": f"bench-{i:05d}", "title": title, "published": doc.published,
                      "text": doc.body}  # fmt: skip
            fh.write(json.dumps(record) + "\n")


def split(corpus: Path, parts: int) -> list[Path]:
    """The corpus cut into ``parts`` files of consecutive lines."""
    lines = corpus.read_text("utf-8").splitlines(keepends=True)
    size = -(-len(lines) // parts)
    out = []
    for i in range(parts):
        path = corpus.with_name(f"{corpus.stem}-{i}.jsonl")
        path.write_text("".join(lines[i * size : (i + 1) * size]), "utf-8")
        out.append(path)
    return out


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children of all its threads, recursively)."""
    out: list[int] = []
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for t in tasks:
            try:
                children = Path(f"/proc/{p}/task/{t}/children").read_text().split()
            except OSError:
                continue
            for c in children:
                out.append(int(c))
                todo.append(int(c))
    return out


def peak_kb(pid: int) -> int | None:
    """A process's peak resident set (VmHWM) in kB, while it lives."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def is_worker(pid: int) -> bool:
    """A coding process (Dask's, the pool's or a bare one), not the resource tracker."""
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace")
    except OSError:
        return False
    coding = "multiprocessing" in cmd or "from tieline import Coder" in cmd
    return coding and "resource_tracker" not in cmd


def busy_seconds() -> float:
    """CPU seconds every process of the machine has used (/proc/stat, all but idle)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def children_seconds() -> float:
    """CPU seconds of this script's finished descendants (each waited for by its parent)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(label: str, args: list[str], command: list[str] = TIELINE) -> Run:
    """Run a tieline command, polling its worker processes' peak RSS."""
    result = Run(label)
    peaks: dict[int, int] = {}
    busy, ours = busy_seconds(), children_seconds()
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            for pid in [process.pid, *descendants(process.pid)]:
                kb = peak_kb(pid)
                if kb and (pid == process.pid or is_worker(pid)):
                    peaks[pid] = max(kb, peaks.get(pid, 0))
            stop.wait(0.2)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    out, err = process.communicate()
    result.seconds = time.perf_counter() - started
    others = busy_seconds() - busy - (children_seconds() - ours)
    result.others = max(0.0, others) / result.seconds
    stop.set()
    poller.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{label}: exit {process.returncode}\n{err[-2000:]}")
    result.summary = out.strip().splitlines()[-1] if out.strip() else ""
    result.driver_mb = peaks.pop(process.pid, 0) / 1024
    result.workers_mb = sorted(kb / 1024 for kb in peaks.values())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--shard-size", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="Folder to work in and keep (default: temp).")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="tieline-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "corpus.jsonl"
    write_corpus(corpus, args.docs)
    n, size = args.docs, str(args.shard_size)
    quiet = ["--no-progress"]
    halves = split(corpus, 2)
    both = " & ".join(f"{sys.executable} -c '{CODE_ONLY}' {h}" for h in halves) + "; wait"
    runs = [
        run("coding only, one process", [str(corpus)], [sys.executable, "-c", CODE_ONLY]),
        run("coding only, 2 at once", [], ["sh", "-c", both]),
        run("ingest, one process", ["ingest", str(corpus), "--workers", "0",
                                    "--db", str(folder / "one.db"), *quiet]),
        run("ingest --workers 2", ["ingest", str(corpus), "--workers", "2",
                                   "--db", str(folder / "pool.db"), *quiet]),
        run("dask, 1 worker", ["batch", str(corpus), "--workers", "1", "--shard-size", size,
                               "--out", str(folder / "shards1"), *quiet]),
        run("dask, 2 workers", ["batch", str(corpus), "--workers", "2", "--shard-size", size,
                                "--out", str(folder / "shards2"), *quiet]),
        run("load (2-worker shards)", ["load", str(folder / "shards2"),
                                       "--db", str(folder / "loaded.db"), *quiet]),
    ]  # fmt: skip
    report(runs, n)
    print(f"(work folder: {folder})")


def report(runs: list[Run], n: int) -> None:
    """Print the table and the ratios the issue asks for."""
    print(f"documents: {n}; cores: {os.cpu_count()}")
    print(f"{'run':26} {'seconds':>8} {'docs/s':>8} {'others':>7} {'driver MB':>10}  "
          "worker peak RSS (MB)")  # fmt: skip
    for r in runs:
        workers = ", ".join(f"{mb:.0f}" for mb in r.workers_mb) or "-"
        print(f"{r.label:26} {r.seconds:8.1f} {r.rate(n):8.2f} {r.others:7.2f} "
              f"{r.driver_mb:10.0f}  {workers}")  # fmt: skip
    print(
        "(others: cores kept busy by processes outside the run, on average; figures are "
        "only comparable when it is near 0)"
    )
    code, code2, one, pool, dask1, dask2, load = runs
    overhead = one.rate(n) / dask1.rate(n) - 1
    print(f"dask overhead, 1 worker vs ingest in one process: {overhead:+.1%} "
          "(target at most +10%)")  # fmt: skip
    strict = code.rate(n) / dask1.rate(n) - 1
    print(f"dask overhead, 1 worker vs coding alone in one process: {strict:+.1%}")
    print(
        f"dask 2 workers vs 1 worker: {dask2.rate(n) / dask1.rate(n):.2f}x (target at least 1.6x)"
    )
    both = n / (dask1.seconds + load.seconds)
    print(f"dask 1 worker, batch + load end to end: {both:.2f} docs/s "
          f"({one.rate(n) / both - 1:+.1%} against one process)")  # fmt: skip
    for r in runs:
        print(f"  {r.label}: {r.summary}")


if __name__ == "__main__":
    main()
