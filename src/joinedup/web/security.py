"""CSRF tokens, security headers and the per-request CSP nonce."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable

from fastapi import Request, Response

from joinedup.errors import PermissionDenied

CSRF_COOKIE = "joinedup_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_COOKIE = "joinedup_session"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class CsrfFailure(PermissionDenied):
    pass


def csrf_token_for(secret: bytes, cookie_value: str) -> str:
    """Double-submit token: the form carries an HMAC of a random cookie under the secret key."""
    return hmac.new(secret, cookie_value.encode(), hashlib.sha256).hexdigest()


def csrf_cookie(request: Request) -> str:
    value = getattr(request.state, "csrf_cookie", None) or request.cookies.get(CSRF_COOKIE)
    if not value:
        value = secrets.token_urlsafe(32)
        request.state.csrf_cookie = value
    return str(value)


def csrf_token(request: Request) -> str:
    return csrf_token_for(request.app.state.secret, csrf_cookie(request))


def bearer_token(request: Request) -> str | None:
    """The API token a request authenticates with; None when it has none (a blank one is none:
    such a request authenticates by its cookie, if any)."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


async def verify_csrf(request: Request) -> None:
    """Refuse an unsafe request whose form field or header does not match the cookie."""
    if request.method not in UNSAFE_METHODS:
        return
    if bearer_token(request):
        # Authenticated by the token alone (the cookie is then ignored), and browsers never send
        # a token by themselves: no CSRF risk. Any other request that carries a cookie is checked.
        return
    if request.url.path.startswith("/api/") and SESSION_COOKIE not in request.cookies:
        return  # nothing ambient to abuse: the request is refused as not signed in
    cookie = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and "form" in request.headers.get("content-type", ""):
        form = await request.form()
        field = form.get(CSRF_FIELD)
        sent = field if isinstance(field, str) else None
    expected = csrf_token_for(request.app.state.secret, cookie) if cookie else None
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        raise CsrfFailure(
            "This form has expired or did not come from Joined Up. Go back, reload the page "
            "and try again."
        )


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            # SVG charts use presentation attributes; inline styles carry no script.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def security_headers_middleware(
    behind_tls: bool,
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    async def middleware(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        request.state.nonce = secrets.token_urlsafe(16)
        response = await call_next(request)
        headers = response.headers
        headers.setdefault("content-security-policy", content_security_policy(request.state.nonce))
        headers["x-frame-options"] = "DENY"
        headers["x-content-type-options"] = "nosniff"
        headers["referrer-policy"] = "same-origin"
        headers["permissions-policy"] = "camera=(), microphone=(), geolocation=()"
        headers["cross-origin-opener-policy"] = "same-origin"
        if behind_tls:
            headers["strict-transport-security"] = "max-age=31536000; includeSubDomains"
        if not request.url.path.startswith(("/static", "/assets")):
            headers.setdefault("cache-control", "no-store")
        new_cookie = getattr(request.state, "csrf_cookie", None)
        if new_cookie and request.cookies.get(CSRF_COOKIE) != new_cookie:
            response.set_cookie(
                CSRF_COOKIE,
                new_cookie,
                httponly=True,
                samesite="strict",
                secure=behind_tls,
                path="/",
            )
        return response

    return middleware
