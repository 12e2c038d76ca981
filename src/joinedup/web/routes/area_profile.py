"""An area's profile: the six indicators over time as charts with England alongside, and the
latest comparison with England. National roles see any area; a system's people their own."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, NotFound
from joinedup.inputs import uk_date
from joinedup.metrics import service as metrics
from joinedup.metrics.schemas import MARKER_STYLES, PERIOD_LENGTHS
from joinedup.periods import period_end, period_label
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.pages import render

router = APIRouter()


def _chosen_period(session: SessionDep, months: int, text: str) -> date | None:
    """The period chosen on the dashboard (its start), kept when an area is opened from it:
    the profile then reads as it did for that period; None for the latest."""
    if not text:
        return None
    try:
        typed = uk_date(text)
        wanted = typed if isinstance(typed, date) else date.fromisoformat(text)
    except ValueError:
        raise InvalidInput.of("period_start", f"{text!r} is not a date like 1/4/2019") from None
    starts = [start for start, _ in metrics.period_choices(session, months=months)]
    return wanted if wanted in starts else None


@router.get("/areas/{code}", response_class=HTMLResponse)
def area_profile_page(
    request: Request,
    code: str,
    session: SessionDep,
    principal: CurrentUser,
    months: str = "3",
    period_start: str = "",
) -> Response:
    try:
        length = int(months)
    except ValueError:
        raise InvalidInput.of("months", f"{months!r} must be 1, 3 or 12") from None
    chosen = _chosen_period(session, length, period_start)
    profile = metrics.area_profile(
        session,
        actor=principal,
        area_code=code,
        months=length,
        ending_before=None if chosen is None else period_end(chosen, length) + timedelta(days=1),
    )
    try:  # the spine chart and recent trends (England has none of its own)
        spine = metrics.area_spine(
            session,
            actor=principal,
            area_code=code,
            months=length,
            ending_before=None
            if chosen is None
            else period_end(chosen, length) + timedelta(days=1),
        )
    except NotFound:
        spine = None
    try:
        system = areas.get_system(session, actor=principal, area_code=code)
    except NotFound:
        system = None
    breadcrumbs: list[dict[str, str]] = [{"text": "Home", "href": "/"}]
    if principal.can(Permission.VIEW_NATIONAL):
        back = {"months": str(length)} | ({"period_start": chosen.isoformat()} if chosen else {})
        breadcrumbs.append({"text": "National dashboard", "href": "/dashboard?" + urlencode(back)})
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
            "chosen": chosen,
            "disclosure_note": _disclosure_note(principal),
            "spine": spine,
            "trends": {row.indicator.id: row.trend for row in spine.rows} if spine else {},
        },
    )


def _disclosure_note(principal: Principal) -> str:
    """The key to suppressed figures, for people who see disclosure-controlled ones."""
    rule = metrics.disclosure_rule()
    if metrics.audience_of(principal) is metrics.Audience.NATIONAL or not rule.enabled:
        return ""
    return rule.note
