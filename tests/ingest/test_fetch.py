"""`tieline fetch` against a local HTTP server (127.0.0.1 only): pages stored, one line per
failing URL, robots.txt honoured, retries, the per-host rate, and a WARC archive that
re-ingests to the same events."""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tieline.cli import app
from tieline.ingest.fetch import Fetched, Fetcher, FetchError

from .local_site import QuietHandler, serving

ARTICLE = """<html><head><title>Ghana and Togo sign a trade pact</title>
<meta name="date" content="2022-05-02"></head><body><article>
<h1>Ghana and Togo sign a trade pact</h1>
<p>Ghana and Togo signed a border trade agreement in Accra on Monday, officials said.</p>
<p>The foreign ministers of Ghana and Togo also agreed to hold talks on fisheries in June.</p>
</article></body></html>"""
OTHER = ARTICLE.replace("Ghana", "Kenya").replace("Togo", "Uganda").replace("Accra", "Nairobi")


class Site(QuietHandler):
    """Pages, failures and a robots.txt; every request is logged with its time."""

    log: list[tuple[float, str]] = []
    flaky: dict[str, int] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        Site.log.append((time.monotonic(), self.path))
        routes = {
            "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private\n"),
            "/a.html": (200, "text/html; charset=utf-8", ARTICLE.encode()),
            "/b.html": (200, "text/html; charset=utf-8", OTHER.encode()),
            "/private/c.html": (200, "text/html", ARTICLE.encode()),
            "/missing": (404, "text/html", b"<p>not here</p>"),
            "/report.pdf": (200, "application/pdf", b"%PDF-1.4 ..."),
            "/big.html": (200, "text/html", b"<p>" + b"x" * 300_000 + b"</p>"),
        }
        if self.path == "/moved":
            return self.send(301, "text/html", b"", [("Location", "/b.html")])
        if self.path.startswith("/loop"):
            nxt = "/loop2" if self.path == "/loop1" else "/loop1"
            return self.send(302, "text/html", b"", [("Location", nxt)])
        if self.path == "/flaky.html":
            Site.flaky[self.path] = Site.flaky.get(self.path, 0) + 1
            if Site.flaky[self.path] == 1:
                return self.send(503, "text/html", b"busy")
            return self.send(200, "text/html", OTHER.replace("trade", "fishing").encode())
        if self.path == "/gzip.html":
            body = gzip.compress(ARTICLE.replace("trade", "energy").encode())
            return self.send(200, "text/html", body, [("Content-Encoding", "gzip")])
        if self.path == "/slow.html":
            time.sleep(2)
            return self.send(200, "text/html", ARTICLE.encode())
        status, ctype, body = routes.get(self.path, (404, "text/html", b"no"))
        self.send(status, ctype, body)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serving(Site) as base:
        yield base


def test_fetcher_says_why_each_url_fails(site: str) -> None:
    with Fetcher(rate=50, timeout=1, retries=2, backoff=0.05, max_bytes=100_000) as f:
        assert isinstance(f.fetch(f"{site}/a.html"), Fetched)
        moved = f.fetch(f"{site}/moved")
        assert isinstance(moved, Fetched) and moved.final_url.endswith("/b.html")
        gz = f.fetch(f"{site}/gzip.html")
        assert isinstance(gz, Fetched) and b"energy" in gz.body  # transfer gzip undone
        problems = {
            "/private/c.html": "disallowed by robots.txt",
            "/missing": "HTTP 404",
            "/report.pdf": "not HTML (application/pdf)",
            "/big.html": "too large",
            "/loop1": "more than 5 redirects",
            "/slow.html": "timeout after 1 s",
        }
        for path, problem in problems.items():
            result = f.fetch(site + path)
            assert isinstance(result, FetchError) and problem in result.problem, (path, result)
        assert "DNS failure" in str(f.fetch("http://no-such-host.invalid/x"))
        assert "refused" in str(f.fetch("http://127.0.0.1:9/x"))
        flaky = f.fetch(f"{site}/flaky.html")  # 503 once, then 200: retried
        assert isinstance(flaky, Fetched) and b"fishing" in flaky.body


def test_the_rate_per_host_holds(site: str) -> None:
    Site.log.clear()
    with Fetcher(rate=5) as f:
        for _ in range(4):
            f.fetch(f"{site}/a.html")
    times = [t for t, path in Site.log if path == "/a.html"]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(times) == 4 and min(gaps) >= 0.19, gaps  # 5 per second: 0.2 s apart


def test_fetch_stores_pages_and_its_archive_re_ingests_the_same(site: str, tmp_path: Path) -> None:
    db, archive = tmp_path / "live.db", tmp_path / "archive"
    urls = [f"{site}/a.html", f"{site}/moved", f"{site}/missing", f"{site}/private/c.html"]
    result = CliRunner().invoke(
        app, ["fetch", *urls, "--db", str(db), "--archive", str(archive), "--rate", "20",
              "--retries", "0", "--workers", "0"],
    )  # fmt: skip
    assert result.exit_code == 1  # two URLs failed, each one line
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and "HTTP 404" in lines[0] and "robots.txt" in lines[1]
    assert "fetched 2 of 4 pages" in result.stdout and "2 new" in result.stdout
    (warc,) = archive.glob("*.warc.gz")
    from warcio.archiveiterator import ArchiveIterator

    with warc.open("rb") as fh:
        statuses = sorted(
            r.http_headers.get_statuscode() for r in ArchiveIterator(fh) if r.rec_type == "response"
        )
    assert statuses == ["200", "200", "404"]  # every answer kept, the 404 too

    def events(path: Path) -> list[tuple[str, str, str]]:
        out = CliRunner().invoke(app, ["events", "--db", str(path), "-f", "jsonl"])
        rows = [json.loads(line) for line in out.stdout.splitlines()]
        return sorted((r["source_code"], r["cameo"], r["target_code"]) for r in rows)

    offline = tmp_path / "offline.db"
    again = CliRunner().invoke(app, ["ingest", str(warc), "--db", str(offline), "--workers", "0"])
    assert again.exit_code == 0, again.output
    assert events(db) and events(offline) == events(db)
