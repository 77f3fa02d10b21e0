"""RSS and Atom feeds: one document per entry, from its content or summary."""

from __future__ import annotations

import time
from collections.abc import Iterator

from tieline.ingest.records import Problem, content_id
from tieline.ingest.text import is_boilerplate, is_prose, strip_datelines
from tieline.model import Author, Document


def _entry_text(entry: dict) -> str:
    from tieline.ingest.html_text import html_to_text

    if entry.get("content"):
        value = entry["content"][0].get("value", "")
    else:
        value = entry.get("summary", "")
    text = html_to_text(value) if "<" in value else value
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return "\n\n".join(ln for ln in lines if not is_boilerplate(ln) and is_prose(ln))


def read_feed(raw: bytes, source: str) -> Iterator[Document | Problem]:
    """Yield each entry of a feed as a Document; broken entries as Problems."""
    import feedparser

    parsed = feedparser.parse(raw)
    if parsed.get("bozo") and not parsed.entries:
        yield Problem(source, f"not a readable feed: {parsed.get('bozo_exception')}")
        return
    publisher = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#entry{number}"
        body = _entry_text(entry)
        if not body:
            yield Problem(where, "entry has no content or summary text")
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = time.strftime("%Y-%m-%d", stamp) if stamp else None
        authors = [Author(a["name"]) for a in entry.get("authors", []) if a.get("name")]
        key = (entry.get("id") or entry.get("link") or body).encode("utf-8")
        yield Document(
            id=content_id(key + body.encode("utf-8")),
            body=strip_datelines(body),
            source_path=where,
            url=entry.get("link"),
            title=entry.get("title"),
            published=published,
            authors=authors,
            publisher=publisher,
        )
