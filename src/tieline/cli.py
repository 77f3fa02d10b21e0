"""The ``tieline`` command line: thin functions that parse options and call the library."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from tieline.errors import TielineError

if TYPE_CHECKING:
    from tieline.batch.cluster import BatchReport
    from tieline.batch.ingest import IngestReport
    from tieline.evaluation.realtext import DocumentsSuite, SentencesSuite
    from tieline.ingest.records import Limits
    from tieline.store import Store

app = typer.Typer(
    help="Code who-did-what-to-whom events from international-affairs text.",
    no_args_is_help=True,
    add_completion=False,
)
dict_app = typer.Typer(help="Dictionaries: convert PETRARCH-format files.", no_args_is_help=True)
eval_app = typer.Typer(help="Evaluate the coder on the field's test suites.", no_args_is_help=True)


def _version(value: bool) -> None:
    if value:
        from tieline import __version__

        typer.echo(f"tieline {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Code who-did-what-to-whom events from international-affairs text."""


app.add_typer(dict_app, name="dict")
app.add_typer(eval_app, name="eval")


class OutputFormat(StrEnum):
    """Output formats of ``tieline code``."""

    json = "json"
    jsonl = "jsonl"
    table = "table"


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"tieline: {message}", err=True)
    raise typer.Exit(code)


def _check_date(value: str | None, option: str = "--published") -> str | None:
    """A YYYY-MM-DD date, or a one-line error naming ``option``."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        _fail(f"{option} {value!r}: expected a date as YYYY-MM-DD")
    return None


ModelEventsOption = Annotated[
    str,
    typer.Option(
        "--model-events",
        help="The event-type model's second opinion: off (rules alone), on (hybrid), "
        "auto (the measured default).",
    ),
]


def _second_opinion(mode: str) -> Any:
    """The hybrid coder's second opinion for ``--model-events`` (None: rules alone)."""
    from tieline.eventtype.hybrid import second_opinion_for

    try:
        return second_opinion_for(mode)
    except ValueError as exc:
        _fail(str(exc))


def _split(values: list[str] | None) -> list[str]:
    """A repeatable option's values, each of which may also be a comma-separated list."""
    return [part.strip() for v in values or [] for part in v.split(",") if part.strip()]


def _country(value: str, what: str) -> str:
    """The code a user means by a country name, alias or code; an error suggesting names."""
    from tieline.coding.countries import country_from_user, country_suggestions

    code = country_from_user(value)
    if code is None:
        near = country_suggestions(value)
        hint = f" (did you mean {' or '.join(near)}?)" if near else " (a country name or code)"
        _fail(f"{what}: unknown actor {value!r}{hint}")
    return code


@app.command()
def code(
    files: Annotated[list[Path], typer.Argument(help="Text or HTML files to code; - reads stdin.")],
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
    model_events: ModelEventsOption = "auto",
) -> None:
    """Code FILES and print their events (json: the data contract; table: for people).

    FILES may be HTML pages, plain-text scrapes, RSS/Atom feeds, JSON lines or WARC
    archives; each record that cannot be read gets one line on stderr.
    """
    from tieline.coding.coder import Coder
    from tieline.coding.dictionaries import DictionarySet
    from tieline.ingest.detect import read_source
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
        for item in read_source(path, reader=reader):
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
            coder = Coder(dicts, model=model, second_opinion=_second_opinion(model_events))
            results = list(coder.code_documents(documents))
        except TielineError as exc:
            _fail(str(exc))
        for r in results:
            if r.document.language != "en":
                where = r.document.source_path or r.document.id
                typer.echo(f"tieline: {where}: skipped: language {r.document.language} "
                           "(only English is coded)", err=True)  # fmt: skip
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


