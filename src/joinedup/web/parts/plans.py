"""Plan page parts shared by the routers that read and change plans: how values are shown, the
breadcrumbs, the pages a form shows again with its problems, and the system overview's section."""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict, Unpack

from fastapi import Request
from fastapi.responses import Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.errors import NotFound, PermissionDenied
from joinedup.plans import service as plans
from joinedup.plans.schemas import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    RATING_MEANING,
    ActionStatus,
    Rating,
    label,
    next_statuses,
)
from joinedup.web.pages import render

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
FIELD_LABELS = {
    "forecast_due": "Forecast date",
    "baseline_due": "Baseline date",
    "completed_on": "Completion date",
    "indicative": "Indicative date",
}


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


def crumbs(session: Session, plan: plans.PlanView, *extra: dict[str, str]) -> list[dict[str, str]]:
    """The plan's place: its system by name (the area's code only if it has no name)."""
    try:
        system = areas.get_area(session, plan.area_code).name
    except NotFound:
        system = plan.area_code
    return [
        {"text": "Systems", "href": "/"},
        {"text": system, "href": f"/systems/{plan.area_code}"},
        {"text": "Improvement plan", "href": f"/plans/{plan.id}"},
        *extra,
    ]


def _page(
    request: Request,
    template: str,
    context: dict[str, Any],
    errors: dict[str, str] | None,
    status_code: int,
) -> Response:
    errors = errors or {}
    page = {**COMMON, **context, "errors": errors}
    return render(request, template, page, status_code=status_code)


class Shown(TypedDict, total=False):
    """A plan page's form shown again: the problems by field, what was typed, the status."""

    errors: dict[str, str] | None
    form: dict[str, Any] | None
    status_code: int


def _shown(
    request: Request, template: str, context: dict[str, Any], shown: Shown, empty: dict[str, Any]
) -> Response:
    """The page, its form as typed (``empty`` when it is shown for the first time)."""
    page = {**context, "form": shown.get("form") or empty}
    return _page(request, template, page, shown.get("errors"), shown.get("status_code", 200))


def plan_page(
    request: Request, session: Session, principal: Principal, plan_id: int, **shown: Unpack[Shown]
) -> Response:
    overview = plans.plan_overview(session, actor=principal, plan_id=plan_id)
    context = {
        "title": overview.plan.title,
        "overview": overview,
        "breadcrumbs": [*crumbs(session, overview.plan)[:-1], {"text": "Improvement plan"}],
    }
    return _shown(request, "plans/plan.html", context, shown, {})


