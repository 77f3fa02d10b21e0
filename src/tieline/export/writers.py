"""Export writers, registered by name. Each streams rows, so memory stays flat."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select

from tieline.coding.ontology import plover_entry
from tieline.store.eventstore import Store
from tieline.store.queries import EventFilter
from tieline.store.schema import documents, event_clusters, events, sentences

CANONICAL = (
    "event_id", "doc_id", "sentence_index", "cluster_id", "is_duplicate",
    "source_text", "source_code", "source_country", "source_sector", "source_name",
    "target_text", "target_code", "target_country", "target_sector", "target_name",
    "cameo", "cameo_root", "cameo_name", "quad_class", "goldstein", "plover", "verb",
    "date_start", "date_end", "date_precision", "date_text", "date_from", "modality",
    "count", "issues", "confidence", "sentence", "doc_title", "doc_url", "doc_published",
)  # fmt: skip

# GDELT 2.0 event table columns, in GDELT's order.
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
TIELINE_EXTRA = ("date_start", "date_end", "date_precision", "modality", "sentence")

Exporter = Callable[[Store, Path, EventFilter], int]
EXPORTERS: dict[str, Exporter] = {}


def exporter(name: str) -> Callable[[Exporter], Exporter]:
    """Register an export format under ``name``."""

    def register(fn: Exporter) -> Exporter:
        EXPORTERS[name] = fn
        return fn

    return register


def export(store: Store, fmt: str, out: Path, f: EventFilter | None = None) -> int:
    """Write the store's events in format ``fmt`` to ``out``; returns rows written."""
    if fmt not in EXPORTERS:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(sorted(EXPORTERS))}")
    return EXPORTERS[fmt](store, out, f or EventFilter())


def canonical_rows(store: Store, f: EventFilter) -> Iterator[dict[str, Any]]:
    """Event rows with the canonical snake_case columns."""
    for row in store.iter_events(f):
        yield {k: row.get(k) for k in CANONICAL}


@exporter("csv")
def write_csv(store: Store, out: Path, f: EventFilter) -> int:
    """Canonical events as CSV with a header row."""
    with out.open("w", newline="", encoding="utf-8") as fh:
        return write_csv_rows(fh, canonical_rows(store, f))


