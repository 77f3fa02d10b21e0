"""Plain-text scrapes: site headers, title, date line, article, bylines, reprint notices.

The heuristics use the shape of lines (repetition, length, punctuation, position) and a
few general cues (call-to-action verbs, copyright marks), not one site's phrases.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from tieline.ingest.metadata import author_box, date_line, parse_byline, reprint_source
from tieline.model import Author, Document

_SEPARATOR = re.compile(r"^[\s*=_~#•·-]{3,}$")
_CALL_TO_ACTION = re.compile(
    r"^(?:click|subscribe|share|follow|sign\s+up|download|read\s+more|contact|donate|"
    r"register|join|print|email|tweet|like\s+us|see\s+also|related|tags?:|filed\s+under|"
    r"listen|watch|advertisement|featured)\b",
    re.I,
)
_COPYRIGHT = re.compile(r"©|\bcopyright\b|all rights reserved|\bcookies?\b", re.I)
# "BERLIN (Reuters) - ", "NEW YORK, Sept 27 (Reuters) - ", "CIUDAD JUAREZ, Mexico, (Reuters) – "
_DATELINE = re.compile(
    r"^[A-Z][A-Z ./'’-]{2,40}(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)*,?"
    r"(?:\s*\([^)]{1,40}\))?\s*(?:[-–—:]\s+|[–—]\s*)(?=[A-Z\"“])"
)
_SENTENCE_END = re.compile(r"[.!?…\"'”’)]$")


def _norm(line: str) -> str:
    return " ".join(line.split()).lower()


def is_boilerplate(line: str) -> bool:
    """A line that is page furniture rather than article prose."""
    text = line.strip()
    words = text.split()
    if not words or _SEPARATOR.match(text):
        return True
    if _COPYRIGHT.search(text) and len(words) < 30:
        return True
    if _CALL_TO_ACTION.match(text) and len(words) < 30:
        return True
    return False


def is_prose(line: str) -> bool:
    """A line that reads as article text: long enough, or a full sentence."""
    words = line.split()
    return len(words) >= 12 or (len(words) >= 5 and bool(_SENTENCE_END.search(line.strip())))


def _short_sentence(line: str) -> bool:
    """A short full sentence ("China protested.") that goes on from article text."""
    return len(line.split()) >= 2 and bool(_SENTENCE_END.search(line.strip())) and line[0].isupper()


def strip_datelines(body: str) -> str:
    """Remove wire datelines from the start of every paragraph of a body."""
    return "\n\n".join(strip_dateline(p) for p in body.split("\n\n"))


def strip_dateline(paragraph: str) -> str:
    """Remove a wire dateline such as "NEW DELHI (Reuters) - " from a paragraph's start."""
    return _DATELINE.sub("", paragraph, count=1)


def _looks_like_title(lines: list[str], index: int, furniture: set[str]) -> bool:
    """A headline: short, no final full stop, and set apart (a blank line, a date line or a
    byline follows, site furniture aside). A lead sentence on the first line is body text."""
    line = lines[index]
    if not 2 <= len(line.split()) <= 20 or line.endswith("."):
        return False
    rest = [ln for ln in lines[index + 1 :] if _norm(ln) not in furniture or not ln]
    if not any(rest):
        return False  # nothing else: the line is the text
    after = rest[0]
    return not after or date_line(after) is not None or bool(parse_byline(after))


def read_text(text: str, doc_id: str, source_path: str | None) -> Document:
    """Build a Document from a plain-text scrape."""
    lines = [line.strip() for line in text.splitlines()]
    counts = Counter(_norm(line) for line in lines if line)
    repeated = {k for k, c in counts.items() if c >= 2 and len(k.split()) <= 10}
    publisher = next((ln for ln in lines[:6] if ln and _norm(ln) in repeated), None)

    title: str | None = None
    published: date | None = None
    authors: list[Author] = []
    original: str | None = None
    body: list[str] = []
    boxed_until = -1
    for index, line in enumerate(lines):
        if not line or _norm(line) in repeated or index < boxed_until:
            continue
        if published is None and (found := date_line(line)) is not None:
            published = found
            continue
        box, taken = author_box(lines, index)
        if taken:  # "Senior Fellow" then "• Jane Doe" lines, often after the article
            authors.extend(a for a in box if a not in authors)
            boxed_until = index + taken
            continue
        if (byline := parse_byline(line)) and len(line.split()) <= 25:
            authors.extend(a for a in byline if a not in authors)
            continue
        if original is None and (source := reprint_source(line)) and len(line.split()) <= 30:
            original = source
            continue
        if is_boilerplate(line):
            continue
        if title is None and index < 15 and not body and _looks_like_title(lines, index, repeated):
            title = line.rstrip(" .")
            continue
        if is_prose(line) or (body and _short_sentence(line)):
            body.append(line if body else strip_dateline(line))
    return Document(
        id=doc_id,
        body="\n\n".join(body),
        source_path=source_path,
        title=title,
        published=published.isoformat() if published else None,
        authors=authors,
        publisher=publisher,
        original_source=original,
    )
