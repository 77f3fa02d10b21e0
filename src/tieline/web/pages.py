"""The web UI: server-rendered pages, each backed by the API's queries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tieline.analysis import Window, bloc_alignment
from tieline.analysis.alignment import load_blocs
from tieline.analysis.report import dyad_report
from tieline.errors import InputError
from tieline.output import date_shown
from tieline.store.browse import get_document, list_documents, list_events, pair_timeline
from tieline.store.queries import EventFilter
from tieline.web.api import (
    NO_NUL,
    DocId,
    PairParams,
    Period,
    cached_pairs,
    pair_filter,
    store_of,
)
from tieline.web.charts import pair_chart
from tieline.web.security import safe_url

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.filters["safe_url"] = safe_url
TEMPLATES.env.globals["date_shown"] = date_shown
router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """Pairs with the largest recent change, and a search box."""
    return TEMPLATES.TemplateResponse(request, "home.html", {"pairs": cached_pairs(request)})


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad_page(request: Request, p: Annotated[PairParams, Depends()]) -> HTMLResponse:
    """A pair: controls, index and QuadClass charts, channels, issues, meetings, events."""
    store = store_of(request)
    report = dyad_report(store, p.window, p.by)
    timeline = pair_timeline(store, pair_filter(p))
    chart = pair_chart(report)
    query = urlencode(
        [("by", p.by)]
        + [(k, v) for k, v in (("since", p.window.since), ("until", p.window.until)) if v]
        + [("include", m) for m in p.window.modalities if m != "asserted"]
        + ([("min_confidence", str(p.min_confidence))] if p.min_confidence else [])
    )
    return TEMPLATES.TemplateResponse(
        request,
        "dyad.html",
        {
            "report": report,
            "timeline": timeline,
            "chart_json": json.dumps(chart).replace("<", "\\u003c"),
            "by": p.by,
            "min_confidence": p.min_confidence,
            "window": p.window,
            "optional_modalities": ["future", "reported", "negated", "hypothetical"],
            "csv_url": f"/api/dyads/{p.window.a}/{p.window.b}/events.csv?{query}",
        },  # fmt: skip
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(
    request: Request,
    doc_id: DocId,
    highlight: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    """A document: metadata, and its text with its events' sentences highlighted."""
    doc = get_document(store_of(request), doc_id)
    if doc is None:
        raise HTTPException(404, detail=f"document {doc_id}: not found")
    return TEMPLATES.TemplateResponse(
        request, "document.html", {"doc": doc, "highlight": highlight}
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
) -> HTMLResponse:
    """Documents and events whose text contains the words; a search form without any."""
    if not q or not q.strip():
        return TEMPLATES.TemplateResponse(request, "search_form.html", {})
    store = store_of(request)
    docs = list_documents(store, q, 50, None).items
    found = list_events(store, EventFilter(text=q), 100, None).items
    return TEMPLATES.TemplateResponse(
        request, "search.html", {"q": q, "documents": docs, "events": found}
    )


COMPARE_MAX = 5
PAIRS = r"^([A-Za-z]{3,6}-[A-Za-z]{3,6}(,[A-Za-z]{3,6}-[A-Za-z]{3,6})*)?$"  # JPN-RUS,CHN-IND


@router.get("/compare", response_class=HTMLResponse)
def compare_page(
    request: Request,
    pairs: Annotated[
        str,
        Query(max_length=200, pattern=PAIRS),
    ] = "",
    by: Annotated[Period, Query()] = "year",
) -> HTMLResponse:
    """Up to five pairs on one cooperation–conflict index chart."""
    chosen = [tuple(p.upper().split("-")) for p in pairs.split(",") if p][:COMPARE_MAX]
    store = store_of(request)
    lines = []
    for a, b in chosen:
        chart = pair_chart(dyad_report(store, Window.of(a, b), by))
        lines.append({"name": f"{a}–{b}", "x": chart["x"], "y": chart["index"]})
    data = json.dumps({"lines": lines}).replace("<", "\\u003c")
    return TEMPLATES.TemplateResponse(
        request, "compare.html",
        {"pairs": pairs, "chosen": chosen, "by": by, "chart_json": data, "most": COMPARE_MAX},
    )  # fmt: skip


@router.get("/alignment", response_class=HTMLResponse)
def alignment_page(
    request: Request,
    country: Annotated[str, Query(pattern=r"^[A-Za-z]{3,6}$")] = "JPN",
    bloc: Annotated[str, Query(pattern=r"^[A-Za-z0-9]{2,12}$")] = "G7",
    target: Annotated[str, Query(pattern=r"^[A-Za-z]{3,6}$")] = "RUS",
    by: Annotated[Period, Query()] = "year",
) -> HTMLResponse:
    """A country against the rest of its bloc toward a target, period by period."""
    try:
        result = bloc_alignment(store_of(request), country.upper(), bloc, target.upper(), by)
    except InputError as exc:
        raise HTTPException(422, detail=f"bloc: {exc.problem}") from exc
    data = json.dumps(result.to_dict()).replace("<", "\\u003c")
    return TEMPLATES.TemplateResponse(
        request, "alignment.html",
        {"result": result, "blocs": sorted(load_blocs()), "by": by, "chart_json": data},
    )  # fmt: skip
