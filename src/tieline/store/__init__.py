"""The event store: documents, sentences, events and event clusters in SQLite or PostgreSQL."""

from tieline.store.eventstore import Store, open_store
from tieline.store.queries import EventFilter

__all__ = ["EventFilter", "Store", "open_store"]
