"""Server time of the pair page and the series endpoint with 1,000,000 events stored.

Loads synthetic events (benchmarks/synthetic.py) into SQLite and PostgreSQL and times,
in the server process (FastAPI's ASGI test client, no network), GET /dyads/JPN/RUS and
GET /api/dyads/JPN/RUS/series for the busiest pair. Usage:

    python benchmarks/web.py [--rows 1000000] [--pg ADMIN_URL | --no-pg]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fastapi.testclient import TestClient  # noqa: E402
from synthetic import load  # noqa: E402

from tieline.store import open_store  # noqa: E402
from tieline.web.app import create_app  # noqa: E402

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def timed(client: TestClient, url: str, repeats: int = 7) -> float:
    client.get(url)  # warm caches
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.text[:300]
    return statistics.median(times)


def measure(label: str, url: str, n_rows: int) -> None:
    store = open_store(url)
    seconds = load(store, n_rows)
    with TestClient(create_app(store)) as client:
        page = timed(client, "/dyads/JPN/RUS")
        series = timed(client, "/api/dyads/JPN/RUS/series")
        total = client.get("/api/dyads/JPN/RUS/series").json()["total_events"]
    print(
        f"{label}: {n_rows} events loaded in {seconds:.0f} s; JPN-RUS has {total} asserted events"
    )
    print(f"  pair page /dyads/JPN/RUS            median {page * 1000:7.1f} ms")
    print(f"  /api/dyads/JPN/RUS/series           median {series * 1000:7.1f} ms")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--pg", default=PG_DEFAULT)
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        measure("SQLite", f"sqlite:///{tmp}/web.db", args.rows)
    if args.no_pg:
        return
    name = f"tieline_webbench_{random.randrange(1 << 30):x}"
    admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        measure("PostgreSQL", f"{args.pg.rsplit('/', 1)[0]}/{name}", args.rows)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))


if __name__ == "__main__":
    main()
