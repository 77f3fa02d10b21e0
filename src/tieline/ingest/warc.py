"""WARC and WARC.GZ archives: each HTML response record is a document, its URL kept."""

from __future__ import annotations

import io
from collections.abc import Iterator

from tieline.errors import InputError
from tieline.ingest.encoding import declared_charset, decode_bytes
from tieline.ingest.html import read_html
from tieline.ingest.records import Problem, content_id
from tieline.model import Document


def read_warc(raw: bytes, source: str) -> Iterator[Document | Problem]:
    """Yield the HTML responses of a WARC file; a truncated record ends it with a Problem."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

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
            if "html" in ctype.lower():
                yield from _document(payload, where, url, ctype)
        archive.read_to_end()
        end = max(end, archive.get_record_offset() + (archive.get_record_length() or 0))
    except ArchiveLoadFailed as exc:
        yield Problem(f"{source}#record{number + 1}", f"truncated or malformed WARC record: {exc}")
    except (OSError, EOFError, ValueError) as exc:
        yield Problem(f"{source}#record{number + 1}", f"truncated WARC data: {exc}")
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
