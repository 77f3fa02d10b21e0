"""What a new user's own files meet: a lead sentence on the first line, a two-line note,
stdin, a wire dateline in JSONL, a page in another language. Texts written for the tests."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tieline.cli import app
from tieline.ingest.detect import read_document

LEAD = "Ghana and Togo signed a border trade agreement in Accra on Monday."


def test_a_lead_sentence_on_the_first_line_is_body_not_title(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(f"{LEAD}\nThe two ministers also agreed to meet again in June.\n")
    doc = read_document(path)
    assert doc.title is None and doc.body.startswith(LEAD)


def test_a_headline_set_apart_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"Ghana and Togo sign a trade pact\n\n{LEAD}\n")
    doc = read_document(path)
    assert doc.title == "Ghana and Togo sign a trade pact" and doc.body == LEAD


def test_a_two_line_note_is_coded(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text(f"{LEAD}\nTogo protested.\n")
    out = CliRunner().invoke(app, ["code", str(path), "-f", "json", "--published", "2022-05-02"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.stdout)
    assert result["document"]["body"] == f"{LEAD}\n\nTogo protested."
    assert {e["cameo"][:2] for e in result["events"]} >= {"05"}


def test_code_and_explain_read_stdin() -> None:
    out = CliRunner().invoke(app, ["code", "-", "-f", "jsonl"], input=LEAD + "\n")
    assert out.exit_code == 0, out.output
    events = [json.loads(line) for line in out.stdout.splitlines()]
    assert {(e["source"]["country"], e["target"]["country"]) for e in events} >= {("GHA", "TGO")}
    explained = CliRunner().invoke(app, ["explain", "-"], input=LEAD + "\n")
    assert explained.exit_code == 0 and "Ghana" in explained.stdout


def test_a_dateline_in_jsonl_is_not_an_actor(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"text": "NEW DELHI (PTI) - " + LEAD}) + "\n")
    out = CliRunner().invoke(app, ["code", str(path), "-f", "json"])
    result = json.loads(out.stdout)
    assert result["document"]["body"] == LEAD
    assert all("DELHI" not in e["source"]["text"] for e in result["events"])


def test_a_page_in_another_language_is_stored_with_it_and_not_coded(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "en.txt").write_text(f"Trade pact\n\n{LEAD}\n")
    (folder / "ru.txt").write_text(
        "Торговое соглашение\n\nГана и Того подписали в Аккре в понедельник соглашение о "
        "приграничной торговле. Министры договорились встретиться снова в июне.\n"
    )
    db = tmp_path / "lang.db"
    out = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "--no-progress",
                                   "--workers", "0"])  # fmt: skip
    assert out.exit_code == 0, out.output
    assert "documents: 2 new" in out.stdout and "skipped: language ru 1" in out.stdout
    coded = CliRunner().invoke(app, ["code", str(folder / "ru.txt"), "-f", "json"])
    assert json.loads(coded.stdout)["document"]["language"] == "ru"
    assert json.loads(coded.stdout)["events"] == []
    assert "skipped: language ru (only English is coded)" in coded.stderr


def test_an_author_box_after_the_article_gives_authors_with_roles(tmp_path: Path) -> None:
    path = tmp_path / "commentary.txt"
    path.write_text(
        "Quiet channels between Accra and Lome\n12 March 2021\n\n"
        f"{LEAD} Officials from both foreign ministries said the dialogue would go on.\n\n"
        "Senior Fellow, West Africa Programme\n• Ama Mensah\n• Kofi Boateng\n"
    )
    doc = read_document(path)
    assert [(a.name, a.role) for a in doc.authors] == [
        ("Ama Mensah", "Senior Fellow, West Africa Programme"),
        ("Kofi Boateng", "Senior Fellow, West Africa Programme"),
    ]
    assert "Mensah" not in doc.body and doc.body.startswith(LEAD)


def test_a_dateline_in_a_feed_entry_is_stripped(tmp_path: Path) -> None:
    from tieline.ingest.detect import read_path
    from tieline.model import Document

    feed = tmp_path / "wire.rss"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item>"
        "<title>Trade pact</title><link>https://example.org/a</link>"
        f"<description>ACCRA (Reuters) - {LEAD} The ministers will meet again.</description>"
        "</item></channel></rss>"
    )
    (doc,) = [d for d in read_path(feed) if isinstance(d, Document)]
    assert doc.body.startswith(LEAD)
