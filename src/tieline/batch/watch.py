"""Watching feeds and sitemaps: each poll asks with the last validators (ETag,
Last-Modified), takes the entries not taken before, fetches their pages (or uses an
entry's own full text), archives and ingests them, and remembers all of it in the store.

A poll's entries are marked taken only once their documents are stored, so a watcher
killed mid-poll fetches that poll's entries again on restart; documents are identified by
their content, so nothing is stored twice.
"""

from __future__ import annotations

import json
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from tieline.batch.ingest import ingest
from tieline.coding.coder import Coder
from tieline.errors import InputError
from tieline.ingest.fetch import Fetched, Fetcher, FetchError, archive_pages, header
from tieline.store.eventstore import Store
from tieline.store.schema import watch_seen, watch_sources

FULL_TEXT_CHARS = 1500  # an entry carrying this much text is the article itself


@dataclass(frozen=True)
class Source:
    """A feed or sitemap to watch."""

    name: str
    url: str
    rate: float | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def wants(self, url: str) -> bool:
        """True for an entry URL the include/exclude patterns let through."""
        if self.include and not any(re.search(p, url) for p in self.include):
            return False
        return not any(re.search(p, url) for p in self.exclude)


@dataclass(frozen=True)
class Entry:
    """One item of a feed or sitemap."""

    url: str
    title: str | None = None
    text: str = ""
    published: str | None = None


@dataclass
class PollOutcome:
    """What one poll of one source did."""

    source: str
    status: str
    new_docs: int = 0
    problems: list[str] = field(default_factory=list)
    failed: bool = False


