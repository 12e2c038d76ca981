"""The success banner shown once on the page a save leads to.

A short-lived cookie carries the key of a fixed message (never text from the request, so a
forged cookie can only show one of these sentences); the next page rendered shows the GOV.UK
success notification banner and clears the cookie."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

FLASH_COOKIE = "joinedup_flash"

MESSAGES = {
    "saved": "Your changes have been saved.",
    "invited": "The person has been invited. Give them their first password below.",
    "role_changed": "The role has been changed. The person must sign in again.",
    "deactivated": "The person has been deactivated: their sessions and API tokens have ended.",
    "reactivated": "The person has been reactivated and can sign in again.",
    "password_reset": "The password has been reset: their sessions and API tokens have ended.",
    "password_changed": "Your password has been changed. You have been signed out everywhere else "
    "and your API tokens have ended.",
    "review_withdrawn": "The review has been withdrawn. The reason is kept in its history.",
}


def set_flash(response: Response, key: str = "saved") -> Response:
    """Show ``MESSAGES[key]`` on the next page rendered."""
    if key not in MESSAGES:
        raise KeyError(key)
    response.set_cookie(FLASH_COOKIE, key, max_age=120, httponly=True, samesite="lax", path="/")
    return response


def take_flash(request: Request) -> str | None:
    """The message waiting for this page, if any (an unknown key shows nothing)."""
    return MESSAGES.get(request.cookies.get(FLASH_COOKIE, ""))


def clear_flash(request: Request, response: Response) -> None:
    if FLASH_COOKIE in request.cookies:
        response.delete_cookie(FLASH_COOKIE, path="/")
