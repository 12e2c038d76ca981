"""Meetings through the API: agenda and papers, attendance, minutes and their approval,
resolutions, questions and actions arising (one of which becomes a plan action in one call)."""

from __future__ import annotations

from fastapi import APIRouter

from joinedup.governance import service as governance
from joinedup.governance.schemas import (
    ActionArisingIn,
    AgendaItemIn,
    ApproveMinutesIn,
    AttendanceIn,
    MeetingOut,
    MinutesIn,
    QuestionIn,
    ResolutionIn,
    TakeIntoPlanIn,
)
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.parts.governance import meeting_answer

router = APIRouter(tags=["governance"])


def _changed(session: SessionDep, principal: CurrentUser, meeting_id: int) -> MeetingOut:
    """The change committed, the meeting as it is now."""
    session.commit()
    return meeting_answer(session, principal, meeting_id)


@router.get("/meetings/{meeting_id}")
def get_meeting(meeting_id: int, session: SessionDep, principal: CurrentUser) -> MeetingOut:
    """A meeting with its agenda, attendance, minutes (draft ones only for the system's people),
    resolutions, questions and actions arising."""
    return meeting_answer(session, principal, meeting_id)


@router.post("/meetings/{meeting_id}/agenda", status_code=201)
def add_agenda_item(
    meeting_id: int, body: AgendaItemIn, session: SessionDep, principal: CurrentUser
) -> MeetingOut:
    governance.add_agenda_item(session, actor=principal, meeting_id=meeting_id, change=body)
    return _changed(session, principal, meeting_id)


@router.post("/meetings/{meeting_id}/attendance", status_code=201)
def add_attendance(
    meeting_id: int, body: AttendanceIn, session: SessionDep, principal: CurrentUser
) -> MeetingOut:
    governance.add_attendance(session, actor=principal, meeting_id=meeting_id, change=body)
    return _changed(session, principal, meeting_id)


@router.post("/meetings/{meeting_id}/minutes")
def save_minutes(
    meeting_id: int, body: MinutesIn, session: SessionDep, principal: CurrentUser
) -> MeetingOut:
    """The draft minutes; a stale version is refused with 409."""
    governance.save_minutes(session, actor=principal, meeting_id=meeting_id, change=body)
    return _changed(session, principal, meeting_id)


@router.post("/meetings/{meeting_id}/approve")
def approve_minutes(
    meeting_id: int, body: ApproveMinutesIn, session: SessionDep, principal: CurrentUser
) -> MeetingOut:
    """Approve the minutes: they become public and no longer change."""
    governance.approve_minutes(session, actor=principal, meeting_id=meeting_id, change=body)
    return _changed(session, principal, meeting_id)


@router.post("/meetings/{meeting_id}/resolutions", status_code=201)
def add_resolution(
    meeting_id: int, body: ResolutionIn, session: SessionDep, principal: CurrentUser
) -> MeetingOut:
    governance.add_resolution(session, actor=principal, meeting_id=meeting_id, change=body)
    return _changed(session, principal, meeting_id)


@router.post("/meetings/{meeting_id}/questions", status_code=201)
def add_question(
    meeting_id: int, body: QuestionIn, session: SessionDep, principal: CurrentUser
) -> MeetingOut:
    governance.add_question(session, actor=principal, meeting_id=meeting_id, change=body)
    return _changed(session, principal, meeting_id)


@router.post("/meetings/{meeting_id}/actions", status_code=201)
def add_action_arising(
    meeting_id: int, body: ActionArisingIn, session: SessionDep, principal: CurrentUser
) -> MeetingOut:
    governance.add_action_arising(session, actor=principal, meeting_id=meeting_id, change=body)
    return _changed(session, principal, meeting_id)


@router.post("/actions-arising/{action_id}/plan", status_code=201)
def take_into_plan(
    action_id: int, body: TakeIntoPlanIn, session: SessionDep, principal: CurrentUser
) -> dict[str, int]:
    """The action arising becomes an action of the plan's workstream; answers its id."""
    made = governance.take_into_plan(
        session, actor=principal, action_arising_id=action_id, change=body
    )
    session.commit()
    return {"plan_action_id": made}
