"""What the governance API answers: each read as a model with its OpenAPI schema, built from the
frozen views of ``joinedup.governance.views``."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class MemberOut(_Out):
    id: int
    name: str
    role: str


class BoardOut(_Out):
    id: int
    area_code: str
    name: str
    kind: str
    parent_id: int | None
    parent_name: str
    sub_groups: list[str]
    strategy_priorities: list[str]
    purposes: list[str]
    risk_threshold: int
    version: int
    members: list[MemberOut]


class AgendaItemOut(_Out):
    id: int
    number: int
    title: str
    presenter: str
    report_id: int | None
    report_title: str
    report_published_slug: str | None
    review_id: int | None
    plan_id: int | None


class AttendanceOut(_Out):
    name: str
    role: str
    present: bool


class ResolutionOut(_Out):
    number: int
    text: str
    agenda_item_id: int | None


class QuestionOut(_Out):
    id: int
    asked_by: str
    question: str
    response: str
    responded_by: str


class ActionArisingOut(_Out):
    id: int
    description: str
    owner: str
    due: date | None
    plan_action_id: int | None


class MeetingOut(_Out):
    id: int
    board_id: int
    board_name: str
    area_code: str
    held_on: date
    location: str
    minutes: str
    minutes_status: str
    minutes_approved_on: date | None
    version: int
    agenda: list[AgendaItemOut]
    attendance: list[AttendanceOut]
    resolutions: list[ResolutionOut]
    questions: list[QuestionOut]
    actions: list[ActionArisingOut]


class ParticipantOut(_Out):
    name: str
    role: str


class OversightOut(_Out):
    id: int
    area_code: str
    held_on: date
    kind: str
    participants: list[ParticipantOut]
    discussed: str
    follow_ups: str
    recorded_by: str


class EngagementOut(_Out):
    id: int
    area_code: str
    held_on: date
    who: str
    how: str
    heard: str
    finding_ids: list[int]
    action_ids: list[int]


class RiskScoreOut(_Out):
    assessed_on: date
    likelihood: int
    impact: int
    score: int
    note: str
    actor: str


class RiskOut(_Out):
    id: int
    plan_id: int
    area_code: str
    title: str
    cause: str
    likelihood: int
    impact: int
    score: int
    band: str
    owner: str
    mitigations: str
    workstream_codes: list[str]
    action_ids: list[int]
    version: int
    history: list[RiskScoreOut]


class SignOffOut(_Out):
    id: int
    agenda_item_id: int
    paper: str
    meeting_id: int
    board_name: str
    held_on: date
    name: str
    role: str
    required: bool
    asked_on: date
    answer: str
    comment: str
    answered_on: date | None