@dict_app.command("plover")
def dict_plover(
    table: Annotated[Path, typer.Argument(help="The OEDA's CAMEO2PLOVER table (text).")],
    manual: Annotated[Path, typer.Option(help="The PLOVER manual (LaTeX) to check it against.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="TSV to write.")],
) -> None:
    """Convert the CAMEO to PLOVER table into tieline's TSV, following the manual."""
    from tieline.coding.plover_table import convert

    for path in (table, manual):
        if not path.is_file():
            _fail(f"{path}: no such file")
    try:
        text = convert(table.read_text("utf-8"), manual.read_text("utf-8"))
    except ValueError as exc:
        _fail(f"{table}: {exc}", 1)
    out.write_text(text, "utf-8")
    rows = sum(1 for line in text.splitlines() if line and not line.startswith("#"))
    typer.echo(f"wrote {out}: {rows} CAMEO codes")


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


class EvalFormat(StrEnum):
    """Output formats of ``tieline eval documents|sentences``."""

    text = "text"
    json = "json"


def _print_suite_report(
    suite: DocumentsSuite | SentencesSuite, format: EvalFormat, quiet: bool
) -> None:
    import json as _json

    if format is EvalFormat.json:
        items = getattr(suite, "documents", None) or getattr(suite, "sentences", [])
        detail = [
            {
                "id": getattr(i, "doc_id", None) or getattr(i, "sentence_id", None),
                "misses": i.misses,
                "false_positives": i.false_positives,
            }
            for i in items
        ]
        typer.echo(_json.dumps({"figures": suite.figures, "items": detail}, indent=1))
        return
    if not quiet:
        for item in getattr(suite, "documents", None) or getattr(suite, "sentences", []):
            name = getattr(item, "doc_id", None) or getattr(item, "sentence_id", "")
            for line in item.misses + item.false_positives:
                typer.echo(f"{name} {line}")
    typer.echo(suite.summary_line())


@eval_app.command("documents")
def eval_documents(
    docs: Annotated[
        Path, typer.Argument(help="JSONL documents: id, url, title, published, authors, text.")
    ],
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold files named <id>.json.")],
    format: Annotated[EvalFormat, typer.Option("--format", "-f")] = EvalFormat.text,
    quiet: Annotated[bool, typer.Option(help="Print only the closing line.")] = False,
    model: Annotated[str | None, typer.Option(help="spaCy English pipeline to use.")] = None,
    model_events: ModelEventsOption = "auto",
) -> None:
    """Code each document and score it against its gold events (must-recall, recall, precision)."""
    from tieline.coding.coder import Coder
    from tieline.evaluation.realtext import evaluate_documents

    for path, kind in ((docs, "file"), (gold_dir, "folder")):
        if not path.exists():
            _fail(f"{path}: no such {kind}")
    try:
        coder = Coder(model=model, second_opinion=_second_opinion(model_events))
        suite = evaluate_documents(docs, gold_dir, coder)
    except TielineError as exc:
        _fail(str(exc), 1)
    _print_suite_report(suite, format, quiet)


@eval_app.command("sentences")
def eval_sentences(
    file: Annotated[Path, typer.Argument(help="JSONL sentences with hand-coded events.")],
    format: Annotated[EvalFormat, typer.Option("--format", "-f")] = EvalFormat.text,
    quiet: Annotated[bool, typer.Option(help="Print only the closing line.")] = False,
    model: Annotated[str | None, typer.Option(help="spaCy English pipeline to use.")] = None,
    model_events: ModelEventsOption = "auto",
) -> None:
    """Code each sentence (after its context) and score events recall, precision, root."""
    from tieline.coding.coder import Coder
    from tieline.evaluation.realtext import evaluate_sentences

    if not file.exists():
        _fail(f"{file}: no such file")
    try:
        coder = Coder(model=model, second_opinion=_second_opinion(model_events))
        suite = evaluate_sentences(file, coder)
    except TielineError as exc:
        _fail(str(exc), 1)
    _print_suite_report(suite, format, quiet)


@app.command()
def explain(
    file: Annotated[Path, typer.Argument(help="A document to code (any input tieline reads).")],
    sentence: Annotated[
        int | None, typer.Option(help="Show only this sentence (its index in the document).")
    ] = None,
    format: Annotated[EvalFormat, typer.Option("--format", "-f")] = EvalFormat.text,
    published: Annotated[
        str | None, typer.Option(help="Publication date, YYYY-MM-DD, if the file states none.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy English pipeline to use.")] = None,
    model_events: ModelEventsOption = "auto",
) -> None:
    """Show, sentence by sentence, what the coder saw and decided: parse, actors and how
    each was resolved, verbs and the pattern that matched (or why none did), date and
    modality cues, events."""
    import json as _json

    from tieline.coding.coder import Coder
    from tieline.coding.explain import explain_documents
    from tieline.ingest.detect import read_source
    from tieline.ingest.records import Problem
    from tieline.output import print_explanation

    pub = _check_date(published)
    if str(file) != "-" and not file.exists():
        _fail(f"{file}: no such file")
    documents = []
    for item in read_source(file):
        if isinstance(item, Problem):
            typer.echo(f"tieline: {item}", err=True)
        else:
            if pub and not item.published:
                item.published = pub
            documents.append(item)
    if not documents:
        _fail(f"{file}: no document could be read", 1)
    coder = Coder(model=model, second_opinion=_second_opinion(model_events))
    records = list(explain_documents(coder, documents))
    for record in records:
        if sentence is not None:
            record["sentences"] = [
                s for s in record["sentences"] if s["sentence_index"] == sentence
            ]
    if format is EvalFormat.json:
        typer.echo(_json.dumps(records if len(records) > 1 else records[0], indent=1))
    else:
        for record in records:
            print_explanation(record)


@app.command()
def train(
    data: Annotated[
        Path, typer.Option(help="The eventtrain folder (cooperation, conflict, passages).")
    ] = Path("../shared/data/eventtrain"),
    out: Annotated[Path, typer.Option(help="Where to write the model file.")] = Path(
        "src/tieline/data/eventtype.model.gz"
    ),
    seed: Annotated[int, typer.Option(help="The training seed.")] = 13,
    model: Annotated[str | None, typer.Option(help="spaCy English pipeline to use.")] = None,
) -> None:
    """Train the event-type model on eventtrain (never on the development sets) and write it;
    prints the file's sha256 (the same seed gives the same file)."""
    import hashlib
    from dataclasses import replace

    from tieline.eventtype.classifier import TrainingSettings
    from tieline.eventtype.training import train_model
    from tieline.nlp.pipeline import load_pipeline

    if not data.is_dir():
        _fail(f"{data}: no such folder")
    fitted = train_model(data, load_pipeline(model), replace(TrainingSettings(), seed=seed))
    fitted.save(out)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    typer.echo(f"{out}: {len(fitted.vocabulary)} features, sha256 {digest}")


@app.command()
def dates(
    file: Annotated[
        Path, typer.Argument(help='JSONL lines {"text", "published", "sentence"}; - for stdin.')
    ],
) -> None:
    """Resolve temporal expressions: one JSON line each with value, start, end, precision."""
    import json as _json

    from tieline.nlp.dates import resolve_record

    if str(file) == "-":
        lines = sys.stdin.read().splitlines()
    elif not file.is_file():
        _fail(f"{file}: no such file")
    else:
        lines = file.read_text("utf-8").splitlines()
    failed = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = _json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("expected a JSON object")
            typer.echo(_json.dumps(resolve_record(record), ensure_ascii=False))
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            failed += 1
            typer.echo(f"tieline: {file}:{number}: {exc}", err=True)
            empty = {"text": None, "value": None, "start": None, "end": None, "precision": None}
            typer.echo(_json.dumps(empty | {"error": str(exc)}))
    if failed:
        raise typer.Exit(1)


MODALITIES = ("asserted", "negated", "future", "hypothetical", "reported")


def _check_pair(pair: str | None) -> tuple[str, str] | None:
    """Two country codes from ``JPN,RUS`` (or ``JPN-RUS``); a clear error otherwise."""
    if not pair:
        return None
    parts = [p.strip() for p in pair.split(",") if p.strip()]
    if len(parts) == 1 and "-" in pair and pair.count("-") == 1:
        parts = [p.strip() for p in pair.split("-")]
    if len(parts) != 2:
        _fail(f"--pair {pair!r}: expected two countries such as JPN,RUS or Japan,Russia")
    return _country(parts[0], "--pair"), _country(parts[1], "--pair")


def _check_modality(modality: str | None, option: str = "--modality") -> None:
    """Refuse a modality tieline does not code."""
    if modality and modality not in MODALITIES:
        _fail(f"{option} {modality!r}: expected one of {', '.join(MODALITIES)}")


DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL or SQLite path (default: TIELINE_DB or ./tieline.db)."),
]

MinConfidenceOption = Annotated[
    float | None,
    typer.Option(min=0.0, max=1.0, help="Only events whose confidence is at least this (0-1)."),
]


def _open_store(db: str | None, create: bool = True) -> Store:
    from tieline.store import open_store

    try:
        return open_store(db, create=create)
    except TielineError as exc:
        _fail(str(exc), 1)


class Engine(StrEnum):
    """Where ``tieline ingest`` codes: a local process pool or a Dask cluster."""

    local = "local"
    dask = "dask"


SchedulerOption = Annotated[
    str | None,
    typer.Option(help="Address of a running Dask scheduler (tcp://host:8786); default: a "
                 "local cluster of --workers processes."),
]  # fmt: skip


PublishedOption = Annotated[
    str | None, typer.Option(help="Publication date for documents that state none.")
]
ModelOption = Annotated[str | None, typer.Option(help="spaCy English pipeline to use.")]
DictionariesOption = Annotated[
    Path | None, typer.Option(help="A tieline dictionary file (.tldict.gz).")
]
ProgressOption = Annotated[bool, typer.Option(help="Show a progress bar.")]
MaxCharsOption = Annotated[int, typer.Option(min=1, help="Longest document coded, in characters.")]
MaxRecordOption = Annotated[
    int, typer.Option(min=1, help="Largest WARC record or feed, in MB once inflated.")
]


@app.command()
def ingest(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders (recursive), globs, or - for stdin.")
    ],
    db: DbOption = None,
    workers: Annotated[
        int, typer.Option(min=0, help="Coding processes beside the writer (0: code in-process).")
    ] = 1,
    published: PublishedOption = None,
    model: ModelOption = None,
    dictionaries: DictionariesOption = None,
    progress: ProgressOption = True,
    max_chars: MaxCharsOption = 2_000_000,
    max_record: MaxRecordOption = 50,
    engine: Annotated[
        Engine, typer.Option(help="local: a process pool; dask: a Dask cluster (docs/cluster.md).")
    ] = Engine.local,
    scheduler: Annotated[
        str | None, typer.Option(help="With --engine dask: a running scheduler's address.")
    ] = None,
) -> None:
    """Code INPUTS and store documents, sentences and events (idempotent, resumable)."""
    if engine is Engine.dask:
        limits = _limits(max_chars, max_record)
        _ingest_dask(inputs, db, scheduler, workers, published, model, dictionaries, progress,
                     limits)  # fmt: skip
        return
    if scheduler:
        _fail("--scheduler needs --engine dask")
    from tieline.batch.ingest import ingest as run_ingest
    from tieline.batch.local import expand_inputs
    from tieline.batch.progress import print_problem, tally

    pub = _check_date(published)
    store = _open_store(db)
    names = expand_inputs(inputs)
    with tally("ingest", "files", progress, total=len(names)) as bar:
        try:
            report = run_ingest(
                store, names, workers, model, str(dictionaries) if dictionaries else None,
                pub, on_file=lambda _name, n: bar.advance(n), on_problem=print_problem,
                limits=_limits(max_chars, max_record),
            )  # fmt: skip
        except TielineError as exc:
            _fail(str(exc), 1)
    _print_stored(report, store)
    if report.as_counts()["docs_failed"]:
        raise typer.Exit(1)