def write_csv_rows(fh: IO[str], rows: Iterable[dict[str, Any]]) -> int:
    """Canonical rows as CSV with a header row on an open text stream; how many rows."""
    writer = csv.DictWriter(fh, fieldnames=CANONICAL, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


PARQUET_TYPES = {
    "sentence_index": "int64", "is_duplicate": "bool", "quad_class": "int64",
    "goldstein": "float64", "count": "int64", "confidence": "float64",
}  # fmt: skip


@exporter("parquet")
def write_parquet(store: Store, out: Path, f: EventFilter, batch: int = 20000) -> int:
    """Canonical events as Parquet (pyarrow), written in row groups."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(k, pa.type_for_alias(PARQUET_TYPES.get(k, "string"))) for k in CANONICAL])
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        rows: list[dict[str, Any]] = []
        for row in canonical_rows(store, f):
            rows.append(row)
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                n += len(rows)
                rows = []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    return n


def _cluster_rows(store: Store, f: EventFilter) -> Iterator[dict[str, Any]]:
    """One row per event cluster with its first mention's sentence and document."""
    c = event_clusters.c
    e = events.alias("first")
    query = (
        select(
            *event_clusters.c,
            e.c.source_name,
            e.c.target_name,
            sentences.c.text.label("sentence"),
            documents.c.url,
            documents.c.source_path,
            documents.c.ingested_at,
        )
        .join(e, e.c.event_id == c.first_event_id)
        .join(
            sentences,
            (sentences.c.doc_id == e.c.doc_id) & (sentences.c.sentence_index == e.c.sentence_index),
        )
        .join(documents, documents.c.id == c.first_doc_id)
        .order_by(c.cluster_id)
    )
    if f.pair:
        a, b = f.pair[0].upper(), f.pair[1].upper()
        query = query.where(
            ((c.source_country == a) & (c.target_country == b))
            | ((c.source_country == b) & (c.target_country == a))
        )
    if f.modality:
        query = query.where(c.modality == f.modality)
    if f.modalities:
        query = query.where(c.modality.in_(f.modalities))
    with store.engine.connect() as conn:
        for row in conn.execution_options(stream_results=True).execute(query):
            yield dict(row._mapping)


def gdelt_row(r: dict[str, Any]) -> dict[str, Any]:
    """A cluster as a GDELT 2.0 event row (codes as text, unknown fields empty)."""
    day = (r["date_start"] or "").replace("-", "")
    row: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
    row.update(
        GLOBALEVENTID=int(r["cluster_id"][:13], 16),
        SQLDATE=day,
        MonthYear=day[:6],
        Year=day[:4],
        FractionDate=f"{int(day[:4]) + (int(day[4:6]) * 30 + int(day[6:8])) / 365:.4f}"
        if day
        else "",  # noqa: E501
        Actor1Code=r["source_code"],
        Actor1Name=(r["source_name"] or "").upper(),
        Actor1Type1Code=r["source_sector"] or "",
        Actor2Code=r["target_code"],
        Actor2Name=(r["target_name"] or "").upper(),
        Actor2Type1Code=r["target_sector"] or "",
        IsRootEvent=1,
        EventCode=r["cameo"],
        EventBaseCode=r["cameo"][:3],
        EventRootCode=r["cameo_root"],
        QuadClass=r["quad_class"],
        GoldsteinScale=r["goldstein"],
        NumMentions=r["num_mentions"],
        NumSources=r["num_sources"],
        NumArticles=r["num_articles"],
        DATEADDED=(r["ingested_at"] or "")[:19].replace("-", "").replace("T", "").replace(":", ""),
        SOURCEURL=r["url"] or source_uri(r.get("source_path")),
    )
    for side, prefix in (("source", "Actor1"), ("target", "Actor2")):
        country = r[f"{side}_country"] or ""
        if country.startswith("IGO"):  # GDELT: an IGO is a known group, with no country
            row[f"{prefix}KnownGroupCode"] = country[3:]
        else:
            row[f"{prefix}CountryCode"] = country
    for k in TIELINE_EXTRA:
        row[k] = r.get(k) or ""
    return row


def source_uri(source_path: str | None) -> str:
    """A local document's place as a file:// URI (a JSONL line or WARC record as the fragment)."""
    if not source_path or source_path == "-" or source_path == "api":
        return ""
    path, sep, record = source_path.partition("#")
    if not sep:
        head, colon, line = path.rpartition(":")
        if colon and line.isdigit():
            path, sep, record = head, "#", line
    return Path(path).resolve().as_uri() + (f"#{record}" if sep else "")


def _gdelt_filter(f: EventFilter) -> EventFilter:
    """GDELT holds what happened: asserted events unless the filter names modalities."""
    if f.modality or f.modalities:
        return f
    return replace(f, modalities=("asserted",))


def _tsv_value(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


@exporter("gdelt")
def write_gdelt(store: Store, out: Path, f: EventFilter) -> int:
    """GDELT 2.0's event table exactly: 61 tab-separated columns, no header, a row per
    cluster of asserted events (other modalities only when asked for)."""
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        for r in _cluster_rows(store, _gdelt_filter(f)):
            row = gdelt_row(r)
            fh.write("\t".join(_tsv_value(row[c]) for c in GDELT_COLUMNS) + "\n")
            n += 1
    return n


@exporter("gdelt-extended")
def write_gdelt_extended(store: Store, out: Path, f: EventFilter) -> int:
    """GDELT 2.0's 61 columns plus tieline's (dates, precision, modality, sentence), with a
    header row."""
    n = 0
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=(*GDELT_COLUMNS, *TIELINE_EXTRA), delimiter="\t")
        writer.writeheader()
        for r in _cluster_rows(store, _gdelt_filter(f)):
            writer.writerow(gdelt_row(r))
            n += 1
    return n


# PLOVER 2.0's auxiliary modes for tieline's modalities ("historical" is not coded).
AUXILIARY_MODES = {"future": "future", "hypothetical": "hypothetical", "negated": "negation"}


def polecat_record(r: dict[str, Any]) -> dict[str, Any]:
    """An event as a POLECAT/PLOVER-style record.

    ``mode`` is a list, as in POLECAT: the event's PLOVER mode from the CAMEO2PLOVER table
    (``visit``, ``discontinue``…) and, for a modality other than asserted, PLOVER's
    auxiliary mode (``future``, ``hypothetical``, ``negation``; a reported event keeps
    ``modality: reported``, which PLOVER has no mode for). ``context`` holds the table's
    contexts and the issue codes.
    """
    entry = plover_entry(r["cameo"]) if r["cameo"] else None
    modes = [entry.mode] if entry and entry.mode else []
    if r["modality"] in AUXILIARY_MODES:
        modes.append(AUXILIARY_MODES[r["modality"]])
    contexts = list(entry.contexts) if entry else []
    contexts += [c for c in json.loads(r["issues"] or "[]") if c not in contexts]
    return {
        "event_id": r["event_id"],
        "story_id": r["doc_id"],
        "story_date": r.get("doc_published"),
        "event_date": r["date_start"],
        "event_date_end": r["date_end"],
        "event_date_precision": r["date_precision"],
        "event_type": r["plover"],
        "mode": modes,
        "context": contexts,
        "source_actor": r["source_name"] or r["source_text"],
        "source_agent": r["source_sector"],
        "source_country": r["source_country"],
        "target_actor": r["target_name"] or r["target_text"],
        "target_agent": r["target_sector"],
        "target_country": r["target_country"],
        "event_text": r["sentence"],
        "url": r.get("doc_url"),
        "cameo": r["cameo"],
        "modality": r["modality"],
        "cluster_id": r["cluster_id"],
    }


@exporter("polecat")
def write_polecat(store: Store, out: Path, f: EventFilter) -> int:
    """POLECAT/PLOVER-style JSON lines, one event per line (events PLOVER drops skipped)."""
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for r in store.iter_events(f):
            if not r["plover"]:
                continue
            fh.write(json.dumps(polecat_record(r), ensure_ascii=False) + "\n")
            n += 1
    return n
