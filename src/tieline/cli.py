"""The ``tieline`` command line: thin functions that parse options and call the library."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tieline.errors import TielineError

app = typer.Typer(
    help="Code who-did-what-to-whom events from international-affairs text.",
    no_args_is_help=True,
    add_completion=False,
)
dict_app = typer.Typer(help="Dictionaries: convert PETRARCH-format files.", no_args_is_help=True)
eval_app = typer.Typer(help="Evaluate the coder on the field's test suites.", no_args_is_help=True)
app.add_typer(dict_app, name="dict")
app.add_typer(eval_app, name="eval")


class OutputFormat(StrEnum):
    """Output formats of ``tieline code``."""

    json = "json"
    jsonl = "jsonl"
    table = "table"


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"tieline: {message}", err=True)
    raise typer.Exit(code)


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        _fail(f"--published {value!r}: expected a date as YYYY-MM-DD")
    return None


@app.command()
def code(
    files: Annotated[list[Path], typer.Argument(help="Text or HTML files to code.")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date, YYYY-MM-DD, for documents that state none."),
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy English pipeline to use.")] = None,
    dictionaries: Annotated[
        Path | None, typer.Option(help="A tieline dictionary file (.tldict.gz).")
    ] = None,
    reader: Annotated[
        str | None, typer.Option(help="Force a reader: html, text, feed, jsonl or warc.")
    ] = None,
) -> None:
    """Code FILES and print their events (json: the data contract; table: for people).

    FILES may be HTML pages, plain-text scrapes, RSS/Atom feeds, JSON lines or WARC
    archives; each record that cannot be read gets one line on stderr.
    """
    from tieline.coding.coder import Coder
    from tieline.coding.dictionaries import DictionarySet
    from tieline.ingest.detect import read_path
    from tieline.ingest.records import Problem
    from tieline.output import print_results

    pub = _check_date(published)
    if reader is not None:
        from tieline.ingest.detect import READERS

        if reader not in READERS:
            _fail(f"--reader {reader!r}: known readers are {', '.join(sorted(READERS))}")
    documents = []
    failed = 0
    for path in files:
        for item in read_path(path, reader=reader):
            if isinstance(item, Problem):
                typer.echo(f"tieline: {item}", err=True)
                failed += int(item.error)
                continue
            if pub and not item.published:
                item.published = pub
            documents.append(item)
    if documents:
        try:
            dicts = DictionarySet.load(dictionaries) if dictionaries else None
            coder = Coder(dicts, model=model)
            results = list(coder.code_documents(documents))
        except TielineError as exc:
            _fail(str(exc))
        print_results(results, format.value, many=len(files) > 1 or len(documents) > 1)
    if failed:
        typer.echo(f"tieline: {failed} records failed", err=True)
        raise typer.Exit(1)


@dict_app.command("convert")
def dict_convert(
    src_dir: Annotated[Path, typer.Argument(help="Folder of PETRARCH-format dictionaries.")],
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the converted file to.")],
    include: Annotated[
        list[str] | None, typer.Option(help="Glob of files to take (repeatable).")
    ] = None,
    name: Annotated[str, typer.Option(help="Name of the output file.")] = "dictionaries",
    overlay: Annotated[
        list[Path] | None,
        typer.Option(help="Folder of PETRARCH-format files whose entries take precedence."),
    ] = None,
    lenient: Annotated[bool, typer.Option(help="Skip malformed lines with a warning.")] = False,
) -> None:
    """Convert PETRARCH verb/actor/agent/discard/issue files into tieline's format."""
    from tieline.coding.dictionaries import LoadReport, classify_petrarch_file, read_petrarch_set

    if not src_dir.is_dir():
        _fail(f"{src_dir}: not a directory")
    patterns = include or ["*.txt"]
    files = [p for d in overlay or [] for p in sorted(d.glob("*.txt")) if p.is_file()]
    files += sorted({p for g in patterns for p in src_dir.glob(g) if p.is_file()})
    kinds: dict[str, list[Path]] = {
        k: [] for k in ("verbs", "actors", "agents", "discards", "issues")
    }
    for f in files:
        kind = classify_petrarch_file(f)
        if kind:
            kinds[kind].append(f)
    if not any(kinds.values()):
        _fail(f"{src_dir}: no PETRARCH dictionary files matched {patterns}")
    report = LoadReport()
    try:
        result = read_petrarch_set(**kinds, lenient=lenient, report=report)
    except TielineError as exc:
        _fail(str(exc), 1)
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.tldict.gz"
    result.save(target)
    counts = ", ".join(f"{len(v)} {k} files" for k, v in kinds.items() if v)
    typer.echo(f"wrote {target} from {counts} ({len(report.warnings)} lines skipped)")


@eval_app.command("petrarch")
def eval_petrarch(
    records: Annotated[Path, typer.Argument(help="A PETRARCH validation records file (XML).")],
    dictionaries: Annotated[
        Path, typer.Option(help="Folder holding the dictionaries its <Environment> names.")
    ],
    model: Annotated[str | None, typer.Option(help="spaCy English pipeline to use.")] = None,
    show_errors: Annotated[bool, typer.Option(help="List the records coded wrongly.")] = False,
) -> None:
    """Code each record's text and compare with its expected codings."""
    from tieline.evaluation.petrarch import run_suite
    from tieline.output import print_suite

    try:
        result = run_suite(records, dictionaries, model=model)
    except TielineError as exc:
        _fail(str(exc), 1)
    print_suite(result, show_errors)


def main() -> None:
    """Entry point of the console script."""
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()


if __name__ == "__main__":
    main()
