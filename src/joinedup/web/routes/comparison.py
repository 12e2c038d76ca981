"""Comparing areas for national roles: an indicator's funnel plot (every area against England,
with 95% and 99.8% limits) and the areas worse than England and getting worse, each with a CSV
download. A system's people see their own area's spine chart and trends on its profile."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from joinedup.access.rules import Permission, Principal
from joinedup.errors import InvalidInput, NotFound, PermissionDenied
from joinedup.metrics import service as metrics
from joinedup.metrics.schemas import MARKER_STYLES, PERIOD_LENGTHS
from joinedup.periods import period_end, period_label
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.pages import render

router = APIRouter()
NATIONAL_ONLY = "Only national roles see comparisons that name every area."


def _require_national(principal: Principal) -> None:
    if not principal.can(Permission.VIEW_NATIONAL):
        raise PermissionDenied(NATIONAL_ONLY)


def chosen_months(text: str, default: int) -> int:
    try:
        months = int(text or default)
    except ValueError:
        raise InvalidInput.of("months", f"{text!r} must be 1, 3 or 12") from None
    if months not in PERIOD_LENGTHS:
        raise InvalidInput.of("months", f"{text!r} must be 1, 3 or 12")
    return months


def chosen_start(session: Session, months: int, text: str) -> date | None:
    """The period asked for, or the latest of that length starting on or before it (when the
    length was changed); None for the latest."""
    if not text:
        return None
    try:
        wanted = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput.of("period_start", f"{text!r} is not a date like 2019-04-01") from None
    starts = [start for start, _ in metrics.period_choices(session, months=months)]
    earlier = [s for s in starts if s <= wanted]
    return earlier[0] if earlier else None


def _empty(request: Request, title: str) -> Response:
    return render(
        request,
        "metrics/dashboard_empty.html",
        {"title": title, "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": title}]},
    )


def _funnel(request: Request, session: Session, principal: Principal) -> metrics.FunnelView:
    _require_national(principal)
    query = request.query_params
    months = chosen_months(query.get("months", ""), 12)
    indicators = metrics.funnel_indicators()
    if not indicators:
        raise InvalidInput.of("indicator", "The catalogue has no rate or proportion to plot")
    return metrics.funnel_view(
        session,
        actor=principal,
        indicator_id=query.get("indicator", "") or indicators[0].id,
        months=months,
        period_start=chosen_start(session, months, query.get("period_start", "")),
    )


def _query(view: metrics.FunnelView) -> str:
    return urlencode(
        {
            "indicator": view.indicator.id,
            "months": str(view.months),
            "period_start": view.period_start.isoformat(),
        }
    )


@router.get("/funnel", response_class=HTMLResponse)
def funnel_page(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    _require_national(principal)
    try:
        view = _funnel(request, session, principal)
    except NotFound:
        return _empty(request, "Funnel plots")
    plot = metrics.funnel_plot(view)
    title = f"Funnel plot: {view.indicator.title}, {view.period}"
    return render(
        request,
        "metrics/funnel.html",
        {
            "title": title,
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": "National dashboard", "href": "/dashboard"},
                {"text": "Funnel plot"},
            ],
            "view": view,
            "plot": plot,
            "indicators": metrics.funnel_indicators(),
            "period_lengths": PERIOD_LENGTHS,
            "periods": metrics.period_choices(session, months=view.months),
            "csv_href": "/funnel.csv?" + _query(view),
            "api_href": "/api/v1/funnel?" + _query(view),
        },
    )


@router.get("/funnel.csv")
def funnel_download(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    view = _funnel(request, session, principal)
    name = f"funnel-{view.indicator.id}-{view.period_start.isoformat()}-{view.months}m.csv"
    return Response(
        metrics.funnel_csv(view).encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


def _worse(request: Request, session: Session, principal: Principal) -> metrics.WorseList:
    _require_national(principal)
    query = request.query_params
    months = chosen_months(query.get("months", ""), 3)
    return metrics.worse_and_worsening(
        session,
        actor=principal,
        months=months,
        period_start=chosen_start(session, months, query.get("period_start", "")),
    )


@router.get("/worse-than-england", response_class=HTMLResponse)
def worse_page(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    _require_national(principal)
    title = "Worse than England and getting worse"
    try:
        worse = _worse(request, session, principal)
    except NotFound:
        return _empty(request, title)
    query = urlencode({"months": str(worse.months), "period_start": worse.period_start.isoformat()})
    return render(
        request,
        "metrics/worse.html",
        {
            "title": f"{title}: {worse.period}",
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": "National dashboard", "href": "/dashboard"},
                {"text": title},
            ],
            "worse": worse,
            "funnel_ids": {i.id for i in metrics.funnel_indicators()},
            "period_label": period_label,
            "markers": MARKER_STYLES,
            "period_lengths": PERIOD_LENGTHS,
            "periods": metrics.period_choices(session, months=worse.months),
            "csv_href": "/worse-than-england.csv?" + query,
            "api_href": "/api/v1/worse-than-england?" + query,
        },
    )


@router.get("/worse-than-england.csv")
def worse_download(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    worse = _worse(request, session, principal)
    name = f"worse-than-england-{worse.period_start.isoformat()}-{worse.months}m.csv"
    return Response(
        metrics.worse_csv(worse).encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


@router.get("/areas/{code}/spine.csv")
def spine_download(
    code: str,
    session: SessionDep,
    principal: CurrentUser,
    months: str = "3",
    period_start: str = "",
) -> Response:
    """An area's spine chart and recent trends as CSV: national roles any area, a system's
    people their own (with the figures they may see)."""
    length = chosen_months(months, 3)
    chosen = chosen_start(session, length, period_start)
    chart = metrics.area_spine(
        session,
        actor=principal,
        area_code=code,
        months=length,
        ending_before=None if chosen is None else period_end(chosen, length) + timedelta(days=1),
    )
    name = f"spine-{chart.area_code}-{length}m.csv"
    return Response(
        metrics.spine_csv(chart).encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )
