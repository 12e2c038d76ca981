"""One KPI's page: the full SPC chart, its rules in plain words, the values with their history,
and the lead's forms (enter or correct a value, import values, target and chart settings)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit
from joinedup.monitoring import service as monitoring
from joinedup.monitoring.series_csv import parse_date
from joinedup.web.deps import CurrentUser, SessionDep, SettingsDep
from joinedup.web.pages import render
from joinedup.web.routes import monitoring_present as present

router = APIRouter()

KPI_PAGE = "/systems/{area_code}/framework/kpis/{kpi_id}"


def _kpi_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    area_code: str,
    kpi_id: int,
    *,
    value_form: dict[str, str] | None = None,
    settings_form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    conflict: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    detail = monitoring.kpi_detail(session, actor=principal, kpi_id=kpi_id)
    if detail.area_code != area_code:
        raise NotFound(f"no KPI {kpi_id} in {area_code}")
    row = detail.row
    spc = row.spc
    errors = errors or {}
    history = [
        {
            "period": present.period_label(h.period),
            "period_value": f"{h.period:%Y-%m}",
            "value": present.value_text(h.current.value, row.unit),
            "version": h.current.version,
            "actor": h.current.actor,
            "at": h.current.at,
            "note": h.current.note,
            "source": h.current.source,
            "earlier": [
                {
                    "value": present.value_text(e.value, row.unit),
                    "actor": e.actor,
                    "at": e.at,
                    "note": e.note,
                    "source": e.source,
                }
                for e in h.earlier
            ],
        }
        for h in detail.history
    ]
    return render(
        request,
        "monitoring/kpi.html",
        {
            "title": f"{row.code} {row.name}",
            "detail": detail,
            "row": row,
            "cells": present.framework_row(row, area_code),
            "polarity_words": present.POLARITY_WORDS[row.polarity],
            "chart": (
                present.svg(
                    monitoring.spc_chart_svg(spc, title=f"{row.code} {row.name}", unit=row.unit)
                )
                if spc
                else ""
            ),
            "summary": monitoring.summary(spc, title=row.name, unit=row.unit) if spc else "",
            "table_headings": monitoring.DATA_TABLE_HEADINGS,
            "table": monitoring.data_table(spc, unit=row.unit) if spc else [],
            "rules": present.rules_explained(row),
            "limits_words": monitoring.LIMITS,
            "screening_words": monitoring.SCREENING,
            "history": history,
            "value_form": value_form or {"period": "", "value": "", "note": "", "version": "0"},
            "settings_form": settings_form or present.settings_form(row),
            "errors": errors,
            "error_summary": [{"text": t, "href": f"#{f}"} for f, t in errors.items()],
            "conflict": conflict,
            "area_code": area_code,
            "breadcrumbs": [
                {"text": "Systems", "href": "/"},
                {"text": detail.system_name, "href": f"/systems/{area_code}"},
                {"text": "Evaluation framework", "href": f"/systems/{area_code}/framework"},
                {"text": row.code},
            ],
        },
        status_code=status_code,
    )


@router.get(KPI_PAGE, response_class=HTMLResponse)
def kpi_page(
    request: Request,
    area_code: str,
    kpi_id: int,
    session: SessionDep,
    principal: CurrentUser,
    period: str | None = None,
) -> Response:
    value_form = None
    if period:
        # "Correct" links open the form on that period, with the version to supersede.
        detail = monitoring.kpi_detail(session, actor=principal, kpi_id=kpi_id)
        for h in detail.history:
            if f"{h.period:%Y-%m}" == period:
                shown = "" if h.current.value is None else repr(h.current.value)
                value_form = {
                    "period": period,
                    "value": shown,
                    "note": "",
                    "version": str(h.current.version),
                }
    return _kpi_page(request, session, principal, area_code, kpi_id, value_form=value_form)


def _editable(
    session: SessionDep, principal: Principal, area_code: str, kpi_id: int
) -> monitoring.KpiDetail:
    detail = monitoring.kpi_detail(session, actor=principal, kpi_id=kpi_id)
    if detail.area_code != area_code:
        raise NotFound(f"no KPI {kpi_id} in {area_code}")
    if not detail.may_edit:
        raise PermissionDenied("Only the system's leads can change its evaluation framework.")
    return detail


def _kpi_href(area_code: str, kpi_id: int) -> str:
    return f"/systems/{area_code}/framework/kpis/{kpi_id}"


@router.post(KPI_PAGE + "/values", response_class=HTMLResponse)
def enter_value(
    request: Request,
    area_code: str,
    kpi_id: int,
    session: SessionDep,
    principal: CurrentUser,
    period: Annotated[str, Form()] = "",
    value: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "0",
) -> Response:
    _editable(session, principal, area_code, kpi_id)
    typed = {"period": period, "value": value, "note": note, "version": version}
    errors: dict[str, str] = {}
    try:
        day = parse_date(period, where="Period")
    except InvalidInput:
        errors["period"] = "Enter the period as a month, like 2020-04"
    number: float | None = None
    try:
        number = float(value.replace(",", "").removesuffix("%").strip())
    except ValueError:
        errors["value"] = "Enter the value as a number, like 1218 or 87.5"
    if errors:
        return _kpi_page(
            request,
            session,
            principal,
            area_code,
            kpi_id,
            value_form=typed,
            errors=errors,
            status_code=400,
        )
    try:
        monitoring.record_value(
            session,
            actor=principal,
            kpi_id=kpi_id,
            period=day,
            value=number,
            version=int(version) if version.strip().isdigit() else 0,
            note=note,
        )
    except InvalidInput as error:
        session.rollback()
        return _kpi_page(
            request,
            session,
            principal,
            area_code,
            kpi_id,
            value_form=typed,
            errors={"value": str(error)},
            status_code=400,
        )
    except StaleEdit as error:
        session.rollback()
        current = error.current
        typed["version"] = str(current.get("version", 0))
        return _kpi_page(
            request,
            session,
            principal,
            area_code,
            kpi_id,
            value_form=typed,
            conflict={"kind": "value", "message": str(error), "current": current},
            status_code=409,
        )
    session.commit()
    return RedirectResponse(_kpi_href(area_code, kpi_id) + "#values", status_code=303)


@router.post(KPI_PAGE + "/import", response_class=HTMLResponse)
async def import_values(
    request: Request,
    area_code: str,
    kpi_id: int,
    session: SessionDep,
    principal: CurrentUser,
    settings: SettingsDep,
    file: Annotated[UploadFile | None, File()] = None,
    pasted: Annotated[str, Form()] = "",
) -> Response:
    _editable(session, principal, area_code, kpi_id)
    try:
        if file is not None and file.filename:
            data = await file.read(settings.upload_max_bytes + 1)
            values = monitoring.read_values(
                file.filename, data, max_bytes=settings.upload_max_bytes
            )
            source = f"file {file.filename}"
        else:
            values = monitoring.read_pasted(pasted)
            source = "pasted values"
        monitoring.record_values(
            session, actor=principal, kpi_id=kpi_id, values=values, source=source
        )
    except InvalidInput as error:
        session.rollback()
        return _kpi_page(
            request,
            session,
            principal,
            area_code,
            kpi_id,
            errors={"file": str(error)},
            status_code=400,
        )
    session.commit()
    return RedirectResponse(_kpi_href(area_code, kpi_id) + "#values", status_code=303)


def parse_rebases(text: str) -> list[monitoring.Rebase]:
    """Lines like "2019-04-01: new contract" (a month like 2019-04 also does)."""
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        day_text, _, reason = line.partition(":")
        day = parse_date(day_text, where=f"Rebase line {number}")
        if not reason.strip():
            raise InvalidInput(f"Rebase line {number}: give the reason after the date and a colon")
        out.append(monitoring.Rebase(day, reason.strip()))
    return out


@router.post(KPI_PAGE, response_class=HTMLResponse)
def edit_kpi(
    request: Request,
    area_code: str,
    kpi_id: int,
    session: SessionDep,
    principal: CurrentUser,
    name: Annotated[str, Form()] = "",
    unit: Annotated[str, Form()] = "",
    polarity: Annotated[str, Form()] = "",
    target_text: Annotated[str, Form()] = "",
    screen_outliers: Annotated[str, Form()] = "",
    fix_after: Annotated[str, Form()] = "",
    rebases: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    detail = _editable(session, principal, area_code, kpi_id)
    typed = {
        "name": name,
        "unit": unit,
        "polarity": polarity,
        "target_text": target_text,
        "screen_outliers": screen_outliers,
        "fix_after": fix_after,
        "rebases": rebases,
        "version": version,
    }
    errors: dict[str, str] = {}
    fix: int | None = None
    if fix_after.strip():
        if not fix_after.strip().isdigit():
            errors["fix_after"] = "Enter a whole number of points, like 12, or leave it empty"
        else:
            fix = int(fix_after)
    parsed_rebases: list[monitoring.Rebase] = []
    try:
        parsed_rebases = parse_rebases(rebases)
    except InvalidInput as error:
        errors["rebases"] = str(error)
    if not errors:
        try:
            monitoring.update_kpi(
                session,
                actor=principal,
                kpi_id=kpi_id,
                version=int(version) if version.strip().isdigit() else -1,
                name=name,
                unit=unit,
                polarity=polarity or detail.row.polarity.value,
                target_text=target_text,
                screen_outliers=bool(screen_outliers),
                fix_after=fix,
                rebases=parsed_rebases,
            )
        except InvalidInput as error:
            session.rollback()
            field = str(error).split(":", 1)[0]
            errors[field if field in typed else "target_text"] = str(error)
        except StaleEdit as error:
            session.rollback()
            now = present.state_as_form(error.current)
            changed = [
                {"field": present.FIELD_LABELS[key], "now": now[key] or "(empty)"}
                for key in monitoring.EDITABLE
                if now[key].strip() != typed[key].strip()
            ]
            typed["version"] = now["version"]
            return _kpi_page(
                request,
                session,
                principal,
                area_code,
                kpi_id,
                settings_form=typed,
                conflict={"kind": "settings", "message": str(error), "changed": changed},
                status_code=409,
            )
    if errors:
        return _kpi_page(
            request,
            session,
            principal,
            area_code,
            kpi_id,
            settings_form=typed,
            errors=errors,
            status_code=400,
        )
    session.commit()
    return RedirectResponse(_kpi_href(area_code, kpi_id), status_code=303)
