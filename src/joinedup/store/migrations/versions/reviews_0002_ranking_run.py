"""reviews: the ranking run that selected a review, when it was started from a ranking

Revision ID: reviews_0002
Revises: reviews_0001

A plain column rather than a foreign key: saved ranking runs are never deleted (their tables
refuse it), and the capabilities keep their own tables.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "reviews_0002"
down_revision = "reviews_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("reviews", sa.Column("ranking_run_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reviews") as batch:
        batch.drop_column("ranking_run_id")
