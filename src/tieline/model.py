"""The data contract: Document, Actor, EventDate, Event (see DESIGN.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Author:
    """A person credited with a document, with the role the document gives them."""

    name: str
    role: str | None = None


@dataclass
class Document:
    """One input document after ingestion: metadata and the main text."""

    id: str
    body: str
    source_path: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    authors: list[Author] = field(default_factory=list)
    publisher: str | None = None
    original_source: str | None = None
    language: str = "en"
    given_id: str | None = None  # an input's own id, kept when it could not be the id

    def to_dict(self) -> dict[str, Any]:
        """Return the document as the contract's JSON object."""
        return {
            "id": self.id,
            "source_path": self.source_path,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "authors": [asdict(a) for a in self.authors],
            "publisher": self.publisher,
            "original_source": self.original_source,
            "language": self.language,
            "body": self.body,
        } | ({"given_id": self.given_id} if self.given_id else {})


@dataclass(frozen=True)
class Actor:
    """One side of an event: the text that named it and its CAMEO actor code."""

    text: str
    code: str
    country: str | None
    sector: str | None
    name: str | None

    def to_dict(self) -> dict[str, Any]:
        """Return the actor as the contract's JSON object."""
        return asdict(self)


@dataclass(frozen=True)
class EventDate:
    """When an event happened: an inclusive range with its precision and origin."""

    start: str | None
    end: str | None
    precision: str
    text: str | None
    origin: str  # "text" or "published"

    def to_dict(self) -> dict[str, Any]:
        """Return the date as the contract's JSON object (``origin`` is ``from``)."""
        return {
            "start": self.start,
            "end": self.end,
            "precision": self.precision,
            "text": self.text,
            "from": self.origin,
        }


@dataclass
class Event:
    """A coded who-did-what-to-whom event with its provenance."""

    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    source: Actor
    target: Actor
    cameo: str
    cameo_name: str
    quad_class: int
    goldstein: float
    plover: str | None
    verb: str
    date: EventDate
    modality: str = "asserted"
    count: int | None = None
    issues: list[str] = field(default_factory=list)
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        """Return the event as the contract's JSON object."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "cameo": self.cameo,
            "cameo_name": self.cameo_name,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "verb": self.verb,
            "date": self.date.to_dict(),
            "modality": self.modality,
            "count": self.count,
            "issues": list(self.issues),
            "confidence": self.confidence,
        }


@dataclass
class CodingResult:
    """What coding one document gives: the document and its events."""

    document: Document
    events: list[Event]
    sentences: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON object for one document."""
        return {
            "document": self.document.to_dict(),
            "events": [e.to_dict() for e in self.events],
        }