def _print_stored(report: IngestReport, store: Store, unchanged: int = 0) -> None:
    """The closing line of ingest and load: what the run stored."""
    c = report.as_counts()
    typer.echo(
        f"documents: {c['docs_new']} new, {c['docs_unchanged'] + unchanged} unchanged, "
        f"{c['docs_updated']} updated, {c['docs_duplicate']} near-duplicate, "
        f"{c['docs_failed']} failed; events stored: {c['events_stored']} "
        f"(run {report.run_id}, {store.url})"
        + "".join(f"; skipped: language {lang} {n}" for lang, n in report.skipped_languages.items())
    )


def _limits(max_chars: int, max_record: int) -> Limits:
    from tieline.ingest.records import Limits

    return Limits(max_record_bytes=max_record * 1024 * 1024, max_chars=max_chars)


def _ingest_dask(
    inputs: list[str], db: str | None, scheduler: str | None, workers: int,
    published: str | None, model: str | None, dictionaries: Path | None, progress: bool,
    limits: Limits,
) -> None:  # fmt: skip
    """``tieline ingest --engine dask``: batch into a temporary shard folder, then load it."""
    import shutil
    import tempfile

    from tieline.batch.load import load as run_load
    from tieline.batch.progress import print_problem, tally

    pub = _check_date(published)
    store = _open_store(db)
    folder = tempfile.mkdtemp(prefix="tieline-shards-")
    try:
        batch_report = _run_batch(
            inputs, folder, scheduler, workers, None, pub, model, dictionaries, progress, limits,
            known=store.has_document,
        )  # fmt: skip
        with tally("load", "shards", progress) as bar:
            report = run_load(store, folder, bar.on_shard, on_plan=bar.set_total)
    except TielineError as exc:
        _fail(str(exc), 1)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for p in batch_report.problems + report.problems:
        print_problem(p)
    report.counts["docs_failed"] += batch_report.documents_failed
    unchanged = batch_report.documents_known + batch_report.documents_repeated
    _print_stored(report, store, unchanged)
    if report.as_counts()["docs_failed"]:
        raise typer.Exit(1)


