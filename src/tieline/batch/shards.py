"""Parquet shards: coded documents as files that analysts read and ``tieline load`` stores.

A shard is one task's coded documents as three Parquet files of one name (its key):

    SHARDS/documents/KEY.parquet   one row per document (the store's document columns)
    SHARDS/sentences/KEY.parquet   doc_id, sentence_index, text
    SHARDS/events/KEY.parquet      the canonical export's columns, in coding order

Each file is written under a hidden temporary name and renamed when complete; the
documents file is renamed last, so its presence marks a complete shard. The rows carry
every field of a ``CodingResult``, so ``read_shard`` rebuilds the very objects the coder
returned and loading stores what ``tieline ingest`` would. ``cluster_id`` and
``is_duplicate`` are the store's to decide (near-duplicates and clusters depend on what
it already holds): they are null in shards. ``SHARDS/manifests/*.json`` record the order
of each batch run's shards, which is the order ``tieline load`` stores them in.

``SHARDS`` is a local path or any fsspec URL (``s3://bucket/run``).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

from tieline.errors import TielineError
from tieline.export.writers import CANONICAL, PARQUET_TYPES
from tieline.model import Actor, Author, CodingResult, Document, Event, EventDate

FORMAT = 1  # raise when the columns change in a way older readers cannot follow
TABLES = ("events", "sentences", "documents")  # write order: documents last marks complete
MANIFESTS = "manifests"
SUFFIX = ".parquet"

DOCUMENT_COLUMNS = (
    "id", "source_path", "url", "title", "published", "authors", "publisher",
    "original_source", "language", "given_id", "body", "sentences", "events",
)  # fmt: skip
SENTENCE_COLUMNS = ("doc_id", "sentence_index", "text")
INT_COLUMNS = {"sentence_index", "sentences", "events"}


class ShardError(TielineError):
    """A shard that cannot be read or does not hold what a shard must."""


def open_fs(url: str) -> tuple[Any, str]:
    """The fsspec filesystem of a local path or URL, and the path inside it."""
    from fsspec.core import url_to_fs

    fs, path = url_to_fs(url)
    return fs, str(path).rstrip("/")


def shard_path(root: str, table: str, key: str) -> str:
    """Where one table of shard ``key`` lives under ``root``."""
    return f"{root}/{table}/{key}{SUFFIX}"


# ---------------------------------------------------------------------- rows


def document_row(result: CodingResult) -> dict[str, Any]:
    """A shard's documents row: the document, with its sentence and event counts."""
    d = result.document
    return {
        "id": d.id,
        "source_path": d.source_path,
        "url": d.url,
        "title": d.title,
        "published": d.published,
        "authors": json.dumps([{"name": a.name, "role": a.role} for a in d.authors]),
        "publisher": d.publisher,
        "original_source": d.original_source,
        "language": d.language,
        "given_id": d.given_id,
        "body": d.body,
        "sentences": len(result.sentences),
        "events": len(result.events),
    }


def event_row(e: Event, doc: Document) -> dict[str, Any]:
    """An event as a row of the canonical export (no cluster yet: the store decides)."""
    return {
        "event_id": e.event_id, "doc_id": e.doc_id, "sentence_index": e.sentence_index,
        "cluster_id": None, "is_duplicate": None,
        "source_text": e.source.text, "source_code": e.source.code,
        "source_country": e.source.country, "source_sector": e.source.sector,
        "source_name": e.source.name,
        "target_text": e.target.text, "target_code": e.target.code,
        "target_country": e.target.country, "target_sector": e.target.sector,
        "target_name": e.target.name,
        "cameo": e.cameo, "cameo_root": e.cameo[:2], "cameo_name": e.cameo_name,
        "quad_class": e.quad_class, "goldstein": e.goldstein, "plover": e.plover,
        "verb": e.verb,
        "date_start": e.date.start, "date_end": e.date.end, "date_precision": e.date.precision,
        "date_text": e.date.text, "date_from": e.date.origin,
        "modality": e.modality, "count": e.count, "issues": json.dumps(e.issues),
        "confidence": e.confidence, "sentence": e.sentence,
        "doc_title": doc.title, "doc_url": doc.url, "doc_published": doc.published,
    }  # fmt: skip


# every field of the data contract must have a column, or a round trip would drop it
EVENT_FIELDS = {
    "event_id", "doc_id", "sentence_index", "sentence", "source", "target", "cameo",
    "cameo_name", "quad_class", "goldstein", "plover", "verb", "date", "modality", "count",
    "issues", "confidence",
}  # fmt: skip
DOCUMENT_FIELDS = set(DOCUMENT_COLUMNS) - {"sentences", "events"}


def uncovered_fields() -> set[str]:
    """Fields of Event and Document that shards do not carry (a test keeps this empty)."""
    event = {f.name for f in fields(Event)} - EVENT_FIELDS
    document = {f.name for f in fields(Document)} - DOCUMENT_FIELDS
    return {f"Event.{n}" for n in event} | {f"Document.{n}" for n in document}


