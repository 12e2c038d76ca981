"""plans: a workstream carries a version, so that correcting its title, lead or responsible group
refuses a stale save

Revision ID: plans_0003
Revises: plans_0002

Workstreams made before this revision start at version 1.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "plans_0003"
down_revision = "plans_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan_workstreams") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("plan_workstreams") as batch:
        batch.drop_column("version")
