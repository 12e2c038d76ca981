"""Frozen views of governance for pages, the API and report builders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from joinedup.governance import rules


@dataclass(frozen=True)
class MemberView:
    id: int
    name: str
    role: str


@dataclass(frozen=True)
class BoardView:
    id: int
    area_code: str
    name: str
    kind: str
    parent_id: int | None
    parent_name: str
    sub_groups: tuple[str, ...]
    strategy_priorities: tuple[str, ...]
    purposes: tuple[str, ...]
    risk_threshold: int
    version: int
    members: tuple[MemberView, ...]


@dataclass(frozen=True)
class AgendaItemView:
    id: int
    number: int
    title: str
    presenter: str
    report_id: int | None
    report_title: str
    # The address of the report at /published when it is published; None otherwise.
    report_published_slug: str | None
    review_id: int | None
    plan_id: int | None


@dataclass(frozen=True)
class AttendanceView:
    name: str
    role: str
    present: bool


@dataclass(frozen=True)
class ResolutionView:
    number: int
    text: str
    agenda_item_id: int | None


@dataclass(frozen=True)
class QuestionView:
    id: int
    asked_by: str
    question: str
    response: str
    responded_by: str


@dataclass(frozen=True)
class ActionArisingView:
    id: int
    description: str
    owner: str
    due: date | None
    plan_action_id: int | None


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    board_id: int
    board_name: str
    area_code: str
    held_on: date
    minutes_status: str
    papers: tuple[str, ...]  # the agenda items' titles, in order


@dataclass(frozen=True)
class MeetingView:
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
    agenda: tuple[AgendaItemView, ...]
    attendance: tuple[AttendanceView, ...]
    resolutions: tuple[ResolutionView, ...]
    questions: tuple[QuestionView, ...]
    actions: tuple[ActionArisingView, ...]

    @property
    def resolved(self) -> str:
        """The resolutions as the minutes write them."""
        return rules.resolutions_text([r.text for r in self.resolutions])


@dataclass(frozen=True)
class ParticipantView:
    name: str
    role: str


@dataclass(frozen=True)
class OversightView:
    id: int
    area_code: str
    held_on: date
    kind: str
    participants: tuple[ParticipantView, ...]
    discussed: str
    follow_ups: str
    recorded_by: str


@dataclass(frozen=True)
class EngagementView:
    id: int
    area_code: str
    held_on: date
    who: str
    how: str
    heard: str
    finding_ids: tuple[int, ...]
    action_ids: tuple[int, ...]


@dataclass(frozen=True)
class RiskScoreView:
    assessed_on: date
    likelihood: int
    impact: int
    score: int
    note: str
    actor: str


@dataclass(frozen=True)
class RiskView:
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
    workstream_codes: tuple[str, ...]
    action_ids: tuple[int, ...]
    version: int
    history: tuple[RiskScoreView, ...]


@dataclass(frozen=True)
class SignOffView:
    """One request to sign off a paper, with its answer once given."""

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