def load_sources(path: Path) -> list[Source]:
    """The ``[[source]]`` tables of a TOML file; an InputError names the file and entry."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), f"not valid TOML: {exc}") from exc
    sources = []
    for k, item in enumerate(data.get("source", []), start=1):
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            raise InputError(str(path), f"[[source]] number {k}: a 'url' string is required")
        for key in ("include", "exclude"):
            for pattern in item.get(key, []):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise InputError(
                        str(path), f"[[source]] {k}: {key} {pattern!r}: {exc}"
                    ) from exc
        sources.append(
            Source(
                name=str(item.get("name") or item["url"]), url=item["url"],
                rate=float(item["rate"]) if "rate" in item else None,
                include=tuple(item.get("include", [])), exclude=tuple(item.get("exclude", [])),
            )
        )  # fmt: skip
    if not sources:
        raise InputError(str(path), "no [[source]] tables")
    return sources


def entries_of(body: bytes) -> list[Entry]:
    """The entries of an RSS/Atom feed or the URLs of a sitemap."""
    head = body[:2000].lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        locs = re.findall(rb"<loc>\s*([^<\s]+)\s*</loc>", body)
        return [Entry(loc.decode("utf-8", "replace")) for loc in locs]
    import feedparser

    parsed = feedparser.parse(body)
    out = []
    for e in parsed.entries:
        link = e.get("link")
        if not link:
            continue
        content = e["content"][0].get("value", "") if e.get("content") else ""
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        published = f"{stamp[0]:04d}-{stamp[1]:02d}-{stamp[2]:02d}" if stamp else None
        out.append(Entry(link, e.get("title"), content, published))
    return out


def poll(
    store: Store, source: Source, archive: Path, fetcher: Fetcher, workers: int = 0
) -> PollOutcome:
    """Poll one source once: conditional request, new entries fetched, archived, stored."""
    state = _state(store, source)
    result = fetcher.conditional(source.url, state.get("etag"), state.get("last_modified"))
    if isinstance(result, FetchError):
        _save(store, source, last_status=f"failed: {result.problem}", failures=1)
        return PollOutcome(source.name, f"failed: {result.problem}", failed=True,
                           problems=[str(result)])  # fmt: skip
    status, headers, body = result
    if status == 304:
        _save(store, source, last_status="unchanged (304)")
        return PollOutcome(source.name, "unchanged (304)")
    seen = _seen(store, source)
    entries = [e for e in entries_of(body) if source.wants(e.url) and e.url not in seen]
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    base = archive / f"watch-{re.sub(r'[^A-Za-z0-9._-]+', '-', source.name)[:60]}-{stamp}"
    taken, new_docs, problems = 0, 0, []
    for entry in entries:
        kept: Fetched | str
        if len(_plain(entry.text)) >= FULL_TEXT_CHARS:
            kept, name = _entry_line(entry, source), ".jsonl"
        else:
            page = fetcher.fetch(entry.url)
            if isinstance(page, FetchError):
                problems.append(str(page))
                if page.response is not None:  # every answer is kept in the archive
                    archive_pages([page.response], Path(str(base) + ".warc.gz"))
                continue
            kept, name = page, ".warc.gz"
        new_docs += _keep_and_store(store, kept, Path(str(base) + name), workers, problems)
        _mark_seen(store, source, [entry.url])  # stored: a restart neither re-fetches it
        taken += 1
    _save(store, source, last_status=f"{taken} new entries", docs_new=new_docs,
          failures=len(problems), etag=header(headers, "etag"),
          last_modified=header(headers, "last-modified"))  # fmt: skip
    return PollOutcome(source.name, f"{taken} new entries", new_docs, problems)


_coder: Coder | None = None


def _keep_and_store(
    store: Store, kept: Fetched | str, archive_file: Path, workers: int, problems: list[str]
) -> int:
    """Append one page (or one full-text entry line) to the poll's archive and store it
    now, so a watcher killed later in the poll keeps what it has fetched."""
    global _coder
    archive_file.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=archive_file.parent) as tmp:
        single = Path(tmp) / archive_file.name
        if isinstance(kept, Fetched):
            archive_pages([kept], archive_file)
            archive_pages([kept], single)
        else:
            with archive_file.open("a", encoding="utf-8") as fh:
                fh.write(kept + "\n")
            single.write_text(kept + "\n", "utf-8")
        if _coder is None and workers <= 0:
            _coder = Coder()
        report = ingest(store, [str(single)], workers=workers, coder=_coder,
                        on_problem=lambda p: problems.append(str(p)))  # fmt: skip
    counts = report.as_counts()
    return counts["docs_new"] + counts["docs_updated"] + counts["docs_duplicate"]


def _entry_line(entry: Entry, source: Source) -> str:
    return json.dumps({"url": entry.url, "title": entry.title, "published": entry.published,
                       "text": _plain(entry.text), "publisher": source.name})  # fmt: skip


def _plain(html: str) -> str:
    if "<" not in html:
        return html.strip()
    from tieline.ingest.html_text import html_to_text

    return html_to_text(html).strip()


def _state(store: Store, source: Source) -> dict[str, Any]:
    with store.engine.connect() as conn:
        row = conn.execute(select(watch_sources).where(watch_sources.c.name == source.name)).first()
    return dict(row._mapping) if row else {}


def _seen(store: Store, source: Source) -> set[str]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(watch_seen.c.url).where(watch_seen.c.source == source.name))
        return {r[0] for r in rows}


def _mark_seen(store: Store, source: Source, urls: list[str]) -> None:
    if not urls:
        return
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.engine.begin() as conn:
        conn.execute(
            insert(watch_seen), [{"source": source.name, "url": u, "seen_at": now} for u in urls]
        )


def _save(
    store: Store, source: Source, last_status: str, docs_new: int = 0, failures: int = 0,
    etag: str | None = None, last_modified: str | None = None,
) -> None:  # fmt: skip
    now = datetime.now(UTC).isoformat(timespec="seconds")
    c = watch_sources.c
    with store.engine.begin() as conn:
        exists = conn.execute(select(c.name).where(c.name == source.name)).first()
        if not exists:
            conn.execute(insert(watch_sources).values(name=source.name, url=source.url))
        values: dict[str, Any] = {
            "url": source.url, "last_poll": now, "last_status": last_status,
            "docs_new": c.docs_new + docs_new, "failures": c.failures + failures,
        }  # fmt: skip
        if etag is not None or last_modified is not None:
            values |= {"etag": etag, "last_modified": last_modified}
        conn.execute(update(watch_sources).where(c.name == source.name).values(**values))


def watch_summary(store: Store) -> list[dict[str, Any]]:
    """Per source: last poll, its status, documents stored and failures so far."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(watch_sources).order_by(watch_sources.c.name)).all()
    return [dict(r._mapping) for r in rows]
