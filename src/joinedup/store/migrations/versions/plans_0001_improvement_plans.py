"""plans: improvement plans, workstreams, actions, action journal, RAG assessments

Revision ID: plans_0001
Revises: reviews_0001 (action findings refer to its findings table)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import joinedup.store.db
from joinedup.store.append_only import protect, unprotect

revision = "plans_0001"
down_revision = "reviews_0001"
branch_labels = ("plans",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=9), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("agreed_on", sa.Date(), nullable=True),
        sa.Column("planned_end", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("coverage_exception", sa.Text(), nullable=False),
        sa.Column("created_at", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"], ["systems.area_code"], name=op.f("fk_plans_area_code_systems")
        ),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_plans_review_id_reviews")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plans_area_code"), ["area_code"], unique=False)

    op.create_table(
        "plan_workstreams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("responsible_group", sa.String(length=300), nullable=False),
        sa.Column("leads", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_plan_workstreams_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_workstreams")),
        sa.UniqueConstraint("plan_id", "code", name=op.f("uq_plan_workstreams_plan_id")),
    )
    with op.batch_alter_table("plan_workstreams", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_workstreams_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "plan_workstream_members",
        sa.Column("workstream_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workstream_id"],
            ["plan_workstreams.id"],
            name=op.f("fk_plan_workstream_members_workstream_id_plan_workstreams"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_plan_workstream_members_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "workstream_id", "user_id", name=op.f("pk_plan_workstream_members")
        ),
    )
    with op.batch_alter_table("plan_workstream_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_workstream_members_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "plan_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workstream_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("baseline_due", sa.Date(), nullable=False),
        sa.Column("forecast_due", sa.Date(), nullable=False),
        sa.Column("indicative", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("progress", sa.Text(), nullable=False),
        sa.Column("updated_on", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workstream_id"],
            ["plan_workstreams.id"],
            name=op.f("fk_plan_actions_workstream_id_plan_workstreams"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_actions")),
    )
    with op.batch_alter_table("plan_actions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_plan_actions_workstream_status", ["workstream_id", "status"], unique=False
        )

    op.create_table(
        "plan_action_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("at", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["plan_actions.id"],
            name=op.f("fk_plan_action_updates_action_id_plan_actions"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_user_id"],
            ["users.id"],
            name=op.f("fk_plan_action_updates_actor_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_action_updates")),
    )
    with op.batch_alter_table("plan_action_updates", schema=None) as batch_op:
        batch_op.create_index(
            "ix_plan_action_updates_action_on", ["action_id", "reported_on"], unique=False
        )

    op.create_table(
        "plan_action_findings",
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["plan_actions.id"],
            name=op.f("fk_plan_action_findings_action_id_plan_actions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["finding_id"],
            ["findings.id"],
            name=op.f("fk_plan_action_findings_finding_id_findings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("action_id", "finding_id", name=op.f("pk_plan_action_findings")),
    )
    with op.batch_alter_table("plan_action_findings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_action_findings_finding_id"), ["finding_id"], unique=False
        )

    op.create_table(
        "plan_rag_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workstream_id", sa.Integer(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("rating", sa.String(length=10), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("mitigation", sa.Text(), nullable=False),
        sa.Column("suggested", sa.String(length=10), nullable=False),
        sa.Column("triggers", sa.JSON(), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("at", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.ForeignKeyConstraint(
            ["workstream_id"],
            ["plan_workstreams.id"],
            name=op.f("fk_plan_rag_assessments_workstream_id_plan_workstreams"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_user_id"],
            ["users.id"],
            name=op.f("fk_plan_rag_assessments_actor_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_rag_assessments")),
    )
    with op.batch_alter_table("plan_rag_assessments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_plan_rag_assessments_workstream_on",
            ["workstream_id", "reported_on"],
            unique=False,
        )

    protect("plan_action_updates")
    protect("plan_rag_assessments")


def downgrade() -> None:
    unprotect("plan_rag_assessments")
    unprotect("plan_action_updates")
    with op.batch_alter_table("plan_rag_assessments", schema=None) as batch_op:
        batch_op.drop_index("ix_plan_rag_assessments_workstream_on")
    op.drop_table("plan_rag_assessments")
    with op.batch_alter_table("plan_action_findings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_action_findings_finding_id"))
    op.drop_table("plan_action_findings")
    with op.batch_alter_table("plan_action_updates", schema=None) as batch_op:
        batch_op.drop_index("ix_plan_action_updates_action_on")
    op.drop_table("plan_action_updates")
    with op.batch_alter_table("plan_actions", schema=None) as batch_op:
        batch_op.drop_index("ix_plan_actions_workstream_status")
    op.drop_table("plan_actions")
    with op.batch_alter_table("plan_workstream_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_workstream_members_user_id"))
    op.drop_table("plan_workstream_members")
    with op.batch_alter_table("plan_workstreams", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_workstreams_plan_id"))
    op.drop_table("plan_workstreams")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plans_area_code"))
    op.drop_table("plans")
