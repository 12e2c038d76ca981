"""Your account: roles and personal API tokens; the users list for admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from joinedup.access import service as access
from joinedup.access.rules import Permission
from joinedup.errors import NotFound, PermissionDenied
from joinedup.store.db import utcnow
from joinedup.web.deps import CurrentUser, SessionDep, SettingsDep
from joinedup.web.flash import set_flash
from joinedup.web.pages import render
from joinedup.web.parts.people import role_summary

router = APIRouter()


def _account_page(
    request: Request, session: SessionDep, principal: CurrentUser, new_token: str | None = None
) -> Response:
    return render(
        request,
        "account/account.html",
        {
            "title": "Your account",
            "tokens": access.list_tokens(session, email=principal.email),
            "new_token": new_token,
            "role_summary": role_summary(principal, session),
            "token_days": request.app.state.settings.api_token_days,
            "now": utcnow(),
        },
    )


@router.get("/account", response_class=HTMLResponse)
def account(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    return _account_page(request, session, principal)


@router.post("/account/tokens", response_class=HTMLResponse)
def create_token(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    settings: SettingsDep,
    label: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    token = access.issue_token(
        session,
        actor=principal,
        email=principal.email,
        label=label,
        days=settings.api_token_days,
    )
    session.commit()
    return _account_page(request, session, principal, new_token=token)


@router.post("/account/tokens/{prefix}/revoke")
def revoke_token(prefix: str, session: SessionDep, principal: CurrentUser) -> Response:
    owned = {t.prefix for t in access.list_tokens(session, email=principal.email)}
    if prefix not in owned:
        raise NotFound("no such token")
    access.revoke_token(session, actor=principal, prefix=prefix)
    session.commit()
    return set_flash(RedirectResponse("/account", status_code=303))


@router.get("/admin/users", response_class=HTMLResponse)
def users_admin(principal: CurrentUser) -> Response:
    """The people pages moved to /people; kept for bookmarks."""
    if not principal.can(Permission.MANAGE_USERS):
        raise PermissionDenied("Only administrators can see users.")
    return RedirectResponse("/people", status_code=303)


@router.post("/admin/users/{user_id}/deactivate")
def deactivate_user(user_id: int, session: SessionDep, principal: CurrentUser) -> Response:
    """Every session and API token of the user ends at once; they cannot sign in."""
    user = access.user_by_id(session, actor=principal, user_id=user_id)
    access.set_active(session, actor=principal, email=user.email, active=False)
    session.commit()
    return set_flash(RedirectResponse("/people", status_code=303), "deactivated")


@router.post("/admin/users/{user_id}/reactivate")
def reactivate_user(user_id: int, session: SessionDep, principal: CurrentUser) -> Response:
    user = access.user_by_id(session, actor=principal, user_id=user_id)
    access.set_active(session, actor=principal, email=user.email, active=True)
    session.commit()
    return set_flash(RedirectResponse("/people", status_code=303), "reactivated")
