"""An area's profile: the six indicators over time as charts with England alongside, and the
latest comparison with England. National roles see any area; a system's people their own."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from joinedup.access.rules import Permission
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, NotFound
from joinedup.metrics import service as metrics
from joinedup.metrics.schemas import MARKER_STYLES, PERIOD_LENGTHS
from joinedup.periods import period_label
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.pages import render

router = APIRouter()


@router.get("/areas/{code}", response_class=HTMLResponse)
def area_profile_page(
    request: Request, code: str, session: SessionDep, principal: CurrentUser, months: str = "3"
) -> Response:
    try:
        length = int(months)
    except ValueError:
        raise InvalidInput.of("months", f"{months!r} must be 1, 3 or 12") from None
    profile = metrics.area_profile(session, actor=principal, area_code=code, months=length)
    try:
        system = areas.get_system(session, actor=principal, area_code=code)
    except NotFound:
        system = None
    breadcrumbs: list[dict[str, str]] = [{"text": "Home", "href": "/"}]
    if principal.can(Permission.VIEW_NATIONAL):
        breadcrumbs.append({"text": "National dashboard", "href": "/dashboard"})
    if system is not None:
        breadcrumbs.append({"text": system.name, "href": f"/systems/{code}"})
    breadcrumbs.append({"text": "Interface indicators"})
    return render(
        request,
        "metrics/area_profile.html",
        {
            "title": f"{profile.area_name}: interface indicators",
            "breadcrumbs": breadcrumbs,
            "profile": profile,
            "system": system,
            "period_lengths": PERIOD_LENGTHS,
            "period_label": period_label,
            "markers": MARKER_STYLES,
            "months": str(length),
        },
    )
