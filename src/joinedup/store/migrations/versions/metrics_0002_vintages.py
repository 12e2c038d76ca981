"""metrics: each load a vintage (checksum, day known, periods, indicators); superseded values kept

Revision ID: metrics_0002
Revises: metrics_0001

Loads made before this revision each become a vintage known from the day they were loaded.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from joinedup.store.append_only import protect, unprotect

revision = "metrics_0002"
down_revision = "metrics_0001"
branch_labels = None
depends_on = None

_NUMBERS = ("numerator", "denominator", "value", "lower_95", "upper_95", "lower_998", "upper_998")

_FILL_SQLITE = (
    "UPDATE indicator_loads SET loaded_on = date(loaded_at), "
    "first_period = (SELECT min(period_start) FROM indicator_values v "
    "WHERE v.load_id = indicator_loads.id), "
    "last_period = (SELECT max(period_end) FROM indicator_values v "
    "WHERE v.load_id = indicator_loads.id)"
)
_FILL = (
    "UPDATE indicator_loads SET loaded_on = CAST(loaded_at AS DATE), "
    "first_period = (SELECT min(period_start) FROM indicator_values v "
    "WHERE v.load_id = indicator_loads.id), "
    "last_period = (SELECT max(period_end) FROM indicator_values v "
    "WHERE v.load_id = indicator_loads.id)"
)


def upgrade() -> None:
    # Server defaults let the columns be added to filled tables; the values are set just after.
    op.add_column(
        "indicator_loads",
        sa.Column("loaded_on", sa.Date(), nullable=False, server_default="2000-01-01"),
    )
    op.add_column(
        "indicator_loads",
        sa.Column("checksum", sa.String(length=64), nullable=False, server_default=""),
    )
    op.add_column("indicator_loads", sa.Column("first_period", sa.Date(), nullable=True))
    op.add_column("indicator_loads", sa.Column("last_period", sa.Date(), nullable=True))
    op.add_column(
        "indicator_loads",
        sa.Column("indicators", sa.String(length=4000), nullable=False, server_default=""),
    )
    op.execute(_FILL_SQLITE if op.get_bind().dialect.name == "sqlite" else _FILL)
    op.create_table(
        "superseded_indicator_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("load_id", sa.Integer(), nullable=False),
        sa.Column("superseded_by", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=9), nullable=False),
        sa.Column("indicator", sa.String(length=60), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        *(sa.Column(name, sa.Float(), nullable=True) for name in _NUMBERS),
        sa.ForeignKeyConstraint(
            ["load_id"],
            ["indicator_loads.id"],
            name=op.f("fk_superseded_indicator_values_load_id_indicator_loads"),
        ),
        sa.ForeignKeyConstraint(
            ["superseded_by"],
            ["indicator_loads.id"],
            name=op.f("fk_superseded_indicator_values_superseded_by_indicator_loads"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_superseded_indicator_values")),
    )
    with op.batch_alter_table("superseded_indicator_values") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_superseded_indicator_values_superseded_by"), ["superseded_by"]
        )
        batch_op.create_index("ix_superseded_indicator_values_figure", ["area_code", "months"])
    protect("superseded_indicator_values")


def downgrade() -> None:
    unprotect("superseded_indicator_values")
    op.drop_table("superseded_indicator_values")
    with op.batch_alter_table("indicator_loads") as batch_op:
        for name in ("indicators", "last_period", "first_period", "checksum", "loaded_on"):
            batch_op.drop_column(name)
