"""monitoring: evaluation frameworks, parts, KPIs and append-only KPI values

Revision ID: monitoring_0001
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import joinedup.store.db
from joinedup.store.append_only import protect, unprotect

revision = "monitoring_0001"
down_revision = "0001"
branch_labels = ("monitoring",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "monitoring_frameworks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=9), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("created_at", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"],
            ["systems.area_code"],
            name=op.f("fk_monitoring_frameworks_area_code_systems"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitoring_frameworks")),
        sa.UniqueConstraint("area_code", name=op.f("uq_monitoring_frameworks_area_code")),
    )

    op.create_table(
        "monitoring_parts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("framework_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["framework_id"],
            ["monitoring_frameworks.id"],
            name=op.f("fk_monitoring_parts_framework_id_monitoring_frameworks"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitoring_parts")),
        sa.UniqueConstraint(
            "framework_id", "number", name=op.f("uq_monitoring_parts_framework_id")
        ),
    )
    with op.batch_alter_table("monitoring_parts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_monitoring_parts_framework_id"), ["framework_id"], unique=False
        )

    op.create_table(
        "monitoring_kpis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("framework_id", sa.Integer(), nullable=False),
        sa.Column("part_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("unit", sa.String(length=60), nullable=False),
        sa.Column("polarity", sa.String(length=20), nullable=False),
        sa.Column("target_text", sa.String(length=100), nullable=False),
        sa.Column("target_comparator", sa.String(length=20), nullable=True),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("target_upper", sa.Float(), nullable=True),
        sa.Column("target_percent", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("indicator_id", sa.String(length=60), nullable=True),
        sa.Column("indicator_months", sa.Integer(), nullable=False),
        sa.Column("screen_outliers", sa.Boolean(), nullable=False),
        sa.Column("fix_after", sa.Integer(), nullable=True),
        sa.Column("rebases", sa.JSON(), nullable=False),
        sa.Column("created_at", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["framework_id"],
            ["monitoring_frameworks.id"],
            name=op.f("fk_monitoring_kpis_framework_id_monitoring_frameworks"),
        ),
        sa.ForeignKeyConstraint(
            ["part_id"],
            ["monitoring_parts.id"],
            name=op.f("fk_monitoring_kpis_part_id_monitoring_parts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitoring_kpis")),
        sa.UniqueConstraint("framework_id", "code", name=op.f("uq_monitoring_kpis_framework_id")),
    )
    with op.batch_alter_table("monitoring_kpis", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_monitoring_kpis_framework_id"), ["framework_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_monitoring_kpis_part_id"), ["part_id"], unique=False)

    op.create_table(
        "monitoring_kpi_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kpi_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("at", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.ForeignKeyConstraint(
            ["kpi_id"],
            ["monitoring_kpis.id"],
            name=op.f("fk_monitoring_kpi_values_kpi_id_monitoring_kpis"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_user_id"],
            ["users.id"],
            name=op.f("fk_monitoring_kpi_values_actor_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitoring_kpi_values")),
        sa.UniqueConstraint(
            "kpi_id", "period", "version", name=op.f("uq_monitoring_kpi_values_kpi_id")
        ),
    )
    with op.batch_alter_table("monitoring_kpi_values", schema=None) as batch_op:
        batch_op.create_index(
            "ix_monitoring_kpi_values_kpi_period", ["kpi_id", "period"], unique=False
        )

    protect("monitoring_kpi_values")


def downgrade() -> None:
    unprotect("monitoring_kpi_values")
    with op.batch_alter_table("monitoring_kpi_values", schema=None) as batch_op:
        batch_op.drop_index("ix_monitoring_kpi_values_kpi_period")
    op.drop_table("monitoring_kpi_values")
    with op.batch_alter_table("monitoring_kpis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_monitoring_kpis_part_id"))
        batch_op.drop_index(batch_op.f("ix_monitoring_kpis_framework_id"))
    op.drop_table("monitoring_kpis")
    with op.batch_alter_table("monitoring_parts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_monitoring_parts_framework_id"))
    op.drop_table("monitoring_parts")
    op.drop_table("monitoring_frameworks")
