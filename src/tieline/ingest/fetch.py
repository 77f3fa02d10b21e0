"""Fetching pages politely: robots.txt, a per-host rate, retries, size and type limits, and
every response kept in a WARC archive so a corpus can be re-coded offline.

``Fetcher.fetch(url)`` gives a ``Fetched`` page or a ``FetchError`` naming the URL and
the problem (DNS failure, refused, timeout, 4xx, 5xx after retries, disallowed by
robots.txt, too large, not HTML, too many redirects). ``archive_pages`` writes the pages
as WARC response records; ``tieline fetch`` then ingests that archive like any other.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from tieline import __version__
from tieline.ingest.records import one_line

USER_AGENT = f"tieline/{__version__} (+https://github.com/tieline/tieline; research event coder)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
STATUSES = {s.value for s in HTTPStatus}
REDIRECTS = frozenset({301, 302, 303, 307, 308})
Answer = tuple[int, list[tuple[str, str]], bytes]  # status, headers, body as the server sent


def header(headers: list[tuple[str, str]], name: str) -> str | None:
    """A header's value, by name in any letter case."""
    name = name.lower()
    return next((v for k, v in headers if k.lower() == name), None)


@dataclass(frozen=True)
class Fetched:
    """A page as the server sent it (body decoded from any transfer compression)."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: str


@dataclass(frozen=True)
class FetchError:
    """Why a URL gave no page, in one line."""

    url: str
    problem: str
    response: Fetched | None = None  # what the server answered, kept in the archive

    def __str__(self) -> str:
        return f"{self.url}: error: {self.problem}"


@dataclass
class Fetcher:
    """An HTTP client that honours robots.txt and a per-host rate, retries 5xx and
    timeouts with backoff, follows at most ``max_redirects`` redirects, and refuses bodies
    over ``max_bytes`` and content that is not HTML."""

    rate: float = 1.0  # requests per second per host
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        self._client = httpx.Client(
            timeout=self.timeout, follow_redirects=False, headers={"User-Agent": self.user_agent}
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def fetch(self, url: str) -> Fetched | FetchError:
        """The page at ``url``, or why there is none."""
        followed = self._follow(url, None)
        if isinstance(followed, FetchError):
            return followed
        final, (status, headers, body) = followed
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        response = Fetched(url, final, status, headers, body, stamp)
        if status >= 400:
            return FetchError(url, f"HTTP {status}", response)
        ctype = header(headers, "content-type") or ""
        if not ctype.lower().startswith(HTML_TYPES):
            kind = ctype.split(";")[0] or "no content type"
            return FetchError(url, f"not HTML ({kind})", response)
        return response

    def conditional(self, url: str, etag: str | None, modified: str | None) -> Answer | FetchError:
        """A feed or sitemap with validators: (304, headers, b"") when it has not changed.
        Any content type is accepted; robots.txt, the rate and retries apply."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        followed = self._follow(url, headers)
        if isinstance(followed, FetchError):
            return followed
        answer = followed[1]
        return FetchError(url, f"HTTP {answer[0]}") if answer[0] >= 400 else answer

    def _follow(self, url: str, headers: dict[str, str] | None) -> tuple[str, Answer] | FetchError:
        """The answer at the end of ``url``'s redirects (at most ``max_redirects``, each
        allowed by robots.txt), with the URL it came from."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            return FetchError(url, "not an http(s) URL")
        if not self._allowed(url):
            return FetchError(url, "disallowed by robots.txt")
        current = url
        for _ in range(self.max_redirects + 1):
            answer = self._get_with_retries(current, headers)
            if isinstance(answer, FetchError):
                return FetchError(url, answer.problem)
            location = header(answer[1], "location")
            if answer[0] not in REDIRECTS or not location:
                return current, answer
            current = str(httpx.URL(current).join(location))
            if not self._allowed(current):
                return FetchError(url, f"redirect to {current} disallowed by robots.txt")
        return FetchError(url, f"more than {self.max_redirects} redirects")

    def _get_with_retries(
        self, url: str, headers: dict[str, str] | None = None
    ) -> Answer | FetchError:
        problem = "no attempt"
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            result = self._get(url, headers)
            if isinstance(result, FetchError):
                problem = result.problem
                if not result.problem.startswith(("timeout", "HTTP 5", "connection reset")):
                    return result
                continue
            if result[0] >= 500:
                problem = f"HTTP {result[0]} after {attempt + 1} attempts"
                continue
            return result
        return FetchError(url, problem)

    def _get(self, url: str, headers: dict[str, str] | None = None) -> Answer | FetchError:
        assert self._client is not None, "use Fetcher as a context manager"
        self._wait_for(url)
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                length = response.headers.get("content-length")
                if length and length.isdigit() and int(length) > self.max_bytes:
                    return FetchError(url, f"too large ({int(length):,} bytes)")
                body = BytesIO()
                for chunk in response.iter_bytes():
                    body.write(chunk)
                    if body.tell() > self.max_bytes:
                        return FetchError(url, f"too large (over {self.max_bytes:,} bytes)")
                kept = [
                    (k, v) for k, v in response.headers.multi_items()
                    if k.lower() not in {"content-encoding", "content-length", "transfer-encoding"}
                ]  # fmt: skip
                return response.status_code, kept, body.getvalue()
        except httpx.TimeoutException:
            return FetchError(url, f"timeout after {self.timeout:g} s")
        except httpx.ConnectError as exc:
            text = str(exc).lower()
            if "name or service" in text or "nodename" in text or "resolution" in text:
                return FetchError(url, "DNS failure (no such host)")
            return FetchError(url, f"connection refused or failed ({one_line(exc, 120)})")
        except httpx.HTTPError as exc:
            return FetchError(url, f"connection reset or broken ({one_line(exc, 120)})")

    def _wait_for(self, url: str) -> None:
        """Keep at least 1/rate seconds between requests to one host."""
        host = urlsplit(url).netloc.lower()
        last = self._last.get(host)
        if last is not None and self.rate > 0:
            wait = 1.0 / self.rate - (time.monotonic() - last)
            if wait > 0:
                self.sleep(wait)
        self._last[host] = time.monotonic()

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        base = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        if base not in self._robots:
            self._robots[base] = self._read_robots(base + "/robots.txt")
        parser = self._robots[base]
        return parser is None or parser.can_fetch(self.user_agent, url)

    def _read_robots(self, robots_url: str) -> urllib.robotparser.RobotFileParser | None:
        """robots.txt of a site; None (everything allowed) when it has none."""
        result = self._get(robots_url)
        if isinstance(result, FetchError) or result[0] >= 400:
            return None
        parser = urllib.robotparser.RobotFileParser(robots_url)
        parser.parse(result[2].decode("utf-8", "replace").splitlines())
        return parser


def archive_pages(pages: Iterable[Fetched], path: Path) -> int:
    """Write pages as WARC/1.0 response records (gzip per record); how many."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("ab") as fh:
        writer = WARCWriter(fh, gzip=True)
        for page in pages:
            headers = [*page.headers, ("Content-Length", str(len(page.body)))]
            reason = HTTPStatus(page.status).phrase if page.status in STATUSES else "OK"
            http = StatusAndHeaders(f"{page.status} {reason}", headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                page.final_url, "response", payload=BytesIO(page.body), http_headers=http,
                warc_headers_dict=_warc_headers(page),
            )  # fmt: skip
            writer.write_record(record)
            n += 1
    return n


def _warc_headers(page: Fetched) -> dict[str, Any]:
    return {"WARC-Date": page.fetched_at.replace("+00:00", "Z")}
