"""The event store on SQLite and PostgreSQL: idempotence, updates, reprints, clusters, queries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tieline.batch.ingest import ingest
from tieline.model import CodingResult, Document
from tieline.store import EventFilter, open_store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
STORY = (
    "Japan imposed new sanctions on Russia on Tuesday over the war in Ukraine.\n\n"
    "Russia condemned Japan for the decision and accused Tokyo of hostility.\n\n"
    "China criticized the sanctions but did not send weapons to Russia.\n\n"
    "Japanese Prime Minister Fumio Kishida met US President Joe Biden in Washington."
)


def pair_counts(store) -> dict[tuple[str, str], int]:
    return {(a, b): n for a, b, n in store.summary()["top_pairs"]}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_ingest_twice_stores_once(store_url: str) -> None:
    store = open_store(store_url)
    first = ingest(store, [str(p) for p in sorted(EXAMPLES.iterdir())])
    assert first.counts["docs_new"] == 6 and first.counts["events_stored"] > 20
    before = store.summary()
    second = ingest(store, [str(p) for p in sorted(EXAMPLES.iterdir())])
    assert second.counts["docs_unchanged"] == 6 and second.counts["events_stored"] == 0
    assert store.summary() == before


def test_reprint_under_another_header_is_not_counted_twice(store_url: str, tmp_path: Path) -> None:
    store = open_store(store_url)
    original = write(tmp_path / "a.txt", "Sanctions and summits\n22 March 2022\n\n" + STORY)
    reprint = write(
        tmp_path / "b.txt",
        "World Desk Daily\nSanctions and summits (reprint)\n22 March 2022\n\n"
        + STORY.replace("on Tuesday", "on Tuesday,")
        + "\n\nThis article first appeared in Sanctions Review.\nSubscribe to World Desk Daily",
    )
    ingest(store, [str(original)])
    counts = pair_counts(store)
    report = ingest(store, [str(reprint)])
    assert report.counts["docs_duplicate"] == 1
    assert pair_counts(store) == counts
    rows = store.events(EventFilter(pair=("JPN", "RUS")), limit=100)
    assert rows and all(not r["is_duplicate"] for r in rows)
    dup = store.events(EventFilter(pair=("JPN", "RUS"), include_duplicates=True), limit=100)
    assert len(dup) == 2 * len(rows)


def test_new_version_of_a_url_replaces_its_events(store_url: str) -> None:
    store = open_store(store_url)
    from tieline import Coder

    coder = Coder()
    url, day = "https://x.org/a", "2022-01-05"
    v1 = Document(id="v1", body="Japan criticized Russia over the islands.", url=url, published=day)
    v2 = Document(
        id="v2", body="Japan praised Russia for the fishing deal.", url=url, published=day
    )
    (r1,) = coder.code_documents([v1])
    (r2,) = coder.code_documents([v2])
    assert store.store(r1).status == "new"
    assert store.store(r2).status == "updated"
    codes = [r["cameo"] for r in store.events(EventFilter(pair=("JPN", "RUS")))]
    assert codes and all(c.startswith("05") for c in codes)
    assert store.summary()["clusters"] == len(codes)


def test_same_event_from_two_articles_is_one_cluster(store_url: str) -> None:
    from tieline import Coder

    store = open_store(store_url)
    coder = Coder()
    a_text = "Japan imposed sanctions on Russia on Tuesday."
    b_text = "On Tuesday Japan imposed tough sanctions on Russia, officials said."
    a = Document(id="a", body=a_text, published="2022-03-24", publisher="Daily A")
    b = Document(id="b", body=b_text, published="2022-03-24", publisher="Daily B")
    for result in coder.code_documents([a, b]):
        store.store(result)
    s = store.summary()
    assert s["events"] == 2 and s["clusters"] == 1
    from sqlalchemy import select

    from tieline.store.schema import event_clusters

    with store.engine.connect() as conn:
        row = conn.execute(select(event_clusters)).one()
    assert (row.num_mentions, row.num_articles, row.num_sources) == (2, 2, 2)


def test_query_filters_and_paging(store_url: str) -> None:
    store = open_store(store_url)
    ingest(store, [str(p) for p in sorted(EXAMPLES.iterdir())])
    everything = store.events(EventFilter(), limit=1000)
    assert len(everything) == store.summary()["events"]
    page1 = store.events(EventFilter(), limit=5, offset=0)
    page2 = store.events(EventFilter(), limit=5, offset=5)
    assert not {r["event_id"] for r in page1} & {r["event_id"] for r in page2}
    jr = store.events(EventFilter(pair=("RUS", "JPN")))
    assert jr and all({r["source_country"], r["target_country"]} == {"JPN", "RUS"} for r in jr)
    assert all(r["quad_class"] == 4 for r in store.events(EventFilter(quad_class=4)))
    assert all(r["cameo"].startswith("16") for r in store.events(EventFilter(code="16")))
    assert all(r["cameo_root"] == "04" for r in store.events(EventFilter(root="4")))
    dated = store.events(EventFilter(since="2019-03-01", until="2019-03-31"))
    assert dated and all("2019-03-01" <= r["date_start"] <= "2019-03-31" for r in dated)
    texts = store.events(EventFilter(text="sanctions"))
    assert texts and all("sanction" in r["sentence"].lower() for r in texts)
    assert all(r["source_code"].startswith("JPN") or r["target_code"].startswith("JPN")
               for r in store.events(EventFilter(actor="JPN")))  # fmt: skip


def test_exports(store_url: str, tmp_path: Path) -> None:
    import csv

    import pyarrow.parquet as pq

    from tieline.export import export
    from tieline.export.writers import CANONICAL, GDELT_COLUMNS

    store = open_store(store_url)
    ingest(store, [str(p) for p in sorted(EXAMPLES.iterdir())])
    n_events = store.summary()["events"]
    assert export(store, "csv", tmp_path / "e.csv") == n_events
    with (tmp_path / "e.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == CANONICAL and rows[0]["cameo"].isdigit()
    assert export(store, "parquet", tmp_path / "e.parquet") == n_events
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == n_events and str(table.schema.field("cameo").type) == "string"
    n_clusters = store.summary()["clusters"]
    assert export(store, "gdelt-extended", tmp_path / "e.tsv") == n_clusters
    with (tmp_path / "e.tsv").open() as fh:
        g = list(csv.DictReader(fh, delimiter="\t"))
    assert tuple(g[0])[: len(GDELT_COLUMNS)] == GDELT_COLUMNS
    assert all(len(r["EventCode"]) >= 3 and r["EventRootCode"] == r["EventCode"][:2] for r in g)
    n_pol = export(store, "polecat", tmp_path / "e.jsonl")
    lines = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert len(lines) == n_pol and all(r["event_type"] for r in lines)


def test_bad_database_urls_are_one_clear_error(tmp_path: Path) -> None:
    from tieline.errors import StoreError

    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("these are my notes, not a database")
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_store(str(not_sqlite))
    assert not_sqlite.read_text() == "these are my notes, not a database"
    with pytest.raises(StoreError, match="cannot connect"):
        open_store("postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(StoreError, match="unsupported database"):
        open_store("mysql://localhost/x")
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "missing-folder" / "x.db"))


def test_read_only_location_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from tieline.errors import StoreError

    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        # root ignores permission bits: make the folder read-only as the check sees it
        real_access = os.access
        monkeypatch.setattr(
            os,
            "access",
            lambda p, m: False if Path(p) == folder and m & os.W_OK else real_access(p, m),
        )
    try:
        with pytest.raises(StoreError, match="read-only"):
            open_store(str(folder / "x.db"))
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_newer_schema_version_is_refused(store_url: str) -> None:
    from sqlalchemy import text

    from tieline.errors import StoreError

    store = open_store(store_url)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.close()
    with pytest.raises(StoreError, match="schema version 9999 is newer"):
        open_store(store_url)


def test_results_can_be_stored_without_sentences(store_url: str) -> None:
    store = open_store(store_url)
    doc = Document(id="x", body="No events here.")
    assert store.store(CodingResult(doc, [])).status == "new"
    assert store.summary()["documents"] == 1 and store.summary()["events"] == 0


def test_a_document_that_cannot_be_stored_fails_alone(tmp_path: Path, monkeypatch) -> None:
    from sqlalchemy.exc import DataError

    from tieline.store.eventstore import Store

    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    real = Store.store

    def store_or_fail(self, result, run_id=None):  # type: ignore[no-untyped-def]
        if "germany" in (result.document.source_path or ""):
            raise DataError("INSERT", {}, ValueError("invalid byte sequence"))
        return real(self, result, run_id)

    monkeypatch.setattr(Store, "store", store_or_fail)
    report = ingest(store, [str(p) for p in sorted(EXAMPLES.iterdir())], workers=0)
    assert report.counts["docs_failed"] == 1 and report.counts["docs_new"] == 5
    (problem,) = report.problems
    assert "germany" in problem.source and "cannot store" in problem.message
