"""Store benchmarks: ingest overhead over plain coding, and a pair series over 1,000,000 events.

1. Codes news-length documents with and without storing them in SQLite and prints the
   ratio of the two coding rates (1.0 = storing costs nothing).
2. Loads 1,000,000 synthetic events (one cluster each) into SQLite and PostgreSQL and times
   the monthly series of one pair of countries (the busiest: a tenth of all rows).

    python benchmarks/store.py [--docs 300] [--rows 1000000] [--pg URL] [--skip-ingest]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402

from tieline.store import open_store  # noqa: E402

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def ingest_overhead(n_docs: int) -> None:
    """Documents/s of ``tieline ingest``'s path with and without writing to SQLite."""
    from throughput import news_corpus

    from tieline.batch.ingest import ingest
    from tieline.batch.local import code_files

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        names = []
        for i, doc in enumerate(news_corpus(n_docs)):
            path = folder / f"doc{i:04d}.txt"
            path.write_text(f"Report {i}\n11 June 2019\n\n{doc.body}\n", encoding="utf-8")
            names.append(str(path))
        list(code_files(names[:5], workers=1))  # warm the disk cache for the model files
        start = time.perf_counter()
        coded = sum(len(r.events) for f in code_files(names, workers=1) for r in f.results)
        plain = time.perf_counter() - start
        store = open_store(str(Path(tmp) / "bench.db"))
        start = time.perf_counter()
        report = ingest(store, names, workers=1)
        stored = time.perf_counter() - start
        store.close()
    print(f"ingest: {n_docs} documents, {coded} events coded, "
          f"{report.counts['events_stored']} stored (one coding process, one writer)")  # fmt: skip
    print(f"  coding only     : {n_docs / plain:6.1f} docs/s")
    print(f"  coding + SQLite : {n_docs / stored:6.1f} docs/s")
    print(f"  ratio (with store / without): {plain / stored:.3f}")


def time_series(store, repeats: int = 7) -> tuple[float, int]:
    """Median time of tieline.analysis.pair_series (what the API and pages call)."""
    from tieline.analysis import Window, pair_series

    window = Window.of("JPN", "RUS")
    pair_series(store, window, "month")  # warm the cache
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        rows = pair_series(store, window, "month")
        times.append(time.perf_counter() - start)
    return statistics.median(times), sum(r.events for r in rows)


def series_benchmark(n_rows: int, pg_url: str | None) -> None:
    from sqlalchemy import create_engine

    with tempfile.TemporaryDirectory() as tmp:
        backends = [("SQLite", str(Path(tmp) / "million.db"))]
        pg_name = None
        if pg_url:
            pg_name = f"tieline_bench_{random.randrange(1 << 30):x}"
            admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{pg_name}"'))
            backends.append(("PostgreSQL", f"{pg_url.rsplit('/', 1)[0]}/{pg_name}"))
        try:
            for label, url in backends:
                store = open_store(url)
                seconds = synthetic.load(store, n_rows)
                median, events = time_series(store)
                print(f"{label}: loaded {n_rows} events in {seconds:.0f} s; monthly JPN-RUS "
                      f"series ({events} events) median {median * 1000:.1f} ms")  # fmt: skip
                store.close()
        finally:
            if pg_name:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{pg_name}"'))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--pg", default=PG_DEFAULT, help="admin URL of a PostgreSQL server")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--skip-ingest", action="store_true")
    args = parser.parse_args()
    if not args.skip_ingest:
        ingest_overhead(args.docs)
    if args.rows > 0:
        series_benchmark(args.rows, None if args.no_pg else args.pg)


if __name__ == "__main__":
    main()
