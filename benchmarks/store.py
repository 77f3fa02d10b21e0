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
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, text

from tieline import Coder
from tieline.store import open_store
from tieline.store.schema import event_clusters

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
COUNTRIES = ["JPN", "RUS", "CHN", "IND", "USA", "DEU", "FRA", "GBR", "KOR", "TUR", "BRA",
             "ARG", "AUS", "IDN", "PAK", "IRN", "ISR", "EGY", "NGA", "ZAF"]  # fmt: skip


def ingest_overhead(n_docs: int) -> None:
    from throughput import news_corpus

    coder = Coder()
    docs = news_corpus(n_docs)
    list(coder.code_documents(docs[:10]))
    start = time.perf_counter()
    results = list(coder.code_documents(docs))
    plain = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        for d in docs:  # fresh ids: the plain run above stored nothing, but be explicit
            d.id = "s-" + d.id
        start = time.perf_counter()
        for result in coder.code_documents(docs):
            store.store(result)
        stored = time.perf_counter() - start
        events = store.summary()["events"]
        store.close()
    coded = sum(len(r.events) for r in results)
    print(f"ingest: {n_docs} documents, {coded} events coded, {events} stored")
    print(f"  coding only     : {n_docs / plain:6.1f} docs/s")
    print(f"  coding + SQLite : {n_docs / stored:6.1f} docs/s")
    print(f"  ratio (with store / without): {plain / stored:.3f}")


def synthetic_rows(n: int, seed: int = 3):
    rng = random.Random(seed)
    for i in range(n):
        if rng.random() < 0.1:
            a, b = ("JPN", "RUS") if rng.random() < 0.5 else ("RUS", "JPN")
        else:
            a, b = rng.sample(COUNTRIES, 2)
        year, month, day = rng.randint(2000, 2024), rng.randint(1, 12), rng.randint(1, 28)
        d = f"{year}-{month:02d}-{day:02d}"
        quad = rng.randint(1, 4)
        yield {
            "cluster_id": f"{i:032x}", "source_country": a, "target_country": b,
            "source_code": a, "target_code": b, "source_sector": None, "target_sector": None,
            "cameo": "042", "cameo_root": "04", "quad_class": quad,
            "goldstein": round(rng.uniform(-10, 10), 1), "plover": "CONSULT",
            "modality": "asserted" if rng.random() < 0.9 else "future",
            "date_start": d, "date_end": d, "date_precision": "day",
            "first_event_id": f"{i:032x}", "first_doc_id": "synthetic",
            "num_mentions": 1, "num_articles": 1, "num_sources": 1,
        }  # fmt: skip


def load(store, n: int) -> float:
    start = time.perf_counter()
    batch = []
    with store.engine.begin() as conn:
        for row in synthetic_rows(n):
            batch.append(row)
            if len(batch) == 50_000:
                conn.execute(insert(event_clusters), batch)
                batch = []
        if batch:
            conn.execute(insert(event_clusters), batch)
        if store.engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE event_clusters"))
        else:
            conn.execute(text("ANALYZE"))
    return time.perf_counter() - start


def time_series(store, repeats: int = 7) -> tuple[float, int]:
    store.pair_series("JPN", "RUS", "month")  # warm the cache
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        rows = store.pair_series("JPN", "RUS", "month")
        times.append(time.perf_counter() - start)
    return statistics.median(times), sum(r["events"] for r in rows)


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
                seconds = load(store, n_rows)
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
    series_benchmark(args.rows, None if args.no_pg else args.pg)


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
