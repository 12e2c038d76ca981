"""Improvement plan pages to read: the plan, a workstream, an action with its history, overdue
and slipped actions, coverage, since the last report, my actions, the spreadsheet export and the
import form. The forms they hold are answered by ``plan_editing``."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from joinedup import clock
from joinedup.errors import InvalidInput
from joinedup.inputs import uk_date
from joinedup.plans import service as plans
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.pages import render
from joinedup.web.parts import plans as parts
from joinedup.web.parts.plans import COMMON, crumbs

router = APIRouter()

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/systems/{area_code}/plan")
def system_plan(area_code: str, session: SessionDep, principal: CurrentUser) -> Response:
    plan = plans.current_plan(session, actor=principal, area_code=area_code)
    return RedirectResponse(f"/plans/{plan.id}", status_code=303)


@router.get("/plans/{plan_id}", response_class=HTMLResponse)
def plan_page(
    request: Request, plan_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return parts.plan_page(request, session, principal, plan_id)


@router.get("/plans/{plan_id}/workstreams/{code}", response_class=HTMLResponse)
def workstream_page(
    request: Request, plan_id: int, code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    return parts.workstream_page(request, session, principal, plan_id, code)


@router.get("/actions/{action_id}", response_class=HTMLResponse)
def action_page(
    request: Request, action_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return parts.action_page(request, session, principal, action_id)


@router.get("/plans/{plan_id}/overdue", response_class=HTMLResponse)
def overdue_page(
    request: Request, plan_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    found = plans.get_plan(session, actor=principal, plan_id=plan_id)
    return render(
        request,
        "plans/overdue.html",
        {
            **COMMON,
            "title": "Overdue and slipped actions",
            "plan": found,
            "overdue": plans.overdue_actions(session, actor=principal, plan_id=plan_id),
            "slipped": plans.slipped_actions(session, actor=principal, plan_id=plan_id),
            "breadcrumbs": crumbs(session, found, {"text": "Overdue and slipped"}),
        },
    )


@router.get("/plans/{plan_id}/coverage", response_class=HTMLResponse)
def coverage_page(
    request: Request, plan_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return parts.coverage_page(request, session, principal, plan_id)


def _typed_date(text: str) -> date:
    """A date as written in the UK (13/06/2019, 13 June 2019) or as 2019-06-13."""
    typed = uk_date(text)
    return typed if isinstance(typed, date) else date.fromisoformat(text)


@router.get("/plans/{plan_id}/since", response_class=HTMLResponse)
def since_page(
    request: Request,
    plan_id: int,
    session: SessionDep,
    principal: CurrentUser,
    start: str = "",
    end: str = "",
) -> Response:
    found = plans.get_plan(session, actor=principal, plan_id=plan_id)
    dates = plans.reporting_dates(session, actor=principal, plan_id=plan_id)
    try:
        end_on = _typed_date(end) if end else (dates[0] if dates else clock.today())
        earlier = [d for d in dates if d < end_on]
        start_on = (
            _typed_date(start) if start else (earlier[0] if earlier else found.created_at.date())
        )
    except ValueError:
        raise InvalidInput.of(
            "start", "Start and end must be dates, for example 13/06/2019"
        ) from None
    report = plans.since_last_report(
        session, actor=principal, plan_id=plan_id, start=start_on, end=end_on
    )
    return render(
        request,
        "plans/since.html",
        {
            **COMMON,
            "title": "Since the last report",
            "plan": found,
            "report": report,
            "dates": dates,
            "breadcrumbs": crumbs(session, found, {"text": "Since the last report"}),
        },
    )


@router.get("/my-actions", response_class=HTMLResponse)
def my_actions(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    return render(
        request,
        "plans/my_actions.html",
        {
            **COMMON,
            "title": "My actions",
            "actions": plans.my_actions(session, actor=principal),
            "breadcrumbs": [{"text": "Systems", "href": "/"}, {"text": "My actions"}],
        },
    )


@router.get("/plans/{plan_id}/export.xlsx")
def export_plan(plan_id: int, session: SessionDep, principal: CurrentUser) -> Response:
    found = plans.get_plan(session, actor=principal, plan_id=plan_id)
    data = plans.export_plan(session, actor=principal, plan_id=plan_id)
    name = f"plan-{found.area_code}-{found.id}.xlsx"
    return Response(
        data, media_type=XLSX, headers={"content-disposition": f'attachment; filename="{name}"'}
    )


@router.get("/systems/{area_code}/plans/import", response_class=HTMLResponse)
def import_form(
    request: Request, area_code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    return parts.import_page(request, session, principal, area_code)
