"""Improvement plan pages: the plan, a workstream (with its rating form), an action (with its
history and update form), overdue and slipped actions, coverage, since last report, my actions."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit
from joinedup.plans import service as plans
from joinedup.plans.excel import COLUMNS, OPTIONAL_COLUMNS
from joinedup.plans.rules import (
    PLAN_TRANSITIONS,
    RATING_MEANING,
    ActionStatus,
    PlanStatus,
    Rating,
    label,
)
from joinedup.web.deps import CurrentUser, SessionDep, SettingsDep
from joinedup.web.pages import render

router = APIRouter()

RAG_TAG = {"green": "govuk-tag--green", "amber": "govuk-tag--orange", "red": "govuk-tag--red"}
STATUS_TAG = {
    "not_started": "govuk-tag--grey",
    "on_track": "govuk-tag--blue",
    "at_risk": "govuk-tag--yellow",
    "slipped": "govuk-tag--red",
    "complete": "govuk-tag--green",
    "cancelled": "govuk-tag--grey",
}
KNOWN_VALUES = {s.value for s in ActionStatus} | {r.value for r in Rating}


def plain(value: object) -> str:
    """A journal value as people read it: 12 Oct 2026, On track, Yes, none."""
    if value is None or value == "":
        return "none"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return f"{value.day} {value:%b %Y}"
    if isinstance(value, str):
        if value in KNOWN_VALUES:
            return label(value)
        try:
            return plain(date.fromisoformat(value)) if len(value) == 10 else value
        except ValueError:
            return value
    return str(value)


FIELD_LABELS = {
    "forecast_due": "Forecast date",
    "baseline_due": "Baseline date",
    "completed_on": "Completion date",
    "indicative": "Indicative date",
}


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, label(name))


COMMON: dict[str, Any] = {
    "plain": plain,
    "field_label": field_label,
    "rag_tag": RAG_TAG,
    "status_tag": STATUS_TAG,
    "label": label,
    "rating_meaning": {r.value: m for r, m in RATING_MEANING.items()},
    "statuses": [s.value for s in ActionStatus],
}


def field_errors(error: InvalidInput, default: str) -> dict[str, str]:
    """'field: problem; other: problem' -> {field: Problem}; else the whole message on
    ``default``."""
    found: dict[str, str] = {}
    for part in str(error).split("; "):
        name, sep, problem = part.partition(": ")
        if sep and name.isidentifier():
            found[name] = problem[:1].upper() + problem[1:]
        else:
            found.setdefault(default, part[:1].upper() + part[1:])
    return found


def _summary(errors: dict[str, str]) -> list[dict[str, str]]:
    return [{"text": text, "href": f"#{name}"} for name, text in errors.items()]


def _crumbs(plan: Any, *extra: dict[str, str]) -> list[dict[str, str]]:
    return [
        {"text": "Systems", "href": "/"},
        {"text": plan.area_code, "href": f"/systems/{plan.area_code}"},
        {"text": "Improvement plan", "href": f"/plans/{plan.id}"},
        *extra,
    ]


def date_from(form: dict[str, str], name: str, *, required: bool) -> date | None:
    """A GOV.UK date input (name-day, name-month, name-year) as a date."""
    parts = [form.get(f"{name}-{p}", "").strip() for p in ("day", "month", "year")]
    if not any(parts):
        if required:
            raise InvalidInput(f"{name}: enter a date")
        return None
    try:
        day, month, year = (int(p) for p in parts)
        return date(year, month, day)
    except ValueError:
        raise InvalidInput(f"{name}: enter a real date, for example 27 3 2019") from None


@router.get("/systems/{area_code}/plan")
def system_plan(area_code: str, session: SessionDep, principal: CurrentUser) -> Response:
    plan = plans.current_plan(session, actor=principal, area_code=area_code)
    return RedirectResponse(f"/plans/{plan.id}", status_code=303)


def plan_page_response(
    request: Request,
    session: SessionDep,
    principal: Principal,
    plan_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    overview = plans.plan_overview(session, actor=principal, plan_id=plan_id)
    errors = errors or {}
    return render(
        request,
        "plans/plan.html",
        {
            **COMMON,
            "title": overview.plan.title,
            "overview": overview,
            "errors": errors,
            "error_summary": _summary(errors),
            "form": form or {},
            "breadcrumbs": [*_crumbs(overview.plan)[:-1], {"text": "Improvement plan"}],
        },
        status_code=status_code,
    )


@router.get("/plans/{plan_id}", response_class=HTMLResponse)
def plan_page(
    request: Request, plan_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return plan_page_response(request, session, principal, plan_id)


def workstream_page_response(
    request: Request,
    session: SessionDep,
    principal: Principal,
    plan_id: int,
    code: str,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    detail = plans.workstream_detail(session, actor=principal, plan_id=plan_id, code=code)
    errors = errors or {}
    may_edit = principal.can(Permission.EDIT_PLAN, detail.plan.area_code)
    return render(
        request,
        "plans/workstream.html",
        {
            **COMMON,
            "title": f"{detail.workstream.code} – {detail.workstream.title}",
            "detail": detail,
            "may_edit": may_edit,
            "members": plans.members(session, actor=principal, workstream_id=detail.workstream.id),
            "coverage": plans.coverage(session, actor=principal, plan_id=plan_id)
            if detail.may_update
            else None,
            "errors": errors,
            "error_summary": _summary(errors),
            "form": form or {"rating": detail.suggestion.rating.value, "finding_ids": []},
            "ratings": [r.value for r in Rating],
            "breadcrumbs": _crumbs(detail.plan, {"text": f"Workstream {detail.workstream.code}"}),
        },
        status_code=status_code,
    )


@router.get("/plans/{plan_id}/workstreams/{code}", response_class=HTMLResponse)
def workstream_page(
    request: Request, plan_id: int, code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    return workstream_page_response(request, session, principal, plan_id, code)


@router.post("/plans/{plan_id}/workstreams/{code}/rag", response_class=HTMLResponse)
def record_rag(
    request: Request,
    plan_id: int,
    code: str,
    session: SessionDep,
    principal: CurrentUser,
    rating: Annotated[str, Form()] = "",
    rationale: Annotated[str, Form()] = "",
    mitigation: Annotated[str, Form()] = "",
    override_reason: Annotated[str, Form()] = "",
) -> Response:
    workstream = plans.workstream_by_code(session, actor=principal, plan_id=plan_id, code=code)
    form = {
        "rating": rating,
        "rationale": rationale,
        "mitigation": mitigation,
        "override_reason": override_reason,
    }
    try:
        plans.record_rag(
            session,
            actor=principal,
            workstream_id=workstream.id,
            rating=rating,
            rationale=rationale,
            mitigation=mitigation,
            override_reason=override_reason,
        )
    except InvalidInput as error:
        session.rollback()
        return workstream_page_response(
            request,
            session,
            principal,
            plan_id,
            code,
            errors=field_errors(error, "rating"),
            form=form,
            status_code=400,
        )
    session.commit()
    return RedirectResponse(f"/plans/{plan_id}/workstreams/{workstream.code}", status_code=303)


def _action_form(action: Any) -> dict[str, str]:
    def parts(prefix: str, value: date | None) -> dict[str, str]:
        if value is None:
            return {f"{prefix}-day": "", f"{prefix}-month": "", f"{prefix}-year": ""}
        return {
            f"{prefix}-day": str(value.day),
            f"{prefix}-month": str(value.month),
            f"{prefix}-year": str(value.year),
        }

    return {
        "status": action.status,
        "owner": action.owner,
        "indicative": "yes" if action.indicative else "",
        "reason": "",
        "note": "",
        "version": str(action.version),
        **parts("forecast_due", action.forecast_due),
        **parts("completed_on", action.completed_on),
    }


def _action_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    action_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    conflict: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    detail = plans.action_detail(session, actor=principal, action_id=action_id)
    errors = errors or {}
    return render(
        request,
        "plans/action.html",
        {
            **COMMON,
            "title": f"Action {detail.reference}",
            "detail": detail,
            "errors": errors,
            "error_summary": _summary(errors),
            "form": form or _action_form(detail.action),
            "conflict": conflict,
            "breadcrumbs": _crumbs(
                detail.plan,
                {
                    "text": f"Workstream {detail.workstream.code}",
                    "href": f"/plans/{detail.plan.id}/workstreams/{detail.workstream.code}",
                },
                {"text": f"Action {detail.reference}"},
            ),
        },
        status_code=status_code,
    )


@router.get("/actions/{action_id}", response_class=HTMLResponse)
def action_page(
    request: Request, action_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _action_page(request, session, principal, action_id)


@router.post("/actions/{action_id}", response_class=HTMLResponse)
async def update_action(
    request: Request, action_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    raw = await request.form()
    form = {k: str(v) for k, v in raw.items() if k != "csrf_token"}
    try:
        version = int(form.get("version", "0"))
        plans.update_action(
            session,
            actor=principal,
            action_id=action_id,
            version=version,
            status=form.get("status") or None,
            forecast_due=date_from(form, "forecast_due", required=False),
            # The completion date is read for complete actions only (a reopened action
            # still shows its old date in the form).
            completed_on=date_from(form, "completed_on", required=False)
            if form.get("status") == "complete"
            else None,
            owner=form.get("owner"),
            indicative=form.get("indicative") == "yes",
            reason=form.get("reason", ""),
            note=form.get("note", ""),
        )
    except StaleEdit as error:
        session.rollback()
        # Keep what they typed; take the current version so that saving again applies it.
        kept = {**form, "version": str(error.current.get("version", ""))}
        return _action_page(
            request,
            session,
            principal,
            action_id,
            form=kept,
            conflict=error.current,
            status_code=409,
        )
    except (InvalidInput, ValueError) as error:
        session.rollback()
        problem = error if isinstance(error, InvalidInput) else InvalidInput(str(error))
        return _action_page(
            request,
            session,
            principal,
            action_id,
            errors=field_errors(problem, "note"),
            form=form,
            status_code=400,
        )
    session.commit()
    return RedirectResponse(f"/actions/{action_id}", status_code=303)


@router.get("/plans/{plan_id}/overdue", response_class=HTMLResponse)
def overdue_page(
    request: Request, plan_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    plan = plans.get_plan(session, actor=principal, plan_id=plan_id)
    return render(
        request,
        "plans/overdue.html",
        {
            **COMMON,
            "title": "Overdue and slipped actions",
            "plan": plan,
            "overdue": plans.overdue_actions(session, actor=principal, plan_id=plan_id),
            "slipped": plans.slipped_actions(session, actor=principal, plan_id=plan_id),
            "breadcrumbs": _crumbs(plan, {"text": "Overdue and slipped"}),
        },
    )


@router.get("/plans/{plan_id}/coverage", response_class=HTMLResponse)
def coverage_page(
    request: Request, plan_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _coverage_page(request, session, principal, plan_id)


def _coverage_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    plan_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    overview = plans.plan_overview(session, actor=principal, plan_id=plan_id)
    plan = overview.plan
    errors = errors or {}
    current = PlanStatus(plan.status)
    return render(
        request,
        "plans/coverage.html",
        {
            **COMMON,
            "title": "Findings and coverage",
            "plan": plan,
            "may_edit": overview.may_edit,
            "coverage": plans.coverage(session, actor=principal, plan_id=plan_id),
            "next_statuses": [s.value for s in PlanStatus if s in PLAN_TRANSITIONS[current]],
            "errors": errors,
            "error_summary": _summary(errors),
            "form": form or {"status": "", "coverage_exception": plan.coverage_exception},
            "breadcrumbs": _crumbs(plan, {"text": "Coverage"}),
        },
        status_code=status_code,
    )


@router.post("/plans/{plan_id}/status", response_class=HTMLResponse)
def plan_status(
    request: Request,
    plan_id: int,
    session: SessionDep,
    principal: CurrentUser,
    status: Annotated[str, Form()] = "",
    version: Annotated[int, Form()] = 0,
    coverage_exception: Annotated[str, Form()] = "",
) -> Response:
    form = {"status": status, "coverage_exception": coverage_exception}
    try:
        plans.set_plan_status(
            session,
            actor=principal,
            plan_id=plan_id,
            status=status,
            version=version,
            coverage_exception=coverage_exception,
        )
    except InvalidInput as error:
        session.rollback()
        return _coverage_page(
            request,
            session,
            principal,
            plan_id,
            errors=field_errors(error, "status"),
            form=form,
            status_code=400,
        )
    session.commit()
    return RedirectResponse(f"/plans/{plan_id}", status_code=303)


@router.get("/plans/{plan_id}/since", response_class=HTMLResponse)
def since_page(
    request: Request,
    plan_id: int,
    session: SessionDep,
    principal: CurrentUser,
    start: str = "",
    end: str = "",
) -> Response:
    plan = plans.get_plan(session, actor=principal, plan_id=plan_id)
    dates = plans.reporting_dates(session, actor=principal, plan_id=plan_id)
    try:
        end_on = date.fromisoformat(end) if end else (dates[0] if dates else date.today())
        earlier = [d for d in dates if d < end_on]
        start_on = (
            date.fromisoformat(start)
            if start
            else (earlier[0] if earlier else plan.created_at.date())
        )
    except ValueError:
        raise InvalidInput("start and end must be dates written as YYYY-MM-DD") from None
    report = plans.since_last_report(
        session, actor=principal, plan_id=plan_id, start=start_on, end=end_on
    )
    return render(
        request,
        "plans/since.html",
        {
            **COMMON,
            "title": "Since the last report",
            "plan": plan,
            "report": report,
            "dates": dates,
            "breadcrumbs": _crumbs(plan, {"text": "Since the last report"}),
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


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/plans/{plan_id}/export.xlsx")
def export_plan(plan_id: int, session: SessionDep, principal: CurrentUser) -> Response:
    plan = plans.get_plan(session, actor=principal, plan_id=plan_id)
    data = plans.export_plan(session, actor=principal, plan_id=plan_id)
    name = f"plan-{plan.area_code}-{plan.id}.xlsx"
    return Response(
        data, media_type=XLSX, headers={"content-disposition": f'attachment; filename="{name}"'}
    )


def import_page_response(
    request: Request,
    session: SessionDep,
    principal: Principal,
    area_code: str,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    system = areas.get_system(session, actor=principal, area_code=area_code)
    if not principal.can(Permission.EDIT_PLAN, area_code):
        raise PermissionDenied("Only the system's leads can import plans.")
    errors = errors or {}
    return render(
        request,
        "plans/import.html",
        {
            **COMMON,
            "title": "Import a plan from a spreadsheet",
            "system": system,
            "errors": errors,
            "error_summary": _summary(errors),
            "form": form or {"title": "", "new_title": ""},
            "columns": COLUMNS,
            "optional_columns": OPTIONAL_COLUMNS,
            "breadcrumbs": [
                {"text": "Systems", "href": "/"},
                {"text": system.name, "href": f"/systems/{area_code}"},
                {"text": "Import a plan"},
            ],
        },
        status_code=status_code,
    )


@router.get("/systems/{area_code}/plans/import", response_class=HTMLResponse)
def import_form(
    request: Request, area_code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    return import_page_response(request, session, principal, area_code)


@router.post("/systems/{area_code}/plans/import", response_class=HTMLResponse)
async def import_plan(
    request: Request,
    area_code: str,
    session: SessionDep,
    principal: CurrentUser,
    settings: SettingsDep,
    title: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    areas.get_system(session, actor=principal, area_code=area_code)
    form = {"title": title}
    data = await file.read(settings.upload_max_bytes + 1) if file is not None else b""
    name = (file.filename or "upload.xlsx") if file is not None else ""
    try:
        if not data:
            raise InvalidInput("file: choose a spreadsheet (.xlsx) to import")
        if len(data) > settings.upload_max_bytes:
            raise InvalidInput(f"file: the file is larger than {settings.upload_max_bytes} bytes")
        plan = plans.import_plan(
            session,
            actor=principal,
            area_code=area_code,
            data=data,
            source=name,
            title=title.strip() or None,
        )
    except InvalidInput as error:
        session.rollback()
        message = str(error)
        errors = {"file": message.removeprefix("file: ")}
        return import_page_response(
            request, session, principal, area_code, errors=errors, form=form, status_code=400
        )
    session.commit()
    return RedirectResponse(f"/plans/{plan.id}", status_code=303)


def plan_section(session: SessionDep, principal: Principal, area_code: str) -> dict[str, Any]:
    """The system overview's link to its current improvement plan."""
    try:
        plan = plans.current_plan(session, actor=principal, area_code=area_code)
    except NotFound:
        html = Markup('<p class="govuk-body">This system has no improvement plan yet.</p>')
        if principal.can(Permission.EDIT_PLAN, area_code):
            html += Markup(
                '<p class="govuk-body"><a class="govuk-link" href="/systems/{}/plans/import">'
                "Import a plan from a spreadsheet</a>.</p>"
            ).format(area_code)
        return {"title": "Improvement plan", "html": html}
    # Fixed text; format() escapes the title.
    html = Markup(
        '<p class="govuk-body"><a class="govuk-link" href="/plans/{}">{}</a> ({}). Workstreams, '
        "actions, ratings and what changed since the last report.</p>"
    ).format(plan.id, plan.title, label(plan.status).lower())
    return {"title": "Improvement plan", "html": html}
