"""monitoring: when, and by which board, an evaluation framework was agreed; frameworks versioned

Revision ID: monitoring_0003
Revises: monitoring_0002

Plain ADD COLUMN with constant defaults: SQLite adds them without rebuilding the table. Existing
frameworks have no agreed date until a lead records it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "monitoring_0003"
down_revision = "monitoring_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("monitoring_frameworks", sa.Column("agreed_on", sa.Date(), nullable=True))
    op.add_column(
        "monitoring_frameworks",
        sa.Column("agreed_by", sa.String(length=300), server_default="", nullable=False),
    )
    op.add_column(
        "monitoring_frameworks",
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
    )


def downgrade() -> None:
    for column in ("version", "agreed_by", "agreed_on"):
        op.execute(f"ALTER TABLE monitoring_frameworks DROP COLUMN {column}")
