"""One KPI's page: the full SPC chart, its rules in plain words, the values with their history,
and the lead's forms (enter or correct a value, import values, target and chart settings). Each
form is read into the use case's input model and answered by `forms.submit`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from joinedup.access.rules import Principal
from joinedup.errors import FORM, InvalidInput, NotFound, PermissionDenied
from joinedup.metrics import service as metrics
from joinedup.monitoring import service as monitoring
from joinedup.monitoring.schemas import EDITABLE, KpiChange, ValueIn, ValuesImport
from joinedup.web.deps import CurrentUser, SessionDep, SettingsDep
from joinedup.web.forms import form_fields, read_form, submit
from joinedup.web.pages import render
from joinedup.web.parts import monitoring as present
from joinedup.web.parts import rebases as rebase_form

router = APIRouter()

KPI_PAGE = "/systems/{area_code}/framework/kpis/{kpi_id}"
NO_VALUE = {
    "period": "",
    "period-month": "",
    "period-year": "",
    "value": "",
    "note": "",
    "version": "0",
}


def _kpi_page(
    request: Request,
    detail: monitoring.KpiDetail,
    *,
    value_form: dict[str, str] | None = None,
    settings_form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    conflict: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    row = detail.row
    spc = row.shown_spc  # held-back figures left out for this reader
    area_code = detail.area_code
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
    title = f"{row.code} {row.name}"
    return render(
        request,
        "monitoring/kpi.html",
        {
            "title": title,
            "detail": detail,
            "row": row,
            "cells": present.framework_row(row, area_code),
            "polarity_words": present.POLARITY_WORDS[row.polarity],
            "basis_words": monitoring.BASIS_WORDS[row.basis],
            "chart": present.svg(monitoring.spc_chart_svg(spc, title=title, unit=row.unit))
            if spc
            else "",
            "p_chart": present.svg(
                monitoring.spc_chart_svg(
                    row.shown_p_chart, title=f"{title} (p-chart)", unit=row.unit, chart_id="p-chart"
                )
            )
            if row.shown_p_chart
            else "",
            "p_summary": monitoring.summary(row.shown_p_chart, title=row.name, unit=row.unit)
            if row.shown_p_chart
            else "",
            "p_table": (
                monitoring.data_table(row.shown_p_chart, unit=row.unit) if row.shown_p_chart else []
            ),
            "basis_items": present.basis_items(
                (settings_form or _settings_form(row))["target_basis"]
            ),
            "summary": monitoring.summary(spc, title=row.name, unit=row.unit) if spc else "",
            "table_headings": monitoring.DATA_TABLE_HEADINGS,
            "table": monitoring.data_table(spc, unit=row.unit) if spc else [],
            "rules": present.rules_explained(row),
            "limits_words": monitoring.LIMITS,
            "screening_words": monitoring.SCREENING,
            "history": history,
            "indicator_title": _indicator_title(row.indicator_id),
            "value_form": value_form or NO_VALUE,
            "period_error_parts": present.month_error_parts(value_form or NO_VALUE, "period"),
            "settings_form": settings_form or _settings_form(row),
            "rebase_rows": rebase_form.rows(settings_form or _settings_form(row), errors),
            "errors": errors,
            "conflict": conflict,
            "area_code": area_code,
            "breadcrumbs": [
                {"text": "Systems", "href": "/"},
                {"text": detail.system_name, "href": f"/systems/{area_code}"},
                {"text": "Evaluation framework", "href": f"/systems/{area_code}/framework"},
                {"text": row.name},
            ],
        },
        status_code=status_code,
    )


def _settings_form(row: monitoring.KpiRow) -> dict[str, str]:
    """The settings form as saved: its rebases one a row, and an empty row to add one."""
    return {
        **present.settings_form(row),
        "rebases": rebase_form.words((r.at, r.reason) for r in row.rebases),
        **rebase_form.fields_of((r.at, r.reason) for r in row.rebases),
    }


def _rebases_now(current: dict[str, Any]) -> str:
    """The rebases a stale edit reports the measure has now, in words."""
    saved = current.get("rebases") or []
    return rebase_form.words((date.fromisoformat(str(r["at"])), str(r["reason"])) for r in saved)


def _indicator_title(indicator_id: str | None) -> str:
    """A linked indicator by its title (its id only if the catalogue no longer has it)."""
    if indicator_id is None:
        return ""
    try:
        return metrics.indicator(indicator_id).title
    except NotFound:
        return indicator_id


def _detail(
    session: SessionDep, principal: Principal, area_code: str, kpi_id: int, *, edit: bool = False
) -> monitoring.KpiDetail:
    detail = monitoring.kpi_detail(session, actor=principal, kpi_id=kpi_id)
    if detail.area_code != area_code:
        raise NotFound(f"no KPI {kpi_id} in {area_code}")
    if edit and not detail.may_edit:
        raise PermissionDenied("Only the system's leads can change its evaluation framework.")
    return detail


def _kpi_href(area_code: str, kpi_id: int) -> str:
    return f"/systems/{area_code}/framework/kpis/{kpi_id}"


@router.get(KPI_PAGE, response_class=HTMLResponse)
def kpi_page(
    request: Request,
    area_code: str,
    kpi_id: int,
    session: SessionDep,
    principal: CurrentUser,
    period: str | None = None,
) -> Response:
    detail = _detail(session, principal, area_code, kpi_id)
    value_form = None
    for h in detail.history:
        # "Correct" links open the form on that period, with the version to supersede.
        if period and f"{h.period:%Y-%m}" == period:
            shown = "" if h.current.value is None else repr(h.current.value)
            value_form = {**NO_VALUE, **present.month_fields("period", period), "value": shown}
            value_form["version"] = str(h.current.version)
    return _kpi_page(request, detail, value_form=value_form)


def _value_entry(typed: dict[str, str]) -> ValueIn:
    """The value form (its period typed as a month and a year) read into ValueIn; every
    problem reported at once."""
    problems: dict[str, str] = {}
    try:
        period = present.typed_month(typed, "period")
    except InvalidInput as error:
        period, problems = "", error.problems
    try:
        entry = read_form(ValueIn, {**typed, "period": period})
    except InvalidInput as error:
        raise InvalidInput({**error.problems, **problems}) from None
    if problems:
        raise InvalidInput(problems)
    return entry


@router.post(KPI_PAGE + "/values", response_class=HTMLResponse)
async def enter_value(
    request: Request, area_code: str, kpi_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    _detail(session, principal, area_code, kpi_id, edit=True)
    typed = {**NO_VALUE, **await form_fields(request)}

    def again(*, errors: dict[str, str], status_code: int, current: dict[str, object]) -> Response:
        detail = _detail(session, principal, area_code, kpi_id)
        if status_code != 409:
            return _kpi_page(
                request, detail, value_form=typed, errors=errors, status_code=status_code
            )
        # Saving again replaces what the other person saved; what was typed stays.
        conflict = {"kind": "value", "message": errors[FORM], "current": current}
        form = {**typed, "version": str(current.get("version", 0))}
        return _kpi_page(request, detail, value_form=form, conflict=conflict, status_code=409)

    return submit(
        session,
        lambda: monitoring.record_value(
            session, actor=principal, kpi_id=kpi_id, entry=_value_entry(typed)
        ),
        redisplay=again,
        done=lambda _: _kpi_href(area_code, kpi_id) + "#values",
    )


@router.post(KPI_PAGE + "/import", response_class=HTMLResponse)
async def import_values(
    request: Request,
    area_code: str,
    kpi_id: int,
    session: SessionDep,
    principal: CurrentUser,
    settings: SettingsDep,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    _detail(session, principal, area_code, kpi_id, edit=True)
    fields = await form_fields(request)
    upload = ValuesImport(pasted=str(fields.get("pasted", "")))
    if file is not None and file.filename:
        data = await file.read(settings.upload_max_bytes + 1)
        upload = ValuesImport(file_name=file.filename, data=data)

    def again(*, errors: dict[str, str], status_code: int, current: dict[str, object]) -> Response:
        detail = _detail(session, principal, area_code, kpi_id)
        return _kpi_page(request, detail, errors=errors, status_code=status_code)

    return submit(
        session,
        lambda: monitoring.import_values(
            session,
            actor=principal,
            kpi_id=kpi_id,
            upload=upload,
            max_bytes=settings.upload_max_bytes,
        ),
        redisplay=again,
        done=lambda _: _kpi_href(area_code, kpi_id) + "#values",
    )


@router.post(KPI_PAGE, response_class=HTMLResponse)
async def edit_kpi(
    request: Request, area_code: str, kpi_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    _detail(session, principal, area_code, kpi_id, edit=True)
    typed: dict[str, str] = dict.fromkeys((*EDITABLE, "version"), "")
    typed.update(await form_fields(request))
    # An unticked box is not sent, and an empty "fix after" uses every point.
    extra = {
        "screen_outliers": bool(typed["screen_outliers"]),
        "clear_fix_after": not typed["fix_after"].strip(),
    }

    def again(*, errors: dict[str, str], status_code: int, current: dict[str, object]) -> Response:
        detail = _detail(session, principal, area_code, kpi_id)
        if status_code != 409:
            return _kpi_page(
                request, detail, settings_form=typed, errors=errors, status_code=status_code
            )
        now = {**present.state_as_form(current), "rebases": _rebases_now(current)}
        changed = [
            {"field": present.FIELD_LABELS[key], "now": now[key] or "(empty)"}
            for key in EDITABLE
            if now[key].strip() != typed[key].strip()
        ]
        conflict = {"kind": "settings", "message": errors[FORM], "changed": changed}
        form = {**typed, "version": now["version"]}
        return _kpi_page(request, detail, settings_form=form, conflict=conflict, status_code=409)

    return submit(
        session,
        lambda: monitoring.update_kpi(
            session, actor=principal, kpi_id=kpi_id, change=_settings_change(typed, extra)
        ),
        redisplay=again,
        done=lambda _: _kpi_href(area_code, kpi_id),
    )


def _settings_change(typed: dict[str, str], extra: dict[str, Any]) -> KpiChange:
    """The settings form read into KpiChange, its rebases from their rows (a date input and a
    reason each); every problem reported at once. ``typed`` gets the rebases in words, to tell
    a stale edit's changes."""
    problems: dict[str, str] = {}
    try:
        rebases = rebase_form.typed(typed)
    except InvalidInput as error:
        rebases, problems = [], error.problems
    if rebases is not None:
        extra = {**extra, "rebases": rebases}
        typed["rebases"] = rebase_form.words((r["at"], r["reason"]) for r in rebases)
    try:
        change = read_form(KpiChange, typed, extra=extra)
    except InvalidInput as error:
        raise InvalidInput({**error.problems, **problems}) from None
    if problems:
        raise InvalidInput(problems)
    return change
