"""The command line: the data contract, bad input, dictionary conversion, evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tieline.cli import app

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLE = "examples/japan-russia-commentary.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


def test_code_json_matches_golden_contract(runner: CliRunner, in_root: Path) -> None:
    result = runner.invoke(app, ["code", EXAMPLE, "--format", "json", "--published", "2019-03-14"])
    assert result.exit_code == 0, result.output
    produced = json.loads(result.stdout)
    expected = json.loads((GOLDEN / "japan-russia-commentary.json").read_text("utf-8"))
    assert produced == expected


def test_code_json_has_every_contract_field(runner: CliRunner, in_root: Path) -> None:
    result = runner.invoke(app, ["code", EXAMPLE, "--format", "json", "--published", "2019-03-14"])
    data = json.loads(result.stdout)
    assert set(data) == {"document", "events"}
    assert set(data["document"]) == {
        "id",
        "source_path",
        "url",
        "title",
        "published",
        "authors",
        "publisher",
        "original_source",
        "language",
        "body",
    }
    event = data["events"][0]
    assert set(event) == {
        "event_id",
        "doc_id",
        "sentence_index",
        "sentence",
        "source",
        "target",
        "cameo",
        "cameo_name",
        "quad_class",
        "goldstein",
        "plover",
        "verb",
        "date",
        "modality",
        "count",
        "issues",
        "confidence",
    }
    assert set(event["source"]) == {"text", "code", "country", "sector", "name"}
    assert set(event["date"]) == {"start", "end", "precision", "text", "from"}
    assert isinstance(event["cameo"], str)


def test_code_several_files_gives_array_and_jsonl_gives_lines(
    runner: CliRunner, in_root: Path
) -> None:
    files = [EXAMPLE, "examples/germany-turkey-relations.txt"]
    result = runner.invoke(app, ["code", *files, "--format", "json"])
    assert result.exit_code == 0
    assert [d["document"]["source_path"] for d in json.loads(result.stdout)] == files
    result = runner.invoke(app, ["code", *files, "--format", "jsonl"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines and all("doc_id" in e for e in lines)


def test_code_table(runner: CliRunner, in_root: Path) -> None:
    result = runner.invoke(app, ["code", EXAMPLE])
    assert result.exit_code == 0
    assert "Japan" in result.stdout and "163" in result.stdout


def test_bad_inputs_each_get_one_line_and_the_rest_is_coded(
    runner: CliRunner, tmp_path: Path, in_root: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    missing = tmp_path / "missing.txt"
    folder = tmp_path / "folder"
    folder.mkdir()
    no_body = tmp_path / "nobody.html"
    no_body.write_text("<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>")
    bad = [missing, folder, empty, binary, no_body]
    result = runner.invoke(
        app, ["code", EXAMPLE, *map(str, bad), "--format", "jsonl"], catch_exceptions=False
    )
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == len(bad) + 1  # one line each, then the summary
    expected = {
        missing: "no such file",
        folder: "is a directory",
        empty: "file is empty",
        binary: "binary file",
        no_body: "empty body",
    }
    for path, problem in expected.items():
        assert any(str(path) in line and problem in line for line in errors), (path, errors)
    assert "Traceback" not in result.output
    assert json.loads(result.stdout.splitlines()[0])["doc_id"]


def test_text_in_another_encoding_is_decoded_with_a_warning(
    runner: CliRunner, tmp_path: Path, in_root: Path
) -> None:
    latin = tmp_path / "latin.txt"
    text = "Café diplomacy\n\nFrance sharply criticized Germany over the café tax dispute."
    latin.write_bytes(text.encode("cp1252"))
    result = runner.invoke(app, ["code", str(latin), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert f"{latin}: warning: not valid UTF-8" in result.stderr
    data = json.loads(result.stdout)
    assert data["document"]["title"] == "Café diplomacy"
    assert [(e["source"]["code"], e["target"]["code"]) for e in data["events"]] == [("FRA", "DEU")]


def test_bad_published_date(runner: CliRunner, in_root: Path) -> None:
    result = runner.invoke(app, ["code", EXAMPLE, "--published", "14/03/2019"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_dict_convert_writes_loadable_file(
    runner: CliRunner, tmp_path: Path, in_root: Path
) -> None:
    src = ROOT / "tests" / "fixtures" / "dictionaries"
    result = runner.invoke(app, ["dict", "convert", str(src), str(tmp_path), "--name", "tiny"])
    assert result.exit_code == 0, result.output
    from tieline.coding.dictionaries import DictionarySet

    loaded = DictionarySet.load(tmp_path / "tiny.tldict.gz")
    assert len(loaded.actors) == 5 and loaded.verbs.families[0].name == "VISIT"
    result = runner.invoke(
        app, ["code", EXAMPLE, "--dictionaries", str(tmp_path / "tiny.tldict.gz"), "-f", "jsonl"]
    )
    assert result.exit_code == 0


def test_dict_convert_reports_malformed_line(
    runner: CliRunner, tmp_path: Path, in_root: Path
) -> None:
    (tmp_path / "bad.verbs.txt").write_text("--- ASK [020] ---\nASK\n- * HELP\n")
    result = runner.invoke(app, ["dict", "convert", str(tmp_path), str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "bad.verbs.txt:3: malformed pattern" in result.stderr
    result = runner.invoke(
        app, ["dict", "convert", str(tmp_path), str(tmp_path / "out"), "--lenient"]
    )
    assert result.exit_code == 0 and "bad.verbs.txt:3" in result.stderr


def test_eval_petrarch_meets_pinned_floor(runner: CliRunner, shared_data: Path) -> None:
    floors = json.loads((ROOT / "tests" / "accuracy_floors.json").read_text())
    floor = floors["petrarch_unit_tests"]
    petr = shared_data / "petrarch"
    result = runner.invoke(
        app,
        [
            "eval",
            "petrarch",
            str(petr / "PETR.UnitTest.records.visible.xml"),
            "--dictionaries",
            str(petr),
        ],
    )
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    import re

    m = re.fullmatch(
        r"petrarch-suite: (\d+)/(\d+) records correct \((\d+\.\d)%\), "
        r"events precision (\d\.\d\d) recall (\d\.\d\d)",
        last,
    )
    assert m, last
    correct, total = int(m.group(1)), int(m.group(2))
    assert total == floor["records_total"]
    assert correct >= floor["records_correct"]
    assert float(m.group(4)) >= floor["events_precision"]
    assert float(m.group(5)) >= floor["events_recall"]
    for category in ("DEMO", "ACTOR", "AGENT", "COMPOUND", "DATE", "SYNSET", "VERB"):
        assert category in result.stdout
