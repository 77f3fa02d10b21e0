"""The FastAPI application: API, pages, and static files (plotly.js from the plotly package)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from tieline.store.eventstore import Store
from tieline.web.security import DEFAULT_MAX_BODY, SecurityMiddleware
from tieline.web.service import RevisionCache


def plotly_js_dir() -> Path:
    """The folder of the installed plotly package that holds plotly.min.js."""
    import plotly

    return Path(plotly.__file__).parent / "package_data"


def api_docs_dir() -> Path:
    """The folder of Swagger UI's and ReDoc's files, shipped by the fastapi-offline package."""
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


def _with_nonce(page: HTMLResponse, request: Request) -> HTMLResponse:
    html = bytes(page.body).decode("utf-8")
    nonce = request.scope["state"]["csp_nonce"]
    return HTMLResponse(html.replace("<script>", f'<script nonce="{nonce}">'))


def error_response(
    request: Request, status: int, message: str, extra: dict[str, Any] | None = None
) -> Response:
    """JSON ``{"detail": …}`` for the API and for clients that ask for JSON; otherwise the
    same message on an HTML page."""
    wants_html = "text/html" in request.headers.get("accept", "")
    if request.url.path.startswith(("/api/", "/openapi")) or not wants_html:
        return JSONResponse(status_code=status, content={"detail": message, **(extra or {})})
    from tieline.web.pages import TEMPLATES

    return TEMPLATES.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )


def create_app(
    store: Store, api_token: str | None = None, max_body: int = DEFAULT_MAX_BODY
) -> FastAPI:
    """The tieline web application over ``store``; writing is on when a token is given.

    Writes need ``Authorization: Bearer <token>`` and a body of at most ``max_body`` bytes,
    both checked before the body is read (see ``tieline.web.security``).
    """
    from tieline.web import api, pages

    app = FastAPI(
        title="tieline",
        version="0.1.0",
        description="Who did what to whom between countries: events, pairs, channels.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.api_token = (
        api_token if api_token is not None else os.environ.get("TIELINE_API_TOKEN")
    )
    app.state.coder = None
    app.state.views = RevisionCache()  # the home page's pairs, until the store changes
    app.add_middleware(SecurityMiddleware, token=lambda: app.state.api_token, max_body=max_body)

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        """Swagger UI from the installed package (no CDN); its one inline script runs under
        the request's CSP nonce."""
        page = get_swagger_ui_html(
            openapi_url="/openapi.json", title="tieline API",
            swagger_js_url="/static/apidocs/swagger-ui-bundle.js",
            swagger_css_url="/static/apidocs/swagger-ui.css",
            swagger_favicon_url="/static/apidocs/favicon.png",
        )  # fmt: skip
        return _with_nonce(page, request)

    @app.get("/redoc", include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        """ReDoc from the installed package (no CDN, no web fonts)."""
        page = get_redoc_html(
            openapi_url="/openapi.json", title="tieline API",
            redoc_js_url="/static/apidocs/redoc.standalone.js",
            redoc_favicon_url="/static/apidocs/favicon.png", with_google_fonts=False,
        )  # fmt: skip
        return _with_nonce(page, request)

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static/plotly", StaticFiles(directory=plotly_js_dir()), name="plotly")
    app.mount("/static/apidocs", StaticFiles(directory=api_docs_dir()), name="apidocs")
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        """The API's errors as JSON; a page's as an HTML page with the same message."""
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        """422 with one message per parameter: which one, and why."""
        for e in exc.errors():
            if e.get("type") == "json_invalid":
                at = e["loc"][1] if len(e["loc"]) > 1 else "?"
                return error_response(request, 422, f"body: invalid JSON at character {at}")
        details = [
            {
                "parameter": ".".join(str(p) for p in e["loc"][1:]) or str(e["loc"][0]),
                "in": e["loc"][0],
                "message": e["msg"],
            }  # fmt: skip
            for e in exc.errors()
        ]
        message = "; ".join(f"{d['parameter']}: {d['message']}" for d in details)
        return error_response(request, 422, message, {"errors": details})

    return app
