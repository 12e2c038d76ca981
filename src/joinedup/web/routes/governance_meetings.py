"""A meeting's page (agenda and papers, attendance, minutes, resolutions, questions, actions
arising) and its forms, and the one-step form that turns an action arising into a plan action.
Each form answers through ``forms.submit``: bad input shows the page again with the GOV.UK error
summary and keeps what was typed; a stale edit of the minutes shows what they say now."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
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
from joinedup.periods import long_date
from joinedup.plans import service as plans
from joinedup.reports import service as reports
from joinedup.reports.schemas import GenerateIn
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.form_routes import answer_form
from joinedup.web.forms import form_fields, submit
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
            "title": f"{meeting.board_name}, {long_date(meeting.held_on)}",
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
                {"text": long_date(meeting.held_on)},
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
    use: Callable[..., object],
    dates: tuple[str, ...] = (),
) -> Response:
    """A form of the meeting's page: ``use`` (a use case of the meeting) given what was typed;
    back to the page at the form's part, or the page again with the form ``active`` open."""
    return await answer_form(
        request,
        session,
        model=model,
        dates=dates,
        use=partial(use, session, actor=principal, meeting_id=meeting_id),
        page=partial(_meeting_page, request, session, principal, meeting_id, active=active),
        done=lambda _: f"/meetings/{meeting_id}#{active}",
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


# The forms of a meeting's page, each posted to /meetings/{id}/<part> and answered at that part:
# the part, the input model, the use case and the GOV.UK date inputs it has.
MEETING_FORMS: tuple[tuple[str, type[BaseModel], Callable[..., object], tuple[str, ...]], ...] = (
    ("agenda", AgendaItemIn, governance.add_agenda_item, ()),
    ("attendance", AttendanceIn, governance.add_attendance, ()),
    ("minutes", MinutesIn, governance.save_minutes, ()),
    ("approve", ApproveMinutesIn, governance.approve_minutes, ("approved_on",)),
    ("resolutions", ResolutionIn, governance.add_resolution, ()),
    ("questions", QuestionIn, governance.add_question, ()),
    ("actions", ActionArisingIn, governance.add_action_arising, ("due",)),
)


def _meeting_route(
    active: str, model: type[BaseModel], use: Callable[..., object], dates: tuple[str, ...]
) -> Callable[..., Awaitable[Response]]:
    async def route(
        request: Request, meeting_id: int, session: SessionDep, principal: CurrentUser
    ) -> Response:
        return await _meeting_form(
            request,
            session,
            principal,
            meeting_id,
            active=active,
            model=model,
            use=use,
            dates=dates,
        )

    return route


for _part, _model, _use, _dates in MEETING_FORMS:
    router.add_api_route(
        f"/meetings/{{meeting_id}}/{_part}",
        _meeting_route(_part, _model, _use, _dates),
        methods=["POST"],
        response_class=HTMLResponse,
        name=_use.__name__,
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
                    "text": long_date(meeting.held_on),
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
    return await answer_form(
        request,
        session,
        model=TakeIntoPlanIn,
        dates=("due",),
        use=partial(
            governance.take_into_plan, session, actor=principal, action_arising_id=action_id
        ),
        page=partial(_plan_page, request, session, principal, action_id),
        done=lambda made: f"/actions/{made}",
    )
