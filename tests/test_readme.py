"""The README's quick start and commands stay true."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from tieline.cli import app

ROOT = Path(__file__).resolve().parents[1]


def test_quick_start_is_make_run_and_make_test() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_readme_commands_exist_with_their_options() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    runner = CliRunner()
    for command, options in [
        (
            ["code"],
            ["--format", "--published", "--model", "--dictionaries", "--reader", "--model-events"],
        ),
        (["train"], ["--data", "--out", "--seed"]),
        (["explain"], ["--sentence", "--format", "--published", "--model-events"]),
        (["dict", "convert"], ["--include", "--name", "--lenient"]),
        (["dict", "plover"], ["--manual", "--out"]),
        (["dates"], []),
        (["eval", "petrarch"], ["--dictionaries", "--show-errors"]),
        (["ingest"], ["--db", "--workers", "--published", "--engine", "--scheduler"]),
        (["batch"], ["--out", "--scheduler", "--workers", "--shard-size"]),
        (["load"], ["--db"]),
        (["fetch"], ["--db", "--archive", "--rate", "--timeout", "--retries"]),
        (["watch"], ["--every", "--once", "--db", "--archive", "--rate"]),
        (
            ["events"],
            [
                "--actor",
                "--country",
                "--pair",
                "--code",
                "--root",
                "--quad-class",
                "--since",
                "--until",
                "--modality",
                "--text",
                "--min-confidence",
                "--limit",
                "--page",
                "--format",
            ],
        ),  # fmt: skip
        (["export"], ["--format", "--db", "--pair", "--min-confidence"]),
        (["summary"], ["--db"]),
        (["dyad"], ["--db", "--since", "--until", "--by", "--include", "--format", "--plot"]),
        (["serve"], ["--db", "--host", "--port"]),
    ]:
        assert "tieline " + " ".join(command) in readme
        help_text = runner.invoke(app, [*command, "--help"], terminal_width=200).stdout
        for option in options:
            assert option in help_text, (command, option)


def test_readme_and_docs_send_users_only_to_files_a_clone_has() -> None:
    texts = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for path in texts:
        assert "../shared" not in path.read_text("utf-8"), path
    assert (ROOT / "docs" / "contract.md").exists()