def _actor(row: dict[str, Any], side: str) -> Actor:
    return Actor(
        row[f"{side}_text"], row[f"{side}_code"], row[f"{side}_country"],
        row[f"{side}_sector"], row[f"{side}_name"],
    )  # fmt: skip


def event_from_row(row: dict[str, Any]) -> Event:
    """The Event a shard's events row was made from."""
    date = EventDate(
        row["date_start"], row["date_end"], row["date_precision"], row["date_text"],
        row["date_from"],
    )  # fmt: skip
    return Event(
        event_id=row["event_id"], doc_id=row["doc_id"], sentence_index=row["sentence_index"],
        sentence=row["sentence"], source=_actor(row, "source"), target=_actor(row, "target"),
        cameo=row["cameo"], cameo_name=row["cameo_name"], quad_class=row["quad_class"],
        goldstein=row["goldstein"], plover=row["plover"], verb=row["verb"], date=date,
        modality=row["modality"], count=row["count"], issues=json.loads(row["issues"]),
        confidence=row["confidence"],
    )  # fmt: skip


def document_from_row(row: dict[str, Any]) -> Document:
    """The Document a shard's documents row was made from."""
    authors = [Author(a["name"], a.get("role")) for a in json.loads(row["authors"])]
    return Document(
        id=row["id"], body=row["body"], source_path=row["source_path"], url=row["url"],
        title=row["title"], published=row["published"], authors=authors,
        publisher=row["publisher"], original_source=row["original_source"],
        language=row["language"], given_id=row["given_id"],
    )  # fmt: skip


# ---------------------------------------------------------------------- Arrow tables


def schema(table: str, meta: dict[str, str] | None = None) -> Any:
    """The Arrow schema of one shard table, with tieline's metadata."""
    import pyarrow as pa

    columns = {"events": CANONICAL, "sentences": SENTENCE_COLUMNS, "documents": DOCUMENT_COLUMNS}
    types = {**PARQUET_TYPES, **dict.fromkeys(INT_COLUMNS, "int64")}
    out = pa.schema([(c, pa.type_for_alias(types.get(c, "string"))) for c in columns[table]])
    info = {"format": str(FORMAT), **(meta or {})}
    return out.with_metadata({b"tieline": json.dumps(info).encode("utf-8")})


def result_tables(results: list[CodingResult], meta: dict[str, str]) -> dict[str, Any]:
    """The three Arrow tables of a shard holding ``results``, in order."""
    import pyarrow as pa

    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for r in results:
        rows["documents"].append(document_row(r))
        rows["sentences"] += [
            {"doc_id": r.document.id, "sentence_index": i, "text": t}
            for i, t in enumerate(r.sentences)
        ]
        rows["events"] += [event_row(e, r.document) for e in r.events]
    return {t: pa.Table.from_pylist(rows[t], schema=schema(t, meta)) for t in TABLES}


def results_from_tables(documents: Any, sentences: Any, events: Any) -> list[CodingResult]:
    """Rebuild the CodingResults of a shard's three tables (the inverse of result_tables)."""
    doc_rows = documents.to_pylist()
    by_doc: dict[str, list[str]] = {}
    for row in sentences.to_pylist():
        by_doc.setdefault(row["doc_id"], []).append(row["text"])
    events_of: dict[str, list[Event]] = {}
    for row in events.to_pylist():
        events_of.setdefault(row["doc_id"], []).append(event_from_row(row))
    out = []
    for row in doc_rows:
        doc = document_from_row(row)
        result = CodingResult(doc, events_of.pop(doc.id, []), by_doc.pop(doc.id, []))
        if (len(result.sentences), len(result.events)) != (row["sentences"], row["events"]):
            raise ShardError(
                f"document {doc.id[:12]}: {row['sentences']} sentences and {row['events']} "
                f"events expected, {len(result.sentences)} and {len(result.events)} found"
            )
        out.append(result)
    stray = sorted(set(by_doc) | set(events_of))
    if stray:
        raise ShardError(f"rows of document {stray[0][:12]} with no documents row")
    return out


# ---------------------------------------------------------------------- files


def write_shard(url: str, key: str, results: list[CodingResult], meta: dict[str, str]) -> None:
    """Write shard ``key`` under ``url``: each file under a temporary name, then renamed."""
    import pyarrow.parquet as pq

    fs, root = open_fs(url)
    tables = result_tables(results, meta)
    for table in TABLES:
        fs.makedirs(f"{root}/{table}", exist_ok=True)
        final = shard_path(root, table, key)
        temp = f"{root}/{table}/.{key}.{uuid.uuid4().hex[:8]}.tmp"
        with fs.open(temp, "wb") as fh:
            pq.write_table(tables[table], fh, compression="zstd")
        fs.mv(temp, final)


