"""Document understanding on the hand-annotated fixture corpus, and bad input per record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_accuracy_realtext import at_least
from tieline.evaluation.documents import evaluate_folder
from tieline.ingest.detect import read_document, read_path
from tieline.ingest.records import Problem
from tieline.model import Document

DOCS = Path(__file__).resolve().parent / "fixtures" / "documents"
FLOORS = json.loads((Path(__file__).resolve().parent / "accuracy_floors.json").read_text())


def problems(path: Path) -> list[Problem]:
    return [p for p in read_path(path) if isinstance(p, Problem)]


def documents(path: Path) -> list[Document]:
    return [d for d in read_path(path) if isinstance(d, Document)]


def test_fixture_corpus_meets_pinned_floors(coder) -> None:
    report = evaluate_folder(DOCS, coder)
    floors = FLOORS["document_fixtures"]
    assert report.documents >= 12
    for name, floor in floors["fields"].items():
        assert at_least(report.fields[name].rate, floor), (name, report.lines())
    assert at_least(report.recall, floors["events_recall"]), report.lines()
    assert at_least(report.precision, floors["events_precision"]), report.lines()
    assert at_least(report.dates.rate, floors["event_dates"]), report.lines()
    assert at_least(report.modality.rate, floors["event_modality"]), report.lines()


def test_a_rate_over_nothing_is_not_a_score() -> None:
    from tieline.evaluation import ratio, shown
    from tieline.evaluation.documents import DocumentsReport

    empty = DocumentsReport()
    assert empty.fields["title"].rate is None and empty.recall is None
    assert not at_least(empty.recall, 0.0)  # a floor on nothing fails
    assert "n/a" in "\n".join(empty.lines())
    assert (ratio(1, 4), shown(ratio(0, 0)), shown(ratio(1, 4))) == (0.25, "n/a", "0.25")


def test_plain_text_scrape_metadata() -> None:
    doc = read_document(DOCS / "japan-russia-track2.txt")
    assert doc.title == "Japan, Russia and the Quiet Channel"
    assert doc.published == "2015-03-03" and doc.publisher == "Pacific Dialogue Centre"
    assert [(a.name, a.role) for a in doc.authors] == [("Kenji Tanaka", "President (2012–2016)")]
    assert "Featured Content" not in doc.body and "*" not in doc.body


def test_reprint_source_and_byline_role() -> None:
    doc = read_document(DOCS / "india-china-reprint.txt")
    assert doc.original_source == "The Diplomat"
    assert [(a.name, a.role) for a in doc.authors] == [("Arjun Mehta", "Visiting Fellow")]


def test_html_page_strips_navigation_and_footer() -> None:
    doc = read_document(DOCS / "g7-russia-page.html")
    assert doc.published == "2022-03-12" and doc.publisher == "Global Affairs Review"
    assert doc.body.startswith("The G7 imposed new sanctions")
    assert "Copyright" not in doc.body and "Most read" not in doc.body


def test_malformed_html_is_still_read() -> None:
    doc = read_document(DOCS / "malformed-page.html")
    assert "Ethiopia rejected the demands of Egypt." in doc.body
    assert "Share this story" not in doc.body


@pytest.mark.parametrize(
    ("name", "phrase"),
    [("brazil-argentina-cp1252.html", "Lula da Silva"), ("japan-korea-shiftjis.html", "東京訪問")],
)
def test_declared_charsets(name: str, phrase: str) -> None:
    assert phrase in read_document(DOCS / name).body


def test_undeclared_cp1252_text_is_detected_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(
        "Café talks\n\nFrance and Germany held talks on the café tax in Paris.".encode("cp1252")
    )
    items = list(read_path(path))
    warnings = [p for p in items if isinstance(p, Problem)]
    assert (
        len(warnings) == 1 and not warnings[0].error and "decoded as cp125" in warnings[0].message
    )
    assert documents(path)[0].title == "Café talks"


def test_feed_broken_entry_is_reported_and_others_read() -> None:
    found = problems(DOCS / "bilateral-feed.xml")
    assert [p.source.endswith("#entry2") for p in found] == [True]
    docs = documents(DOCS / "bilateral-feed.xml")
    assert [d.title for d in docs] == [
        "Canada and India expel diplomats",
        "Australia and China resume dialogue",
    ]
    assert docs[0].url == "https://brief.example.org/canada-india"


def test_jsonl_bad_lines_are_named() -> None:
    found = problems(DOCS / "wire-items.jsonl")
    assert [p.source.rsplit(":", 1)[1] for p in found] == ["2", "4"]
    assert "invalid JSON" in found[0].message and "'text'" in found[1].message
    assert len(documents(DOCS / "wire-items.jsonl")) == 2


def test_warc_html_responses_keep_their_url() -> None:
    docs = documents(DOCS / "news-crawl.warc.gz")
    assert [d.url for d in docs] == [
        "https://news.example.org/france-mali",
        "https://news.example.org/us-china",
    ]
    assert not problems(DOCS / "news-crawl.warc.gz")


def test_truncated_warc_keeps_complete_records_and_names_the_cut_one() -> None:
    items = list(read_path(DOCS / "truncated-crawl.warc.gz"))
    assert [d.url for d in items if isinstance(d, Document)] == [
        "https://news.example.org/france-mali"
    ]
    (problem,) = [p for p in items if isinstance(p, Problem)]
    assert problem.error and "truncated" in problem.message


def test_empty_body_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>")
    (problem,) = problems(path)
    assert "empty body" in problem.message


def test_long_document_is_coded_in_chunks(coder) -> None:
    from tieline.coding.coder import MAX_CHUNK_CHARS, split_body

    paragraph = "Japan imposed new sanctions on Russia over the war in Ukraine last month."
    body = "\n\n".join([paragraph] * 800)
    assert len(body) > 2 * MAX_CHUNK_CHARS
    chunks = split_body(body)
    assert all(len(c) <= MAX_CHUNK_CHARS for c in chunks) and len(chunks) > 2
    doc = Document(id="long", body=body, published="2022-04-15")
    (result,) = coder.code_documents([doc])
    assert len(result.events) == 800
    assert [e.sentence_index for e in result.events] == list(range(800))