def _run_batch(
    inputs: list[str], out: str, scheduler: str | None, workers: int | None,
    shard_size: int | None, published: str | None, model: str | None,
    dictionaries: Path | None, progress: bool, limits: Limits,
    known: Callable[[str], bool] | None = None,
) -> BatchReport:  # fmt: skip
    """Run a batch on a Dask cluster with a progress bar; TielineError for bad settings."""
    import os

    from tieline.batch.cluster import SHARD_DOCS, dask_client, run_batch
    from tieline.batch.local import expand_inputs
    from tieline.batch.progress import batch_progress

    names = expand_inputs(inputs)
    n = workers if workers is not None else os.cpu_count() or 1
    with dask_client(scheduler, max(1, n)) as client, batch_progress(progress) as update:
        return run_batch(
            client, names, out, shard_size or SHARD_DOCS, model,
            str(dictionaries) if dictionaries else None, published, limits, known, update,
        )  # fmt: skip


@app.command()
def batch(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders (recursive), globs, or - for stdin.")
    ],
    out: Annotated[
        str, typer.Option("--out", help="Shard folder: a path or an fsspec URL (s3://…).")
    ],
    scheduler: SchedulerOption = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes of the local cluster (default: one per core)."),
    ] = None,
    shard_size: Annotated[
        int | None, typer.Option(min=1, help="Documents per task and shard (default 100).")
    ] = None,
    published: PublishedOption = None,
    model: ModelOption = None,
    dictionaries: DictionariesOption = None,
    progress: ProgressOption = True,
    max_chars: MaxCharsOption = 2_000_000,
    max_record: MaxRecordOption = 50,
) -> None:
    """Code INPUTS on a Dask cluster into Parquet shards under --out (no database).

    A rerun skips the shards already written; `tieline load` stores them.
    """
    from tieline.batch.progress import print_problem

    if scheduler and workers is not None:
        _fail("--scheduler and --workers: give one (--workers starts a local cluster)")
    pub = _check_date(published)
    try:
        report = _run_batch(inputs, out, scheduler, workers, shard_size, pub, model,
                            dictionaries, progress, _limits(max_chars, max_record))  # fmt: skip
    except TielineError as exc:
        _fail(str(exc), 1)
    for p in report.problems:
        print_problem(p)
    typer.echo(
        f"shards: {report.written} written, {report.skipped} already done, {report.failed} "
        f"failed; documents: {report.documents} coded ({report.events} events), "
        f"{report.documents_skipped} in finished shards, {report.documents_failed} failed "
        f"({out})"
    )
    if report.documents_failed:
        raise typer.Exit(1)


