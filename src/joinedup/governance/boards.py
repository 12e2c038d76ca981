"""A system's boards and committees: add one (a sub-group names the board it reports to), its
members, and its cover-sheet settings; read them, with the forward plan of coming meetings."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, StaleEdit
from joinedup.governance import rules
from joinedup.governance.models import AgendaItem, Board, BoardMember, Meeting
from joinedup.governance.permissions import readable_board, require_lead, require_read
from joinedup.governance.schemas import BoardIn, BoardKind, BoardSettingsIn, MemberIn
from joinedup.governance.views import BoardView, MeetingSummary, MemberView
from joinedup.store.versioning import expect_version, flush_versioned


def add_board(session: Session, *, actor: Principal, area_code: str, change: BoardIn) -> Board:
    areas.get_system(session, actor=actor, area_code=area_code)
    require_lead(actor, area_code)
    if change.parent_id is not None:
        parent = session.get(Board, change.parent_id)
        if parent is None or parent.area_code != area_code:
            raise InvalidInput.of("parent_id", "Choose a board of this system")
    elif change.kind == BoardKind.SUB_GROUP:
        raise InvalidInput.of("parent_id", "Choose the board this sub-group reports to")
    taken = session.scalar(
        select(Board.id).where(Board.area_code == area_code, Board.name == change.name)
    )
    if taken is not None:
        raise InvalidInput.of("name", "This system already has a board of that name")
    board = Board(
        area_code=area_code,
        name=change.name,
        kind=change.kind.value,
        parent_id=change.parent_id,
        strategy_priorities=list(change.strategy_priorities),
        purposes=list(change.purposes),
        risk_threshold=rules.DEFAULT_THRESHOLD,
        version=1,
    )
    session.add(board)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="governance.board.add",
        entity_type="board",
        entity_id=board.id,
        area_code=area_code,
        after={"name": board.name, "kind": board.kind, "parent_id": board.parent_id},
    )
    return board


def _settings_now(session: Session, board_id: int) -> dict[str, object]:
    board = session.get(Board, board_id, populate_existing=True)
    if board is None:
        return {}
    return {
        "strategy_priorities": "\n".join(board.strategy_priorities),
        "purposes": "\n".join(board.purposes),
        "risk_threshold": board.risk_threshold,
        "version": board.version,
    }


def update_settings(
    session: Session, *, actor: Principal, board_id: int, change: BoardSettingsIn
) -> Board:
    """The board's cover-sheet settings and the risk score its highlight reports include."""
    board = readable_board(session, actor, board_id)
    require_lead(actor, board.area_code)

    def stale() -> StaleEdit:
        return StaleEdit(
            "Somebody changed this board's settings since you loaded them; "
            "check what they hold now and save again.",
            current=_settings_now(session, board_id),
        )

    before = {
        "strategy_priorities": list(board.strategy_priorities),
        "purposes": list(board.purposes),
        "risk_threshold": board.risk_threshold,
    }
    expect_version(board, change.version, stale=stale)
    board.strategy_priorities = list(change.strategy_priorities)
    board.purposes = list(change.purposes)
    board.risk_threshold = change.risk_threshold
    flush_versioned(session, stale=stale)
    audit.record(
        session,
        actor=actor,
        action="governance.board.settings",
        entity_type="board",
        entity_id=board.id,
        area_code=board.area_code,
        before=before,
        after={
            "strategy_priorities": board.strategy_priorities,
            "purposes": board.purposes,
            "risk_threshold": board.risk_threshold,
        },
    )
    return board


def add_member(session: Session, *, actor: Principal, board_id: int, change: MemberIn) -> int:
    board = readable_board(session, actor, board_id)
    require_lead(actor, board.area_code)
    member = BoardMember(board_id=board.id, name=change.name, role=change.role)
    session.add(member)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="governance.board.member",
        entity_type="board",
        entity_id=board.id,
        area_code=board.area_code,
        after={"name": member.name, "role": member.role},
    )
    return member.id


def _views(session: Session, boards: list[Board]) -> list[BoardView]:
    ids = [b.id for b in boards]
    members: dict[int, list[MemberView]] = defaultdict(list)
    children: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    if ids:
        query = select(BoardMember).where(BoardMember.board_id.in_(ids)).order_by(BoardMember.id)
        for m in session.scalars(query):
            members[m.board_id].append(MemberView(m.id, m.name, m.role))
        area_codes = {b.area_code for b in boards}
        for b in session.scalars(
            select(Board).where(Board.area_code.in_(area_codes)).order_by(Board.name)
        ):
            names[b.id] = b.name
            if b.parent_id is not None:
                children[b.parent_id].append(b.name)
    return [
        BoardView(
            id=b.id,
            area_code=b.area_code,
            name=b.name,
            kind=b.kind,
            parent_id=b.parent_id,
            parent_name=names.get(b.parent_id, "") if b.parent_id else "",
            sub_groups=tuple(children[b.id]),
            strategy_priorities=tuple(b.strategy_priorities),
            purposes=tuple(b.purposes),
            risk_threshold=b.risk_threshold,
            version=b.version,
            members=tuple(members[b.id]),
        )
        for b in boards
    ]


def boards_of(session: Session, *, actor: Principal, area_code: str) -> list[BoardView]:
    areas.get_system(session, actor=actor, area_code=area_code)
    require_read(actor, area_code, f"boards of {area_code}")
    query = select(Board).where(Board.area_code == area_code).order_by(Board.id)
    return _views(session, list(session.scalars(query)))


def get_board(session: Session, *, actor: Principal, board_id: int) -> BoardView:
    return _views(session, [readable_board(session, actor, board_id)])[0]


def meetings_of(
    session: Session, *, area_code: str, board_id: int | None = None
) -> list[MeetingSummary]:
    """Meetings of a system's boards (or of one board), latest first, with their papers."""
    query = (
        select(Meeting, Board.name, Board.area_code)
        .join(Board, Board.id == Meeting.board_id)
        .where(Board.area_code == area_code)
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
    )
    if board_id is not None:
        query = query.where(Board.id == board_id)
    rows = list(session.execute(query))
    papers: dict[int, list[str]] = defaultdict(list)
    ids = [row[0].id for row in rows]
    if ids:
        items = select(AgendaItem).where(AgendaItem.meeting_id.in_(ids)).order_by(AgendaItem.number)
        for item in session.scalars(items):
            papers[item.meeting_id].append(item.title)
    return [
        MeetingSummary(
            m.id, m.board_id, name, code, m.held_on, m.minutes_status, tuple(papers[m.id])
        )
        for m, name, code in rows
    ]


def board_meetings(session: Session, *, actor: Principal, board_id: int) -> list[MeetingSummary]:
    board = readable_board(session, actor, board_id)
    return meetings_of(session, area_code=board.area_code, board_id=board.id)


def forward_plan(session: Session, *, actor: Principal, area_code: str) -> list[MeetingSummary]:
    """The coming meetings of the system's boards, soonest first, with the papers due."""
    areas.get_system(session, actor=actor, area_code=area_code)
    require_read(actor, area_code, f"boards of {area_code}")
    found = meetings_of(session, area_code=area_code)
    return rules.coming(((m.held_on, m) for m in found), clock.today())
