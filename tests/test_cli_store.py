"""The store's commands: ingest, summary, events, export, dyad; bad databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tieline.cli import app

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("cli") / "t.db"
    result = CliRunner().invoke(
        app,
        ["ingest", str(ROOT / "examples"), "--db", str(path), "--no-progress", "--workers", "0"],
    )
    assert result.exit_code == 0, result.output
    assert "documents: 6 new, 0 unchanged" in result.stdout
    return str(path)


def test_summary_and_events(db: str) -> None:
    runner = CliRunner()
    summary = runner.invoke(app, ["summary", "--db", db])
    assert summary.exit_code == 0 and "6 documents" in summary.stdout
    rows = runner.invoke(app, ["events", "--db", db, "--pair", "JPN,RUS", "-f", "jsonl"])
    events = [json.loads(line) for line in rows.stdout.splitlines()]
    assert events and all(
        {e["source_country"], e["target_country"]} == {"JPN", "RUS"} for e in events
    )
    csv_out = runner.invoke(app, ["events", "--db", db, "-f", "csv", "--limit", "3"])
    assert csv_out.stdout.splitlines()[0].startswith("event_id,")
    assert len(csv_out.stdout.strip().splitlines()) == 4
    bad = runner.invoke(app, ["events", "--db", db, "--pair", "JPN"])
    assert bad.exit_code == 2 and "--pair" in bad.stderr


def test_events_and_export_filter_on_confidence(db: str, tmp_path: Path) -> None:
    runner = CliRunner()

    def events(*args: str) -> list[dict]:
        out = runner.invoke(app, ["events", "--db", db, "-f", "jsonl", "--limit", "9999", *args])
        assert out.exit_code == 0, out.output
        return [json.loads(line) for line in out.stdout.splitlines()]

    every = events()
    cut = sorted(e["confidence"] for e in every)[len(every) // 2]
    kept = events("--min-confidence", str(cut))
    assert 0 < len(kept) < len(every) and all(e["confidence"] >= cut for e in kept)
    assert len(kept) == sum(e["confidence"] >= cut for e in every)
    out = tmp_path / "high.csv"
    runner.invoke(app, ["export", str(out), "--db", db, "--min-confidence", str(cut)])
    assert len(out.read_text("utf-8").strip().splitlines()) == len(kept) + 1
    bad = runner.invoke(app, ["events", "--db", db, "--min-confidence", "2"])
    assert bad.exit_code == 2 and "--min-confidence" in bad.output


def test_polecat_export_carries_the_plover_mode(db: str, tmp_path: Path) -> None:
    from tieline.coding.ontology import plover_entry

    out = tmp_path / "p.jsonl"
    runner = CliRunner()
    assert runner.invoke(app, ["export", str(out), "-f", "polecat", "--db", db]).exit_code == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert records and any(r["mode"] for r in records)
    for r in records:
        entry = plover_entry(r["cameo"])
        assert entry and r["event_type"] == entry.type and isinstance(r["mode"], list)
        assert r["mode"] == [m for m in [entry.mode] if m] + (
            [{"future": "future", "hypothetical": "hypothetical", "negated": "negation"}[
                r["modality"]]] if r["modality"] in {"future", "hypothetical", "negated"} else []
        )  # fmt: skip
        assert set(entry.contexts) <= set(r["context"])


def test_export_formats(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt in ("csv", "parquet", "gdelt", "polecat"):
        out = tmp_path / f"e.{fmt}"
        result = runner.invoke(app, ["export", str(out), "--format", fmt, "--db", db])
        assert result.exit_code == 0 and out.stat().st_size > 0, result.output
    wrong = runner.invoke(app, ["export", str(tmp_path / "x"), "--format", "xml", "--db", db])
    assert wrong.exit_code == 2 and "xml" in wrong.stderr
    half = runner.invoke(app, ["export", str(tmp_path / "y"), "--pair", "JPN", "--db", db])
    assert half.exit_code == 2 and "--pair" in half.stderr and "Traceback" not in half.output


def test_dyad_json_table_and_plot(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    data = json.loads(runner.invoke(app, ["dyad", "JPN", "RUS", "--db", db, "-f", "json"]).stdout)
    assert data["total_events"] == sum(r["events"] for r in data["series"]) > 0
    assert {"series", "channels", "issues", "meetings"} <= set(data)
    png = tmp_path / "jr.png"
    table = runner.invoke(
        app, ["dyad", "JPN", "RUS", "--db", db, "--by", "year", "--plot", str(png)]
    )
    assert table.exit_code == 0 and "cooperation" in table.stdout
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = runner.invoke(app, ["dyad", "JPN", "RUS", "--db", db, "--by", "decade"])
    assert bad.exit_code == 2 and "--by" in bad.stderr


def _keys(value: object) -> object:
    """The keys of a JSON value, in order, with every leaf value as None."""
    if isinstance(value, dict):
        return {k: _keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_keys(v) for v in value]
    return None


def test_pair_json_keeps_its_keys(db: str) -> None:
    """The API's series and ``tieline dyad -f json`` serialise the analyses' records: the
    keys, their nesting and order are those served before the analyses returned records."""
    from fastapi.testclient import TestClient

    from tieline.store import open_store
    from tieline.web.app import create_app

    golden = json.loads((ROOT / "tests" / "golden" / "dyad-json-keys.json").read_text("utf-8"))
    cli = CliRunner().invoke(app, ["dyad", "JPN", "RUS", "--db", db, "-f", "json"])
    assert cli.exit_code == 0, cli.output
    store = open_store(f"sqlite:///{db}")
    try:
        with TestClient(create_app(store)) as client:
            series = client.get("/api/dyads/JPN/RUS/series").json()
    finally:
        store.close()
    assert json.dumps(_keys(series)) == json.dumps(golden["api_series"])
    assert json.dumps(_keys(json.loads(cli.stdout))) == json.dumps(golden["cli_dyad"])


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("postgresql://nobody@127.0.0.1:1/none", "cannot connect"),
        ("mysql://localhost/x", "unsupported database"),
    ],
)
def test_bad_database_is_one_line(url: str, problem: str) -> None:
    result = CliRunner().invoke(app, ["ingest", str(ROOT / "examples"), "--db", url])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and problem in lines[0] and "Traceback" not in result.output


def test_not_a_sqlite_file_is_left_alone(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("my notes")
    result = CliRunner().invoke(app, ["summary", "--db", str(notes)])
    assert result.exit_code == 1 and "not a SQLite database" in result.stderr
    assert notes.read_text() == "my notes"


@pytest.mark.parametrize(
    "command",
    [["summary"], ["events"], ["dyad", "JPN", "RUS"], ["export", "out.csv"]],
)
def test_reading_where_there_is_no_database_says_so_and_creates_nothing(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TIELINE_DB", raising=False)
    result = CliRunner().invoke(app, command)
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1, result.output
    assert "no tieline database here yet" in lines[0] and "tieline ingest" in lines[0]
    assert list(tmp_path.iterdir()) == []  # nothing was created by a read
    (tmp_path / "tieline.db").write_bytes(b"")  # an empty file is no database either
    again = CliRunner().invoke(app, command)
    assert again.exit_code == 1 and "no tieline database here yet" in again.stderr


def test_version_and_errors_that_name_the_option(db: str) -> None:
    runner = CliRunner()
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout.startswith("tieline ")
    since = runner.invoke(app, ["events", "--db", db, "--since", "2020-13-01"])
    assert since.exit_code == 2 and "--since '2020-13-01'" in since.stderr
    until = runner.invoke(app, ["dyad", "JPN", "RUS", "--db", db, "--until", "soon"])
    assert until.exit_code == 2 and "--until 'soon'" in until.stderr


def test_country_names_aliases_and_unknown_actors(db: str) -> None:
    runner = CliRunner()

    def events(*args: str) -> list[dict]:
        out = runner.invoke(app, ["events", "--db", db, "-f", "jsonl", "--limit", "999", *args])
        assert out.exit_code == 0, out.output
        return [json.loads(line) for line in out.stdout.splitlines()]

    by_code = events("--pair", "JPN,RUS")
    assert by_code and events("--pair", "Japan,Russia") == by_code
    assert events("--country", "japan") == events("--country", "JPN")
    named = runner.invoke(app, ["dyad", "Japan", "Russian Federation", "--db", db, "-f", "json"])
    assert json.loads(named.stdout)["pair"] == ["JPN", "RUS"]
    typo = runner.invoke(app, ["dyad", "Japn", "Russia", "--db", db])
    assert typo.exit_code == 2 and "unknown actor 'Japn' (did you mean Japan (JPN)?)" in typo.stderr


def test_list_options_take_commas(db: str) -> None:
    runner = CliRunner()
    commas = runner.invoke(app, ["dyad", "JPN", "RUS", "--db", db, "-f", "json",
                                 "--include", "future,reported"])  # fmt: skip
    repeated = runner.invoke(app, ["dyad", "JPN", "RUS", "--db", db, "-f", "json",
                                   "--include", "future", "--include", "reported"])  # fmt: skip
    assert commas.exit_code == 0, commas.output
    assert json.loads(commas.stdout)["modalities"] == ["asserted", "future", "reported"]
    assert commas.stdout == repeated.stdout
    bad = runner.invoke(app, ["dyad", "JPN", "RUS", "--db", db, "--include", "future,maybe"])
    assert bad.exit_code == 2 and "--include 'maybe'" in bad.stderr


def test_piped_tables_are_tab_separated_with_dates_at_their_precision(db: str) -> None:
    from tieline.output import date_shown

    out = CliRunner().invoke(app, ["events", "--db", db, "--limit", "50"])
    lines = out.stdout.splitlines()
    assert lines[0].split("\t") == ["date", "source", "event", "target", "modality", "sentence"]
    assert all(len(line.split("\t")) == 6 for line in lines[1:])
    assert (
        date_shown("2023-01-01", "2023-12-31", "year"),
        date_shown("2023-01-01", "2023-01-31", "month"),
    ) == ("2023", "2023-01")
    assert date_shown("2023-04-01", "2023-06-30", "quarter") == "2023-Q2"
    assert date_shown("2023-01-05", "2023-02-01", "range") == "2023-01-05…2023-02-01"
    assert date_shown("2023-01-05", "2023-01-05", "day") == "2023-01-05"


def test_gdelt_export_is_exactly_gdelt(db: str, tmp_path: Path) -> None:
    import csv as csv_module

    from tieline.export.writers import GDELT_COLUMNS, gdelt_row

    out = tmp_path / "events.gdelt.tsv"
    assert CliRunner().invoke(app, ["export", str(out), "-f", "gdelt", "--db", db]).exit_code == 0
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv_module.reader(fh, delimiter="\t", quoting=csv_module.QUOTE_NONE))
    assert rows and all(len(r) == 61 for r in rows)  # no header, 61 columns, no stray tabs
    assert rows[0][0].isdigit() and len(GDELT_COLUMNS) == 61
    url = [r[GDELT_COLUMNS.index("SOURCEURL")] for r in rows]
    assert all(u.startswith(("http", "file:///")) for u in url)
    assert any(u.startswith("file:///") for u in url)  # local files as file:// URIs
    mixed_db, note = tmp_path / "mixed.db", tmp_path / "note.txt"
    note.write_text(
        "Kenya and Uganda\n\nKenya signed a trade agreement with Uganda on Monday. "
        "Kenya will impose sanctions on Somalia next month.\n"
    )
    CliRunner().invoke(app, ["ingest", str(note), "--db", str(mixed_db), "--workers", "0"])
    asserted, every = tmp_path / "asserted.tsv", tmp_path / "all.tsv"
    CliRunner().invoke(app, ["export", str(asserted), "-f", "gdelt", "--db", str(mixed_db)])
    CliRunner().invoke(app, ["export", str(every), "-f", "gdelt", "--db", str(mixed_db),
                             "--include", "future,reported"])  # fmt: skip
    n_asserted, n_every = (len(p.read_text().splitlines()) for p in (asserted, every))
    assert 0 < n_asserted < n_every  # future events only when asked for
    extended = tmp_path / "ext.tsv"
    CliRunner().invoke(app, ["export", str(extended), "-f", "gdelt-extended", "--db", db])
    assert extended.read_text().splitlines()[0].startswith("GLOBALEVENTID\tSQLDATE")
    igo = gdelt_row({
        "cluster_id": "ab" * 16, "date_start": "2020-01-02", "source_code": "IGOUNO",
        "source_name": "United Nations", "source_country": "IGOUNO", "source_sector": None,
        "target_code": "SYR", "target_name": "Syria", "target_country": "SYR",
        "target_sector": None, "cameo": "0256", "cameo_root": "02", "quad_class": 1,
        "goldstein": 3.0, "num_mentions": 1, "num_sources": 1, "num_articles": 1,
        "ingested_at": "2020-01-02T10:00:00", "url": None, "source_path": "/data/un.txt",
    })  # fmt: skip
    assert (igo["Actor1KnownGroupCode"], igo["Actor1CountryCode"]) == ("UNO", "")
    assert igo["Actor2CountryCode"] == "SYR" and igo["SOURCEURL"] == "file:///data/un.txt"


def test_read_events_keeps_codes_as_text(db: str, tmp_path: Path) -> None:
    import tieline

    for fmt, name in (("csv", "e.csv"), ("parquet", "e.parquet"), ("gdelt", "g.tsv")):
        out = tmp_path / name
        assert CliRunner().invoke(app, ["export", str(out), "-f", fmt, "--db", db]).exit_code == 0
        frame = tieline.read_events(out)
        code = "cameo" if fmt != "gdelt" else "EventCode"
        assert len(frame) > 0 and all(isinstance(c, str) for c in frame[code])
        assert any(c.startswith("0") for c in frame[code])  # "036" stays "036"
    frame = tieline.read_events(tmp_path / "e.csv")
    assert str(frame["date_start"].dtype).startswith("datetime64")


def test_events_csv_and_export_csv_share_one_writer(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    printed = runner.invoke(app, ["events", "--db", db, "-f", "csv", "--limit", "100000"])
    out = tmp_path / "all.csv"
    runner.invoke(app, ["export", str(out), "--db", db])
    header = printed.stdout.splitlines()[0]
    assert header == out.read_text("utf-8").splitlines()[0]
    assert sorted(printed.stdout.splitlines()) == sorted(out.read_text("utf-8").splitlines())


def test_dyad_table_prints_no_python_lists(db: str) -> None:
    out = CliRunner().invoke(app, ["dyad", "JPN", "RUS", "--db", db])
    assert out.exit_code == 0 and "meetings" in out.stdout
    assert "[]" not in out.stdout and "['" not in out.stdout
