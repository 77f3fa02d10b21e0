"""The FastAPI application: API, pages, and static files (plotly.js from the plotly package)."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from tieline.store.eventstore import Store
from tieline.web.security import DEFAULT_MAX_BODY, SecurityMiddleware
from tieline.web.service import RevisionCache


def plotly_js_dir() -> Path:
    """The folder of the installed plotly package that holds plotly.min.js."""
    import plotly

    return Path(plotly.__file__).parent / "package_data"


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
        """Swagger UI; its one inline script runs under the request's CSP nonce."""
        page = get_swagger_ui_html(openapi_url="/openapi.json", title="tieline API")
        html = bytes(page.body).decode("utf-8")
        nonce = request.scope["state"]["csp_nonce"]
        return HTMLResponse(html.replace("<script>", f'<script nonce="{nonce}">'))

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static/plotly", StaticFiles(directory=plotly_js_dir()), name="plotly")
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        """422 with one message per parameter: which one, and why."""
        for e in exc.errors():
            if e.get("type") == "json_invalid":
                at = e["loc"][1] if len(e["loc"]) > 1 else "?"
                message = f"body: invalid JSON at character {at}"
                return JSONResponse(status_code=422, content={"detail": message})
        details = [
            {
                "parameter": ".".join(str(p) for p in e["loc"][1:]) or str(e["loc"][0]),
                "in": e["loc"][0],
                "message": e["msg"],
            }  # fmt: skip
            for e in exc.errors()
        ]
        message = "; ".join(f"{d['parameter']}: {d['message']}" for d in details)
        return JSONResponse(status_code=422, content={"detail": message, "errors": details})

    return app
