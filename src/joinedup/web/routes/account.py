"""Your account: roles and personal API tokens; the users list for admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from joinedup.access import password_change
from joinedup.access import service as access
from joinedup.access.rules import MIN_PASSWORD_LENGTH, Permission
from joinedup.access.schemas import PasswordChange
from joinedup.errors import InvalidInput, NotFound, PermissionDenied, Throttled
from joinedup.store.db import utcnow
from joinedup.web.deps import CurrentUser, SessionDep, SettingsDep
from joinedup.web.flash import set_flash
from joinedup.web.forms import form_fields, read_form
from joinedup.web.pages import render
from joinedup.web.parts.people import role_summary
from joinedup.web.security import SESSION_COOKIE

router = APIRouter()


def _account_page(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    new_token: str | None = None,
    *,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
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
            "errors": errors or {},
            "min_password_length": MIN_PASSWORD_LENGTH,
        },
        status_code=status_code,
    )


@router.get("/account", response_class=HTMLResponse)
def account(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    return _account_page(request, session, principal)


@router.post("/account/password", response_class=HTMLResponse)
async def change_password(
    request: Request, session: SessionDep, principal: CurrentUser, settings: SettingsDep
) -> Response:
    """The person's own password: throttled as sign-in is; other sessions and tokens end."""
    fields = await form_fields(request)
    status, retry_after = 400, None
    try:
        token = password_change.change_own_password(
            session,
            actor=principal,
            change=read_form(PasswordChange, fields),
            session_hours=settings.session_hours,
            max_failures=settings.signin_max_failures,
            window_minutes=settings.signin_window_minutes,
        )
    except Throttled as error:
        session.rollback()
        errors, status = {"current_password": str(error)}, 429
        retry_after = error.retry_after_seconds
    except password_change.WrongPassword as error:
        session.commit()  # keep the failed attempt: it counts towards throttling
        errors = error.problems
    except InvalidInput as error:
        session.rollback()
        errors = error.problems
    else:
        session.commit()
        response = RedirectResponse("/account", status_code=303)
        response.set_cookie(
            SESSION_COOKIE,
            token,
            max_age=settings.session_hours * 3600,
            httponly=True,
            secure=settings.behind_tls,
            samesite="lax",
            path="/",
        )
        return set_flash(response, "password_changed")
    page = _account_page(request, session, principal, errors=errors, status_code=status)
    if retry_after is not None:
        page.headers["retry-after"] = str(retry_after)
    return page


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
