"""What the server does before any route runs: security headers, the write token, body limits.

``SecurityMiddleware`` is plain ASGI so that a request that writes is refused on its
headers alone: a missing or wrong bearer token gives 401 and an over-long body 413 before a
byte of the body is read (a body sent without Content-Length is counted as it streams and
cut off at the limit). Every response carries a Content-Security-Policy (scripts only from
the server itself, plus one nonce for the API docs page), ``X-Content-Type-Options:
nosniff``, ``frame-ancestors 'none'`` and ``Referrer-Policy: same-origin``.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_MAX_BODY = 10 * 1024 * 1024
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def content_security_policy(nonce: str) -> str:
    """The CSP of every response; inline scripts run only with the request's nonce."""
    return (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; "
        # plotly.js, Swagger UI and ReDoc set inline styles on the elements they draw
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; worker-src 'self' blob:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


def safe_url(value: object) -> str | None:
    """The URL when it is an absolute http(s) URL that may become a link, else None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    if any(ord(ch) < 32 for ch in text):
        return None
    return text


def bearer_ok(header: str | None, token: str) -> bool:
    """True for ``Bearer <token>`` exactly (scheme case-insensitive), compared in constant time."""
    if not header:
        return False
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())


class SecurityMiddleware:
    """Headers on every response; token and size checks on writes before the body is read."""

    def __init__(self, app: ASGIApp, token: Callable[[], str | None], max_body: int) -> None:
        self.app = app
        self.token = token
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["csp_nonce"] = nonce
        send = _with_headers(send, nonce)
        if scope["method"] in WRITE_METHODS and scope["path"].startswith("/api/"):
            refusal = self._refusal(scope)
            if refusal is not None:
                await _json_response(send, *refusal)
                return
            limited = _LimitedBody(receive, send, self.max_body, self._too_large())
            receive, send = limited.receive, limited.send
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        token = self.token()
        if not token:
            return 403, "writing is off: the server has no TIELINE_API_TOKEN"
        if not bearer_ok(headers.get("authorization"), token):
            return 401, "authorization: missing or wrong bearer token (Authorization: Bearer …)"
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return 413, self._too_large()
        return None

    def _too_large(self) -> str:
        return f"body: larger than the server's limit of {self.max_body} bytes (--max-body)"


def _with_headers(send: Send, nonce: str) -> Send:
    extra = [
        (b"content-security-policy", content_security_policy(nonce).encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
    ]

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            names = {k.lower() for k, _ in message.get("headers", [])}
            message["headers"] = list(message.get("headers", [])) + [
                (k, v) for k, v in extra if k not in names
            ]
        await send(message)

    return send_with_headers


class _LimitedBody:
    """Counts a streamed body; past the limit it answers 413 itself and tells the app the
    client has gone, dropping whatever the app then tries to send."""

    def __init__(self, receive: Receive, send: Send, limit: int, detail: str) -> None:
        self._receive, self._send = receive, send
        self.limit, self.detail = limit, detail
        self.seen = 0
        self.answered = False

    async def receive(self) -> Message:
        if self.answered:
            return {"type": "http.disconnect"}
        message = await self._receive()
        if message["type"] == "http.request":
            self.seen += len(message.get("body", b""))
            if self.seen > self.limit:
                self.answered = True
                await _json_response(self._send, 413, self.detail)
                return {"type": "http.disconnect"}
        return message

    async def send(self, message: Message) -> None:
        if not self.answered:
            await self._send(message)


async def _json_response(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
