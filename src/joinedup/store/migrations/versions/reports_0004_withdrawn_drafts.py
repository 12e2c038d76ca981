"""reports: drafts withdrawn (with a reason) or superseded by a newer approved paper, kept

Revision ID: reports_0004
Revises: reports_0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import joinedup.store.db

revision = "reports_0004"
down_revision = "reports_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(
            sa.Column("withdrawn_reason", sa.Text(), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("withdrawn_at", joinedup.store.db.UtcDateTime(timezone=True), nullable=True)
        )
        batch.add_column(sa.Column("withdrawn_by", sa.String(length=320), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+ too): rebuilding the table would trip the foreign keys of
    # the reports' snapshots and files.
    for column in ("withdrawn_by", "withdrawn_at", "withdrawn_reason"):
        op.execute(f"ALTER TABLE reports DROP COLUMN {column}")
