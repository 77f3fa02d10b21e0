"""Load on a real ``tieline serve``: requests/s and latency per endpoint, 20 concurrent clients.

Builds a SQLite store from examples/ and the fixture documents (or uses ``--db``), starts
``tieline serve`` on a free port of 127.0.0.1, and runs CLIENTS threads, each with its own
keep-alive connection, cycling through the endpoints until every endpoint has REQUESTS
answers or 60 seconds have passed. Prints, per endpoint, answers, errors (anything but
200), p50 and p99 in milliseconds; the total requests per second; and the home page's p50
over the series API's (the issue asks at most 2). Usage:

    python benchmarks/load.py [--clients 20] [--requests 300] [--db URL]
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENDPOINTS = [
    "/",
    "/dyads/JPN/RUS",
    "/api/dyads/JPN/RUS/series",
    "/api/events?limit=50",
    "/api/documents?limit=20",
    "/search?q=sanctions",
]
BOUND_SECONDS = 60.0


def build_store(folder: Path) -> str:
    """A SQLite store holding the example corpus and the fixture documents."""
    from tieline.batch.ingest import ingest
    from tieline.store import open_store

    url = f"sqlite:///{folder / 'load.db'}"
    store = open_store(url)
    inputs = sorted((ROOT / "examples").iterdir()) + sorted(
        (ROOT / "tests" / "fixtures" / "documents").glob("*.*")
    )
    ingest(store, [str(p) for p in inputs], workers=0)
    store.close()
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tieline.cli", "serve", "--db", url, "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("the server did not answer within 60 s")


def client(port: int, quota: int, results: dict[str, list[float]], errors: dict[str, int],
           lock: threading.Lock, stop_at: float, offset: int) -> None:  # fmt: skip
    """One client: a keep-alive connection cycling through the endpoints."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    k = offset
    while time.monotonic() < stop_at:
        path = ENDPOINTS[k % len(ENDPOINTS)]
        k += 1
        with lock:
            if len(results[path]) + errors[path] >= quota:
                if all(len(results[p]) + errors[p] >= quota for p in ENDPOINTS):
                    break
                continue
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        took = (time.perf_counter() - started) * 1000
        with lock:
            if ok:
                results[path].append(took)
            else:
                errors[path] += 1
    conn.close()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=300, help="answers per endpoint")
    parser.add_argument("--db", help="an existing store to serve instead of the examples")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or build_store(Path(tmp))
        process, port = start_server(url)
        try:
            results: dict[str, list[float]] = {p: [] for p in ENDPOINTS}
            errors = dict.fromkeys(ENDPOINTS, 0)
            lock = threading.Lock()
            started = time.monotonic()
            stop_at = started + BOUND_SECONDS
            threads = [
                threading.Thread(
                    target=client,
                    args=(port, args.requests, results, errors, lock, stop_at, i),
                )
                for i in range(args.clients)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.monotonic() - started
        finally:
            process.terminate()
            process.wait(timeout=10)
    total = sum(len(v) for v in results.values())
    print(f"{args.clients} clients, {elapsed:.1f} s (bound {BOUND_SECONDS:.0f} s), store {url}")
    print(f"{'endpoint':32s} {'answers':>7s} {'errors':>6s} {'p50 ms':>8s} {'p99 ms':>8s}")
    for path in ENDPOINTS:
        v = results[path]
        print(
            f"{path:32s} {len(v):7d} {errors[path]:6d} {percentile(v, 0.5):8.1f} "
            f"{percentile(v, 0.99):8.1f}"
        )
    print(f"requests/s: {total / elapsed:.1f}; errors: {sum(errors.values())}")
    home, series = results["/"], results["/api/dyads/JPN/RUS/series"]
    if home and series:
        ratio = statistics.median(home) / statistics.median(series)
        print(f"home p50 / series API p50: {ratio:.2f} (at most 2 asked)")


if __name__ == "__main__":
    main()
