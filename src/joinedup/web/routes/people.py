"""People on the web: administrators invite anyone and change anyone's role; a system lead does
the same for the contributors and viewers of their own systems. Deactivating someone and
resetting their password are confirmed first; each ends the person's sessions and tokens."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from joinedup.access import people
from joinedup.access.models import User
from joinedup.access.rules import Permission, Principal, Role
from joinedup.access.schemas import InviteIn, RoleChange
from joinedup.areas import service as areas
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.flash import set_flash
from joinedup.web.forms import form_fields, read_form, submit
from joinedup.web.pages import render
from joinedup.web.parts.people import ROLE_NAMES, role_name

router = APIRouter()

ROLE_HINTS = {
    Role.ADMIN: "Manages people and systems, and everything else",
    Role.ANALYST: "Loads data and runs rankings, nationally",
    Role.REVIEWER: "Runs reviews, nationally",
    Role.SYSTEM_LEAD: "Leads one system: its plan, measures, papers and people",
    Role.CONTRIBUTOR: "Updates the actions of their workstreams in one system",
    Role.VIEWER: "Reads one system",
}


def _names(session: SessionDep) -> dict[str, str]:
    return {s.area_code: s.name for s in areas.all_systems(session)}


def _grants(user: User, names: dict[str, str]) -> str:
    return ", ".join(
        role_name(m.role) + (f" in {names.get(m.area_code, m.area_code)}" if m.area_code else "")
        for m in user.memberships
    )


def _choices(principal: Principal, session: SessionDep) -> dict[str, Any]:
    """The roles and systems the actor may give."""
    admin = principal.can(Permission.MANAGE_USERS)
    roles = list(Role) if admin else sorted(people.LEAD_MANAGES, key=list(Role).index)
    led = people.led_systems(principal)
    systems = [s for s in areas.all_systems(session) if admin or s.area_code in led]
    return {
        "roles": [
            {"value": r.value, "text": ROLE_NAMES[r].capitalize(), "hint": ROLE_HINTS[r]}
            for r in roles
        ],
        "systems": sorted(systems, key=lambda s: s.name),
        "national_roles": [
            r.value for r in roles if r in (Role.ADMIN, Role.ANALYST, Role.REVIEWER)
        ],
    }


def _crumbs(*extra: dict[str, str]) -> list[dict[str, str]]:
    return [{"text": "Home", "href": "/"}, {"text": "People", "href": "/people"}, *extra]


@router.get("/people", response_class=HTMLResponse)
def list_people(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    found = people.people(session, actor=principal)
    names = _names(session)
    return render(
        request,
        "people/list.html",
        {
            "title": "People",
            "people": [{"user": u, "person_roles": _grants(u, names)} for u in found],
            "is_admin": principal.can(Permission.MANAGE_USERS),
            "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "People"}],
        },
    )


def _invite_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    *,
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "people/invite.html",
        {
            "title": "Invite a person",
            "form": form or {},
            "errors": errors or {},
            **_choices(principal, session),
            "breadcrumbs": _crumbs({"text": "Invite a person"}),
        },
        status_code=status_code,
    )


@router.get("/people/invite", response_class=HTMLResponse)
def invite_form(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    people.people(session, actor=principal)  # refuses those who manage nobody
    return _invite_page(request, session, principal)


@router.post("/people/invite", response_class=HTMLResponse)
async def invite(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    people.people(session, actor=principal)
    typed = await form_fields(request)
    names = _names(session)
    return submit(
        session,
        lambda: people.invite(session, actor=principal, data=read_form(InviteIn, typed)),
        redisplay=lambda *, errors, status_code, current: _invite_page(
            request, session, principal, form=typed, errors=errors, status_code=status_code
        ),
        done=lambda invited: render(
            request,
            "people/password.html",
            {
                "title": f"{invited.user.name} has been invited",
                "person": invited.user,
                "person_roles": _grants(invited.user, names),
                "password": invited.password,
                "breadcrumbs": _crumbs({"text": invited.user.name}),
            },
        ),
    )


def _person_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    user: User,
    *,
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    current = user.memberships[0] if user.memberships else None
    return render(
        request,
        "people/person.html",
        {
            "title": user.name,
            "person": user,
            "person_roles": _grants(user, _names(session)),
            "is_me": user.id == principal.user_id,
            "form": form
            or {
                "role": current.role if current else "",
                "area_code": (current.area_code or "") if current else "",
            },
            "errors": errors or {},
            **_choices(principal, session),
            "breadcrumbs": _crumbs({"text": user.name}),
        },
        status_code=status_code,
    )


@router.get("/people/{user_id}", response_class=HTMLResponse)
def person(request: Request, user_id: int, session: SessionDep, principal: CurrentUser) -> Response:
    user = people.person(session, actor=principal, user_id=user_id)
    return _person_page(request, session, principal, user)


@router.post("/people/{user_id}/role", response_class=HTMLResponse)
async def change_role(
    request: Request, user_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    user = people.person(session, actor=principal, user_id=user_id)
    typed = await form_fields(request)
    return submit(
        session,
        lambda: people.change_role(
            session, actor=principal, user_id=user_id, data=read_form(RoleChange, typed)
        ),
        redisplay=lambda *, errors, status_code, current: _person_page(
            request, session, principal, user, form=typed, errors=errors, status_code=status_code
        ),
        done=lambda changed: f"/people/{changed.id}",
        saved="role_changed",
    )


def _confirm_page(
    request: Request, user: User, *, action: str, title: str, warning: str, button: str
) -> Response:
    return render(
        request,
        "people/confirm.html",
        {
            "title": title,
            "person": user,
            "action": action,
            "warning": warning,
            "button": button,
            "breadcrumbs": _crumbs({"text": user.name, "href": f"/people/{user.id}"}),
        },
    )


@router.get("/people/{user_id}/deactivate", response_class=HTMLResponse)
def confirm_deactivate(
    request: Request, user_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    user = people.person(session, actor=principal, user_id=user_id)
    return _confirm_page(
        request,
        user,
        action=f"/people/{user.id}/deactivate",
        title=f"Deactivate {user.name}?",
        warning=f"{user.name} will be signed out everywhere, their API tokens will stop "
        "working, and they will not be able to sign in until someone reactivates them.",
        button="Deactivate",
    )


@router.post("/people/{user_id}/deactivate")
def deactivate(user_id: int, session: SessionDep, principal: CurrentUser) -> Response:
    people.set_active(session, actor=principal, user_id=user_id, active=False)
    session.commit()
    return set_flash(RedirectResponse(f"/people/{user_id}", status_code=303), "deactivated")


@router.post("/people/{user_id}/reactivate")
def reactivate(user_id: int, session: SessionDep, principal: CurrentUser) -> Response:
    people.set_active(session, actor=principal, user_id=user_id, active=True)
    session.commit()
    return set_flash(RedirectResponse(f"/people/{user_id}", status_code=303), "reactivated")


@router.get("/people/{user_id}/reset-password", response_class=HTMLResponse)
def confirm_reset(
    request: Request, user_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    user = people.person(session, actor=principal, user_id=user_id)
    return _confirm_page(
        request,
        user,
        action=f"/people/{user.id}/reset-password",
        title=f"Reset {user.name}'s password?",
        warning="Their current password will stop working, they will be signed out everywhere "
        "and their API tokens will stop working. You will be shown a new password to give them.",
        button="Reset password",
    )


@router.post("/people/{user_id}/reset-password", response_class=HTMLResponse)
def reset_password(
    request: Request, user_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    password = people.reset_password(session, actor=principal, user_id=user_id)
    session.commit()
    user = people.person(session, actor=principal, user_id=user_id)
    return render(
        request,
        "people/password.html",
        {
            "title": f"{user.name}'s password has been reset",
            "person": user,
            "person_roles": _grants(user, _names(session)),
            "password": password,
            "breadcrumbs": _crumbs({"text": user.name, "href": f"/people/{user.id}"}),
        },
    )
