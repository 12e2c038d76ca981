"""A system's evaluation framework page: seed 003's table with SPC icons and sparklines; the
lead creates the framework and adds measures. Each KPI's own page is in ``monitoring_kpis``
(a router of its own, mounted by the app)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from joinedup import clock
from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, NotFound, PermissionDenied
from joinedup.monitoring import service as monitoring
from joinedup.monitoring.schemas import FrameworkIn, KpiIn, ReportDates
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.forms import form_fields, read_form, submit
from joinedup.web.pages import render
from joinedup.web.parts import monitoring as present

router = APIRouter()

PAGE = "/systems/{area_code}/framework"
NEW_KPI = {
    "part": "1",
    "code": "",
    "name": "",
    "unit": "",
    "polarity": "",
    "target": "",
    "target_basis": "month",
    "expected_lag": "",
}


def _framework_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    area_code: str,
    *,
    as_of: date,
    since: date | None = None,
    dates_form: dict[str, str] | None = None,
    kpi_form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    system = areas.get_system(session, actor=principal, area_code=area_code)
    errors = errors or {}
    kpi_form = kpi_form or NEW_KPI
    context: dict[str, Any] = {
        "title": f"Evaluation framework – {system.name}",
        "system": system,
        "area_code": area_code,
        "may_edit": monitoring.may_edit(principal, area_code),
        "kpi_form": kpi_form,
        "dates_form": dates_form or {"as_of": "", "since": ""},
        "errors": errors,
        "breadcrumbs": [
            {"text": "Systems", "href": "/"},
            {"text": system.name, "href": f"/systems/{area_code}"},
            {"text": "Evaluation framework"},
        ],
    }
    try:
        view = monitoring.framework_view(
            session, actor=principal, area_code=area_code, as_of=as_of, since=since
        )
    except NotFound:
        return render(request, "monitoring/no_framework.html", context, status_code=status_code)
    latest = [row.figure.month for row in view.kpis if row.figure]
    context.update(
        {
            "view": view,
            "parts": [
                {
                    "number": part.number,
                    "title": part.title,
                    "rows": [present.framework_row(row, area_code) for row in part.kpis],
                }
                for part in view.parts
            ],
            "latest_period": f"{max(latest):%b-%y}" if latest else "",
            "basis_items": present.basis_items(kpi_form.get("target_basis", "")),
            "part_items": [
                {
                    "value": str(part.number),
                    "text": f"Part {part.number} – {part.title}",
                    "selected": str(part.number) == kpi_form["part"],
                }
                for part in view.parts
            ],
        }
    )
    return render(request, "monitoring/framework.html", context, status_code=status_code)


@router.get(PAGE, response_class=HTMLResponse)
def framework_page(
    request: Request,
    area_code: str,
    session: SessionDep,
    principal: CurrentUser,
    as_of: str = "",
    since: str = "",
) -> Response:
    typed = {"as_of": as_of, "since": since}
    dates, errors = ReportDates(), {}
    try:
        dates = read_form(ReportDates, typed)
    except InvalidInput as error:  # a date that cannot be read is named, not guessed
        errors = error.problems
        dates = _readable_dates(typed)
    return _framework_page(
        request,
        session,
        principal,
        area_code,
        as_of=dates.as_of or clock.today(),
        since=dates.since,
        dates_form=typed,
        errors=errors,
        status_code=400 if errors else 200,
    )


def _readable_dates(typed: dict[str, str]) -> ReportDates:
    """Of two dates given, the one that reads (the page still shows the framework)."""
    out = ReportDates()
    for name, text in typed.items():
        try:
            out = out.model_copy(update=ReportDates.model_validate({name: text}).model_dump())
        except ValidationError:
            continue
    return out


@router.post(PAGE, response_class=HTMLResponse)
async def create_framework(
    request: Request, area_code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    """The lead starts the system's framework: Part 1 for local priorities, Part 2 the interface
    dashboard with the six indicators linked."""
    fields = await form_fields(request)

    def again(*, errors: dict[str, str], status_code: int, current: dict[str, object]) -> Response:
        return _framework_page(
            request,
            session,
            principal,
            area_code,
            as_of=clock.today(),
            errors=errors,
            status_code=status_code,
        )

    return submit(
        session,
        lambda: monitoring.create_standard_framework(
            session,
            actor=principal,
            area_code=area_code,
            framework=read_form(FrameworkIn, {"title": fields.get("title", "")}),
        ),
        redisplay=again,
        done=lambda _: f"/systems/{area_code}/framework",
    )


@router.post(PAGE + "/kpis", response_class=HTMLResponse)
async def add_kpi(
    request: Request, area_code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    if not monitoring.may_edit(principal, area_code):
        areas.get_system(session, actor=principal, area_code=area_code)  # hidden: not found
        raise PermissionDenied("Only the system's leads can change its evaluation framework.")
    typed = {**NEW_KPI, **await form_fields(request)}

    def again(*, errors: dict[str, str], status_code: int, current: dict[str, object]) -> Response:
        return _framework_page(
            request,
            session,
            principal,
            area_code,
            as_of=clock.today(),
            kpi_form=typed,
            errors=errors,
            status_code=status_code,
        )

    return submit(
        session,
        lambda: monitoring.add_kpi(
            session, actor=principal, area_code=area_code, kpi=read_form(KpiIn, typed)
        ),
        redisplay=again,
        done=lambda kpi: f"/systems/{area_code}/framework/kpis/{kpi.id}",
    )
