"""The store's tables (SQLAlchemy Core). Column names follow the data contract."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("inputs", Text),
    Column("status", String(16), nullable=False, default="running"),
    Column("docs_new", Integer, nullable=False, default=0),
    Column("docs_unchanged", Integer, nullable=False, default=0),
    Column("docs_updated", Integer, nullable=False, default=0),
    Column("docs_duplicate", Integer, nullable=False, default=0),
    Column("docs_failed", Integer, nullable=False, default=0),
    Column("events_stored", Integer, nullable=False, default=0),
    Column("pid", Integer),  # the process of a running ingest, to find interrupted runs
    Column("host", String(255)),
)

# One row (id 1): raised by every transaction that changes what the store holds, so
# whole-store views (the home page's pairs) can be cached until it moves.
store_revision = Table(
    "store_revision",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("revision", BigInteger, nullable=False),
)

# `tieline watch`: per source its HTTP validators, last poll and counts; entries taken.
watch_sources = Table(
    "watch_sources",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("url", Text, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_poll", String(32)),
    Column("last_status", Text),
    Column("docs_new", Integer, nullable=False, server_default="0"),
    Column("failures", Integer, nullable=False, server_default="0"),
)

watch_seen = Table(
    "watch_seen",
    metadata,
    Column("source", String(200), primary_key=True),
    Column("url", String(2000), primary_key=True),
    Column("seen_at", String(32), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("url", Text),
    Column("source_path", Text),
    Column("title", Text),
    Column("published", String(10)),
    Column("authors", Text, nullable=False, default="[]"),
    Column("publisher", Text),
    Column("original_source", Text),
    Column("language", String(8), nullable=False, default="en"),
    Column("given_id", Text),  # an input's id that was refused as the document's id
    Column("body", Text, nullable=False),
    Column("minhash", Text),
    Column("duplicate_of", String(200), ForeignKey("documents.id")),
    Column("superseded_by", String(200)),
    Column("run_id", Integer, ForeignKey("ingest_runs.id")),
    Column("ingested_at", String(32), nullable=False),
    Index("ix_documents_url", "url"),
    Index("ix_documents_published", "published"),
)

sentences = Table(
    "sentences",
    metadata,
    Column("doc_id", String(200), ForeignKey("documents.id"), primary_key=True),
    Column("sentence_index", Integer, primary_key=True),
    Column("text", Text, nullable=False),
)

actors = Table(
    "actors",
    metadata,
    Column("code", String(64), primary_key=True),
    Column("country", String(16)),
    Column("sector", String(8)),
    Column("name", Text),
)

event_clusters = Table(
    "event_clusters",
    metadata,
    Column("cluster_id", String(32), primary_key=True),
    Column("source_country", String(16)),
    Column("target_country", String(16)),
    Column("source_code", String(64), nullable=False),
    Column("target_code", String(64), nullable=False),
    Column("source_sector", String(8)),
    Column("target_sector", String(8)),
    Column("cameo", String(8), nullable=False),
    Column("cameo_root", String(2), nullable=False),
    Column("quad_class", Integer, nullable=False),
    Column("goldstein", Float, nullable=False),
    Column("plover", String(16)),
    Column("modality", String(16), nullable=False),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("date_precision", String(16)),
    Column("first_event_id", String(32), nullable=False),
    Column("first_doc_id", String(200), nullable=False),
    Column("num_mentions", Integer, nullable=False, default=1),
    Column("num_articles", Integer, nullable=False, default=1),
    Column("num_sources", Integer, nullable=False, default=1),
    Column("confidence", Float),  # the highest of its mentions' (views filter on it)
    Index("ix_clusters_pair_date", "source_country", "target_country", "date_start"),
    # covers the pair series query: no table lookups for a busy pair
    Index(
        "ix_clusters_pair_series",
        "source_country",
        "target_country",
        "modality",
        "date_start",
        "quad_class",
        "goldstein",
        "source_sector",
        "target_sector",
    ),
    Index("ix_clusters_target_pair_date", "target_country", "source_country", "date_start"),
    Index("ix_clusters_root", "cameo_root", "date_start"),
)

events = Table(
    "events",
    metadata,
    Column("event_id", String(32), primary_key=True),
    Column("doc_id", String(200), ForeignKey("documents.id"), nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("cluster_id", String(32), ForeignKey("event_clusters.cluster_id")),
    Column("is_duplicate", Boolean, nullable=False, default=False),
    Column("source_text", Text),
    Column("source_code", String(64), nullable=False),
    Column("source_country", String(16)),
    Column("source_sector", String(8)),
    Column("source_name", Text),
    Column("target_text", Text),
    Column("target_code", String(64), nullable=False),
    Column("target_country", String(16)),
    Column("target_sector", String(8)),
    Column("target_name", Text),
    Column("cameo", String(8), nullable=False),
    Column("cameo_root", String(2), nullable=False),
    Column("cameo_name", Text),
    Column("quad_class", Integer, nullable=False),
    Column("goldstein", Float, nullable=False),
    Column("plover", String(16)),
    Column("verb", Text),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("date_precision", String(16)),
    Column("date_text", Text),
    Column("date_from", String(16)),
    Column("modality", String(16), nullable=False),
    Column("count", Integer),
    Column("issues", Text, nullable=False, default="[]"),
    Column("confidence", Float),
    Index("ix_events_doc", "doc_id"),
    Index("ix_events_cluster", "cluster_id"),
    Index("ix_events_pair_date", "source_country", "target_country", "date_start"),
    Index("ix_events_target_pair_date", "target_country", "source_country", "date_start"),
    Index("ix_events_code", "cameo", "date_start"),
    Index("ix_events_pair_code", "source_country", "target_country", "cameo"),
)

# The issues of each event cluster (the union of its mentions'), for per-pair issue counts.
cluster_issues = Table(
    "cluster_issues",
    metadata,
    Column("cluster_id", String(32), ForeignKey("event_clusters.cluster_id"), primary_key=True),
    Column("issue", String(64), primary_key=True),
    Column("source_country", String(16)),
    Column("target_country", String(16)),
    Column("modality", String(16), nullable=False),
    Column("date_start", String(10)),
    Index("ix_cluster_issues_pair", "source_country", "target_country", "modality", "date_start"),
)

lsh_bands = Table(
    "lsh_bands",
    metadata,
    Column("band", String(40), primary_key=True),
    Column("doc_id", String(200), ForeignKey("documents.id"), primary_key=True),
)
