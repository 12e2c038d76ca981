"""Tables of governance: boards and their members, meetings with agenda items, attendance,
resolutions, questions and actions arising; the oversight and engagement logs; the risk register
with its append-only score history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from joinedup.store.db import Base, UtcDateTime, utcnow
from joinedup.store.versioning import versioned


class Board(Base):
    """A board or committee of a system; a sub-group names the board it reports to."""

    __tablename__ = "governance_boards"
    __table_args__ = (UniqueConstraint("area_code", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("systems.area_code"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))  # board, sub_group, scrutiny, cabinet
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("governance_boards.id"), nullable=True)
    # Cover-sheet settings of the papers this board receives (lists of short texts).
    strategy_priorities: Mapped[list[str]] = mapped_column(JSON, default=list)
    purposes: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Risks scoring at least this (likelihood x impact) go into the board's highlight report.
    risk_threshold: Mapped[int] = mapped_column(Integer, default=15)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = versioned(version)


class BoardMember(Base):
    __tablename__ = "governance_board_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("governance_boards.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(300), default="")


class Meeting(Base):
    """A meeting of a board; its minutes are a draft until approved, and public only then."""

    __tablename__ = "governance_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("governance_boards.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    location: Mapped[str] = mapped_column(String(300), default="")
    minutes: Mapped[str] = mapped_column(Text, default="")
    minutes_status: Mapped[str] = mapped_column(String(20), default="draft")
    minutes_approved_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = versioned(version)


class AgendaItem(Base):
    """An item of a meeting's agenda with the papers it carries."""

    __tablename__ = "governance_agenda_items"
    __table_args__ = (UniqueConstraint("meeting_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("governance_meetings.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    presenter: Mapped[str] = mapped_column(String(200), default="")
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"), nullable=True)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id"), nullable=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"), nullable=True)


class Attendance(Base):
    __tablename__ = "governance_attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("governance_meetings.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(300), default="")
    present: Mapped[bool] = mapped_column(Boolean, default=True)  # False: sent apologies


class Resolution(Base):
    """ "RESOLVED that (1) ...": numbered within the meeting."""

    __tablename__ = "governance_resolutions"
    __table_args__ = (UniqueConstraint("meeting_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("governance_meetings.id"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("governance_agenda_items.id"), nullable=True
    )
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class Question(Base):
    """A question raised at a meeting and the response given."""

    __tablename__ = "governance_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("governance_meetings.id"), index=True)
    asked_by: Mapped[str] = mapped_column(String(200), default="")
    question: Mapped[str] = mapped_column(Text)
    response: Mapped[str] = mapped_column(Text, default="")
    responded_by: Mapped[str] = mapped_column(String(200), default="")


class ActionArising(Base):
    """An action arising from a meeting; once taken into the plan it names the plan action."""

    __tablename__ = "governance_actions_arising"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("governance_meetings.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    plan_action_id: Mapped[int | None] = mapped_column(ForeignKey("plan_actions.id"), nullable=True)


class OversightContact(Base):
    """A call or meeting with the national team about the system's progress."""

    __tablename__ = "governance_oversight"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("systems.area_code"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))  # call, meeting
    participants: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # {"name", "role"}
    discussed: Mapped[str] = mapped_column(Text)
    follow_ups: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(320))


class Engagement(Base):
    """Who was engaged, when and how, what was heard, and the findings or actions it informed."""

    __tablename__ = "governance_engagements"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("systems.area_code"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    who: Mapped[str] = mapped_column(String(300))
    how: Mapped[str] = mapped_column(String(300))
    heard: Mapped[str] = mapped_column(Text)
    finding_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    action_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    recorded_by: Mapped[str] = mapped_column(String(320))


class Risk(Base):
    """A risk to delivering a plan; its score's every change is a row of RiskScore."""

    __tablename__ = "governance_risks"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("systems.area_code"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    cause: Mapped[str] = mapped_column(Text, default="")
    likelihood: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    owner: Mapped[str] = mapped_column(String(200), default="")
    mitigations: Mapped[str] = mapped_column(Text, default="")
    workstream_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    action_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = versioned(version)


class RiskScore(Base):
    """Append-only: a risk's likelihood and impact from a date on."""

    __tablename__ = "governance_risk_scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("governance_risks.id"), index=True)
    assessed_on: Mapped[date] = mapped_column(Date)
    likelihood: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(320))


class SignOffRequest(Base):
    """A contributor or approver asked to sign off the paper of an agenda item, and their answer."""

    __tablename__ = "governance_sign_off_requests"
    __table_args__ = (UniqueConstraint("agenda_item_id", "user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("governance_agenda_items.id"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # contributor, approver
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    asked_on: Mapped[date] = mapped_column(Date)
    asked_by: Mapped[str] = mapped_column(String(320))
    answer: Mapped[str] = mapped_column(String(20), default="")  # agreed, changes
    comment: Mapped[str] = mapped_column(Text, default="")
    answered_on: Mapped[date | None] = mapped_column(Date, nullable=True)
