"""ingest runs know their process; documents keep a refused input id; ids up to 200 chars

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Columns holding a document id, widened from 64 to 200 characters for JSONL ids.
DOC_ID_COLUMNS = [
    ("documents", "id"),
    ("documents", "duplicate_of"),
    ("documents", "superseded_by"),
    ("sentences", "doc_id"),
    ("event_clusters", "first_doc_id"),
    ("events", "doc_id"),
    ("lsh_bands", "doc_id"),
]


def upgrade() -> None:
    op.add_column("ingest_runs", sa.Column("pid", sa.Integer(), nullable=True))
    op.add_column("ingest_runs", sa.Column("host", sa.String(length=255), nullable=True))
    op.add_column("documents", sa.Column("given_id", sa.Text(), nullable=True))
    if op.get_bind().dialect.name != "sqlite":  # SQLite does not enforce lengths
        for table, column in DOC_ID_COLUMNS:
            op.alter_column(
                table, column, type_=sa.String(length=200), existing_type=sa.String(length=64)
            )


def downgrade() -> None:
    op.drop_column("documents", "given_id")
    op.drop_column("ingest_runs", "host")
    op.drop_column("ingest_runs", "pid")
