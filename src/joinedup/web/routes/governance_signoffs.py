"""Sign-off of a paper: its table of contributors and approvers with the form that asks one,
and each person's own list of what they are asked, where they answer."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from joinedup.governance import service as governance
from joinedup.governance.schemas import SignOffAnswerIn, SignOffAskIn
from joinedup.periods import long_date
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.form_routes import answer_form
from joinedup.web.pages import render

router = APIRouter()


def _paper_page(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    item_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    requests = governance.paper_sign_offs(session, actor=principal, agenda_item_id=item_id)
    meeting = governance.get_meeting(
        session, actor=principal, meeting_id=governance.meeting_of_item(session, item_id)
    )
    item = next(i for i in meeting.agenda if i.id == item_id)
    return render(
        request,
        "governance/sign_off.html",
        {
            "title": f"Sign-off: {item.title}",
            "item": item,
            "meeting": meeting,
            "requests": requests,
            "may_ask": governance.may_keep(principal, meeting.area_code)
            and meeting.minutes_status != "approved",
            "errors": errors or {},
            "form": form or {"role": "approver", "required": "true"},
            "breadcrumbs": [
                {"text": meeting.board_name, "href": f"/boards/{meeting.board_id}"},
                {
                    "text": long_date(meeting.held_on),
                    "href": f"/meetings/{meeting.id}",
                },
                {"text": "Sign-off"},
            ],
        },
        status_code=status_code,
    )


@router.get("/agenda-items/{item_id}/sign-off", response_class=HTMLResponse)
def paper_page(
    request: Request, item_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _paper_page(request, session, principal, item_id)


@router.post("/agenda-items/{item_id}/sign-off", response_class=HTMLResponse)
async def ask_for_sign_off(
    request: Request, item_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return await answer_form(
        request,
        session,
        model=SignOffAskIn,
        use=partial(governance.ask_for_sign_off, session, actor=principal, agenda_item_id=item_id),
        page=partial(_paper_page, request, session, principal, item_id),
        done=lambda _: f"/agenda-items/{item_id}/sign-off",
    )


def _mine_page(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    answering: int | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "governance/my_sign_offs.html",
        {
            "title": "Papers to sign off",
            "requests": governance.my_sign_offs(session, actor=principal),
            "errors": errors or {},
            "form": form or {},
            "answering": answering,
            "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Papers to sign off"}],
        },
        status_code=status_code,
    )


@router.get("/my-sign-offs", response_class=HTMLResponse)
def my_sign_offs(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    return _mine_page(request, session, principal)


@router.post("/sign-off-requests/{request_id}/answer", response_class=HTMLResponse)
async def answer_sign_off(
    request: Request, request_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return await answer_form(
        request,
        session,
        model=SignOffAnswerIn,
        use=partial(governance.answer_sign_off, session, actor=principal, request_id=request_id),
        page=partial(_mine_page, request, session, principal, answering=request_id),
        done=lambda _: "/my-sign-offs",
    )
