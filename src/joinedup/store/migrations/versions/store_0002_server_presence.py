"""store: running servers announce themselves; a maintenance flag

Revision ID: store_0002
Revises: store_0001

``restore --force`` refuses while a server's heartbeat is recent, unless the database is in
maintenance (then servers refuse all but reading requests).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import joinedup.store.db

revision = "store_0002"
down_revision = "store_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_presence",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("host", sa.String(length=200), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("seen_at", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_server_presence")),
    )
    op.create_table(
        "store_maintenance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("since", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_maintenance")),
    )


def downgrade() -> None:
    op.drop_table("store_maintenance")
    op.drop_table("server_presence")
