"""monitoring: a KPI's target states its basis (month, quarter, financial year, year to date or
rolling 12 months) and each KPI its expected lag in months

Revision ID: monitoring_0002
Revises: monitoring_0001

Plain ADD COLUMN with a constant default: SQLite adds it without rebuilding the table. Existing
targets read as monthly, as they were read before; the lag defaults to three months.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "monitoring_0002"
down_revision = "monitoring_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "monitoring_kpis",
        sa.Column("target_basis", sa.String(length=30), server_default="month", nullable=False),
    )
    op.add_column(
        "monitoring_kpis",
        sa.Column("expected_lag", sa.Integer(), server_default="3", nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("monitoring_kpis", schema=None) as batch_op:
        batch_op.drop_column("expected_lag")
        batch_op.drop_column("target_basis")
