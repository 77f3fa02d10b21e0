"""Turning bytes into text: declared charsets first, then UTF-8, then detection."""

from __future__ import annotations

import codecs
import re

from tieline.errors import InputError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, if any."""
    m = _META_CHARSET.search(raw[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(raw: bytes, source: str, declared: str | None = None) -> tuple[str, str | None]:
    """Decode ``raw``; return the text and a warning when it was not plain UTF-8.

    Raises InputError for binary data or bytes no text encoding explains.
    """
    if b"\x00" in raw[:8192] and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(source, "binary file (contains NUL bytes), not text or HTML")
    if declared:
        try:
            return raw.decode(declared), None
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        position = exc.start
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    if best is None or best.encoding in {"utf_8", "ascii"}:
        raise InputError(source, f"invalid UTF-8 at byte {position} and no other encoding fits")
    try:
        text = raw.decode(best.encoding)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"invalid UTF-8 at byte {position}") from exc
    return text, f"not valid UTF-8 (byte {position}); decoded as {best.encoding}"
