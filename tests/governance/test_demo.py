"""The governance demo tells the seeds' story: Coventry's Board resolutions on its plan (seed
000), Stockport's scrutiny questions with the responses given (seed 004), Oxfordshire's Board,
its sub-groups and the June 2019 highlight report, its risk register and monthly calls."""

from __future__ import annotations

from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.governance import service
from tests.conftest import COVENTRY, OXFORDSHIRE

STOCKPORT = "E08000007"


def _meetings(session: Session, area_code: str) -> list[service.MeetingView]:
    views = []
    for board in service.boards_of(session, actor=OPERATOR, area_code=area_code):
        for m in service.board_meetings(session, actor=OPERATOR, board_id=board.id):
            views.append(service.get_meeting(session, actor=OPERATOR, meeting_id=m.id))
    return views


def test_coventrys_board_noted_progress_and_kept_oversight(session: Session) -> None:
    meetings = _meetings(session, COVENTRY)
    progress = next(m for m in meetings if m.agenda[0].title.endswith("plan progress"))
    assert progress.minutes_status == "approved"
    assert len(progress.resolutions) == 2
    assert progress.resolved.startswith("RESOLVED that: (1) the progress made")
    assert "(2) the Board keep the plan's progress under review" in progress.resolved
    assert "will not be published" in progress.minutes
    boards = {b.name for b in service.boards_of(session, actor=OPERATOR, area_code=COVENTRY)}
    assert "Coventry City Council Cabinet" in boards


def test_stockports_scrutiny_questions_have_their_responses(session: Session) -> None:
    (meeting,) = _meetings(session, STOCKPORT)
    assert meeting.board_name == "Stockport Health and Wellbeing Scrutiny Committee"
    assert len(meeting.questions) >= 6
    assert all(q.response for q in meeting.questions)
    assert any("Accountable Care Organisation" in q.question for q in meeting.questions)
    assert meeting.resolved == "RESOLVED that the report be noted"


def test_oxfordshires_board_received_the_highlight_report_in_june(session: Session) -> None:
    board = service.boards_of(session, actor=OPERATOR, area_code=OXFORDSHIRE)[0]
    assert board.name == "Oxfordshire Health and Wellbeing Board"
    assert len(board.sub_groups) == 5
    assert board.name not in board.sub_groups
    june = service.get_meeting(session, actor=OPERATOR, meeting_id=1)
    assert (june.held_on.month, june.held_on.day) == (6, 13)
    assert june.agenda[0].title == "CQC action plan highlight report"
    assert june.actions[0].plan_action_id is not None  # taken into workstream G
    coming = service.forward_plan(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    assert coming
    assert coming[0].minutes_status == "draft"
    assert "CQC action plan highlight report" in coming[0].papers


def test_oxfordshires_risks_and_monthly_calls(session: Session) -> None:
    register = service.risk_register(session, actor=OPERATOR, plan_id=1)
    assert len(register) == 4
    assert [r.score for r in register] == sorted((r.score for r in register), reverse=True)
    assert any(len(r.history) == 2 for r in register)
    calls = service.oversight_log(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    assert len(calls) >= 12
    months = {(c.held_on.year, c.held_on.month) for c in calls}
    assert len(months) == len(calls)  # one a month
    assert service.engagement_log(session, actor=OPERATOR, area_code=OXFORDSHIRE)
