"""Papers for a meeting: what a report builder needs from the board that will receive a paper
(its name, the meeting's date and the board's cover-sheet settings), and the agenda item taking
the paper once it is drafted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import NotFound
from joinedup.governance.meetings import changeable_meeting
from joinedup.governance.models import AgendaItem, Board
from joinedup.governance.permissions import readable_meeting
from joinedup.governance.schemas import BoardKind


@dataclass(frozen=True)
class CoverSettings:
    """The board a paper goes to and what its cover sheet offers to tick."""

    board: str
    # Boards that report to it: never the board itself.
    sub_groups: tuple[str, ...]
    strategy_priorities: tuple[str, ...]
    purposes: tuple[str, ...]
    meeting_date: date | None = None
    meeting_id: int | None = None
    agenda_item_id: int | None = None
    item_title: str = ""
    presenter: str = ""
    # The board itself and the risk score its highlight reports show risks from.
    board_id: int | None = None
    risk_threshold: int | None = None


def _settings(session: Session, board: Board) -> CoverSettings:
    children = session.scalars(
        select(Board.name)
        .where(Board.parent_id == board.id, Board.id != board.id)
        .order_by(Board.name)
    )
    return CoverSettings(
        board=board.name,
        sub_groups=tuple(children),
        strategy_priorities=tuple(board.strategy_priorities),
        purposes=tuple(board.purposes),
        board_id=board.id,
        risk_threshold=board.risk_threshold,
    )


def _item(session: Session, agenda_item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, agenda_item_id)
    if item is None:
        raise NotFound(f"no agenda item {agenda_item_id}")
    return item


def paper_settings(session: Session, *, actor: Principal, agenda_item_id: int) -> CoverSettings:
    """The cover of a paper for an agenda item: the meeting's board, date and settings."""
    item = _item(session, agenda_item_id)
    meeting, board = readable_meeting(session, actor, item.meeting_id)
    found = _settings(session, board)
    return CoverSettings(
        board=found.board,
        sub_groups=found.sub_groups,
        strategy_priorities=found.strategy_priorities,
        purposes=found.purposes,
        meeting_date=meeting.held_on,
        meeting_id=meeting.id,
        agenda_item_id=item.id,
        item_title=item.title,
        presenter=item.presenter,
        board_id=found.board_id,
        risk_threshold=found.risk_threshold,
    )


def system_cover_settings(
    session: Session, *, actor: Principal, area_code: str
) -> CoverSettings | None:
    """The settings of the system's own board (the first of kind board), or None when the
    system has no board: its papers then start from an empty cover sheet."""
    if not actor.can_read_system(area_code):
        raise NotFound(f"no boards of {area_code}")
    board = session.scalar(
        select(Board)
        .where(Board.area_code == area_code, Board.kind == BoardKind.BOARD.value)
        .order_by(Board.id)
        .limit(1)
    )
    return _settings(session, board) if board is not None else None


def attach_paper(
    session: Session, *, actor: Principal, agenda_item_id: int, report_id: int
) -> None:
    """The agenda item carries the report just drafted for it (the caller checked the report
    is the meeting's system's)."""
    item = _item(session, agenda_item_id)
    meeting = changeable_meeting(session, actor, item.meeting_id)
    _, board = readable_meeting(session, actor, meeting.id)
    before = item.report_id
    item.report_id = report_id
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="governance.agenda.paper",
        entity_type="meeting",
        entity_id=meeting.id,
        area_code=board.area_code,
        before={"number": item.number, "report_id": before},
        after={"number": item.number, "report_id": report_id},
    )
