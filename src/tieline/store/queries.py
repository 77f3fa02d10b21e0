"""Reading the store: event filters, paging, summaries and period series."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.engine import Connection

from tieline.store.schema import documents, event_clusters, events, ingest_runs, sentences


@dataclass(frozen=True)
class EventFilter:
    """Which events to read; every field is optional and they combine with AND."""

    actor: str | None = None  # an actor code prefix on either side
    country: str | None = None  # a country on either side
    pair: tuple[str, str] | None = None  # two countries, either direction
    source: str | None = None
    target: str | None = None
    code: str | None = None  # a CAMEO code or its prefix
    root: str | None = None
    quad_class: int | None = None
    since: str | None = None
    until: str | None = None
    modality: str | None = None
    modalities: tuple[str, ...] | None = None  # any of these (GDELT: asserted unless asked)
    text: str | None = None
    min_confidence: float | None = None  # events whose confidence is at least this
    include_duplicates: bool = False


def event_select(f: EventFilter) -> Select[*tuple[Any, ...]]:
    """A SELECT of events (with their sentence, document title and URL) matching a filter."""
    e = events.c
    query = (
        select(
            *events.c,
            sentences.c.text.label("sentence"),
            documents.c.title.label("doc_title"),
            documents.c.url.label("doc_url"),
            documents.c.published.label("doc_published"),
            documents.c.publisher.label("doc_publisher"),
        )
        .join(
            sentences,
            and_(sentences.c.doc_id == e.doc_id, sentences.c.sentence_index == e.sentence_index),
        )
        .join(documents, documents.c.id == e.doc_id)
    )
    conditions: list[ColumnElement[bool]] = []
    if not f.include_duplicates:
        conditions.append(e.is_duplicate.is_(False))
    if f.actor:
        code = f.actor.upper()
        conditions.append(
            or_(
                e.source_code.startswith(code, autoescape=True),
                e.target_code.startswith(code, autoescape=True),
            )
        )
    if f.country:
        c = f.country.upper()
        conditions.append(or_(e.source_country == c, e.target_country == c))
    if f.pair:
        a, b = f.pair[0].upper(), f.pair[1].upper()
        conditions.append(
            or_(
                and_(e.source_country == a, e.target_country == b),
                and_(e.source_country == b, e.target_country == a),
            )
        )
    if f.source:
        conditions.append(e.source_country == f.source.upper())
    if f.target:
        conditions.append(e.target_country == f.target.upper())
    if f.code:
        conditions.append(e.cameo.startswith(f.code, autoescape=True))
    if f.root:
        conditions.append(e.cameo_root == f.root.zfill(2))
    if f.quad_class is not None:
        conditions.append(e.quad_class == f.quad_class)
    if f.since:
        conditions.append(e.date_start >= f.since)
    if f.until:
        conditions.append(e.date_start <= f.until)
    if f.modality:
        conditions.append(e.modality == f.modality)
    if f.modalities:
        conditions.append(e.modality.in_(f.modalities))
    if f.text:
        # literal words: %, _ and \ in the filter match themselves, not patterns
        conditions.append(sentences.c.text.icontains(f.text, autoescape=True))
    if f.min_confidence:  # 0 or None: every event
        conditions.append(e.confidence >= f.min_confidence)
    return query.where(*conditions)


def read_events(
    conn: Connection, f: EventFilter, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """One page of events, ordered by date then id."""
    query = event_select(f).order_by(events.c.date_start, events.c.event_id)
    query = query.limit(limit).offset(offset)
    return [dict(row._mapping) for row in conn.execute(query)]


def iter_events(conn: Connection, f: EventFilter, batch: int = 5000) -> Iterator[dict[str, Any]]:
    """All matching events in pages, ordered by id (keyset paging, constant memory)."""
    last = ""
    while True:
        query = (
            event_select(f).where(events.c.event_id > last).order_by(events.c.event_id).limit(batch)
        )
        rows = [dict(row._mapping) for row in conn.execute(query)]
        if not rows:
            return
        yield from rows
        last = rows[-1]["event_id"]


def summary(conn: Connection, top: int = 10) -> dict[str, Any]:
    """Counts of documents, events and clusters, and the pairs with most clusters."""
    c = event_clusters.c
    pairs = conn.execute(
        select(c.source_country, c.target_country, func.count().label("n"))
        .group_by(c.source_country, c.target_country)
        .order_by(func.count().desc(), c.source_country, c.target_country)
        .limit(top)
    ).all()
    return {
        "documents": conn.execute(select(func.count()).select_from(documents)).scalar(),
        "duplicates": conn.execute(
            select(func.count()).where(documents.c.duplicate_of.is_not(None))
        ).scalar(),
        "events": conn.execute(select(func.count()).select_from(events)).scalar(),
        "clusters": conn.execute(select(func.count()).select_from(event_clusters)).scalar(),
        "top_pairs": [(r[0], r[1], r[2]) for r in pairs],
    }


def recent_runs(conn: Connection, last: int = 5) -> list[dict[str, Any]]:
    """The latest ingest runs, newest first: when, status (running, finished, failed,
    interrupted) and counts."""
    r = ingest_runs.c
    rows = conn.execute(
        select(
            r.id,
            r.started_at,
            r.finished_at,
            r.status,
            r.docs_new,
            r.docs_unchanged,
            r.docs_failed,
            r.events_stored,
        )  # fmt: skip
        .order_by(r.id.desc())
        .limit(last)
    ).all()
    return [dict(row._mapping) for row in rows]
