"""A system's evaluation framework page: seed 003's table with SPC icons and sparklines; the
lead creates the framework and adds measures. Each KPI's own page is in ``monitoring_kpis``."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, NotFound, PermissionDenied
from joinedup.monitoring import service as monitoring
from joinedup.monitoring.series_csv import parse_date
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.pages import render
from joinedup.web.routes import monitoring_kpis
from joinedup.web.routes import monitoring_present as present

router = APIRouter()
router.include_router(monitoring_kpis.router)

PAGE = "/systems/{area_code}/framework"
NEW_KPI = {"part": "1", "code": "", "name": "", "unit": "", "polarity": "", "target_text": ""}


def _report_dates(as_of: str, since: str) -> tuple[date, date | None, dict[str, str]]:
    """The dates a board report is read at; a date that cannot be read is named, not guessed."""
    errors: dict[str, str] = {}
    day, last = date.today(), None
    if as_of.strip():
        try:
            day = parse_date(as_of, where="as_of")
        except InvalidInput:
            errors["as_of"] = "Enter the date as 2020-03-31, or a month as 2020-03"
    if since.strip():
        try:
            last = parse_date(since, where="since")
        except InvalidInput:
            errors["since"] = "Enter the date of the last report as 2020-01-31, or a month"
    return day, last, errors


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
    context: dict[str, Any] = {
        "title": f"Evaluation framework – {system.name}",
        "system": system,
        "area_code": area_code,
        "may_edit": monitoring.may_edit(principal, area_code),
        "kpi_form": kpi_form or NEW_KPI,
        "dates_form": dates_form or {"as_of": "", "since": ""},
        "errors": errors,
        "error_summary": [{"text": t, "href": f"#{f}"} for f, t in errors.items()],
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
    latest = [row.latest.period for row in view.kpis if row.latest]
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
            "latest_period": present.period_label(max(latest)) if latest else "",
            "part_items": [
                {
                    "value": str(part.number),
                    "text": f"Part {part.number} – {part.title}",
                    "selected": str(part.number) == (kpi_form or NEW_KPI)["part"],
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
    day, last, errors = _report_dates(as_of, since)
    return _framework_page(
        request,
        session,
        principal,
        area_code,
        as_of=day,
        since=last,
        dates_form={"as_of": as_of, "since": since},
        errors=errors,
        status_code=400 if errors else 200,
    )


@router.post(PAGE, response_class=HTMLResponse)
def create_framework(
    request: Request,
    area_code: str,
    session: SessionDep,
    principal: CurrentUser,
    title: Annotated[str, Form()] = "",
) -> Response:
    """The lead starts the system's framework: Part 1 for local priorities, Part 2 the interface
    dashboard with the six indicators linked."""
    try:
        monitoring.create_standard_framework(
            session, actor=principal, area_code=area_code, title=title
        )
    except InvalidInput as error:
        session.rollback()
        return _framework_page(
            request,
            session,
            principal,
            area_code,
            as_of=date.today(),
            errors={"title": str(error)},
            status_code=400,
        )
    session.commit()
    return RedirectResponse(f"/systems/{area_code}/framework", status_code=303)


@router.post(PAGE + "/kpis", response_class=HTMLResponse)
def add_kpi(
    request: Request,
    area_code: str,
    session: SessionDep,
    principal: CurrentUser,
    part: Annotated[str, Form()] = "1",
    code: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
    unit: Annotated[str, Form()] = "",
    polarity: Annotated[str, Form()] = "",
    target_text: Annotated[str, Form()] = "",
) -> Response:
    view = monitoring.framework_view(
        session, actor=principal, area_code=area_code, as_of=date.today()
    )
    if not view.may_edit:
        raise PermissionDenied("Only the system's leads can change its evaluation framework.")
    typed = {
        "part": part,
        "code": code,
        "name": name,
        "unit": unit,
        "polarity": polarity,
        "target_text": target_text,
    }
    try:
        chosen = monitoring.part_by_number(view, int(part) if part.isdigit() else 0)
        kpi = monitoring.add_kpi(
            session,
            actor=principal,
            part_id=chosen.id,
            code=code,
            name=name,
            unit=unit,
            polarity=polarity or "higher_is_better",
            target_text=target_text,
        )
    except InvalidInput as error:
        session.rollback()
        field = str(error).split(":", 1)[0]
        field = "target_text" if field == "target" else field
        return _framework_page(
            request,
            session,
            principal,
            area_code,
            as_of=date.today(),
            kpi_form=typed,
            errors={field if field in typed else "name": str(error)},
            status_code=400,
        )
    session.commit()
    return RedirectResponse(f"/systems/{area_code}/framework/kpis/{kpi.id}", status_code=303)
