"""`tieline watch` against a local server (127.0.0.1 only) whose feed changes between polls:
entries stored, conditional requests answered 304 with nothing fetched, new entries taken,
robots.txt and failures one line each, state kept in the store."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tieline.cli import app

from .local_site import QuietHandler, serving

PAGE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{lead}</p><p>Officials of both governments said the talks would continue next month.</p>
</article></body></html>"""
STORIES = {
    "/news/1.html": ("Ghana and Togo sign a pact", "Ghana and Togo signed a trade pact on Monday."),
    "/news/2.html": (
        "Kenya hosts Uganda",
        "Kenya's president hosted Uganda's minister on Tuesday.",
    ),
    "/news/3.html": (
        "Chile recalls envoy",
        "Chile recalled its ambassador from Peru on Wednesday.",
    ),
    "/private/4.html": ("Hidden", "Senegal and Gambia reopened their border on Thursday."),
}
LONG = (
    "Norway pledged humanitarian aid to Sudan on Friday, the foreign ministry in Oslo said. " * 25
)


class Site(QuietHandler):
    """A feed listing ``Site.items``, with an ETag; pages; a robots.txt."""

    items: list[str] = []
    log: list[tuple[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802
        Site.log.append((self.path, self.headers.get("If-None-Match") or ""))
        if self.path == "/robots.txt":
            return self.send(200, "text/plain", b"User-agent: *\nDisallow: /private\n")
        if self.path == "/feed.xml":
            body = self._feed()
            etag = '"' + hashlib.sha1(body).hexdigest() + '"'
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, "application/rss+xml", b"", [("ETag", etag)])
            return self.send(200, "application/rss+xml", body, [("ETag", etag)])
        if self.path.startswith("/slow/"):
            time.sleep(1.0)  # slow enough to be killed mid-poll
            title = f"Story {self.path}"
            lead = f"Norway and Chile held talks on fisheries in Oslo ({self.path})."
            return self.send(200, "text/html", PAGE.format(title=title, lead=lead).encode())
        if self.path in STORIES:
            title, lead = STORIES[self.path]
            return self.send(200, "text/html", PAGE.format(title=title, lead=lead).encode())
        self.send(404, "text/html", b"missing")

    def _feed(self) -> bytes:
        host = f"http://{self.headers['Host']}"
        items = "".join(
            f"<item><title>{p}</title><link>{host}{p}</link></item>"
            if p != "full" else
            f"<item><title>Aid</title><link>{host}/news/full.html</link>"
            f"<content:encoded><![CDATA[<p>{LONG}</p>]]></content:encoded></item>"
            for p in Site.items
        )  # fmt: skip
        return (
            '<?xml version="1.0"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Wire</title>{items}</channel></rss>"
        ).encode()


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serving(Site) as base:
        yield base


def watch_once(sources: Path, db: Path, archive: Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        app, ["watch", str(sources), "--once", "--db", str(db), "--archive", str(archive),
              "--rate", "50"],
    )  # fmt: skip


def test_polls_take_new_entries_only_and_ask_conditionally(site: str, tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[source]]\nname = "wire"\nurl = "{site}/feed.xml"\n\n'
        f'[[source]]\nname = "gone"\nurl = "{site}/nothing.xml"\n'
    )
    db, archive = tmp_path / "watch.db", tmp_path / "archive"
    Site.items = ["/news/1.html", "/news/2.html", "/private/4.html", "full"]
    first = watch_once(sources, db, archive)
    assert first.exit_code == 0, first.output  # one source of two failed: not all
    assert "wire: 3 new entries; 3 documents stored" in first.stdout
    errors = first.stderr.strip().splitlines()
    assert len(errors) == 2 and "robots.txt" in errors[0] and "HTTP 404" in errors[1]
    assert not any(p == "/news/full.html" for p, _ in Site.log)  # the entry was the article

    Site.log.clear()
    second = watch_once(sources, db, archive)
    assert "wire: unchanged (304)" in second.stdout
    feed_requests = [etag for p, etag in Site.log if p == "/feed.xml"]
    assert feed_requests and all(feed_requests)  # sent If-None-Match
    assert not any(p.startswith("/news/") for p, _ in Site.log)  # nothing fetched

    Site.items = ["/news/3.html", *Site.items]
    Site.log.clear()
    third = watch_once(sources, db, archive)
    assert "wire: 1 new entries; 1 documents stored" in third.stdout
    assert [p for p, _ in Site.log if p.startswith("/news/")] == ["/news/3.html"]

    summary = CliRunner().invoke(app, ["summary", "--db", str(db)]).stdout
    assert "watched wire:" in summary and "4 documents stored" in summary
    assert "watched gone:" in summary and "3 failures" in summary


def test_watch_exits_non_zero_only_when_every_source_failed(site: str, tmp_path: Path) -> None:
    sources = tmp_path / "bad.toml"
    sources.write_text(f'[[source]]\nurl = "{site}/nothing.xml"\n')
    result = watch_once(sources, tmp_path / "w.db", tmp_path / "a")
    assert result.exit_code == 1 and "HTTP 404" in result.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text("[[source]]\nname = 'x'\n")
    refused = watch_once(broken, tmp_path / "w.db", tmp_path / "a")
    assert refused.exit_code == 2 and "a 'url' string is required" in refused.stderr


def test_a_watcher_killed_mid_poll_resumes_without_duplicates(site: str, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    from sqlalchemy import func, select

    from tieline.store import open_store
    from tieline.store.schema import documents

    sources = tmp_path / "slow.toml"
    sources.write_text(f'[[source]]\nname = "slow"\nurl = "{site}/feed.xml"\n')
    Site.items = [f"/slow/{k}.html" for k in range(4)]
    Site.log.clear()
    db, archive = tmp_path / "kill.db", tmp_path / "archive"
    command = [sys.executable, "-m", "tieline.cli", "watch", str(sources), "--once",
               "--db", str(db), "--archive", str(archive), "--rate", "50"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(p == "/slow/2.html" for p, _ in Site.log):
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)  # mid-poll: the third article is being fetched
    process.wait()
    Site.log.clear()
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    fetched_again = [p for p, _ in Site.log if p.startswith("/slow/")]
    assert "/slow/0.html" not in fetched_again and "/slow/1.html" not in fetched_again
    store = open_store(f"sqlite:///{db}")
    with store.engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(documents)).scalar()
    store.close()
    assert stored == 4  # every entry once
    once_more = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert "unchanged (304)" in once_more.stdout


def test_the_docs_example_is_a_valid_sources_file_with_real_options() -> None:
    import re

    from tieline.batch.watch import load_sources

    docs = (Path(__file__).resolve().parents[2] / "docs" / "watch.md").read_text("utf-8")
    example = re.search(r"```toml\n(.*?)```", docs, re.S)
    assert example is not None
    path = Path(__file__).resolve().parent / "_example_sources.toml"
    try:
        path.write_text(example[1], "utf-8")
        sources = load_sources(path)
    finally:
        path.unlink(missing_ok=True)
    assert [s.name for s in sources] == ["Ministry statements", "Think tank commentary"]
    assert sources[0].wants("https://www.example.gov/press/2024/a")
    assert not sources[0].wants("https://www.example.gov/press/photos/b")
    help_text = CliRunner().invoke(app, ["watch", "--help"], terminal_width=200).stdout
    for option in set(re.findall(r"(--[a-z][a-z-]+)", docs)):
        assert option in help_text, option
