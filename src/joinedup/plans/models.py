"""Tables of improvement plans: plans, workstreams, actions, the action journal and RAG ratings.

The journal and the RAG assessments are append-only (database triggers refuse UPDATE and
DELETE): a correction is a new row, so history is never rewritten.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from joinedup.store.db import Base, UtcDateTime, utcnow
from joinedup.store.versioning import versioned


class Plan(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("systems.area_code"), index=True)
    # The review the plan answers; None for a plan the system made of its own accord.
    review_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id"), nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    agreed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    planned_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)
    # Why the plan was submitted with findings not yet covered by an action (empty if none).
    coverage_exception: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = versioned(version)


class Workstream(Base):
    __tablename__ = "plan_workstreams"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    code: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(300))
    responsible_group: Mapped[str] = mapped_column(String(300), default="")
    leads: Mapped[str] = mapped_column(String(300), default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = versioned(version)


class WorkstreamMember(Base):
    """A contributor assigned to a workstream: they may update its actions and rating."""

    __tablename__ = "plan_workstream_members"

    workstream_id: Mapped[int] = mapped_column(
        ForeignKey("plan_workstreams.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Action(Base):
    """The current state of an action; every change is also a row of ActionUpdate."""

    __tablename__ = "plan_actions"
    __table_args__ = (
        Index("ix_plan_actions_workstream_status", "workstream_id", "status"),
        # One action per reference: numbers are allocated under a claim on the workstream.
        Index("uq_plan_actions_workstream_number", "workstream_id", "number", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workstream_id: Mapped[int] = mapped_column(ForeignKey("plan_workstreams.id"))
    number: Mapped[int] = mapped_column(Integer)  # within the workstream: A.1, A.2, ...
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    baseline_due: Mapped[date] = mapped_column(Date)
    forecast_due: Mapped[date] = mapped_column(Date)
    indicative: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    progress: Mapped[str] = mapped_column(Text, default="")  # the latest progress note
    updated_on: Mapped[date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = versioned(version)


class ActionUpdate(Base):
    """Append-only journal: one dated, attributed update of one action."""

    __tablename__ = "plan_action_updates"
    __table_args__ = (Index("ix_plan_action_updates_action_on", "action_id", "reported_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("plan_actions.id"))
    reported_on: Mapped[date] = mapped_column(Date)  # the date the update reports on
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)  # when it was recorded
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    actor: Mapped[str] = mapped_column(String(320))
    kind: Mapped[str] = mapped_column(String(20))  # created, updated
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)  # field -> [before, after]
    reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class ActionFinding(Base):
    """An action addresses a review finding (an area for improvement or of future focus)."""

    __tablename__ = "plan_action_findings"

    action_id: Mapped[int] = mapped_column(
        ForeignKey("plan_actions.id", ondelete="CASCADE"), primary_key=True
    )
    finding_id: Mapped[int] = mapped_column(
        ForeignKey("findings.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class RagAssessment(Base):
    """Append-only: a workstream's rating on a reporting date; the latest row of a date counts."""

    __tablename__ = "plan_rag_assessments"
    __table_args__ = (
        Index("ix_plan_rag_assessments_workstream_on", "workstream_id", "reported_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workstream_id: Mapped[int] = mapped_column(ForeignKey("plan_workstreams.id"))
    reported_on: Mapped[date] = mapped_column(Date)  # the reporting date
    rating: Mapped[str] = mapped_column(String(10))
    rationale: Mapped[str] = mapped_column(Text)
    mitigation: Mapped[str] = mapped_column(Text, default="")
    suggested: Mapped[str] = mapped_column(String(10))
    triggers: Mapped[list[str]] = mapped_column(JSON)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    actor: Mapped[str] = mapped_column(String(320))
