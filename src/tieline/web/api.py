"""The REST API: documents, events, pair analyses, alignment; writing behind a token."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, BeforeValidator, Field

from tieline.analysis import Window, bloc_alignment, channels, issues, meetings, pair_series
from tieline.analysis.records import PairSummary
from tieline.errors import InputError, TielineError
from tieline.store.eventstore import Store
from tieline.store.queries import EventFilter
from tieline.web.security import bearer_ok

router = APIRouter(prefix="/api")

Country = Annotated[
    str, Path(pattern=r"^[A-Za-z]{3,6}$", description="CAMEO/ISO country code, e.g. JPN")
]
Period = Literal["month", "quarter", "year"]
Modality = Literal["negated", "future", "hypothetical", "reported"]
ModalityAll = Literal["asserted", "negated", "future", "hypothetical", "reported"]
Limit = Annotated[int, Query(ge=1, le=1000, description="rows per page")]
MinConfidence = Annotated[
    float | None, Query(ge=0.0, le=1.0, description="events with at least this confidence")
]
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL characters
DOC_ID = r"^[A-Za-z0-9._:-]{1,200}$"  # the ids tieline stores (content hashes, safe JSONL ids)
DocId = Annotated[str, Path(max_length=200, pattern=DOC_ID, description="a document id")]


def store_of(request: Request) -> Store:
    """The app's store."""
    store: Store = request.app.state.store
    return store


def _blank_is_none(value: object) -> object:
    """An empty form field (``since=``) means no date, not an invalid one."""
    return None if isinstance(value, str) and not value.strip() else value


OptionalDate = Annotated[date | None, BeforeValidator(_blank_is_none)]


def window(
    a: str,
    b: str,
    since: date | None,
    until: date | None,
    include: list[Modality] | None,
    min_confidence: float | None = None,
) -> Window:
    """A pair window from request parameters."""
    if since and until and since > until:
        raise HTTPException(422, detail="since: must not be after until")
    return Window.of(
        a, b, since.isoformat() if since else None, until.isoformat() if until else None,
        ("asserted", *(include or [])), min_confidence,
    )  # fmt: skip


class PairParams:
    """Query parameters shared by the pair endpoints."""

    def __init__(
        self,
        a: Country,
        b: Country,
        since: Annotated[OptionalDate, Query(description="from this date, YYYY-MM-DD")] = None,
        until: Annotated[OptionalDate, Query(description="up to this date, YYYY-MM-DD")] = None,
        by: Annotated[Period, Query(description="month, quarter or year")] = "month",
        include: Annotated[
            list[Modality] | None, Query(description="modalities counted besides asserted")
        ] = None,
        min_confidence: MinConfidence = None,
    ) -> None:
        self.window = window(a, b, since, until, include, min_confidence)
        self.by = by
        self.min_confidence = min_confidence


@router.get("/pairs", summary="The busiest pairs (the home page's data)")
def api_pairs(request: Request) -> dict[str, Any]:
    """Pairs with the most events and how their index moved in their last year, states and
    organisations marked; served from a cache kept until the store changes."""
    return {"pairs": [p.to_dict() for p in cached_pairs(request)]}


def cached_pairs(request: Request) -> list[PairSummary]:
    """The busiest pairs, from the app's cache until the store changes (the home page and
    its JSON twin share it)."""
    from tieline.analysis.pairs import busiest_pairs

    store = store_of(request)
    pairs: list[PairSummary] = request.app.state.views.get(
        store, "busiest_pairs", lambda: busiest_pairs(store)
    )
    return pairs


@router.get("/documents", summary="List documents")
def api_documents(
    request: Request,
    q: Annotated[
        str | None, Query(max_length=200, pattern=NO_NUL, description="words in title or body")
    ] = None,
    limit: Limit = 50,
    cursor: Annotated[str | None, Query(max_length=64, pattern=NO_NUL)] = None,
) -> dict[str, Any]:
    """Documents ordered by id, with a cursor for the next page."""
    from tieline.store.browse import list_documents

    page = list_documents(store_of(request), q, limit, cursor)
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.get("/documents/{doc_id}", summary="One document with its sentences and events")
def api_document(request: Request, doc_id: DocId) -> dict[str, Any]:
    """A document, its sentences and its events; 404 when unknown."""
    from tieline.store.browse import get_document

    doc = get_document(store_of(request), doc_id)
    if doc is None:
        raise HTTPException(404, detail=f"document {doc_id}: not found")
    return doc


@router.get("/events", summary="Query events")
def api_events(
    request: Request,
    actor: Annotated[
        str | None, Query(max_length=64, pattern=NO_NUL, description="actor code prefix")
    ] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3,6}$")] = None,
    pair: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3,6},[A-Za-z]{3,6}$")] = None,
    code: Annotated[
        str | None, Query(pattern=r"^\d{2,4}$", description="CAMEO code prefix")
    ] = None,
    root: Annotated[str | None, Query(pattern=r"^\d{1,2}$")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    since: date | None = None,
    until: date | None = None,
    modality: ModalityAll | None = None,
    text: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
    min_confidence: MinConfidence = None,
    limit: Limit = 100,
    cursor: Annotated[str | None, Query(max_length=64, pattern=NO_NUL)] = None,
) -> dict[str, Any]:
    """Events matching every filter given, ordered by id, with a cursor for the next page."""
    from tieline.store.browse import list_events

    f = EventFilter(
        actor=actor, country=country, pair=_pair_codes(pair), code=code, root=root,
        quad_class=quad_class, since=since.isoformat() if since else None,
        until=until.isoformat() if until else None, modality=modality, text=text,
        min_confidence=min_confidence,
    )  # fmt: skip
    page = list_events(store_of(request), f, limit, cursor)
    return {"items": page.items, "next_cursor": page.next_cursor}


