"""Who may read and change governance records: the system's people and the national roles read
them; the system's leads keep them; the national review team may also log oversight calls.
Another system's records are not found, never forbidden, so their existence is not revealed."""

from __future__ import annotations

from sqlalchemy.orm import Session

from joinedup.access.rules import Permission, Principal
from joinedup.errors import NotFound, PermissionDenied
from joinedup.governance.models import Board, Meeting, Risk


def require_read(actor: Principal, area_code: str, what: str) -> None:
    if not actor.can_read_system(area_code):
        raise NotFound(f"no {what}")


def require_lead(actor: Principal, area_code: str) -> None:
    if not actor.can(Permission.EDIT_PLAN, area_code):
        raise PermissionDenied("Only the system's leads can change its governance records.")


def may_keep(actor: Principal, area_code: str) -> bool:
    return actor.can(Permission.EDIT_PLAN, area_code)


def may_log_oversight(actor: Principal, area_code: str) -> bool:
    """The system's leads and the national review team record oversight calls."""
    return actor.can(Permission.EDIT_PLAN, area_code) or actor.can(Permission.MANAGE_REVIEWS)


def readable_board(session: Session, actor: Principal, board_id: int) -> Board:
    board = session.get(Board, board_id)
    if board is None or not actor.can_read_system(board.area_code):
        raise NotFound(f"no board {board_id}")
    return board


def readable_meeting(session: Session, actor: Principal, meeting_id: int) -> tuple[Meeting, Board]:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"no meeting {meeting_id}")
    board = session.get(Board, meeting.board_id)
    if board is None or not actor.can_read_system(board.area_code):
        raise NotFound(f"no meeting {meeting_id}")
    return meeting, board


def readable_risk(session: Session, actor: Principal, risk_id: int) -> Risk:
    risk = session.get(Risk, risk_id)
    if risk is None or not actor.can_read_system(risk.area_code):
        raise NotFound(f"no risk {risk_id}")
    return risk
