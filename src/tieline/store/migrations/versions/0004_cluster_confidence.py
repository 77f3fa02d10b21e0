"""event clusters carry the highest confidence of their mentions, so pair views can filter

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 12:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("event_clusters", sa.Column("confidence", sa.Float(), nullable=True))
    op.execute(
        "UPDATE event_clusters SET confidence = (SELECT max(e.confidence) FROM events e "
        "WHERE e.cluster_id = event_clusters.cluster_id AND NOT e.is_duplicate)"
    )


def downgrade() -> None:
    op.drop_column("event_clusters", "confidence")
