"""metrics: stored indicator values and their loads

Revision ID: metrics_0001
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import joinedup.store.db

revision = "metrics_0001"
down_revision = "0001"
branch_labels = ("metrics",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicator_loads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("loaded_at", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("loaded_by", sa.String(length=320), nullable=False),
        sa.Column("source", sa.String(length=1000), nullable=False),
        sa.Column("engine", sa.String(length=20), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("replaced", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_loads")),
    )
    op.create_table(
        "indicator_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("load_id", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=9), nullable=False),
        sa.Column("indicator", sa.String(length=60), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("numerator", sa.Float(), nullable=True),
        sa.Column("denominator", sa.Float(), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("lower_95", sa.Float(), nullable=True),
        sa.Column("upper_95", sa.Float(), nullable=True),
        sa.Column("lower_998", sa.Float(), nullable=True),
        sa.Column("upper_998", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["load_id"],
            ["indicator_loads.id"],
            name=op.f("fk_indicator_values_load_id_indicator_loads"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_values")),
        sa.UniqueConstraint(
            "area_code",
            "indicator",
            "period_start",
            "period_end",
            name=op.f("uq_indicator_values_area_code"),
        ),
    )
    with op.batch_alter_table("indicator_values", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_values_area_code"), ["area_code"])
        batch_op.create_index(batch_op.f("ix_indicator_values_load_id"), ["load_id"])
        batch_op.create_index("ix_indicator_values_period", ["months", "period_start"])


def downgrade() -> None:
    with op.batch_alter_table("indicator_values", schema=None) as batch_op:
        batch_op.drop_index("ix_indicator_values_period")
        batch_op.drop_index(batch_op.f("ix_indicator_values_load_id"))
        batch_op.drop_index(batch_op.f("ix_indicator_values_area_code"))
    op.drop_table("indicator_values")
    op.drop_table("indicator_loads")
