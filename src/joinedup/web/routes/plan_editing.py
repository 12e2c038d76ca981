"""Building a plan on its pages: start a plan, add workstreams and actions (with the findings
they address), assign contributors, choose the current plan."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from joinedup.errors import InvalidInput
from joinedup.plans import service as plans
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.routes.plans import (
    date_from,
    field_errors,
    import_page_response,
    plan_page_response,
    workstream_page_response,
)

router = APIRouter()


@router.post("/systems/{area_code}/plans", response_class=HTMLResponse)
def create_plan(
    request: Request,
    area_code: str,
    session: SessionDep,
    principal: CurrentUser,
    new_title: Annotated[str, Form()] = "",
) -> Response:
    try:
        plan = plans.create_plan(session, actor=principal, area_code=area_code, title=new_title)
    except InvalidInput as error:
        session.rollback()
        return import_page_response(
            request,
            session,
            principal,
            area_code,
            errors={"new_title": str(error).split(": ", 1)[-1].capitalize()},
            form={"title": "", "new_title": new_title},
            status_code=400,
        )
    session.commit()
    return RedirectResponse(f"/plans/{plan.id}", status_code=303)


@router.post("/plans/{plan_id}/current", response_class=HTMLResponse)
def make_current(plan_id: int, session: SessionDep, principal: CurrentUser) -> Response:
    plans.make_current(session, actor=principal, plan_id=plan_id)
    session.commit()
    return RedirectResponse(f"/plans/{plan_id}", status_code=303)


@router.post("/plans/{plan_id}/workstreams", response_class=HTMLResponse)
def add_workstream(
    request: Request,
    plan_id: int,
    session: SessionDep,
    principal: CurrentUser,
    code: Annotated[str, Form()] = "",
    ws_title: Annotated[str, Form()] = "",
    responsible_group: Annotated[str, Form()] = "",
    leads: Annotated[str, Form()] = "",
) -> Response:
    form = {
        "code": code,
        "ws_title": ws_title,
        "responsible_group": responsible_group,
        "leads": leads,
    }
    try:
        workstream = plans.add_workstream(
            session,
            actor=principal,
            plan_id=plan_id,
            code=code,
            title=ws_title,
            responsible_group=responsible_group,
            leads=leads,
        )
    except InvalidInput as error:
        session.rollback()
        message = str(error).split(": ", 1)[-1].capitalize()
        field = "code" if str(error).startswith("workstream code") else "ws_title"
        return plan_page_response(
            request,
            session,
            principal,
            plan_id,
            errors={field: message},
            form=form,
            status_code=400,
        )
    session.commit()
    return RedirectResponse(f"/plans/{plan_id}/workstreams/{workstream.code}", status_code=303)


@router.post("/plans/{plan_id}/workstreams/{code}/actions", response_class=HTMLResponse)
async def add_action(
    request: Request, plan_id: int, code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    raw = await request.form()
    form = {k: str(v) for k, v in raw.items() if k not in ("csrf_token", "finding_ids")}
    finding_ids = [str(v) for v in raw.getlist("finding_ids")]
    workstream = plans.workstream_by_code(session, actor=principal, plan_id=plan_id, code=code)
    try:
        due = date_from(form, "due", required=True)
        assert due is not None
        plans.add_action(
            session,
            actor=principal,
            workstream_id=workstream.id,
            description=form.get("description", ""),
            owner=form.get("owner", ""),
            due=due,
            indicative=form.get("indicative") == "yes",
            finding_ids=[int(i) for i in finding_ids if i.isdigit()],
        )
    except InvalidInput as error:
        session.rollback()
        errors = field_errors(error, "description")
        if "action description" in errors:
            errors["description"] = errors.pop("action description")
        return workstream_page_response(
            request,
            session,
            principal,
            plan_id,
            code,
            errors=errors,
            form={**form, "finding_ids": finding_ids},  # type: ignore[dict-item]
            status_code=400,
        )
    session.commit()
    return RedirectResponse(f"/plans/{plan_id}/workstreams/{workstream.code}", status_code=303)


@router.post("/plans/{plan_id}/workstreams/{code}/members", response_class=HTMLResponse)
def assign_member(
    request: Request,
    plan_id: int,
    code: str,
    session: SessionDep,
    principal: CurrentUser,
    email: Annotated[str, Form()] = "",
) -> Response:
    workstream = plans.workstream_by_code(session, actor=principal, plan_id=plan_id, code=code)
    try:
        plans.assign_member_by_email(
            session, actor=principal, workstream_id=workstream.id, email=email
        )
    except InvalidInput as error:
        session.rollback()
        return workstream_page_response(
            request,
            session,
            principal,
            plan_id,
            code,
            errors=field_errors(error, "email"),
            form={"email": email},
            status_code=400,
        )
    session.commit()
    return RedirectResponse(f"/plans/{plan_id}/workstreams/{workstream.code}", status_code=303)
