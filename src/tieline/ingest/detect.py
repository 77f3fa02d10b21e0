"""Which reader for which input: readers registered by name, chosen by content and name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from tieline.errors import InputError
from tieline.ingest.encoding import declared_charset, decode_bytes
from tieline.ingest.feeds import read_feed
from tieline.ingest.html import read_html
from tieline.ingest.jsonl import read_jsonl
from tieline.ingest.records import DEFAULT_LIMITS, Limits, Problem, Reader, content_id
from tieline.ingest.text import read_text
from tieline.ingest.warc import read_warc
from tieline.model import Document

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(<!doctype html|<html|<head|<body)", re.I | re.S
)
_FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.I | re.S
)


def _html_reader(raw: bytes, source: str) -> Iterator[Document | Problem]:
    text, warning = decode_bytes(raw, source, declared_charset(raw))
    if warning:
        yield Problem(source, warning, error=False)
    yield read_html(text, content_id(raw), source)


def _text_reader(raw: bytes, source: str) -> Iterator[Document | Problem]:
    text, warning = decode_bytes(raw, source)
    if warning:
        yield Problem(source, warning, error=False)
    yield read_text(text, content_id(raw), source)


READERS: dict[str, Reader] = {
    "html": _html_reader,
    "text": _text_reader,
    "feed": read_feed,
    "jsonl": read_jsonl,
    "warc": read_warc,
}
SUFFIXES = {  # fmt: skip
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".gz": "warc",
    ".txt": "text",
    ".text": "text",
}


def register_reader(name: str, reader: Reader, *suffixes: str) -> None:
    """Add a reader under ``name`` (and the file suffixes it takes)."""
    READERS[name] = reader
    for suffix in suffixes:
        SUFFIXES[suffix.lower()] = name


def detect_reader(path: Path, raw: bytes) -> str:
    """The reader for a file, from its first bytes, else its extension, else ``text``."""
    head = raw[:2048]
    if head.startswith(b"WARC/") or (
        head[:2] == b"\x1f\x8b" and path.name.lower().endswith((".warc.gz", ".warc"))
    ):
        return "warc"
    if _FEED_START.match(head):
        return "feed"
    if _HTML_START.match(head):
        return "html"
    suffix = path.suffix.lower()
    if suffix == ".gz" and not path.name.lower().endswith(".warc.gz"):
        return "text"
    return SUFFIXES.get(suffix, "text")


def read_path(
    path: str | Path, reader: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Iterator[Document | Problem]:
    """Yield the documents of one file, and a Problem for each record that failed."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        yield Problem(name, "no such file")
        return
    if p.is_dir():
        yield Problem(name, "is a directory, not a file")
        return
    try:
        raw = p.read_bytes()
    except OSError as exc:
        yield Problem(name, f"cannot read: {exc.strerror}")
        return
    yield from read_bytes(raw, name, reader or detect_reader(p, raw), limits)


def read_source(
    path: str | Path, reader: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Iterator[Document | Problem]:
    """Like ``read_path``, where ``-`` reads standard input (its reader chosen by content)."""
    if str(path) != "-":
        yield from read_path(path, reader, limits)
        return
    import sys

    raw = sys.stdin.buffer.read()
    for item in read_bytes(raw, "-", reader or detect_reader(Path("stdin"), raw), limits):
        if isinstance(item, Document):
            item.source_path = "-"
        yield item


def read_bytes(
    raw: bytes, name: str, reader: str, limits: Limits = DEFAULT_LIMITS
) -> Iterator[Document | Problem]:
    """Yield the documents that ``reader`` finds in ``raw`` (named ``name`` in problems)."""
    if not raw.strip():
        yield Problem(name, "file is empty")
        return
    if reader not in READERS:
        yield Problem(name, f"unknown reader {reader!r}; known: {', '.join(sorted(READERS))}")
        return
    read = READERS[reader]
    if reader == "warc":
        read = partial(read_warc, max_record=limits.max_record_bytes)
    elif reader == "feed" and len(raw) > limits.max_record_bytes:
        mb = limits.max_record_bytes // (1024 * 1024)
        yield Problem(name, f"refused: a feed over the limit of {mb} MB (--max-record)")
        return
    try:
        for item in read(raw, name):
            if isinstance(item, Document) and not item.body.strip():
                yield Problem(item.source_path or name, "no article text found (empty body)")
            else:
                yield item
    except InputError as exc:
        yield Problem(exc.source, exc.problem)


def read_document(
    path: str | Path, published: str | None = None, reader: str | None = None
) -> Document:
    """Read a file that holds one document; raise InputError naming the first problem."""
    for item in read_path(path, reader):
        if isinstance(item, Problem):
            if item.error:
                raise InputError(item.source, item.message)
            continue
        if published:
            item.published = published
        return item
    raise InputError(str(path), "no document found")
