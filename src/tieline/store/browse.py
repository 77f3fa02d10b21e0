"""Reading the store a page at a time, for the REST API and the web pages: documents,
one document with its sentences and events, events, and a pair's latest events."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import or_, select

from tieline.store.eventstore import Store
from tieline.store.queries import EventFilter, event_select
from tieline.store.schema import documents, events, sentences


@dataclass(frozen=True)
class Page:
    """A page of rows and the cursor of the next page (None at the end)."""

    items: list[dict[str, Any]]
    next_cursor: str | None


def list_documents(store: Store, q: str | None, limit: int, cursor: str | None) -> Page:
    """Documents by id, optionally those whose title or body contains ``q``."""
    d = documents.c
    query = select(
        d.id, d.title, d.published, d.url, d.publisher, d.source_path, d.duplicate_of
    ).order_by(d.id)
    if q:
        query = query.where(
            or_(d.title.icontains(q, autoescape=True), d.body.icontains(q, autoescape=True))
        )
    if cursor:
        query = query.where(d.id > cursor)
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query.limit(limit + 1))]
    return _page(rows, limit, "id")


def get_document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A document with its sentences and events (sentences flagged when they hold events)."""
    with store.engine.connect() as conn:
        row = conn.execute(select(documents).where(documents.c.id == doc_id)).first()
        if row is None:
            return None
        doc = dict(row._mapping)
        doc.pop("minhash", None)
        doc["authors"] = json.loads(doc["authors"] or "[]")
        doc["sentences"] = [
            {"index": i, "text": t}
            for i, t in conn.execute(
                select(sentences.c.sentence_index, sentences.c.text)
                .where(sentences.c.doc_id == doc_id)
                .order_by(sentences.c.sentence_index)
            )
        ]
        doc["events"] = [
            dict(r._mapping)
            for r in conn.execute(
                event_select(EventFilter(include_duplicates=True))
                .where(events.c.doc_id == doc_id)
                .order_by(events.c.sentence_index, events.c.event_id)
            )
        ]
    marked = {e["sentence_index"] for e in doc["events"]}
    for s in doc["sentences"]:
        s["has_events"] = s["index"] in marked
    return doc


def list_events(store: Store, f: EventFilter, limit: int, cursor: str | None) -> Page:
    """Events by id after ``cursor`` (keyset paging: stable under concurrent inserts)."""
    query = event_select(f).order_by(events.c.event_id)
    if cursor:
        query = query.where(events.c.event_id > cursor)
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query.limit(limit + 1))]
    return _page(rows, limit, "event_id")


def pair_timeline(store: Store, f: EventFilter, limit: int = 200) -> list[dict[str, Any]]:
    """The latest events of ``f.pair`` (with ``f``'s other filters), each with its sentence
    and document, newest first.

    One query per direction, each walking ``ix_events_pair_date`` backwards, so only the
    rows shown are read whatever the pair's size.
    """
    if f.pair is None:
        raise ValueError("pair_timeline needs a filter with a pair")
    a, b = f.pair
    rows: list[dict[str, Any]] = []
    with store.engine.connect() as conn:
        for source, target in ((a, b), (b, a)):
            query = event_select(replace(f, pair=None, source=source, target=target))
            query = query.order_by(events.c.date_start.desc(), events.c.event_id).limit(limit)
            rows.extend(dict(r._mapping) for r in conn.execute(query))
    rows.sort(key=lambda r: (r["date_start"] or "", r["event_id"]), reverse=True)
    return rows[:limit]


def _page(rows: list[dict[str, Any]], limit: int, key: str) -> Page:
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, rows[-1][key] if more and rows else None)
