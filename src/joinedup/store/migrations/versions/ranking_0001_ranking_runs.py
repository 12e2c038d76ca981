"""ranking: saved named ranking runs and their results

Revision ID: ranking_0001
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import joinedup.store.db
from joinedup.store.append_only import protect, unprotect

revision = "ranking_0001"
down_revision = "0001"
branch_labels = ("ranking",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ranking_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("indicators", sa.JSON(), nullable=False),
        sa.Column("ran_by", sa.String(length=320), nullable=False),
        sa.Column("ran_by_user_id", sa.Integer(), nullable=True),
        sa.Column("ran_at", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("areas_ranked", sa.Integer(), nullable=False),
        sa.Column("first_order", sa.JSON(), nullable=False),
        sa.Column("total_effect", sa.JSON(), nullable=False),
        sa.Column("most_influential", sa.String(length=40), nullable=True),
        sa.Column("missing", sa.JSON(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ranking_runs")),
    )
    op.create_table(
        "ranking_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=9), nullable=False),
        sa.Column("area_name", sa.String(length=200), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("median_rank", sa.Integer(), nullable=True),
        sa.Column("rank_p05", sa.Integer(), nullable=True),
        sa.Column("rank_p95", sa.Integer(), nullable=True),
        sa.Column("contributions", sa.JSON(), nullable=False),
        sa.Column("selected", sa.String(length=20), nullable=True),
        sa.Column("share_in_worst", sa.Float(), nullable=True),
        sa.Column("missing_indicators", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["ranking_runs.id"], name=op.f("fk_ranking_rows_run_id_ranking_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ranking_rows")),
    )
    with op.batch_alter_table("ranking_rows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ranking_rows_run_id"), ["run_id"], unique=False)
    protect("ranking_runs")
    protect("ranking_rows")


def downgrade() -> None:
    unprotect("ranking_rows")
    unprotect("ranking_runs")
    with op.batch_alter_table("ranking_rows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ranking_rows_run_id"))
    op.drop_table("ranking_rows")
    op.drop_table("ranking_runs")
