"""Boards and committees of a system: the list with the forward plan of coming meetings, a
board's page (members, cover-sheet settings, meetings), and the forms that add a board, a member,
a meeting and change the settings. Each form answers through ``forms.submit``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from joinedup.areas import service as areas
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
from joinedup.web.forms import Redisplay, form_fields, read_form, submit
from joinedup.web.pages import render

router = APIRouter()

KIND_LABELS = {
    BoardKind.BOARD.value: "Board",
    BoardKind.SUB_GROUP.value: "Sub-group",
    BoardKind.SCRUTINY.value: "Scrutiny committee",
    BoardKind.CABINET.value: "Cabinet",
}


def _boards_page(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    area_code: str,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    system = areas.get_system(session, actor=principal, area_code=area_code)
    boards = governance.boards_of(session, actor=principal, area_code=area_code)
    return render(
        request,
        "governance/boards.html",
        {
            "title": f"Boards and committees of {system.name}",
            "system": system,
            "boards": boards,
            "coming": governance.forward_plan(session, actor=principal, area_code=area_code),
            "may_keep": governance.may_keep(principal, area_code),
            "kinds": KIND_LABELS,
            "errors": errors or {},
            "form": form or {"kind": "board", "purposes": "\n".join(PURPOSES)},
            "breadcrumbs": [
                {"text": system.name, "href": f"/systems/{area_code}"},
                {"text": "Boards and committees"},
            ],
        },
        status_code=status_code,
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
    fields = await form_fields(request)

    def change() -> int:
        typed = read_form(BoardIn, fields)
        return governance.add_board(session, actor=principal, area_code=area_code, change=typed).id

    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        return _boards_page(
            request,
            session,
            principal,
            area_code,
            errors=errors,
            form=fields,
            status_code=status_code,
        )

    return submit(session, change, redisplay=redisplay, done=lambda board_id: f"/boards/{board_id}")


@router.get("/boards/{board_id}", response_class=HTMLResponse)
def board_page(
    request: Request, board_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _board_page(request, session, principal, board_id)


def _board_form(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    board_id: int,
    fields: dict[str, Any],
    active: str,
) -> Redisplay:
    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        return _board_page(
            request,
            session,
            principal,
            board_id,
            errors=errors,
            form=fields,
            active=active,
            current=current,
            status_code=status_code,
        )

    return redisplay


@router.post("/boards/{board_id}/settings", response_class=HTMLResponse)
async def update_settings(
    request: Request, board_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    fields = await form_fields(request)

    def change() -> None:
        typed = read_form(BoardSettingsIn, fields)
        governance.update_settings(session, actor=principal, board_id=board_id, change=typed)

    redisplay = _board_form(request, session, principal, board_id, fields, "settings")
    return submit(session, change, redisplay=redisplay, done=lambda _: f"/boards/{board_id}")


@router.post("/boards/{board_id}/members", response_class=HTMLResponse)
async def add_member(
    request: Request, board_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    fields = await form_fields(request)

    def change() -> None:
        typed = read_form(MemberIn, fields)
        governance.add_member(session, actor=principal, board_id=board_id, change=typed)

    redisplay = _board_form(request, session, principal, board_id, fields, "member")
    return submit(session, change, redisplay=redisplay, done=lambda _: f"/boards/{board_id}")


@router.post("/boards/{board_id}/meetings", response_class=HTMLResponse)
async def add_meeting(
    request: Request, board_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    fields = await form_fields(request)

    def change() -> int:
        typed = read_form(MeetingIn, fields, dates=("held_on",))
        return governance.add_meeting(session, actor=principal, board_id=board_id, change=typed).id

    redisplay = _board_form(request, session, principal, board_id, fields, "meeting")
    return submit(
        session, change, redisplay=redisplay, done=lambda meeting_id: f"/meetings/{meeting_id}"
    )
