"""Meetings of a board: hold one, set its agenda with the papers each item carries, record who
attended, write the minutes and approve them. Approved minutes are public and no longer change;
draft minutes are never shown outside the system."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import FORM, InvalidInput, NotFound, StaleEdit
from joinedup.governance.models import (
    ActionArising,
    AgendaItem,
    Attendance,
    Board,
    Meeting,
    Question,
    Resolution,
)
from joinedup.governance.permissions import readable_board, readable_meeting, require_lead
from joinedup.governance.schemas import (
    AgendaItemIn,
    ApproveMinutesIn,
    AttendanceIn,
    MeetingIn,
    MinutesIn,
    MinutesStatus,
)
from joinedup.governance.views import (
    ActionArisingView,
    AgendaItemView,
    AttendanceView,
    MeetingSummary,
    MeetingView,
    QuestionView,
    ResolutionView,
)
from joinedup.plans import service as plans
from joinedup.reports import service as reports
from joinedup.reviews import service as reviews
from joinedup.store.versioning import claim, expect_version, flush_versioned

T = TypeVar("T")

APPROVED = "The minutes of this meeting are approved and can no longer be changed."


def changeable_meeting(session: Session, actor: Principal, meeting_id: int) -> Meeting:
    """A meeting the actor may change: theirs to keep, and its minutes not yet approved."""
    meeting, board = readable_meeting(session, actor, meeting_id)
    require_lead(actor, board.area_code)
    if meeting.minutes_status == MinutesStatus.APPROVED.value:
        raise InvalidInput.of(FORM, APPROVED)
    return meeting


def area_of(session: Session, meeting: Meeting) -> str:
    board = session.get(Board, meeting.board_id)
    assert board is not None  # a meeting's board is a foreign key
    return board.area_code


def add_meeting(session: Session, *, actor: Principal, board_id: int, change: MeetingIn) -> Meeting:
    board = readable_board(session, actor, board_id)
    require_lead(actor, board.area_code)
    meeting = Meeting(
        board_id=board.id,
        held_on=change.held_on,
        location=change.location,
        minutes="",
        minutes_status=MinutesStatus.DRAFT.value,
        version=1,
    )
    session.add(meeting)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="governance.meeting.add",
        entity_type="meeting",
        entity_id=meeting.id,
        area_code=board.area_code,
        after={"board": board.name, "held_on": change.held_on.isoformat()},
    )
    return meeting


def _check_papers(session: Session, actor: Principal, area_code: str, change: AgendaItemIn) -> None:
    """Each paper must be one the actor can read, of the meeting's own system."""
    problems: dict[str, str] = {}
    checks = (
        ("report_id", "report", lambda i: reports.get_report(session, actor=actor, report_id=i)),
        ("review_id", "review", lambda i: reviews.get_review(session, actor=actor, review_id=i)),
        ("plan_id", "plan", lambda i: plans.get_plan(session, actor=actor, plan_id=i)),
    )
    for field, noun, read in checks:
        paper_id = getattr(change, field)
        if paper_id is None:
            continue
        try:
            paper = read(paper_id)
        except NotFound:
            problems[field] = f"There is no {noun} {paper_id} of this system"
            continue
        if paper.area_code != area_code:
            problems[field] = f"There is no {noun} {paper_id} of this system"
    if problems:
        raise InvalidInput(problems)


def add_agenda_item(
    session: Session, *, actor: Principal, meeting_id: int, change: AgendaItemIn
) -> AgendaItem:
    meeting = changeable_meeting(session, actor, meeting_id)
    area_code = area_of(session, meeting)
    _check_papers(session, actor, area_code, change)
    claim(session, Meeting.__table__, meeting.id)  # numbers are allocated one at a time
    number = session.scalar(
        select(func.coalesce(func.max(AgendaItem.number), 0)).where(
            AgendaItem.meeting_id == meeting.id
        )
    )
    item = AgendaItem(
        meeting_id=meeting.id,
        number=(number or 0) + 1,
        title=change.title,
        presenter=change.presenter,
        report_id=change.report_id,
        review_id=change.review_id,
        plan_id=change.plan_id,
    )
    session.add(item)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="governance.agenda.add",
        entity_type="meeting",
        entity_id=meeting.id,
        area_code=area_code,
        after={"number": item.number, "title": item.title, "report_id": item.report_id},
    )
    return item


def add_attendance(
    session: Session, *, actor: Principal, meeting_id: int, change: AttendanceIn
) -> None:
    meeting = changeable_meeting(session, actor, meeting_id)
    session.add(
        Attendance(
            meeting_id=meeting.id, name=change.name, role=change.role, present=change.present
        )
    )
    audit.record(
        session,
        actor=actor,
        action="governance.attendance.add",
        entity_type="meeting",
        entity_id=meeting.id,
        area_code=area_of(session, meeting),
        after={"name": change.name, "present": change.present},
    )


def _minutes_now(session: Session, meeting_id: int) -> dict[str, object]:
    meeting = session.get(Meeting, meeting_id, populate_existing=True)
    if meeting is None:
        return {}
    return {"minutes": meeting.minutes, "version": meeting.version}


