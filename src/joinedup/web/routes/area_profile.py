"""An area's profile: the six indicators over time as charts with England alongside, and the
latest comparison with England. National roles see any area; a system's people their own."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from joinedup.access.rules import Permission
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, NotFound
from joinedup.metrics import service as metrics
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.pages import render

router = APIRouter()


def indicators_section(area_code: str) -> dict[str, Any]:
    """The system overview's link to the area's indicator profile."""
    return {
        "title": "Interface indicators",
        # Fixed text; format() escapes the area code.
        "html": Markup(
            '<p class="govuk-body">The six indicators of the Social Care Interface Dashboard '
            "over time, with England alongside: "
            '<a class="govuk-link" href="/areas/{}">see the area profile</a>.</p>'
        ).format(area_code),
    }


@router.get("/areas/{code}", response_class=HTMLResponse)
def area_profile_page(
    request: Request, code: str, session: SessionDep, principal: CurrentUser, months: str = "3"
) -> Response:
    try:
        length = int(months)
    except ValueError:
        raise InvalidInput(f"months: {months!r} must be 1, 3 or 12") from None
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
            "period_lengths": metrics.PERIOD_LENGTHS,
            "period_label": metrics.period_label,
            "markers": metrics.MARKER_STYLES,
            "months": str(length),
        },
    )
