"""What readers yield: documents, and problems that name the record they concern."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tieline.model import Document


@dataclass(frozen=True)
class Problem:
    """A record that could not be read (error) or was read with a caveat (warning)."""

    source: str
    message: str
    error: bool = True

    def __str__(self) -> str:
        kind = "error" if self.error else "warning"
        return f"{self.source}: {kind}: {self.message}"


Reader = Callable[[bytes, str], Iterator[Document | Problem]]


@dataclass(frozen=True)
class Limits:
    """Input limits: inflated bytes per WARC record or feed, characters per document."""

    max_record_bytes: int = 50 * 1024 * 1024
    max_chars: int = 2_000_000


DEFAULT_LIMITS = Limits()


def content_id(raw: bytes) -> str:
    """A document's identity: the SHA-256 of its raw bytes, hex."""
    return hashlib.sha256(raw).hexdigest()


def one_line(exc: BaseException, limit: int = 200) -> str:
    """An exception's message on one line, cut to ``limit`` characters (libraries quote
    whole bad lines); its type's name when it has no message."""
    text = " ".join(str(exc).split())
    if not text:
        return type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