def _stale(session: Session, meeting_id: int) -> StaleEdit:
    return StaleEdit(
        "Somebody changed these minutes since you loaded them; "
        "check what they say now and save again.",
        current=_minutes_now(session, meeting_id),
    )


def save_minutes(
    session: Session, *, actor: Principal, meeting_id: int, change: MinutesIn
) -> Meeting:
    meeting = changeable_meeting(session, actor, meeting_id)
    expect_version(meeting, change.version, stale=lambda: _stale(session, meeting_id))
    meeting.minutes = change.minutes
    flush_versioned(session, stale=lambda: _stale(session, meeting_id))
    audit.record(
        session,
        actor=actor,
        action="governance.minutes.save",
        entity_type="meeting",
        entity_id=meeting.id,
        area_code=area_of(session, meeting),
        after={"version": meeting.version},
    )
    return meeting


def approve_minutes(
    session: Session, *, actor: Principal, meeting_id: int, change: ApproveMinutesIn
) -> Meeting:
    """Approve the minutes: from now on they are public and do not change. Approving approved
    minutes changes nothing."""
    meeting, board = readable_meeting(session, actor, meeting_id)
    require_lead(actor, board.area_code)
    if meeting.minutes_status == MinutesStatus.APPROVED.value:
        return meeting
    if not meeting.minutes.strip():
        raise InvalidInput.of("minutes", "Write the minutes before approving them")
    approved_on = change.approved_on or clock.today()
    if approved_on < meeting.held_on:
        raise InvalidInput.of("approved_on", "Minutes are approved on or after the meeting")
    expect_version(meeting, change.version, stale=lambda: _stale(session, meeting_id))
    meeting.minutes_status = MinutesStatus.APPROVED.value
    meeting.minutes_approved_on = approved_on
    flush_versioned(session, stale=lambda: _stale(session, meeting_id))
    audit.record(
        session,
        actor=actor,
        action="governance.minutes.approve",
        entity_type="meeting",
        entity_id=meeting.id,
        area_code=area_of(session, meeting),
        after={"approved_on": approved_on.isoformat()},
    )
    return meeting


def meeting_view(
    session: Session, meeting: Meeting, board: Board, titles: dict[int, str]
) -> MeetingView:
    """``titles`` names the reports the reader may see (by id); the others show no title."""
    published = {r.id: r.slug for r in reports.published_reports(session)}

    def rows(model: type[T], order: Any) -> list[T]:
        query = select(model).where(model.meeting_id == meeting.id).order_by(order)  # type: ignore[attr-defined]
        return list(session.scalars(query))

    agenda = [
        AgendaItemView(
            i.id,
            i.number,
            i.title,
            i.presenter,
            i.report_id,
            titles.get(i.report_id, "") if i.report_id else "",
            published.get(i.report_id) if i.report_id else None,
            i.review_id,
            i.plan_id,
        )
        for i in rows(AgendaItem, AgendaItem.number)
    ]
    return MeetingView(
        id=meeting.id,
        board_id=board.id,
        board_name=board.name,
        area_code=board.area_code,
        held_on=meeting.held_on,
        location=meeting.location,
        minutes=meeting.minutes,
        minutes_status=meeting.minutes_status,
        minutes_approved_on=meeting.minutes_approved_on,
        version=meeting.version,
        agenda=tuple(agenda),
        attendance=tuple(
            AttendanceView(a.name, a.role, a.present) for a in rows(Attendance, Attendance.id)
        ),
        resolutions=tuple(
            ResolutionView(r.number, r.text, r.agenda_item_id)
            for r in rows(Resolution, Resolution.number)
        ),
        questions=tuple(
            QuestionView(q.id, q.asked_by, q.question, q.response, q.responded_by)
            for q in rows(Question, Question.id)
        ),
        actions=tuple(
            ActionArisingView(a.id, a.description, a.owner, a.due, a.plan_action_id)
            for a in rows(ActionArising, ActionArising.id)
        ),
    )


def get_meeting(session: Session, *, actor: Principal, meeting_id: int) -> MeetingView:
    meeting, board = readable_meeting(session, actor, meeting_id)
    titles = {
        r.id: r.title for r in reports.list_reports(session, actor=actor, area_code=board.area_code)
    }
    return meeting_view(session, meeting, board, titles)


def published_meeting(session: Session, *, meeting_id: int) -> MeetingView:
    """A meeting whose minutes are approved, for anyone; any other is not found."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.minutes_status != MinutesStatus.APPROVED.value:
        raise NotFound(f"no published minutes {meeting_id}")
    board = session.get(Board, meeting.board_id)
    assert board is not None
    titles = {r.id: r.title for r in reports.published_reports(session)}
    return meeting_view(session, meeting, board, titles)


def published_meetings(session: Session) -> list[MeetingSummary]:
    """Every meeting whose minutes are approved, latest first."""
    query = (
        select(Meeting, Board.name, Board.area_code)
        .join(Board, Board.id == Meeting.board_id)
        .where(Meeting.minutes_status == MinutesStatus.APPROVED.value)
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
    )
    return [
        MeetingSummary(m.id, m.board_id, name, code, m.held_on, m.minutes_status, ())
        for m, name, code in session.execute(query)
    ]
