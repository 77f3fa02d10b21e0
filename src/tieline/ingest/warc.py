"""WARC and WARC.GZ archives: each HTML response record is a document, its URL kept."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from tieline.errors import InputError
from tieline.ingest.encoding import declared_charset, decode_bytes
from tieline.ingest.html import read_html
from tieline.ingest.records import Problem, content_id, one_line
from tieline.model import Document

MAX_RECORD_BYTES = 50 * 1024 * 1024
_STEP = 1 << 16


def oversized_member(raw: bytes, limit: int) -> int | None:
    """The number of the first gzip member of ``raw`` that inflates past ``limit`` bytes.

    Inflates in bounded steps and keeps nothing, so a gzip bomb costs time, not memory.
    None for data that is not gzip, and when every member stays within the limit.
    """
    if raw[:2] != b"\x1f\x8b":
        return None
    number, pos = 1, 0
    inflater, size = zlib.decompressobj(wbits=31), 0
    while pos < len(raw):
        pending: bytes = raw[pos : pos + _STEP]
        pos += _STEP
        while pending:
            try:
                size += len(inflater.decompress(pending, _STEP))
            except zlib.error:
                return None  # not gzip after all, or damaged: the WARC reader says so
            if size > limit:
                return number
            if inflater.eof:  # a member ends inside this step: the next one starts
                pending = inflater.unused_data
                if not pending.strip(b"\x00"):
                    break
                number, inflater, size = number + 1, zlib.decompressobj(wbits=31), 0
            else:
                pending = inflater.unconsumed_tail
    return None


def read_warc(
    raw: bytes, source: str, max_record: int = MAX_RECORD_BYTES
) -> Iterator[Document | Problem]:
    """Yield the HTML responses of a WARC file; a truncated record ends it with a Problem.

    A compressed record that inflates past ``max_record`` bytes is refused before the
    archive is read, so a gzip bomb never reaches memory.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    big = oversized_member(raw, max_record)
    if big is not None:
        limit = max_record // (1024 * 1024)
        yield Problem(
            f"{source}#record{big}",
            f"refused: the compressed record inflates past the limit of {limit} MB "
            "(--max-record); the rest of the archive is not read",
        )
        return
    number = 0
    end = 0
    try:
        archive = ArchiveIterator(io.BytesIO(raw))
        for record in archive:
            if record.rec_type != "response":
                continue
            number += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{source}#{url or number}"
            ctype = (
                record.http_headers.get_header("Content-Type") if record.http_headers else ""
            ) or ""
            try:
                payload = record.content_stream().read()
            except Exception as exc:  # warcio raises several types for cut streams
                yield Problem(where, f"truncated or unreadable record: {exc}")
                return
            end = archive.get_record_offset() + (archive.get_record_length() or 0)
            status = record.http_headers.get_statuscode() if record.http_headers else "200"
            if "html" in ctype.lower() and str(status).startswith("2"):
                # an archived 404 or 500 page is kept for the record, not read as an article
                yield from _document(payload, where, url, ctype)
        archive.read_to_end()
        end = max(end, archive.get_record_offset() + (archive.get_record_length() or 0))
    except ArchiveLoadFailed as exc:
        reason = one_line(exc)
        yield Problem(
            f"{source}#record{number + 1}", f"truncated or malformed WARC record: {reason}"
        )
    except (OSError, EOFError, ValueError) as exc:
        yield Problem(f"{source}#record{number + 1}", f"truncated WARC data: {one_line(exc)}")
        return
    except Exception as exc:  # warcio fails in other ways on damaged data (TypeError, ...)
        where = f"{source}#record{number + 1}"
        yield Problem(where, f"malformed WARC data: {type(exc).__name__}: {one_line(exc)}")
        return
    if end < len(raw):
        yield Problem(
            f"{source}#record{number + 1}",
            f"truncated WARC record: {len(raw) - end} bytes after the last complete record",
        )


def _document(
    payload: bytes, where: str, url: str | None, ctype: str
) -> Iterator[Document | Problem]:
    charset = None
    if "charset=" in ctype.lower():
        charset = ctype.lower().split("charset=", 1)[1].split(";")[0].strip()
    try:
        html, warning = decode_bytes(payload, where, charset or declared_charset(payload))
    except InputError as exc:
        yield Problem(where, exc.problem)
        return
    if warning:
        yield Problem(where, warning, error=False)
    doc = read_html(html, content_id(payload), where, url=url)
    if not doc.body.strip():
        yield Problem(where, "no article text found")
        return
    yield doc
