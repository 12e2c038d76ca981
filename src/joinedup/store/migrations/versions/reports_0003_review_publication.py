"""reports: the system's responses to review reports; review reports follow their review's
publication state (a review report published while its review was not is withdrawn from the
public; an approved one whose review is published gets its public address)

Revision ID: reports_0003
Revises: reports_0002
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

import joinedup.store.db
from joinedup.store.append_only import protect, unprotect

revision = "reports_0003"
down_revision = "reports_0002"
branch_labels = None
depends_on = ("reviews_0001",)


def _follow_reviews() -> None:
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "UPDATE reports SET state = 'approved', slug = NULL, published_at = NULL "
            "WHERE kind = 'review' AND state = 'published' AND NOT EXISTS ("
            "SELECT 1 FROM reviews WHERE reviews.id = reports.review_id "
            "AND reviews.report_state = 'published')"
        )
    )
    rows = bind.execute(
        sa.text(
            "SELECT reports.id, areas.name, reviews.published_at FROM reports "
            "JOIN reviews ON reviews.id = reports.review_id "
            "JOIN areas ON areas.code = reports.area_code "
            "WHERE reports.kind = 'review' AND reports.state = 'approved' "
            "AND reviews.report_state = 'published'"
        )
    ).all()
    for report_id, name, published_at in rows:
        words = re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-")
        bind.execute(
            sa.text(
                "UPDATE reports SET state = 'published', slug = :slug, "
                "published_at = :published_at, version = version + 1 WHERE id = :id"
            ),
            {
                "slug": f"{words}-review-report-{report_id}",
                "published_at": published_at,
                "id": report_id,
            },
        )


def upgrade() -> None:
    op.create_table(
        "report_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=320), nullable=False),
        sa.Column("recorded_by_name", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_report_responses_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_responses")),
    )
    op.create_index(
        op.f("ix_report_responses_report_id"), "report_responses", ["report_id"], unique=False
    )
    protect("report_responses")
    _follow_reviews()


def downgrade() -> None:
    unprotect("report_responses")
    op.drop_index(op.f("ix_report_responses_report_id"), table_name="report_responses")
    op.drop_table("report_responses")
