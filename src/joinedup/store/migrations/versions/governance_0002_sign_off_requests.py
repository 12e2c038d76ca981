"""governance sign-off requests

Revision ID: governance_0002
Revises: governance_0001

A paper's contributors and approvers, asked by name, with their dated answers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "governance_0002"
down_revision = "governance_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "governance_sign_off_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("asked_by", sa.String(length=320), nullable=False),
        sa.Column("answer", sa.String(length=20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["governance_agenda_items.id"],
            name=op.f("fk_governance_sign_off_requests_agenda_item_id_governance_agenda_items"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_governance_sign_off_requests_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_sign_off_requests")),
        sa.UniqueConstraint(
            "agenda_item_id",
            "user_id",
            "role",
            name=op.f("uq_governance_sign_off_requests_agenda_item_id"),
        ),
    )
    with op.batch_alter_table("governance_sign_off_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_governance_sign_off_requests_agenda_item_id"),
            ["agenda_item_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_governance_sign_off_requests_user_id"), ["user_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("governance_sign_off_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_sign_off_requests_user_id"))
        batch_op.drop_index(batch_op.f("ix_governance_sign_off_requests_agenda_item_id"))

    op.drop_table("governance_sign_off_requests")
