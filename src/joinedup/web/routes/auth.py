"""Sign in and sign out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from joinedup.access import service as access
from joinedup.errors import PermissionDenied, Throttled
from joinedup.web.deps import OptionalUser, SessionDep, SettingsDep
from joinedup.web.pages import render
from joinedup.web.security import SESSION_COOKIE

router = APIRouter()


def _safe_next(url: str | None) -> str:
    """Only a path on this site: an open redirect would help phishing."""
    if url and url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return url
    return "/"


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_page(request: Request, principal: OptionalUser, next: str = "/") -> Response:
    if principal is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return render(
        request, "sign_in.html", {"title": "Sign in", "next_url": _safe_next(next), "email": ""}
    )


@router.post("/sign-in", response_class=HTMLResponse)
def sign_in(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    errors: dict[str, str] = {}
    retry_after: int | None = None
    if not email.strip():
        errors["email"] = "Enter your email address"
    if not password:
        errors["password"] = "Enter your password"  # noqa: S105 (a message)
    status = 400
    if not errors:
        try:
            result = access.sign_in(
                session,
                email=email,
                password=password,
                session_hours=settings.session_hours,
                max_failures=settings.signin_max_failures,
                window_minutes=settings.signin_window_minutes,
            )
        except Throttled as error:
            errors["email"] = str(error)
            status = 429
            retry_after = error.retry_after_seconds
        except PermissionDenied as error:
            session.commit()  # keep the failed attempt: it counts towards throttling
            errors["email"] = str(error)
            status = 401
        else:
            session.commit()
            response = RedirectResponse(_safe_next(next), status_code=303)
            response.set_cookie(
                SESSION_COOKIE,
                result.session_token,
                max_age=settings.session_hours * 3600,
                httponly=True,
                secure=settings.behind_tls,
                samesite="lax",
                path="/",
            )
            return response
    page = render(
        request,
        "sign_in.html",
        {
            "title": "Sign in",
            "errors": errors,
            "email": email,
            "next_url": _safe_next(next),
        },
        status_code=status,
    )
    if retry_after is not None:
        page.headers["retry-after"] = str(retry_after)
    return page


@router.post("/sign-out")
def sign_out(request: Request, session: SessionDep) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        access.sign_out(session, token)
        session.commit()
    response = RedirectResponse("/sign-in", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
