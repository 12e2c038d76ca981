"""governance: boards, meetings, oversight, engagement and risks

Revision ID: governance_0001
Revises: 0001
Depends on: plans_0001, reports_0001, reviews_0001 (agenda papers and risks name them)

The risk score history is append-only.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import joinedup.store.db
from joinedup.store.append_only import protect, unprotect

revision = "governance_0001"
down_revision = "0001"
branch_labels = ("governance",)
depends_on = ["plans_0001", "reports_0001", "reviews_0001"]


def upgrade() -> None:
    op.create_table(
        "governance_boards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=9), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("strategy_priorities", sa.JSON(), nullable=False),
        sa.Column("purposes", sa.JSON(), nullable=False),
        sa.Column("risk_threshold", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"],
            ["systems.area_code"],
            name=op.f("fk_governance_boards_area_code_systems"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["governance_boards.id"],
            name=op.f("fk_governance_boards_parent_id_governance_boards"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_boards")),
        sa.UniqueConstraint("area_code", "name", name=op.f("uq_governance_boards_area_code")),
    )
    with op.batch_alter_table("governance_boards", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_governance_boards_area_code"), ["area_code"], unique=False
        )

    op.create_table(
        "governance_engagements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=9), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("who", sa.String(length=300), nullable=False),
        sa.Column("how", sa.String(length=300), nullable=False),
        sa.Column("heard", sa.Text(), nullable=False),
        sa.Column("finding_ids", sa.JSON(), nullable=False),
        sa.Column("action_ids", sa.JSON(), nullable=False),
        sa.Column("recorded_by", sa.String(length=320), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"],
            ["systems.area_code"],
            name=op.f("fk_governance_engagements_area_code_systems"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_engagements")),
    )
    with op.batch_alter_table("governance_engagements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_governance_engagements_area_code"), ["area_code"], unique=False
        )

    op.create_table(
        "governance_oversight",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=9), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("participants", sa.JSON(), nullable=False),
        sa.Column("discussed", sa.Text(), nullable=False),
        sa.Column("follow_ups", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=320), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"],
            ["systems.area_code"],
            name=op.f("fk_governance_oversight_area_code_systems"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_oversight")),
    )
    with op.batch_alter_table("governance_oversight", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_governance_oversight_area_code"), ["area_code"], unique=False
        )

    op.create_table(
        "governance_board_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["board_id"],
            ["governance_boards.id"],
            name=op.f("fk_governance_board_members_board_id_governance_boards"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_board_members")),
    )
    with op.batch_alter_table("governance_board_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_governance_board_members_board_id"), ["board_id"], unique=False
        )

    op.create_table(
        "governance_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("location", sa.String(length=300), nullable=False),
        sa.Column("minutes", sa.Text(), nullable=False),
        sa.Column("minutes_status", sa.String(length=20), nullable=False),
        sa.Column("minutes_approved_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["board_id"],
            ["governance_boards.id"],
            name=op.f("fk_governance_meetings_board_id_governance_boards"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_meetings")),
    )
    with op.batch_alter_table("governance_meetings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_governance_meetings_board_id"), ["board_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_governance_meetings_held_on"), ["held_on"], unique=False
        )

    op.create_table(
        "governance_agenda_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("presenter", sa.String(length=200), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("review_id", sa.Integer(), nullable=True),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["governance_meetings.id"],
            name=op.f("fk_governance_agenda_items_meeting_id_governance_meetings"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_governance_agenda_items_plan_id_plans")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_governance_agenda_items_report_id_reports")
        ),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_governance_agenda_items_review_id_reviews")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_agenda_items")),
        sa.UniqueConstraint(
            "meeting_id", "number", name=op.f("uq_governance_agenda_items_meeting_id")
        ),
    )
    with op.batch_alter_table("governance_agenda_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_governance_agenda_items_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "governance_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=300), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["governance_meetings.id"],
            name=op.f("fk_governance_attendance_meeting_id_governance_meetings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_attendance")),
    )
    with op.batch_alter_table("governance_attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_governance_attendance_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "governance_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("asked_by", sa.String(length=200), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("responded_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["governance_meetings.id"],
            name=op.f("fk_governance_questions_meeting_id_governance_meetings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_questions")),
    )
    with op.batch_alter_table("governance_questions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_governance_questions_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "governance_risks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=9), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("cause", sa.Text(), nullable=False),
        sa.Column("likelihood", sa.Integer(), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("mitigations", sa.Text(), nullable=False),
        sa.Column("workstream_codes", sa.JSON(), nullable=False),
        sa.Column("action_ids", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"], ["systems.area_code"], name=op.f("fk_governance_risks_area_code_systems")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_governance_risks_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_risks")),
    )
    with op.batch_alter_table("governance_risks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_governance_risks_area_code"), ["area_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_governance_risks_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "governance_resolutions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["governance_agenda_items.id"],
            name=op.f("fk_governance_resolutions_agenda_item_id_governance_agenda_items"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["governance_meetings.id"],
            name=op.f("fk_governance_resolutions_meeting_id_governance_meetings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_resolutions")),
        sa.UniqueConstraint(
            "meeting_id", "number", name=op.f("uq_governance_resolutions_meeting_id")
        ),
    )
    with op.batch_alter_table("governance_resolutions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_governance_resolutions_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "governance_risk_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("risk_id", sa.Integer(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("likelihood", sa.Integer(), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", joinedup.store.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.ForeignKeyConstraint(
            ["risk_id"],
            ["governance_risks.id"],
            name=op.f("fk_governance_risk_scores_risk_id_governance_risks"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_risk_scores")),
    )
    with op.batch_alter_table("governance_risk_scores", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_governance_risk_scores_risk_id"), ["risk_id"], unique=False
        )
    protect("governance_risk_scores")

    op.create_table(
        "governance_actions_arising",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("plan_action_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["governance_meetings.id"],
            name=op.f("fk_governance_actions_arising_meeting_id_governance_meetings"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_action_id"],
            ["plan_actions.id"],
            name=op.f("fk_governance_actions_arising_plan_action_id_plan_actions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_actions_arising")),
    )
    with op.batch_alter_table("governance_actions_arising", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_governance_actions_arising_meeting_id"), ["meeting_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("governance_actions_arising", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_actions_arising_meeting_id"))

    op.drop_table("governance_actions_arising")
    unprotect("governance_risk_scores")
    with op.batch_alter_table("governance_risk_scores", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_risk_scores_risk_id"))

    op.drop_table("governance_risk_scores")
    with op.batch_alter_table("governance_resolutions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_resolutions_meeting_id"))

    op.drop_table("governance_resolutions")
    with op.batch_alter_table("governance_risks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_risks_plan_id"))
        batch_op.drop_index(batch_op.f("ix_governance_risks_area_code"))

    op.drop_table("governance_risks")
    with op.batch_alter_table("governance_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_questions_meeting_id"))

    op.drop_table("governance_questions")
    with op.batch_alter_table("governance_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_attendance_meeting_id"))

    op.drop_table("governance_attendance")
    with op.batch_alter_table("governance_agenda_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_agenda_items_meeting_id"))

    op.drop_table("governance_agenda_items")
    with op.batch_alter_table("governance_meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_meetings_held_on"))
        batch_op.drop_index(batch_op.f("ix_governance_meetings_board_id"))

    op.drop_table("governance_meetings")
    with op.batch_alter_table("governance_board_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_board_members_board_id"))

    op.drop_table("governance_board_members")
    with op.batch_alter_table("governance_oversight", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_oversight_area_code"))

    op.drop_table("governance_oversight")
    with op.batch_alter_table("governance_engagements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_engagements_area_code"))

    op.drop_table("governance_engagements")
    with op.batch_alter_table("governance_boards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_governance_boards_area_code"))

    op.drop_table("governance_boards")