def read_shard(url: str, key: str) -> list[CodingResult]:
    """The coded documents of shard ``key``; a ShardError naming the file when it is bad."""
    import pyarrow.parquet as pq

    fs, root = open_fs(url)
    tables = {}
    for table in ("documents", "sentences", "events"):
        path = shard_path(root, table, key)
        try:
            with fs.open(path, "rb") as fh:
                data = pq.read_table(fh)
        except FileNotFoundError:
            raise ShardError(f"{path}: missing (the shard was never completed)") from None
        except Exception as exc:
            raise ShardError(f"{path}: cannot read: {_reason(exc)}") from None
        _check_table(path, table, data)
        tables[table] = data
    try:
        return results_from_tables(tables["documents"], tables["sentences"], tables["events"])
    except ShardError as exc:
        raise ShardError(f"{shard_path(root, 'documents', key)}: {exc}") from None
    except Exception as exc:
        raise ShardError(f"{shard_path(root, 'documents', key)}: {_reason(exc)}") from None


def _check_table(path: str, table: str, data: Any) -> None:
    raw = (data.schema.metadata or {}).get(b"tieline")
    if raw is None:
        raise ShardError(f"{path}: not a tieline shard (no tieline metadata)")
    found = json.loads(raw).get("format")
    if str(found) != str(FORMAT):
        raise ShardError(f"{path}: shard format {found}, this tieline reads format {FORMAT}")
    expected = schema(table).names
    missing = [c for c in expected if c not in data.column_names]
    if missing:
        raise ShardError(f"{path}: missing columns {', '.join(missing)}")


def _reason(exc: BaseException) -> str:
    from tieline.ingest.records import one_line

    text = one_line(exc)
    return text if text == type(exc).__name__ else f"{type(exc).__name__}: {text}"


def finished_shards(url: str) -> set[str]:
    """Keys of the complete shards under ``url`` (those whose documents file exists)."""
    fs, root = open_fs(url)
    try:
        names = fs.ls(f"{root}/documents", detail=False)
    except FileNotFoundError:
        return set()
    base = [str(n).rsplit("/", 1)[-1] for n in names]
    return {n[: -len(SUFFIX)] for n in base if n.endswith(SUFFIX) and not n.startswith(".")}


# ---------------------------------------------------------------------- order


class Manifest:
    """A batch run's shard order, saved as it grows (a rerun of the same run rewrites it)."""

    def __init__(self, url: str, identity: list[str]) -> None:
        fs, root = open_fs(url)
        self.fs = fs
        self.keys: list[str] = []
        name = shard_key(identity)[:24]
        self.path = f"{root}/{MANIFESTS}/{name}.json"
        self.temp = f"{root}/{MANIFESTS}/.{name}.{uuid.uuid4().hex[:8]}.tmp"
        self.created = datetime.now(UTC).isoformat(timespec="microseconds")
        try:
            with fs.open(self.path, "r") as fh:
                self.created = str(json.load(fh)["created"])  # keep its place in the order
        except Exception:  # noqa: BLE001 - none yet, or unreadable: write it anew
            pass

    def add(self, key: str) -> None:
        """Append a shard; saved every 16 shards."""
        self.keys.append(key)
        if len(self.keys) % 16 == 1:
            self.save()

    def save(self) -> None:
        """Write the order so far (temporary file, then renamed)."""
        self.fs.makedirs(self.path.rsplit("/", 1)[0], exist_ok=True)
        with self.fs.open(self.temp, "w") as fh:
            json.dump({"format": FORMAT, "created": self.created, "shards": self.keys}, fh)
        self.fs.mv(self.temp, self.path)


@dataclass
class ShardOrder:
    """The complete shards in the order to load them; keys that manifests list but no
    complete shard has; manifests that could not be read."""

    keys: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def shard_order(url: str) -> ShardOrder:
    """Manifests go oldest first, each in its batch run's order; then the complete shards
    that no manifest names, by key."""
    fs, root = open_fs(url)
    done = finished_shards(url)
    out = ShardOrder()
    listed: list[str] = []
    for manifest in _manifests(fs, root, out.problems):
        listed += manifest
    out.keys = list(dict.fromkeys(k for k in listed if k in done))
    out.missing = list(dict.fromkeys(k for k in listed if k not in done))
    out.keys += sorted(done - set(out.keys))
    return out


def _manifests(fs: Any, root: str, problems: list[str]) -> list[list[str]]:
    try:
        names = [n for n in fs.ls(f"{root}/{MANIFESTS}", detail=False) if n.endswith(".json")]
    except FileNotFoundError:
        return []
    found = []
    for name in names:
        try:
            with fs.open(name, "r") as fh:
                data = json.load(fh)
            keys = [str(k) for k in data["shards"]]
            found.append((str(data.get("created", "")), str(name), keys))
        except Exception as exc:
            problems.append(f"{name}: cannot read this manifest: {_reason(exc)}")
    return [keys for _created, _name, keys in sorted(found)]


def shard_key(parts: Iterable[str]) -> str:
    """A shard's name: the hash of what makes its content (settings and documents)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]
