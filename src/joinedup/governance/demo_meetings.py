"""Helpers of the governance demo: a meeting with its agenda and attendance, its minutes and
resolutions, and what the other capabilities' demo steps left (the plan, the highlight reports)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.errors import NotFound
from joinedup.governance import service
from joinedup.governance.schemas import (
    AgendaItemIn,
    ApproveMinutesIn,
    AttendanceIn,
    MeetingIn,
    MinutesIn,
    ResolutionIn,
)
from joinedup.plans import service as plans
from joinedup.reports import service as reports

OXFORDSHIRE, COVENTRY, STOCKPORT = "E10000025", "E08000026", "E08000007"


def hold_meeting(
    session: Session,
    board_id: int,
    held_on: date,
    *,
    agenda: list[AgendaItemIn],
    attended: tuple[tuple[str, str], ...] = (),
) -> int:
    meeting = service.add_meeting(
        session, actor=OPERATOR, board_id=board_id, change=MeetingIn(held_on=held_on)
    )
    for item in agenda:
        service.add_agenda_item(session, actor=OPERATOR, meeting_id=meeting.id, change=item)
    for name, role in attended:
        service.add_attendance(
            session,
            actor=OPERATOR,
            meeting_id=meeting.id,
            change=AttendanceIn(name=name, role=role),
        )
    return meeting.id


def write_minutes(
    session: Session,
    meeting_id: int,
    text: str,
    resolutions: list[str],
    *,
    approved_on: date | None,
) -> None:
    for resolution in resolutions:
        service.add_resolution(
            session, actor=OPERATOR, meeting_id=meeting_id, change=ResolutionIn(text=resolution)
        )
    view = service.get_meeting(session, actor=OPERATOR, meeting_id=meeting_id)
    service.save_minutes(
        session,
        actor=OPERATOR,
        meeting_id=meeting_id,
        change=MinutesIn(version=view.version, minutes=text),
    )
    if approved_on is not None:
        service.approve_minutes(
            session,
            actor=OPERATOR,
            meeting_id=meeting_id,
            change=ApproveMinutesIn(version=view.version + 1, approved_on=approved_on),
        )


def current_plan_id(session: Session, area_code: str) -> int | None:
    try:
        return plans.current_plan(session, actor=OPERATOR, area_code=area_code).id
    except NotFound:
        return None


def papers_by_meeting(session: Session, area_code: str) -> dict[date, int]:
    """The system's highlight reports by the meeting they were written for."""
    found = reports.list_reports(session, actor=OPERATOR, area_code=area_code)
    return {r.meeting_date: r.id for r in found if r.kind == "highlight" and r.meeting_date}
