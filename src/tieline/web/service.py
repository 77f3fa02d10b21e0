"""What the API and the pages both ask of the store: one query, two renderings."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select

from tieline.analysis.dyads import Window, pair_series
from tieline.store.eventstore import Store
from tieline.store.queries import EventFilter, event_select
from tieline.store.schema import documents, event_clusters, events, sentences


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


def pair_timeline(
    store: Store, w: Window, limit: int = 200, min_confidence: float | None = None
) -> list[dict[str, Any]]:
    """The pair's latest events, each with its sentence and document, newest first.

    One query per direction, each walking ``ix_events_pair_date`` backwards, so only the
    rows shown are read whatever the pair's size.
    """
    rows: list[dict[str, Any]] = []
    with store.engine.connect() as conn:
        for source, target in ((w.a, w.b), (w.b, w.a)):
            f = EventFilter(
                source=source, target=target, since=w.since, until=w.until,
                min_confidence=min_confidence,
            )  # fmt: skip
            query = event_select(f).where(events.c.modality.in_(w.modalities))
            query = query.order_by(events.c.date_start.desc(), events.c.event_id).limit(limit)
            rows.extend(dict(r._mapping) for r in conn.execute(query))
    rows.sort(key=lambda r: (r["date_start"] or "", r["event_id"]), reverse=True)
    return rows[:limit]


class RevisionCache:
    """Whole-store views kept until the store's revision moves (one cheap read per use)."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[int, Any]] = {}
        self._lock = threading.Lock()

    def get(self, store: Store, key: str, compute: Callable[[], Any]) -> Any:
        """The cached value of ``key`` at the store's current revision, computed if stale."""
        revision = store.revision()
        with self._lock:
            hit = self._values.get(key)
        if hit is not None and hit[0] == revision:
            return hit[1]
        value = compute()
        with self._lock:
            self._values[key] = (revision, value)
        return value


def is_organisation(code: str) -> bool:
    """An intergovernmental organisation's code (IGOUNO, IGOEU...), not a state's."""
    return code.upper().startswith("IGO")


def busiest_pairs(store: Store, top: int = 12) -> list[dict[str, Any]]:
    """Pairs with the most events and how their index moved in their last two years."""
    c = event_clusters.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(c.source_country, c.target_country, func.count())
            .where(c.source_country.is_not(None), c.target_country.is_not(None))
            .group_by(c.source_country, c.target_country)
            .order_by(func.count().desc())
            .limit(top * 3)
        ).all()
    pairs: dict[tuple[str, str], int] = {}
    for a, b, n in rows:
        key = tuple(sorted((a, b)))
        pairs[key] = pairs.get(key, 0) + n
    out: list[dict[str, Any]] = []
    for (a, b), n in sorted(pairs.items(), key=lambda kv: -kv[1])[:top]:
        years = pair_series(store, Window.of(a, b), "year")
        change = None
        if len(years) >= 2 and years[-1]["goldstein_mean"] is not None:
            change = round(years[-1]["goldstein_mean"] - (years[-2]["goldstein_mean"] or 0.0), 2)
        out.append({"a": a, "b": b, "events": n, "change": change,
                    "last": years[-1]["period"] if years else None,
                    "organisation": is_organisation(a) or is_organisation(b)})  # fmt: skip
    out.sort(key=lambda p: -abs(p["change"] or 0.0))
    return out


def _page(rows: list[dict[str, Any]], limit: int, key: str) -> Page:
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, rows[-1][key] if more and rows else None)
