"""HTML pages: main text and metadata with trafilatura, the date with htmldate."""

from __future__ import annotations

import re

from tieline.ingest.html_text import html_to_text
from tieline.ingest.metadata import parse_byline, reprint_source
from tieline.ingest.text import is_boilerplate, is_prose, strip_dateline
from tieline.model import Author, Document

_BYLINE_SCAN = re.compile(r"^\s*(?:by\s|•)", re.I)


def read_html(html: str, doc_id: str, source_path: str | None, url: str | None = None) -> Document:
    """Build a Document from an HTML page: article text, title, date, authors, publisher."""
    import trafilatura
    from htmldate import find_date

    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = (getattr(extracted, "text", None) or "") if extracted is not None else ""
    visible = html_to_text(html)
    if not text.strip():
        # trafilatura found no main text (very short or broken markup): use visible text
        text = visible
    title = getattr(extracted, "title", None) if extracted is not None else None
    sitename = getattr(extracted, "sitename", None) if extracted is not None else None
    page_date = getattr(extracted, "date", None) if extracted is not None else None
    try:
        page_date = (
            find_date(html, url=url, original_date=True, extensive_search=False) or page_date
        )
    except (ValueError, TypeError):
        pass
    authors: list[Author] = []
    raw_author = getattr(extracted, "author", None) if extracted is not None else None
    if raw_author:
        authors = [Author(a.strip()) for a in raw_author.split(";") if a.strip()]
    for line in visible.splitlines():
        if _BYLINE_SCAN.match(line) and (found := parse_byline(line)):
            authors = _merge_authors(authors, found)
    original = None
    body: list[str] = []
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        if title and line.rstrip(" .") == title.rstrip(" ."):
            continue
        if any(line == a.name for a in authors):
            continue
        if _BYLINE_SCAN.match(line) and (found := parse_byline(line)):
            authors = _merge_authors(authors, found)
            continue
        if original is None and (source := reprint_source(line)) and len(line.split()) <= 30:
            original = source
            continue
        if is_boilerplate(line) or not is_prose(line):
            continue
        body.append(line if body else strip_dateline(line))
    return Document(
        id=doc_id,
        body="\n\n".join(body),
        source_path=source_path,
        url=url or (getattr(extracted, "url", None) if extracted is not None else None),
        title=title,
        published=page_date,
        authors=authors,
        publisher=sitename,
        original_source=original,
    )


def _merge_authors(known: list[Author], found: list[Author]) -> list[Author]:
    """Authors from a byline take precedence; a role fills in a name already known."""
    merged = list(found)
    for a in known:
        if all(a.name != f.name for f in found):
            merged.append(a)
    return merged
