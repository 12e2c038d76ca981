"""A meeting's page (agenda and papers, attendance, minutes, resolutions, questions, actions
arising) and its forms, and the one-step form that turns an action arising into a plan action.
Each form answers through ``forms.submit``: bad input shows the page again with the GOV.UK error
summary and keeps what was typed; a stale edit of the minutes shows what they say now."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from joinedup.governance import service as governance
from joinedup.governance.schemas import (
    ActionArisingIn,
    AgendaItemIn,
    ApproveMinutesIn,
    AttendanceIn,
    MinutesIn,
    QuestionIn,
    ResolutionIn,
    TakeIntoPlanIn,
)
from joinedup.plans import service as plans
from joinedup.reports import service as reports
from joinedup.reports.schemas import GenerateIn
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.forms import form_fields, read_form, submit
from joinedup.web.pages import render

router = APIRouter()


def _meeting_page(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    meeting_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    active: str = "",
    current: dict[str, object] | None = None,
    status_code: int = 200,
) -> Response:
    meeting = governance.get_meeting(session, actor=principal, meeting_id=meeting_id)
    minutes = {"minutes": meeting.minutes, "version": str(meeting.version)}
    return render(
        request,
        "governance/meeting.html",
        {
            "title": f"{meeting.board_name}, {meeting.held_on.day} {meeting.held_on:%B %Y}",
            "meeting": meeting,
            "may_keep": governance.may_keep(principal, meeting.area_code),
            "errors": errors or {},
            "active": active,
            "form": form or {},
            "minutes_form": form if active == "minutes" and form else minutes,
            "current": current or {},
            "breadcrumbs": [
                {"text": "Boards and committees", "href": f"/systems/{meeting.area_code}/boards"},
                {"text": meeting.board_name, "href": f"/boards/{meeting.board_id}"},
                {"text": f"{meeting.held_on.day} {meeting.held_on:%B %Y}"},
            ],
        },
        status_code=status_code,
    )


@router.get("/meetings/{meeting_id}", response_class=HTMLResponse)
def meeting_page(
    request: Request, meeting_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _meeting_page(request, session, principal, meeting_id)


async def _meeting_form(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    meeting_id: int,
    *,
    active: str,
    model: type[BaseModel],
    use: Callable[[Any], object],
    dates: tuple[str, ...] = (),
) -> Response:
    """Read the form into ``model``, hand it to ``use``, and answer as every form does."""
    fields = await form_fields(request)

    def change() -> None:
        use(read_form(model, fields, dates=dates))

    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        return _meeting_page(
            request,
            session,
            principal,
            meeting_id,
            errors=errors,
            form=fields,
            active=active,
            current=current,
            status_code=status_code,
        )

    back = f"/meetings/{meeting_id}#{active}"
    return submit(session, change, redisplay=redisplay, done=lambda _: back)


@router.post("/meetings/{meeting_id}/agenda", response_class=HTMLResponse)
async def add_agenda_item(
    request: Request, meeting_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    def use(typed: AgendaItemIn) -> object:
        return governance.add_agenda_item(
            session, actor=principal, meeting_id=meeting_id, change=typed
        )

    return await _meeting_form(
        request, session, principal, meeting_id, active="agenda", model=AgendaItemIn, use=use
    )


@router.post("/agenda-items/{item_id}/highlight-report", response_class=HTMLResponse)
async def prepare_highlight_report(
    request: Request, item_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    """Prepare a highlight report for the item: a draft whose board, date and cover sheet come
    from the meeting, which the item then carries."""
    meeting_id = governance.meeting_of_item(session, item_id)
    meeting = governance.get_meeting(session, actor=principal, meeting_id=meeting_id)
    await form_fields(request)

    def change() -> int:
        data = GenerateIn(area_code=meeting.area_code, agenda_item_id=item_id)
        return reports.generate(session, actor=principal, data=data).id

    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        return _meeting_page(
            request,
            session,
            principal,
            meeting_id,
            errors=errors,
            active="papers",
            current=current,
            status_code=status_code,
        )

    return submit(session, change, redisplay=redisplay, done=lambda report: f"/reports/{report}")


@router.post("/meetings/{meeting_id}/attendance", response_class=HTMLResponse)
async def add_attendance(
    request: Request, meeting_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    def use(typed: AttendanceIn) -> object:
        governance.add_attendance(session, actor=principal, meeting_id=meeting_id, change=typed)
        return None

    return await _meeting_form(
        request, session, principal, meeting_id, active="attendance", model=AttendanceIn, use=use
    )


@router.post("/meetings/{meeting_id}/minutes", response_class=HTMLResponse)
async def save_minutes(
    request: Request, meeting_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    def use(typed: MinutesIn) -> object:
        return governance.save_minutes(
            session, actor=principal, meeting_id=meeting_id, change=typed
        )

    return await _meeting_form(
        request, session, principal, meeting_id, active="minutes", model=MinutesIn, use=use
    )


@router.post("/meetings/{meeting_id}/approve", response_class=HTMLResponse)
async def approve_minutes(
    request: Request, meeting_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    def use(typed: ApproveMinutesIn) -> object:
        return governance.approve_minutes(
            session, actor=principal, meeting_id=meeting_id, change=typed
        )

    return await _meeting_form(
        request,
        session,
        principal,
        meeting_id,
        active="approve",
        model=ApproveMinutesIn,
        use=use,
        dates=("approved_on",),
    )


@router.post("/meetings/{meeting_id}/resolutions", response_class=HTMLResponse)
async def add_resolution(
    request: Request, meeting_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    def use(typed: ResolutionIn) -> object:
        return governance.add_resolution(
            session, actor=principal, meeting_id=meeting_id, change=typed
        )

    return await _meeting_form(
        request, session, principal, meeting_id, active="resolutions", model=ResolutionIn, use=use
    )


@router.post("/meetings/{meeting_id}/questions", response_class=HTMLResponse)
async def add_question(
    request: Request, meeting_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    def use(typed: QuestionIn) -> object:
        return governance.add_question(
            session, actor=principal, meeting_id=meeting_id, change=typed
        )

    return await _meeting_form(
        request, session, principal, meeting_id, active="questions", model=QuestionIn, use=use
    )


@router.post("/meetings/{meeting_id}/actions", response_class=HTMLResponse)
async def add_action_arising(
    request: Request, meeting_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    def use(typed: ActionArisingIn) -> object:
        return governance.add_action_arising(
            session, actor=principal, meeting_id=meeting_id, change=typed
        )

    return await _meeting_form(
        request,
        session,
        principal,
        meeting_id,
        active="actions",
        model=ActionArisingIn,
        use=use,
        dates=("due",),
    )


def _plan_page(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    action_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    meeting, arising = governance.get_action_arising(
        session, actor=principal, action_arising_id=action_id
    )
    system_plans = plans.plans_of(session, actor=principal, area_code=meeting.area_code)
    current = next((p for p in system_plans if p.is_current), None)
    return render(
        request,
        "governance/take_into_plan.html",
        {
            "title": "Add the action to the plan",
            "meeting": meeting,
            "arising": arising,
            "plans": system_plans,
            "may_keep": governance.may_keep(principal, meeting.area_code),
            "errors": errors or {},
            "form": form or {"plan_id": str(current.id) if current else ""},
            "breadcrumbs": [
                {"text": meeting.board_name, "href": f"/boards/{meeting.board_id}"},
                {
                    "text": f"{meeting.held_on.day} {meeting.held_on:%B %Y}",
                    "href": f"/meetings/{meeting.id}",
                },
                {"text": "Add to the plan"},
            ],
        },
        status_code=status_code,
    )


@router.get("/actions-arising/{action_id}/plan", response_class=HTMLResponse)
def take_into_plan_page(
    request: Request, action_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _plan_page(request, session, principal, action_id)


@router.post("/actions-arising/{action_id}/plan", response_class=HTMLResponse)
async def take_into_plan(
    request: Request, action_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    fields = await form_fields(request)

    def change() -> int:
        typed = read_form(TakeIntoPlanIn, fields, dates=("due",))
        return governance.take_into_plan(
            session, actor=principal, action_arising_id=action_id, change=typed
        )

    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        return _plan_page(
            request,
            session,
            principal,
            action_id,
            errors=errors,
            form=fields,
            status_code=status_code,
        )

    return submit(session, change, redisplay=redisplay, done=lambda made: f"/actions/{made}")