@app.command()
def load(
    shards: Annotated[str, typer.Argument(help="Shard folder written by `tieline batch`.")],
    db: DbOption = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
) -> None:
    """Store the shards of `tieline batch` (the single writer; loading again stores nothing
    new, a killed load resumes)."""
    from tieline.batch.load import load as run_load
    from tieline.batch.progress import print_problem, tally

    store = _open_store(db)
    try:
        with tally("load", "shards", progress) as bar:
            report = run_load(store, shards, bar.on_shard, print_problem, bar.set_total)
    except TielineError as exc:
        _fail(str(exc), 1)
    _print_stored(report, store)
    if report.as_counts()["docs_failed"]:
        raise typer.Exit(1)


@app.command()
def fetch(
    urls: Annotated[list[str], typer.Argument(help="Pages to fetch (http or https).")],
    db: DbOption = None,
    archive: Annotated[
        Path, typer.Option(help="Folder of the run's WARC file (kept for offline re-coding).")
    ] = Path("tieline-archive"),
    rate: Annotated[float, typer.Option(min=0.01, help="Requests per second per host.")] = 1.0,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds before giving up.")] = 20.0,
    retries: Annotated[int, typer.Option(min=0, help="Retries after a 5xx or a timeout.")] = 3,
    max_bytes: Annotated[int, typer.Option(min=1, help="Largest page accepted, in bytes.")] = 10
    * 1024
    * 1024,
    workers: Annotated[int, typer.Option(min=0, help="Coding processes (0: here).")] = 1,
) -> None:
    """Download pages politely (robots.txt, per-host rate, retries), keep every response in
    a WARC archive, and ingest them like `tieline ingest ARCHIVE.warc.gz` would."""
    from datetime import UTC, datetime

    from tieline.batch.ingest import ingest as run_ingest
    from tieline.ingest.fetch import Fetched, Fetcher, archive_pages

    store = _open_store(db)
    pages, answers, failed = [], [], 0  # answers: every response, kept in the archive
    with Fetcher(rate=rate, timeout=timeout, retries=retries, max_bytes=max_bytes) as fetcher:
        for url in urls:
            result = fetcher.fetch(url)
            if isinstance(result, Fetched):
                pages.append(result)
                answers.append(result)
            else:
                failed += 1
                typer.echo(f"tieline: {result}", err=True)
                if result.response is not None:
                    answers.append(result.response)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = archive / f"tieline-{stamp}.warc.gz"
    if pages:
        try:
            archive_pages(answers, path)
        except OSError as exc:
            _fail(f"{path}: cannot write the archive ({exc.strerror})", 1)
        report = run_ingest(
            store, [str(path)], workers=workers,
            on_problem=lambda p: typer.echo(f"tieline: {p}", err=True),
        )  # fmt: skip
        c = report.as_counts()
        failed += c["docs_failed"]
        typer.echo(
            f"fetched {len(pages)} of {len(urls)} pages into {path}; documents: "
            f"{c['docs_new']} new, {c['docs_unchanged']} unchanged, {c['docs_updated']} "
            f"updated, {c['docs_duplicate']} near-duplicate; events stored: {c['events_stored']}"
        )
    else:
        typer.echo(f"fetched 0 of {len(urls)} pages")
    if failed:
        raise typer.Exit(1)