def _pair_codes(pair: str | None) -> tuple[str, str] | None:
    """``"USA,CHN"`` as two codes (the query pattern allows exactly one comma)."""
    if not pair:
        return None
    a, b = pair.split(",")
    return a, b


def pair_filter(p: PairParams) -> EventFilter:
    """The events a pair view shows: both directions, its period, modalities, confidence."""
    w = p.window
    return EventFilter(
        pair=(w.a, w.b), since=w.since, until=w.until, modalities=w.modalities,
        min_confidence=p.min_confidence,
    )  # fmt: skip


@router.get(
    "/dyads/{a}/{b}/events.csv",
    summary="The pair's events as CSV (canonical columns)",
    response_class=StreamingResponse,
)
def api_pair_csv(request: Request, p: Annotated[PairParams, Depends()]) -> StreamingResponse:
    """Every event of the pair view's filters, in the canonical export's columns."""
    from tieline.export.writers import canonical_rows, write_csv_rows

    buffer = io.StringIO()
    write_csv_rows(buffer, canonical_rows(store_of(request), pair_filter(p)))
    name = f"tieline-{p.window.a}-{p.window.b}.csv"
    return StreamingResponse(
        iter([buffer.getvalue()]), media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )  # fmt: skip


@router.get("/dyads/{a}/{b}/series", summary="Cooperation–conflict series of a pair")
def api_series(request: Request, p: Annotated[PairParams, Depends()]) -> dict[str, Any]:
    """Per period: events by QuadClass and the Goldstein index, both directions and each."""
    rows = pair_series(store_of(request), p.window, p.by)
    return {"pair": [p.window.a, p.window.b], "by": p.by,
            "total_events": sum(r.events for r in rows),
            "series": [r.to_dict() for r in rows]}  # fmt: skip


@router.get("/dyads/{a}/{b}/channels", summary="Official and unofficial channels of a pair")
def api_channels(request: Request, p: Annotated[PairParams, Depends()]) -> dict[str, Any]:
    """Per period: official (Track 1) and unofficial (Track 2) events."""
    rows = channels(store_of(request), p.window, p.by)
    return {"pair": [p.window.a, p.window.b], "by": p.by,
            "channels": [r.to_dict() for r in rows]}  # fmt: skip


@router.get("/dyads/{a}/{b}/issues", summary="Issues of a pair")
def api_issues(request: Request, p: Annotated[PairParams, Depends()]) -> dict[str, Any]:
    """The issues the pair's events carry, overall and per period."""
    return {"pair": [p.window.a, p.window.b], "by": p.by,
            **issues(store_of(request), p.window, p.by).to_dict()}  # fmt: skip


@router.get("/dyads/{a}/{b}/meetings", summary="Leaders' meetings of a pair")
def api_meetings(request: Request, p: Annotated[PairParams, Depends()]) -> dict[str, Any]:
    """Meetings between named leaders, coded and stated, counted once."""
    found = meetings(store_of(request), p.window)
    return {"pair": [p.window.a, p.window.b], "meetings": [m.to_dict() for m in found]}


@router.get("/alignment", summary="A country against its bloc toward a target")
def api_alignment(
    request: Request,
    country: Annotated[str, Query(pattern=r"^[A-Za-z]{3,6}$")],
    bloc: Annotated[str, Query(pattern=r"^[A-Za-z0-9]{2,12}$")],
    target: Annotated[str, Query(pattern=r"^[A-Za-z]{3,6}$")],
    by: Period = "year",
) -> dict[str, Any]:
    """Per period: distance between the country's and its partners' event profiles."""
    try:
        return bloc_alignment(store_of(request), country, bloc, target, by).to_dict()
    except InputError as exc:
        raise HTTPException(422, detail=f"bloc: {exc.problem}") from exc


class NewDocument(BaseModel):
    """A document to code and store."""

    text: str = Field(min_length=1, max_length=2_000_000, pattern=NO_NUL)
    title: str | None = Field(default=None, max_length=1000, pattern=NO_NUL)
    url: str | None = Field(default=None, max_length=2000, pattern=NO_NUL)
    published: date | None = None
    publisher: str | None = Field(default=None, max_length=500, pattern=NO_NUL)


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Writing needs ``Authorization: Bearer <TIELINE_API_TOKEN>``; off when none is set."""
    token = request.app.state.api_token
    if not token:
        raise HTTPException(403, detail="writing is off: the server has no TIELINE_API_TOKEN")
    if not bearer_ok(authorization, token):
        raise HTTPException(401, detail="authorization: missing or wrong bearer token")


@router.post("/documents", status_code=201, summary="Code and store a document")
def api_ingest(
    request: Request, doc: NewDocument, _auth: Annotated[None, Depends(require_token)]
) -> dict[str, Any]:
    """Code a document and store it; the same text again stores nothing new."""
    from tieline.model import Document

    app = request.app
    if app.state.coder is None:
        from tieline import Coder

        app.state.coder = Coder()
    document = Document(
        id=hashlib.sha256(doc.text.encode("utf-8")).hexdigest(), body=doc.text,
        title=doc.title, url=doc.url, publisher=doc.publisher,
        published=doc.published.isoformat() if doc.published else None, source_path="api",
    )  # fmt: skip
    try:
        (result,) = app.state.coder.code_documents([document])
        outcome = store_of(request).store(result)
    except TielineError as exc:
        raise HTTPException(422, detail=f"text: {exc}") from exc
    return {"id": document.id, "status": outcome.status, "events": outcome.events}
