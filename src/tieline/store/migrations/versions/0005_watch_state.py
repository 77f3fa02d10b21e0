"""what `tieline watch` remembers: per source its validators, last poll and counts; the
entry URLs it has taken

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 13:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_poll", sa.String(length=32), nullable=True),
        sa.Column("last_status", sa.Text(), nullable=True),
        sa.Column("docs_new", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("failures", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "watch_seen",
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("seen_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("source", "url"),
    )


def downgrade() -> None:
    op.drop_table("watch_seen")
    op.drop_table("watch_sources")
