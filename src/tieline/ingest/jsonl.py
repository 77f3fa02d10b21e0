"""JSON lines: one document per line with ``text`` and optional metadata fields."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date

from tieline.ingest.records import Problem, content_id
from tieline.ingest.text import strip_datelines
from tieline.model import Author, Document

FIELDS = ("id", "url", "title", "published", "authors", "publisher")
# An id a line may give: letters, digits and ._:- (not only dots), up to 200 characters;
# it becomes part of URLs (/documents/<id>), so nothing else is taken as it is.
SAFE_ID = re.compile(r"(?=[^.]*[A-Za-z0-9_:-])[A-Za-z0-9._:-]{1,200}")


def _authors(value: object) -> list[Author]:
    if isinstance(value, str):
        return [Author(value)]
    out = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str):
            out.append(Author(item))
        elif isinstance(item, dict) and item.get("name"):
            out.append(Author(str(item["name"]), item.get("role")))
    return out


def read_jsonl(raw: bytes, source: str) -> Iterator[Document | Problem]:
    """Yield one Document per valid line; a Problem naming the line for each bad one."""
    for number, line in enumerate(raw.splitlines(), start=1):
        where = f"{source}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Problem(where, f"invalid JSON: {exc}")
            continue
        if not isinstance(record, dict):
            yield Problem(where, "a line must be a JSON object")
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            yield Problem(where, "missing or empty 'text'")
            continue
        published = record.get("published")
        if published is not None:
            try:
                published = date.fromisoformat(str(published)[:10]).isoformat()
            except ValueError:
                yield Problem(where, f"'published' {published!r} is not a date; ignored", False)
                published = None
        if "\x00" in text:
            yield Problem(where, "NUL characters removed from 'text'", error=False)
            text = text.replace("\x00", "")
        given = record.get("id")
        doc_id, kept = content_id(line), None
        if given is not None and given != "":
            if isinstance(given, str | int) and SAFE_ID.fullmatch(str(given)):
                doc_id = str(given)
            else:
                kept = str(given)[:1000]
                yield Problem(
                    where,
                    f"id {kept[:60]!r} refused (ids are letters, digits and ._:- up to 200 "
                    "characters); stored under its content hash with the id kept as given_id",
                    error=False,
                )
        yield Document(
            id=doc_id,
            given_id=kept,
            body=strip_datelines(text.strip()),
            source_path=where,
            url=record.get("url"),
            title=record.get("title"),
            published=published,
            authors=_authors(record.get("authors", [])),
            publisher=record.get("publisher"),
        )
