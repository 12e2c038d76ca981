"""Rendering a page with what every page needs: the user, navigation, CSRF token, nonce."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from joinedup import clock
from joinedup.access.rules import Principal
from joinedup.web.branding import brand_for
from joinedup.web.flash import clear_flash, take_flash
from joinedup.web.forms import error_summary
from joinedup.web.names import Names
from joinedup.web.navigation import navigation_for
from joinedup.web.security import csrf_token


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    principal: Principal | None = None,
) -> HTMLResponse:
    principal = principal or getattr(request.state, "principal", None)
    page: dict[str, Any] = {
        "principal": principal,
        "navigation": navigation_for(principal, request.url.path),
        "csrf_token": csrf_token(request),
        "cspNonce": getattr(request.state, "nonce", ""),
        "current_path": request.url.path,
        "clock_pinned": clock.pinned(),
        "brand": brand_for(request.app.state.settings),
        "flash": take_flash(request),
        "names": Names(request.app.state.database),
    }
    page.update(context or {})
    # The GOV.UK error summary always lists the page's field errors, each linked to its field.
    page.setdefault("error_summary", error_summary(page.get("errors") or {}))
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, template, page, status_code=status_code
    )
    clear_flash(request, response)  # shown once
    return response
