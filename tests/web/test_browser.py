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


def chart_data(page, chart: str = "index-chart") -> list:
    page.wait_for_selector(f"#{chart} .plot-container", timeout=15000)
    return page.evaluate(f"document.getElementById('{chart}').data.map(t => [t.x, t.y])")


def test_each_pair_page_control_changes_the_chart(server: str, page) -> None:
    page.goto(f"{server}/dyads/JPN/RUS")
    default = chart_data(page)
    assert len(default) == 4  # both directions, each direction, events
    assert len(chart_data(page, "quad-chart")) == 4  # the four QuadClasses, stacked
    changes = [
        lambda: page.select_option("select[name=by]", "year"),
        lambda: page.fill("input[name=since]", "2019-01-01"),
        lambda: page.check("input[name=include][value=future]"),
        lambda: page.select_option("select[name=min_confidence]", "0.8"),
    ]
    for change in changes:
        page.goto(f"{server}/dyads/JPN/RUS")
        change()
        page.click("#pair-controls button")
        page.wait_for_load_state()
        assert chart_data(page) != default, page.url
    # empty periods are gaps: None in the lines, never a line across them
    page.goto(f"{server}/dyads/JPN/RUS?by=quarter")
    quarters = chart_data(page)
    assert None in quarters[0][1] and None in default[0][1]
    assert 0 < len(quarters[0][0]) < len(default[0][0])  # a time axis at each granularity


def test_csv_download_equals_the_api_events(server: str, page) -> None:
    import csv
    import io
    import json

    page.goto(f"{server}/dyads/JPN/RUS?since=2015-01-01&include=future")
    with page.expect_download() as download:
        page.click("#csv-download")
    text = Path(download.value.path()).read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    api = []
    for modality in ("asserted", "future"):
        url = (f"{server}/api/events?pair=JPN,RUS&since=2015-01-01&modality={modality}"
               "&limit=1000")  # fmt: skip
        with urllib.request.urlopen(url) as response:
            api += json.loads(response.read())["items"]
    assert rows and sorted(r["event_id"] for r in rows) == sorted(e["event_id"] for e in api)
    assert {r["cameo"] for r in rows} == {e["cameo"] for e in api}


def test_an_empty_pair_shows_why(server: str, page) -> None:
    page.goto(f"{server}/dyads/JPN/RUS?since=2031-01-01")
    assert "No events between JPN and RUS match" in page.locator("#empty-state").inner_text()
    assert page.locator("#index-chart").count() == 0
    page.goto(f"{server}/dyads/ISL/NPL")
    assert page.locator("#empty-state").is_visible()


def test_compare_and_alignment_pages_draw_their_charts(server: str, page) -> None:
    page.goto(f"{server}/compare?pairs=JPN-RUS,IND-CHN&by=year")
    lines = chart_data(page, "compare-chart")
    assert len(lines) == 2 and all(x for x, _ in lines)
    page.goto(f"{server}/alignment?country=JPN&bloc=G7&target=RUS&by=year")
    traces = chart_data(page, "alignment-chart")
    assert len(traces) == 3 and traces[1][0]  # distance, the country's and partners' events
    page.goto(f"{server}/compare")
    page.fill("input[name=pairs]", "JPN-RUS")
    page.click("#compare-controls button")
    assert len(chart_data(page, "compare-chart")) == 1
