"""The Store: one object to open a database, write coded documents and read them back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from tieline.errors import StoreError
from tieline.model import CodingResult
from tieline.store import queries
from tieline.store.db import make_engine, migrate, redact, resolve_url, schema_state, sqlite_path
from tieline.store.queries import EventFilter
from tieline.store.schema import documents
from tieline.store.writer import (
    DocumentWriter,
    StoreOutcome,
    finish_run,
    read_revision,
    start_run,
)


class Store:
    """An event store on SQLite or PostgreSQL. Exactly one process should write to it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._known_actors: set[str] = set()

    @property
    def url(self) -> str:
        """The database URL (password hidden)."""
        return self.engine.url.render_as_string(hide_password=True)

    def begin_run(self, inputs: list[str]) -> int:
        """Record an ingest run; returns its id."""
        with self.engine.begin() as conn:
            return start_run(conn, inputs)

    def end_run(self, run_id: int, counts: dict[str, int], status: str = "finished") -> None:
        """Close an ingest run with its counts."""
        with self.engine.begin() as conn:
            finish_run(conn, run_id, counts, status)

    def store(self, result: CodingResult, run_id: int | None = None) -> StoreOutcome:
        """Store one coded document atomically (all of it or nothing).

        When another writer stored the same document first (two ingests of one file at
        once), the document is ``unchanged``, as it would be had it come second.
        """
        for attempt in range(3):
            try:
                with self.engine.begin() as conn:
                    writer = DocumentWriter(conn, run_id, self._known_actors)
                    outcome = writer.store(result)
            except IntegrityError:
                # another writer committed this document, or an actor or cluster it needs,
                # since this transaction began: look again in a fresh one
                if self.has_document(result.document.id):
                    return StoreOutcome("unchanged", 0)
                if attempt == 2:
                    raise
                continue
            self._known_actors |= writer.new_actors  # only once the transaction committed
            return outcome
        raise AssertionError("unreachable")

    def has_document(self, doc_id: str) -> bool:
        """True when the store holds a document with this id (its content hash)."""
        with self.engine.connect() as conn:
            found = conn.execute(select(documents.c.id).where(documents.c.id == doc_id))
            return found.first() is not None

    def events(
        self, f: EventFilter | None = None, limit: int = 100, offset: int = 0
    ) -> list[dict[str, Any]]:
        """A page of events matching a filter."""
        with self.engine.connect() as conn:
            return queries.read_events(conn, f or EventFilter(), limit, offset)

    def iter_events(self, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """All events matching a filter, streamed."""
        with self.engine.connect() as conn:
            yield from queries.iter_events(conn, f or EventFilter())

    def summary(self) -> dict[str, Any]:
        """Counts and the busiest pairs."""
        with self.engine.connect() as conn:
            return queries.summary(conn)

    def revision(self) -> int:
        """A number that moves whenever what the store holds changes (for caches)."""
        with self.engine.connect() as conn:
            return read_revision(conn)

    def recent_runs(self, last: int = 5) -> list[dict[str, Any]]:
        """The latest ingest runs, newest first, with their status and counts."""
        with self.engine.connect() as conn:
            return queries.recent_runs(conn, last)

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()


def open_store(url: str | None = None, create: bool = True) -> Store:
    """Open (and, with ``create``, create or migrate) the store at ``url``.

    Without ``create`` (the read commands) nothing is made: a missing SQLite file or a
    database without tieline's tables is a StoreError saying how to make one.
    """
    resolved = resolve_url(url)
    if not create:
        path = sqlite_path(resolved)
        if path is not None and not path.exists():
            raise StoreError(_no_store(resolved))
    engine = make_engine(resolved)
    if create:
        migrate(engine)
    elif schema_state(engine).current is None:
        engine.dispose()
        raise StoreError(_no_store(resolved))
    return Store(engine)


def _no_store(url: str) -> str:
    return (
        f"{redact(url)}: no tieline database here yet; make one with "
        "`tieline ingest FILES` (add --db to choose where; TIELINE_DB sets the default)"
    )
