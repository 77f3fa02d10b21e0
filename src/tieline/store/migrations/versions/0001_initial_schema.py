"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-29 03:14:12.409950
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("country", sa.String(length=16), nullable=True),
        sa.Column("sector", sa.String(length=8), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "event_clusters",
        sa.Column("cluster_id", sa.String(length=32), nullable=False),
        sa.Column("source_country", sa.String(length=16), nullable=True),
        sa.Column("target_country", sa.String(length=16), nullable=True),
        sa.Column("source_code", sa.String(length=64), nullable=False),
        sa.Column("target_code", sa.String(length=64), nullable=False),
        sa.Column("source_sector", sa.String(length=8), nullable=True),
        sa.Column("target_sector", sa.String(length=8), nullable=True),
        sa.Column("cameo", sa.String(length=8), nullable=False),
        sa.Column("cameo_root", sa.String(length=2), nullable=False),
        sa.Column("quad_class", sa.Integer(), nullable=False),
        sa.Column("goldstein", sa.Float(), nullable=False),
        sa.Column("plover", sa.String(length=16), nullable=True),
        sa.Column("modality", sa.String(length=16), nullable=False),
        sa.Column("date_start", sa.String(length=10), nullable=True),
        sa.Column("date_end", sa.String(length=10), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=True),
        sa.Column("first_event_id", sa.String(length=32), nullable=False),
        sa.Column("first_doc_id", sa.String(length=64), nullable=False),
        sa.Column("num_mentions", sa.Integer(), nullable=False),
        sa.Column("num_articles", sa.Integer(), nullable=False),
        sa.Column("num_sources", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("cluster_id"),
    )
    with op.batch_alter_table("event_clusters", schema=None) as batch_op:
        batch_op.create_index(
            "ix_clusters_pair_date",
            ["source_country", "target_country", "date_start"],
            unique=False,
        )
        batch_op.create_index(
            "ix_clusters_pair_series",
            [
                "source_country",
                "target_country",
                "modality",
                "date_start",
                "quad_class",
                "goldstein",
                "source_sector",
                "target_sector",
            ],
            unique=False,
        )
        batch_op.create_index("ix_clusters_root", ["cameo_root", "date_start"], unique=False)
        batch_op.create_index(
            "ix_clusters_target_pair_date",
            ["target_country", "source_country", "date_start"],
            unique=False,
        )

    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", sa.String(length=32), nullable=False),
        sa.Column("finished_at", sa.String(length=32), nullable=True),
        sa.Column("inputs", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("docs_new", sa.Integer(), nullable=False),
        sa.Column("docs_unchanged", sa.Integer(), nullable=False),
        sa.Column("docs_updated", sa.Integer(), nullable=False),
        sa.Column("docs_duplicate", sa.Integer(), nullable=False),
        sa.Column("docs_failed", sa.Integer(), nullable=False),
        sa.Column("events_stored", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "cluster_issues",
        sa.Column("cluster_id", sa.String(length=32), nullable=False),
        sa.Column("issue", sa.String(length=64), nullable=False),
        sa.Column("source_country", sa.String(length=16), nullable=True),
        sa.Column("target_country", sa.String(length=16), nullable=True),
        sa.Column("modality", sa.String(length=16), nullable=False),
        sa.Column("date_start", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["event_clusters.cluster_id"],
        ),
        sa.PrimaryKeyConstraint("cluster_id", "issue"),
    )
    with op.batch_alter_table("cluster_issues", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cluster_issues_pair",
            ["source_country", "target_country", "modality", "date_start"],
            unique=False,
        )

    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("authors", sa.Text(), nullable=False),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("original_source", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("minhash", sa.Text(), nullable=True),
        sa.Column("duplicate_of", sa.String(length=64), nullable=True),
        sa.Column("superseded_by", sa.String(length=64), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("ingested_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["duplicate_of"],
            ["documents.id"],
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["ingest_runs.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index("ix_documents_published", ["published"], unique=False)
        batch_op.create_index("ix_documents_url", ["url"], unique=False)

    op.create_table(
        "events",
        sa.Column("event_id", sa.String(length=32), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("sentence_index", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.String(length=32), nullable=True),
        sa.Column("is_duplicate", sa.Boolean(), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=True),
        sa.Column("source_code", sa.String(length=64), nullable=False),
        sa.Column("source_country", sa.String(length=16), nullable=True),
        sa.Column("source_sector", sa.String(length=8), nullable=True),
        sa.Column("source_name", sa.Text(), nullable=True),
        sa.Column("target_text", sa.Text(), nullable=True),
        sa.Column("target_code", sa.String(length=64), nullable=False),
        sa.Column("target_country", sa.String(length=16), nullable=True),
        sa.Column("target_sector", sa.String(length=8), nullable=True),
        sa.Column("target_name", sa.Text(), nullable=True),
        sa.Column("cameo", sa.String(length=8), nullable=False),
        sa.Column("cameo_root", sa.String(length=2), nullable=False),
        sa.Column("cameo_name", sa.Text(), nullable=True),
        sa.Column("quad_class", sa.Integer(), nullable=False),
        sa.Column("goldstein", sa.Float(), nullable=False),
        sa.Column("plover", sa.String(length=16), nullable=True),
        sa.Column("verb", sa.Text(), nullable=True),
        sa.Column("date_start", sa.String(length=10), nullable=True),
        sa.Column("date_end", sa.String(length=10), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=True),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("date_from", sa.String(length=16), nullable=True),
        sa.Column("modality", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("issues", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["event_clusters.cluster_id"],
        ),
        sa.ForeignKeyConstraint(
            ["doc_id"],
            ["documents.id"],
        ),
        sa.PrimaryKeyConstraint("event_id"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_cluster", ["cluster_id"], unique=False)
        batch_op.create_index("ix_events_code", ["cameo", "date_start"], unique=False)
        batch_op.create_index("ix_events_doc", ["doc_id"], unique=False)
        batch_op.create_index(
            "ix_events_pair_code", ["source_country", "target_country", "cameo"], unique=False
        )
        batch_op.create_index(
            "ix_events_pair_date", ["source_country", "target_country", "date_start"], unique=False
        )
        batch_op.create_index(
            "ix_events_target_pair_date",
            ["target_country", "source_country", "date_start"],
            unique=False,
        )

    op.create_table(
        "lsh_bands",
        sa.Column("band", sa.String(length=40), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["doc_id"],
            ["documents.id"],
        ),
        sa.PrimaryKeyConstraint("band", "doc_id"),
    )
    op.create_table(
        "sentences",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("sentence_index", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["doc_id"],
            ["documents.id"],
        ),
        sa.PrimaryKeyConstraint("doc_id", "sentence_index"),
    )


def downgrade() -> None:
    op.drop_table("sentences")
    op.drop_table("lsh_bands")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_target_pair_date")
        batch_op.drop_index("ix_events_pair_date")
        batch_op.drop_index("ix_events_pair_code")
        batch_op.drop_index("ix_events_doc")
        batch_op.drop_index("ix_events_code")
        batch_op.drop_index("ix_events_cluster")

    op.drop_table("events")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_url")
        batch_op.drop_index("ix_documents_published")

    op.drop_table("documents")
    with op.batch_alter_table("cluster_issues", schema=None) as batch_op:
        batch_op.drop_index("ix_cluster_issues_pair")

    op.drop_table("cluster_issues")
    op.drop_table("ingest_runs")
    with op.batch_alter_table("event_clusters", schema=None) as batch_op:
        batch_op.drop_index("ix_clusters_target_pair_date")
        batch_op.drop_index("ix_clusters_root")
        batch_op.drop_index("ix_clusters_pair_series")
        batch_op.drop_index("ix_clusters_pair_date")

    op.drop_table("event_clusters")
    op.drop_table("actors")
