"""reminders: the record of reminders sent (append-only) and personal calendar feed links

Revision ID: reminders_0001
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import joinedup.store.db
from joinedup.store.append_only import protect, unprotect

revision = "reminders_0001"
down_revision = "0001"
branch_labels = ("reminders",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminders_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("item_key", sa.String(length=200), nullable=False),
        sa.Column("sent_at", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_reminders_sent_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders_sent")),
        sa.UniqueConstraint("user_id", "kind", "item_key", name=op.f("uq_reminders_sent_user_id")),
    )
    op.create_index(op.f("ix_reminders_sent_user_id"), "reminders_sent", ["user_id"])
    protect("reminders_sent")
    op.create_table(
        "reminders_calendar_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", joinedup.store.db.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_reminders_calendar_tokens_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders_calendar_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_reminders_calendar_tokens_token_hash")),
    )
    op.create_index(
        op.f("ix_reminders_calendar_tokens_user_id"), "reminders_calendar_tokens", ["user_id"]
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_reminders_calendar_tokens_user_id"), table_name="reminders_calendar_tokens"
    )
    op.drop_table("reminders_calendar_tokens")
    unprotect("reminders_sent")
    op.drop_index(op.f("ix_reminders_sent_user_id"), table_name="reminders_sent")
    op.drop_table("reminders_sent")
