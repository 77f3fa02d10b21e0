"""Which reader for which input, and the checks every input file goes through."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from tieline.errors import InputError
from tieline.ingest.html import read_html
from tieline.ingest.text import read_text
from tieline.model import Document

Reader = Callable[[bytes, str, str, str | None], Document]

READERS: dict[str, Reader] = {"html": read_html, "text": read_text}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body)", re.I)


def detect_reader(path: Path, raw: bytes) -> str:
    """Name of the reader for a file, from its extension, else its first bytes."""
    if path.suffix.lower() in _HTML_SUFFIXES or _HTML_START.match(raw[:512]):
        return "html"
    return "text"


def read_document(
    path: str | Path, published: str | None = None, reader: str | None = None
) -> Document:
    """Read one file into a Document; raise InputError naming the file and the problem."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(name, "no such file")
    if p.is_dir():
        raise InputError(name, "is a directory, not a file")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror}") from exc
    if not raw.strip():
        raise InputError(name, "file is empty")
    if b"\x00" in raw[:8192]:
        raise InputError(name, "binary file (contains NUL bytes), not text or HTML")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"invalid UTF-8 at byte {exc.start} (declare or convert the encoding)"
        ) from exc
    chosen = reader or detect_reader(p, raw)
    if chosen not in READERS:
        raise InputError(name, f"unknown reader {chosen!r}; known: {', '.join(sorted(READERS))}")
    doc_id = hashlib.sha256(raw).hexdigest()
    document = READERS[chosen](raw, text, doc_id, name)
    if not document.body.strip():
        raise InputError(name, "no text found in the document body")
    document.published = published
    return document
