"""Home page (what needs doing, by role) and a system's overview."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from joinedup import clock
from joinedup.access.rules import Permission, Principal, Role
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, PermissionDenied
from joinedup.plans import service as plans
from joinedup.web.deps import CurrentUser, OptionalUser, SessionDep
from joinedup.web.flash import set_flash
from joinedup.web.pages import render
from joinedup.web.parts import homes
from joinedup.web.parts.metrics import indicators_section
from joinedup.web.parts.monitoring import framework_section
from joinedup.web.parts.people import role_name, role_summary
from joinedup.web.parts.plans import COMMON, plan_section
from joinedup.web.parts.reports import report_section

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep, principal: OptionalUser) -> Response:
    """What needs doing, by role: national roles see the programme and the latest ranking,
    system leads and viewers their systems, contributors (and leads) their own actions."""
    if principal is None:
        return RedirectResponse("/sign-in", status_code=303)
    today = clock.today()
    watched = sorted(
        g.area_code
        for g in principal.grants
        if g.area_code is not None and g.role in (Role.SYSTEM_LEAD, Role.VIEWER)
    )
    national = homes.national_home(session, principal, today) if principal.is_national else None
    others = [
        s for s in areas.visible_systems(session, actor=principal) if s.area_code not in watched
    ]
    return render(
        request,
        "home.html",
        {
            **COMMON,
            "title": "Home",
            "role_summary": role_summary(principal, session),
            "my_actions": (
                plans.my_actions(session, actor=principal, on=today)
                if homes.has_actions(principal)
                else None
            ),
            "system_homes": [homes.system_home(session, principal, c, today) for c in watched],
            "national": national,
            "systems": others,
        },
    )


@router.get("/systems/{area_code}", response_class=HTMLResponse)
def system_overview(
    request: Request, area_code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    system = areas.get_system(session, actor=principal, area_code=area_code)
    area = areas.get_area(session, area_code)
    role = principal.role_in(area_code)
    return render(
        request,
        "system.html",
        {
            "title": system.name,
            "system": system,
            "area": area,
            "role": role_name(role) if role else "",
            "reviews": homes.system_reviews(session, principal, area_code),
            "sections": [
                framework_section(area_code),
                plan_section(session, principal, area_code),
                indicators_section(area_code),
                report_section(area_code),
            ],
            "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": system.name}],
        },
    )


def _require_admin(principal: Principal) -> None:
    if not principal.can(Permission.MANAGE_SYSTEMS):
        raise PermissionDenied("Only administrators can manage systems.")


def _systems_admin_page(
    request: Request,
    session: SessionDep,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    taken = {s.area_code for s in areas.all_systems(session)}
    choices = [
        {"value": a.code, "text": f"{a.name} ({a.area_type.replace('_', ' ')})"}
        for a in areas.list_areas(session)
        if a.code not in taken and a.area_type != "country"
    ]
    errors = errors or {}
    return render(
        request,
        "admin/systems.html",
        {
            "title": "Systems",
            "systems": areas.all_systems(session),
            "area_choices": choices,
            "errors": errors,
            "form": form or {"name": "", "partners": ""},
            "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Systems admin"}],
        },
        status_code=status_code,
    )


@router.get("/admin/systems", response_class=HTMLResponse)
def systems_admin(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    _require_admin(principal)
    return _systems_admin_page(request, session)


@router.post("/admin/systems", response_class=HTMLResponse)
def add_system(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    area_code: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
    partners: Annotated[str, Form()] = "",
) -> Response:
    _require_admin(principal)
    if not area_code:
        return _systems_admin_page(
            request,
            session,
            errors={"area_code": "Choose an area"},
            form={"name": name, "partners": partners},
            status_code=400,
        )
    try:
        areas.add_system(
            session, actor=principal, area_code=area_code, name=name or None, partners=partners
        )
    except InvalidInput as error:
        session.rollback()
        return _systems_admin_page(
            request,
            session,
            errors={"area_code": str(error)},
            form={"name": name, "partners": partners},
            status_code=400,
        )
    session.commit()
    return set_flash(RedirectResponse("/admin/systems", status_code=303))
