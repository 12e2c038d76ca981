"""Boards and committees through the API: the same reads and writes as the pages."""

from __future__ import annotations

from fastapi import APIRouter

from joinedup.governance import service as governance
from joinedup.governance.schemas import (
    BoardIn,
    BoardOut,
    BoardSettingsIn,
    MeetingIn,
    MeetingOut,
    MemberIn,
)
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.parts.governance import meeting_answer

router = APIRouter(tags=["governance"])


def _changed(session: SessionDep, principal: CurrentUser, board_id: int) -> BoardOut:
    """The change committed, the board as it is now."""
    session.commit()
    return get_board(board_id, session, principal)


@router.get("/systems/{area_code}/boards")
def list_boards(area_code: str, session: SessionDep, principal: CurrentUser) -> list[BoardOut]:
    found = governance.boards_of(session, actor=principal, area_code=area_code)
    return [BoardOut.model_validate(b) for b in found]


@router.post("/systems/{area_code}/boards", status_code=201)
def add_board(
    area_code: str, body: BoardIn, session: SessionDep, principal: CurrentUser
) -> BoardOut:
    """A board or committee of the system; a sub-group names the board it reports to."""
    board = governance.add_board(session, actor=principal, area_code=area_code, change=body)
    return _changed(session, principal, board.id)


@router.get("/systems/{area_code}/forward-plan")
def forward_plan(area_code: str, session: SessionDep, principal: CurrentUser) -> list[MeetingOut]:
    """The coming meetings of the system's boards, soonest first, with their agendas."""
    coming = governance.forward_plan(session, actor=principal, area_code=area_code)
    return [meeting_answer(session, principal, m.id) for m in coming]


@router.get("/boards/{board_id}")
def get_board(board_id: int, session: SessionDep, principal: CurrentUser) -> BoardOut:
    return BoardOut.model_validate(
        governance.get_board(session, actor=principal, board_id=board_id)
    )


@router.post("/boards/{board_id}/settings")
def update_settings(
    board_id: int, body: BoardSettingsIn, session: SessionDep, principal: CurrentUser
) -> BoardOut:
    """The board's cover-sheet settings and the risk score its highlight reports include."""
    governance.update_settings(session, actor=principal, board_id=board_id, change=body)
    return _changed(session, principal, board_id)


@router.post("/boards/{board_id}/members", status_code=201)
def add_member(
    board_id: int, body: MemberIn, session: SessionDep, principal: CurrentUser
) -> BoardOut:
    governance.add_member(session, actor=principal, board_id=board_id, change=body)
    return _changed(session, principal, board_id)


@router.get("/boards/{board_id}/meetings")
def board_meetings(board_id: int, session: SessionDep, principal: CurrentUser) -> list[MeetingOut]:
    found = governance.board_meetings(session, actor=principal, board_id=board_id)
    return [meeting_answer(session, principal, m.id) for m in found]


@router.post("/boards/{board_id}/meetings", status_code=201)
def add_meeting(
    board_id: int, body: MeetingIn, session: SessionDep, principal: CurrentUser
) -> MeetingOut:
    meeting = governance.add_meeting(session, actor=principal, board_id=board_id, change=body)
    session.commit()
    return meeting_answer(session, principal, meeting.id)