def _interval(value: str) -> float:
    """Seconds in an interval such as 15m, 1h, 30s or 900."""
    import re as re_module

    m = re_module.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", value)
    if not m:
        _fail(f"--every {value!r}: expected an interval such as 30s, 15m or 1h")
    assert m is not None
    return float(m[1]) * {"": 1, "s": 1, "m": 60, "h": 3600}[m[2]]


@app.command()
def watch(
    sources: Annotated[Path, typer.Argument(help="A TOML file of [[source]] feeds and sitemaps.")],
    db: DbOption = None,
    every: Annotated[str, typer.Option(help="How often to poll: 30s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option(help="Poll each source once and exit (cron).")] = False,
    archive: Annotated[
        Path, typer.Option(help="Folder of the WARC files kept for offline re-coding.")
    ] = Path("tieline-archive"),
    rate: Annotated[float, typer.Option(min=0.01, help="Requests per second per host.")] = 1.0,
    workers: Annotated[int, typer.Option(min=0, help="Coding processes (0: here).")] = 0,
) -> None:
    """Poll feeds and sitemaps, fetch their new entries and store them; state lives in the
    store, so a restarted watcher takes up where it stopped."""
    import time as time_module

    from tieline.batch.watch import load_sources, poll
    from tieline.ingest.fetch import Fetcher

    seconds = _interval(every)
    try:
        listed = load_sources(sources)
    except TielineError as exc:
        _fail(str(exc))
    store = _open_store(db)
    while True:
        failed = 0
        for source in listed:
            with Fetcher(rate=source.rate or rate) as fetcher:
                outcome = poll(store, source, archive, fetcher, workers)
            for problem in outcome.problems:
                typer.echo(f"tieline: {source.name}: {problem}", err=True)
            failed += int(outcome.failed)
            typer.echo(f"{source.name}: {outcome.status}; {outcome.new_docs} documents stored")
        if once:
            if failed == len(listed):
                raise typer.Exit(1)  # every source failed
            return
        time_module.sleep(seconds)


@app.command()
def summary(db: DbOption = None) -> None:
    """Print what the store holds: documents, events, clusters and the busiest pairs."""
    store = _open_store(db, create=False)
    s = store.summary()
    typer.echo(
        f"{s['documents']} documents ({s['duplicates']} near-duplicates), {s['events']} events "
        f"in {s['clusters']} event clusters ({store.url})"
    )
    for source, target, n in s["top_pairs"]:
        typer.echo(f"  {source} -> {target}: {n}")
    from tieline.batch.watch import watch_summary

    for s in watch_summary(store):
        typer.echo(
            f"  watched {s['name']}: last poll {s['last_poll']} ({s['last_status']}), "
            f"{s['docs_new']} documents stored, {s['failures']} failures"
        )
    runs = store.recent_runs()
    if runs:
        typer.echo("latest ingest runs:")
    for run in runs:
        typer.echo(
            f"  run {run['id']} {run['started_at']} {run['status']}: {run['docs_new']} new, "
            f"{run['docs_unchanged']} unchanged, {run['docs_failed']} failed, "
            f"{run['events_stored']} events"
        )


class EventsFormat(StrEnum):
    """Output formats of ``tieline events``."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def events(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Actor code prefix, either side.")] = None,
    country: Annotated[str | None, typer.Option(help="Country code, either side.")] = None,
    pair: Annotated[
        str | None, typer.Option(help="Two country codes, either direction: JPN,RUS.")
    ] = None,
    code: Annotated[str | None, typer.Option(help="CAMEO code or its prefix.")] = None,
    root: Annotated[str | None, typer.Option(help="CAMEO root code (01-20).")] = None,
    quad_class: Annotated[int | None, typer.Option(min=1, max=4, help="QuadClass 1-4.")] = None,
    since: Annotated[str | None, typer.Option(help="Events dated from YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Events dated up to YYYY-MM-DD.")] = None,
    modality: Annotated[
        str | None, typer.Option(help="asserted, negated, future, hypothetical or reported.")
    ] = None,
    text: Annotated[str | None, typer.Option(help="Words the sentence contains.")] = None,
    min_confidence: MinConfidenceOption = None,
    limit: Annotated[int, typer.Option(min=1, max=100000, help="Events per page.")] = 50,
    page: Annotated[int, typer.Option(min=1, help="Page number.")] = 1,
    format: Annotated[EventsFormat, typer.Option("--format", "-f")] = EventsFormat.table,
) -> None:
    """Query stored events."""
    import json as json_module

    from tieline.store.queries import EventFilter

    pair_codes = _check_pair(pair)
    _check_modality(modality)
    f = EventFilter(
        actor=actor, country=_country(country, "--country") if country else None,
        pair=pair_codes, code=code, root=root,
        quad_class=quad_class, since=_check_date(since, "--since"),
        until=_check_date(until, "--until"),
        modality=modality, text=text, min_confidence=min_confidence,
    )  # fmt: skip
    store = _open_store(db, create=False)
    rows = store.events(f, limit=limit, offset=(page - 1) * limit)
    if format == EventsFormat.json:
        typer.echo(json_module.dumps(rows, ensure_ascii=False, indent=2))
    elif format == EventsFormat.jsonl:
        for row in rows:
            typer.echo(json_module.dumps(row, ensure_ascii=False))
    elif format == EventsFormat.csv:
        from tieline.export.writers import write_csv_rows

        write_csv_rows(sys.stdout, rows)  # the export's writer and columns
    else:
        from tieline.output import print_event_rows

        print_event_rows(rows, page)


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="File to write.")],
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="csv, parquet, gdelt, gdelt-extended or polecat."),
    ] = "csv",
    db: DbOption = None,
    pair: Annotated[str | None, typer.Option(help="Only events between two countries.")] = None,
    modality: Annotated[str | None, typer.Option(help="Only events of this modality.")] = None,
    include: Annotated[
        list[str] | None,
        typer.Option(help="Besides asserted events, these modalities (GDELT holds only asserted)."),
    ] = None,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Export stored events: canonical CSV/Parquet, GDELT 2.0-style, POLECAT-style."""
    from tieline.export import EXPORTERS
    from tieline.export import export as run_export
    from tieline.store.queries import EventFilter

    if format not in EXPORTERS:
        _fail(f"--format {format!r}: known formats are {', '.join(sorted(EXPORTERS))}")
    pair_codes = _check_pair(pair)
    _check_modality(modality)
    extra = _split(include)
    for m in extra:
        _check_modality(m, "--include")
    modalities = ("asserted", *extra) if extra else None
    store = _open_store(db, create=False)
    try:
        f = EventFilter(
            pair=pair_codes, modality=modality, modalities=modalities,
            min_confidence=min_confidence,
        )  # fmt: skip
        n = run_export(store, format, out, f)
    except OSError as exc:
        _fail(f"{out}: cannot write ({exc.strerror})", 1)
    typer.echo(f"wrote {n} rows to {out} ({format})")


class DyadFormat(StrEnum):
    """Output formats of ``tieline dyad``."""

    table = "table"
    json = "json"


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="A country code, e.g. JPN.")],
    b: Annotated[str, typer.Argument(help="Another country code, e.g. RUS.")],
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="From YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to YYYY-MM-DD.")] = None,
    by: Annotated[str, typer.Option(help="month, quarter or year.")] = "month",
    include: Annotated[
        list[str] | None,
        typer.Option(help="Also count these modalities (negated, future, hypothetical, reported)."),
    ] = None,
    format: Annotated[DyadFormat, typer.Option("--format", "-f")] = DyadFormat.table,
    plot: Annotated[Path | None, typer.Option(help="Write a chart (.png or .svg).")] = None,
) -> None:
    """How the relationship between A and B moves: index, channels, issues, meetings."""
    import json as json_module

    from tieline.analysis.dyads import PERIODS, Window
    from tieline.analysis.report import dyad_report
    from tieline.output import plot_report

    if by not in PERIODS:
        _fail(f"--by {by!r}: expected month, quarter or year")
    include = _split(include)
    modalities = ["asserted", *include]
    for m in include:
        _check_modality(m, "--include")
    if plot is not None and plot.suffix.lower() not in {".png", ".svg"}:
        _fail(f"--plot {plot}: the file name must end in .png or .svg")
    store = _open_store(db, create=False)
    a, b = _country(a, "A"), _country(b, "B")
    w = Window.of(a, b, _check_date(since, "--since"), _check_date(until, "--until"), modalities)
    report = dyad_report(store, w, by)
    if plot is not None:
        plot_report(report, str(plot))
    if format == DyadFormat.json:
        typer.echo(json_module.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    from tieline.output import print_dyad

    print_dyad(report, str(plot) if plot else None)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    max_body: Annotated[
        int, typer.Option(min=1, help="Largest request body accepted, in bytes.")
    ] = 10 * 1024 * 1024,
) -> None:
    """Serve the web UI and the REST API (writing needs TIELINE_API_TOKEN)."""
    import uvicorn

    from tieline.web.app import create_app

    store = _open_store(db)
    typer.echo(f"tieline: serving {store.url} at http://{host}:{port}/ (API docs at /docs)")
    app = create_app(store, max_body=max_body)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def main() -> None:
    """Entry point of the console script."""
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()


if __name__ == "__main__":
    main()
