"""The national dashboard: every area by the six indicators for a chosen period, against
England, sortable and filterable without JavaScript, with a CSV download of the table."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from joinedup.access.rules import Permission, Principal
from joinedup.errors import InvalidInput, NotFound, PermissionDenied
from joinedup.metrics import service as metrics
from joinedup.metrics.schemas import (
    AREA_TYPES,
    INDICATORS,
    MARKER_STYLES,
    PERIOD_LENGTHS,
    SHORT_TITLES,
    Dashboard,
)
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.pages import render

router = APIRouter()


def _require_national(principal: Principal) -> None:
    if not principal.can(Permission.VIEW_NATIONAL):
        raise PermissionDenied("Only national roles see the national dashboard.")


def _months(text: str) -> int:
    try:
        months = int(text or 12)
    except ValueError:
        raise InvalidInput.of("months", f"{text!r} must be 1, 3 or 12") from None
    if months not in PERIOD_LENGTHS:
        raise InvalidInput.of("months", f"{text!r} must be 1, 3 or 12")
    return months


def _period_start(session: Session, months: int, text: str) -> date | None:
    """The period asked for; when that length has no period starting then (the length was
    changed), the latest one starting on or before it; None for the latest."""
    if not text:
        return None
    try:
        wanted = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput.of("period_start", f"{text!r} is not a date like 2019-04-01") from None
    starts = [start for start, _ in metrics.period_choices(session, months=months)]
    earlier = [s for s in starts if s <= wanted]
    return earlier[0] if earlier else None


def _dashboard(
    request: Request,
    session: Session,
    principal: Principal,
    audience: metrics.Audience = metrics.Audience.NATIONAL,
) -> tuple[Dashboard, dict[str, str]]:
    query = request.query_params
    months = _months(query.get("months", ""))
    area_type = query.get("area_type", "")
    if area_type and area_type not in AREA_TYPES:
        raise InvalidInput.of("area_type", f"{area_type!r} is not a type of area")
    region = query.get("region", "")
    dashboard = metrics.national_dashboard(
        session,
        actor=principal,
        months=months,
        period_start=_period_start(session, months, query.get("period_start", "")),
        sort=query.get("sort", "area"),
        direction=query.get("dir", "asc"),
        area_type=area_type,
        region=region,
        audience=audience,
    )
    chosen = {
        "months": str(months),
        "period_start": dashboard.period_start.isoformat(),
        "area_type": area_type,
        "region": region,
    }
    return dashboard, chosen


def _sort_links(dashboard: Dashboard, chosen: dict[str, str]) -> dict[str, dict[str, Any]]:
    """For each column: the link that sorts by it (reversing when it is the current sort)."""
    links = {}
    for key in ("area", *(i.id for i in INDICATORS)):
        current = dashboard.sort == key
        direction = "desc" if current and dashboard.direction == "asc" else "asc"
        params = {k: v for k, v in chosen.items() if v} | {"sort": key, "dir": direction}
        links[key] = {
            "href": "/dashboard?" + urlencode(params),
            "aria_sort": (
                ("ascending" if dashboard.direction == "asc" else "descending")
                if current
                else "none"
            ),
            "next": "descending" if direction == "desc" else "ascending",
        }
    return links


def _profile_query(
    dashboard: Dashboard, chosen: dict[str, str], periods: list[tuple[date, str]]
) -> str:
    """What an area's link carries so its profile opens on the dashboard's period length and,
    when an earlier period is chosen, as it stood for that period."""
    query = {"months": chosen["months"]}
    if periods and dashboard.period_start != periods[0][0]:
        query["period_start"] = chosen["period_start"]
    return urlencode(query)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    _require_national(principal)
    breadcrumbs = [{"text": "Home", "href": "/"}, {"text": "National dashboard"}]
    try:
        dashboard, chosen = _dashboard(request, session, principal)
    except NotFound:
        return render(
            request,
            "metrics/dashboard_empty.html",
            {"title": "National dashboard", "breadcrumbs": breadcrumbs},
        )
    months = int(chosen["months"])
    periods = metrics.period_choices(session, months=months)
    params = {k: v for k, v in chosen.items() if v} | {
        "sort": dashboard.sort,
        "dir": dashboard.direction,
    }
    return render(
        request,
        "metrics/dashboard.html",
        {
            "title": f"National dashboard: {dashboard.period_label}",
            "breadcrumbs": breadcrumbs,
            "dashboard": dashboard,
            "chosen": chosen,
            "indicators": INDICATORS,
            "short_titles": SHORT_TITLES,
            "period_lengths": PERIOD_LENGTHS,
            "periods": periods,
            "chosen_query": _profile_query(dashboard, chosen, periods),
            "area_types": AREA_TYPES,
            "regions": metrics.region_choices(),
            "markers": MARKER_STYLES,
            "sort_links": _sort_links(dashboard, chosen),
            "csv_href": "/dashboard.csv?" + urlencode(params),
            **_publication(params),
        },
    )


def _publication(params: dict[str, str]) -> dict[str, str]:
    """The link to the table as it may be published (disclosure controlled), when the
    deployment's rule is on."""
    rule = metrics.disclosure_rule()
    if not rule.enabled:
        return {"publication_href": ""}
    rounding = f", other counts rounded to the nearest {rule.rounding_base}"
    return {
        "publication_href": "/dashboard.csv?" + urlencode(params | {"for": "publication"}),
        "disclosure_summary": f"counts of {rule.suppress_from} to {rule.suppress_to} and "
        f"what is made from them suppressed and marked [c]"
        f"{rounding if rule.rounding_base > 1 else ''}",
    }


@router.get("/dashboard.csv")
def dashboard_download(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    _require_national(principal)
    wanted = request.query_params.get("for", "")
    if wanted not in ("", "publication"):
        raise InvalidInput.of("for", f"{wanted!r} must be publication or left out")
    audience = metrics.Audience.CONTROLLED if wanted else metrics.Audience.NATIONAL
    dashboard, chosen = _dashboard(request, session, principal, audience)
    kind = "-publication" if wanted else ""
    name = f"dashboard-{chosen['period_start']}-{chosen['months']}m{kind}.csv"
    return Response(
        metrics.dashboard_csv(dashboard).encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )
