"""ranking: the data vintage a ranking run used

Revision ID: ranking_0002
Revises: ranking_0001

A plain column rather than a foreign key: the capabilities keep their own tables. Runs saved
before this revision have none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from joinedup.store.append_only import protect, unprotect

revision = "ranking_0002"
down_revision = "ranking_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("ranking_runs", sa.Column("vintage_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    unprotect("ranking_runs")
    with op.batch_alter_table("ranking_runs") as batch:
        batch.drop_column("vintage_id")
    protect("ranking_runs")
