"""The UI in a real browser: Debian's Chromium driven by Playwright against a real server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(example_store_url: str) -> Iterator[str]:
    """``tieline serve`` on a free port of this machine, over the example corpus."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tieline.cli", "serve", "--db", example_store_url,
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"server exited: {process.stdout.read() if process.stdout else ''}")
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("server did not answer within 60 s")
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    yield pg
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = request.node.name.replace("/", "_").replace("[", "-").replace("]", "")
        pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


def test_pair_page_chart_then_event_to_its_document(server: str, page) -> None:
    page.goto(f"{server}/dyads/JPN/RUS")
    # Plotly drew the index chart with data points
    page.wait_for_selector("#index-chart .scatterlayer .point", timeout=15000)
    assert page.locator("#index-chart .scatterlayer .point").count() >= 2
    assert page.locator("#channels-chart .scatterlayer .point").count() >= 2
    link = page.locator("#timeline a.event-link").first
    sentence = link.inner_text().strip()
    link.click()
    page.wait_for_url("**/documents/**")
    mark = page.locator("mark.current")
    assert mark.count() == 1
    assert mark.inner_text().strip() == sentence
    assert mark.is_visible()


def test_home_lists_pairs_and_search_finds_events(server: str, page) -> None:
    page.goto(server + "/")
    assert page.locator("a.pair-link").count() >= 3
    page.fill("input[name=q]", "sanctions")
    page.click("header button")
    page.wait_for_url("**/search?q=sanctions")
    assert "sanctions" in page.locator("table").first.inner_text().lower()


def test_ui_needs_no_internet(server: str, page) -> None:
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if "127.0.0.1" not in r.url else None)
    page.goto(f"{server}/dyads/JPN/RUS")
    page.wait_for_selector("#index-chart .scatterlayer .point", timeout=15000)
    assert outside == []


def test_api_docs_render_offline(server: str, page) -> None:
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if "127.0.0.1" not in r.url else None)
    page.goto(f"{server}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".swagger-ui .opblock").count() >= 5
    assert outside == []
    code: list[str] = []  # ReDoc's footer logo points at redocly's CDN; the CSP blocks it
    page.on("request", lambda r: code.append(r.url) if r.resource_type != "image" else None)
    page.goto(f"{server}/redoc")
    page.wait_for_selector(".menu-content", timeout=15000)
    assert all("127.0.0.1" in url for url in code), code


def test_a_missing_page_is_an_html_page(server: str, page) -> None:
    response = page.goto(f"{server}/documents/{'0' * 64}")
    assert response is not None and response.status == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "not found" in page.locator("p.error").inner_text()
    page.goto(f"{server}/search")
    assert page.locator("#search-form input[name=q]").count() == 1
