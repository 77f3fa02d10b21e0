"""Every reader under random input (Hypothesis): never an uncaught exception, each bad
record one problem, the good records still read."""

from __future__ import annotations

import gzip
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tieline.ingest.detect import READERS, read_bytes
from tieline.ingest.records import Problem
from tieline.model import Document

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ENCODINGS = ["utf-8", "utf-16", "latin-1", "cp1252", "shift_jis", "koi8-r"]
GOOD = "Chile and Peru signed a fisheries agreement in Lima on Monday after long talks."

words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)


def read_all(raw: bytes, reader: str) -> list[Document | Problem]:
    items = list(read_bytes(raw, "fuzz", reader))
    assert all(isinstance(i, Document | Problem) for i in items)
    for item in items:
        if isinstance(item, Problem):
            assert item.source and item.message and "\n" not in item.message
    return items


@FUZZ
@given(raw=st.binary(max_size=4000), reader=st.sampled_from(sorted(READERS)))
def test_random_bytes_never_raise(raw: bytes, reader: str) -> None:
    read_all(raw, reader)


@FUZZ
@given(
    tags=st.lists(st.sampled_from(["p", "div", "article", "script", "h1", "li", "meta", "br"])),
    texts=st.lists(words, max_size=8),
    encoding=st.sampled_from(ENCODINGS),
)
def test_random_html_shapes_in_random_encodings(
    tags: list[str], texts: list[str], encoding: str
) -> None:
    body = "".join(f"<{t}>{x}</{t}>" for t, x in zip(tags, texts, strict=False))
    page = f"<html><head><meta charset='{encoding}'></head><body>{body}<p>{GOOD}</p></body></html>"
    raw = page.encode(encoding, errors="replace")
    items = read_all(raw, "html")
    assert sum(isinstance(i, Document) for i in items) <= 1


@FUZZ
@given(lines=st.lists(st.one_of(st.just(None), words, st.binary(max_size=40)), max_size=20))
def test_jsonl_each_bad_line_is_one_problem_and_good_lines_are_read(
    lines: list[str | bytes | None],
) -> None:
    out, good, bad = [], 0, 0
    for k, line in enumerate(lines):
        if line is None:
            out.append(json.dumps({"id": f"good-{k}", "text": f"{GOOD} Item {k}."}).encode())
            good += 1
        else:
            raw = line if isinstance(line, bytes) else line.encode()
            raw = raw.replace(b"\n", b" ").replace(b"\r", b" ")
            if not raw.strip():
                continue
            try:
                json.loads(raw)
                continue  # valid JSON by chance: not a bad line for this test
            except ValueError:
                out.append(raw)
                bad += 1
    if not out:
        return  # an empty file is one problem, "file is empty"
    items = read_all(b"\n".join(out) + b"\n", "jsonl")
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, Problem) and i.error]
    assert len(docs) == good and len(errors) == bad


@FUZZ
@given(titles=st.lists(words, max_size=6), junk=st.binary(max_size=200))
def test_feeds_with_random_entries_and_trailing_junk(titles: list[str], junk: bytes) -> None:
    from xml.sax.saxutils import escape

    entries = "".join(
        f"<item><title>{escape(t)}</title><description>{GOOD}</description></item>" for t in titles
    )
    feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title>{entries}"
    items = read_all(feed.encode("utf-8", "replace") + junk, "feed")
    assert len([i for i in items if isinstance(i, Document)]) <= len(titles)


def warc_record(url: str, html: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(url)):032x}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb") as fh:
        fh.write(head + http + b"\r\n\r\n")
    return buffer.getvalue()


@FUZZ
@given(junk=st.binary(min_size=1, max_size=300), cut=st.integers(min_value=0, max_value=400))
def test_warc_good_records_survive_damage_after_them(junk: bytes, cut: int) -> None:
    page = f"<html><body><article><p>{GOOD}</p><p>{GOOD}</p></article></body></html>".encode()
    good = warc_record("https://example.org/a", page)
    damaged = warc_record("https://example.org/b", page)[: max(1, cut)]
    items = read_all(good + damaged + junk, "warc")
    docs = [i for i in items if isinstance(i, Document)]
    assert docs and docs[0].url == "https://example.org/a"
