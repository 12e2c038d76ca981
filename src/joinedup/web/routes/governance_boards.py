"""Boards and committees of a system: the list with the forward plan of coming meetings, a
board's page (members, cover-sheet settings, meetings), and the forms that add a board, a member,
a meeting and change the settings. Each form answers through ``forms.submit``."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from joinedup.governance import service as governance
from joinedup.governance.schemas import (
    PURPOSES,
    BoardIn,
    BoardKind,
    BoardSettingsIn,
    MeetingIn,
    MemberIn,
)
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.form_routes import answer_form
from joinedup.web.pages import render
from joinedup.web.parts.governance import system_page

router = APIRouter()

KIND_LABELS = {
    BoardKind.BOARD.value: "Board",
    BoardKind.SUB_GROUP.value: "Sub-group",
    BoardKind.SCRUTINY.value: "Scrutiny committee",
    BoardKind.CABINET.value: "Cabinet",
}


def _boards_page(
    request: Request, session: SessionDep, principal: CurrentUser, area_code: str, **shown: Any
) -> Response:
    shows = {
        "boards": governance.boards_of(session, actor=principal, area_code=area_code),
        "coming": governance.forward_plan(session, actor=principal, area_code=area_code),
        "may_keep": governance.may_keep(principal, area_code),
        "kinds": KIND_LABELS,
    }
    return system_page(
        request,
        session,
        principal,
        area_code,
        template="governance/boards.html",
        title="Boards and committees of",
        here="",
        shows=shows,
        empty_form={"kind": "board", "purposes": "\n".join(PURPOSES)},
        **shown,
    )


def _board_page(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    board_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    active: str = "",
    current: dict[str, object] | None = None,
    status_code: int = 200,
) -> Response:
    board = governance.get_board(session, actor=principal, board_id=board_id)
    settings = {
        "strategy_priorities": "\n".join(board.strategy_priorities),
        "purposes": "\n".join(board.purposes),
        "risk_threshold": str(board.risk_threshold),
        "version": str(board.version),
    }
    return render(
        request,
        "governance/board.html",
        {
            "title": board.name,
            "board": board,
            "meetings": governance.board_meetings(session, actor=principal, board_id=board_id),
            "may_keep": governance.may_keep(principal, board.area_code),
            "kinds": KIND_LABELS,
            "errors": errors or {},
            "active": active,
            "form": form or {},
            "settings": form if active == "settings" and form else settings,
            "current": current or {},
            "breadcrumbs": [
                {"text": "Boards and committees", "href": f"/systems/{board.area_code}/boards"},
                {"text": board.name},
            ],
        },
        status_code=status_code,
    )


@router.get("/systems/{area_code}/boards", response_class=HTMLResponse)
def boards_page(
    request: Request, area_code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    return _boards_page(request, session, principal, area_code)


@router.post("/systems/{area_code}/boards", response_class=HTMLResponse)
async def add_board(
    request: Request, area_code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    return await answer_form(
        request,
        session,
        model=BoardIn,
        use=partial(governance.add_board, session, actor=principal, area_code=area_code),
        page=partial(_boards_page, request, session, principal, area_code),
        done=lambda board: f"/boards/{board.id}",
    )


@router.get("/boards/{board_id}", response_class=HTMLResponse)
def board_page(
    request: Request, board_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _board_page(request, session, principal, board_id)


async def _board_form(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    board_id: int,
    *,
    active: str,
    model: type[BaseModel],
    use: Callable[..., Any],
    dates: tuple[str, ...] = (),
    done: Callable[[Any], str] | None = None,
) -> Response:
    """A form of the board's page: ``use`` (a use case of the board) given what was typed; the
    page shown again with the form ``active`` open."""
    return await answer_form(
        request,
        session,
        model=model,
        dates=dates,
        use=partial(use, session, actor=principal, board_id=board_id),
        page=partial(_board_page, request, session, principal, board_id, active=active),
        done=done or (lambda _: f"/boards/{board_id}"),
    )


@router.post("/boards/{board_id}/settings", response_class=HTMLResponse)
async def update_settings(
    request: Request, board_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return await _board_form(
        request,
        session,
        principal,
        board_id,
        active="settings",
        model=BoardSettingsIn,
        use=governance.update_settings,
    )


@router.post("/boards/{board_id}/members", response_class=HTMLResponse)
async def add_member(
    request: Request, board_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return await _board_form(
        request,
        session,
        principal,
        board_id,
        active="member",
        model=MemberIn,
        use=governance.add_member,
    )


@router.post("/boards/{board_id}/meetings", response_class=HTMLResponse)
async def add_meeting(
    request: Request, board_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return await _board_form(
        request,
        session,
        principal,
        board_id,
        active="meeting",
        model=MeetingIn,
        use=governance.add_meeting,
        dates=("held_on",),
        done=lambda meeting: f"/meetings/{meeting.id}",
    )