def workstream_page(
    request: Request,
    session: Session,
    principal: Principal,
    plan_id: int,
    code: str,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    detail = plans.workstream_detail(session, actor=principal, plan_id=plan_id, code=code)
    context = {
        "title": f"{detail.workstream.code} – {detail.workstream.title}",
        "detail": detail,
        "may_edit": principal.can(Permission.EDIT_PLAN, detail.plan.area_code),
        "members": detail.members,
        "coverage": plans.coverage(session, actor=principal, plan_id=plan_id)
        if detail.may_update
        else None,
        "form": form or {"rating": detail.suggestion.rating.value, "finding_ids": []},
        "ratings": [r.value for r in Rating],
        "breadcrumbs": crumbs(
            session, detail.plan, {"text": f"Workstream {detail.workstream.code}"}
        ),
    }
    return _page(request, "plans/workstream.html", context, errors, status_code)


def _date_fields(prefix: str, value: date | None) -> dict[str, str]:
    if value is None:
        return {f"{prefix}-day": "", f"{prefix}-month": "", f"{prefix}-year": ""}
    return {
        f"{prefix}-day": str(value.day),
        f"{prefix}-month": str(value.month),
        f"{prefix}-year": str(value.year),
    }


def _action_form(action: plans.ActionDetail) -> dict[str, str]:
    a = action.action
    return {
        "status": a.status,
        "owner": a.owner,
        "indicative": "yes" if a.indicative else "",
        "reason": "",
        "note": "",
        "version": str(a.version),
        **_date_fields("forecast_due", a.forecast_due),
        **_date_fields("completed_on", a.completed_on),
    }


def action_page(
    request: Request,
    session: Session,
    principal: Principal,
    action_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    conflict: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    detail = plans.action_detail(session, actor=principal, action_id=action_id)
    workstream_crumb = {
        "text": f"Workstream {detail.workstream.code}",
        "href": f"/plans/{detail.plan.id}/workstreams/{detail.workstream.code}",
    }
    context = {
        "title": f"Action {detail.reference}",
        "detail": detail,
        "form": form or _action_form(detail),
        "conflict": conflict,
        "breadcrumbs": crumbs(
            session, detail.plan, workstream_crumb, {"text": f"Action {detail.reference}"}
        ),
    }
    return _page(request, "plans/action.html", context, errors, status_code)


def coverage_page(
    request: Request, session: Session, principal: Principal, plan_id: int, **shown: Unpack[Shown]
) -> Response:
    plan = plans.get_plan(session, actor=principal, plan_id=plan_id)
    context = {
        "title": "Findings and coverage",
        "plan": plan,
        "may_edit": principal.can(Permission.EDIT_PLAN, plan.area_code),
        "coverage": plans.coverage(session, actor=principal, plan_id=plan_id),
        "next_statuses": next_statuses(plan.status),
        "breadcrumbs": crumbs(session, plan, {"text": "Coverage"}),
    }
    empty = {"status": "", "coverage_exception": plan.coverage_exception}
    return _shown(request, "plans/coverage.html", context, shown, empty)


def import_page(
    request: Request,
    session: Session,
    principal: Principal,
    area_code: str,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    problems: list[str] | None = None,
    status_code: int = 200,
) -> Response:
    """The import form; ``problems`` are the lines of a refused file, listed under its field."""
    system = areas.get_system(session, actor=principal, area_code=area_code)
    if not principal.can(Permission.EDIT_PLAN, area_code):
        raise PermissionDenied("Only the system's leads can import plans.")
    context = {
        "title": "Import a plan from a spreadsheet",
        "system": system,
        "form": form or {"title": "", "new_title": ""},
        "problems": problems or [],
        "columns": COLUMNS,
        "optional_columns": OPTIONAL_COLUMNS,
        "breadcrumbs": [
            {"text": "Systems", "href": "/"},
            {"text": system.name, "href": f"/systems/{area_code}"},
            {"text": "Import a plan"},
        ],
    }
    return _page(request, "plans/import.html", context, errors, status_code)


def plan_section(session: Session, principal: Principal, area_code: str) -> dict[str, Any]:
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


PLAN_DETAILS = [("title", "Title"), ("agreed_on", "Agreed"), ("planned_end", "Planned end")]
WORKSTREAM_DETAILS = [
    ("title", "Title"),
    ("leads", "Lead"),
    ("responsible_group", "Responsible group"),
]


def plan_details_form(plan: plans.PlanView) -> dict[str, str]:
    return {
        "title": plan.title,
        "version": str(plan.version),
        **_date_fields("agreed_on", plan.agreed_on),
        **_date_fields("planned_end", plan.planned_end),
    }


def edit_plan_page(
    request: Request,
    session: Session,
    principal: Principal,
    plan_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    conflict: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    """The form correcting a plan's title and dates, with the earlier corrections."""
    plan = plans.get_plan(session, actor=principal, plan_id=plan_id)
    if not principal.can(Permission.EDIT_PLAN, plan.area_code):
        raise PermissionDenied("Only the system's leads can change this plan.")
    context = {
        "title": "Change the plan's title and dates",
        "caption": plan.title,
        "kind": "plan",
        "action": f"/plans/{plan.id}/edit",
        "back": f"/plans/{plan.id}",
        "fields": PLAN_DETAILS,
        "form": form or plan_details_form(plan),
        "conflict": conflict,
        "history": plans.details_history(session, actor=principal, plan_id=plan.id),
        "breadcrumbs": crumbs(session, plan, {"text": "Change the title and dates"}),
    }
    return _page(request, "plans/edit_details.html", context, errors, status_code)


def edit_workstream_page(
    request: Request,
    session: Session,
    principal: Principal,
    plan_id: int,
    code: str,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    conflict: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    """The form correcting a workstream's title, lead and responsible group."""
    detail = plans.workstream_detail(session, actor=principal, plan_id=plan_id, code=code)
    if not principal.can(Permission.EDIT_PLAN, detail.plan.area_code):
        raise PermissionDenied("Only the system's leads can change this plan.")
    w = detail.workstream
    here = f"/plans/{plan_id}/workstreams/{w.code}"
    context = {
        "title": f"Change workstream {w.code}",
        "caption": detail.plan.title,
        "kind": "workstream",
        "action": f"{here}/edit",
        "back": here,
        "fields": WORKSTREAM_DETAILS,
        "form": form
        or {
            "title": w.title,
            "leads": w.leads,
            "responsible_group": w.responsible_group,
            "version": str(w.version),
        },
        "conflict": conflict,
        "history": plans.details_history(
            session, actor=principal, plan_id=plan_id, workstream_id=w.id
        ),
        "breadcrumbs": crumbs(
            session,
            detail.plan,
            {"text": f"Workstream {w.code}", "href": here},
            {"text": "Change"},
        ),
    }
    return _page(request, "plans/edit_details.html", context, errors, status_code)
