"""A person's calendar feed: the page on which they make, renew or revoke its secret address,
and the feed itself, read by calendar programs with the secret in the address (no sign-in)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from joinedup.reminders import service as reminders
from joinedup.web.deps import CurrentUser, SessionDep, SettingsDep
from joinedup.web.pages import render

router = APIRouter()


def _page(
    request: Request, session: SessionDep, principal: CurrentUser, new_link: str = ""
) -> Response:
    return render(
        request,
        "account/calendar.html",
        {
            "title": "Your calendar feed",
            "has_link": reminders.has_calendar_link(session, actor=principal),
            "new_link": new_link,
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": "Your account", "href": "/account"},
                {"text": "Calendar feed"},
            ],
        },
    )


@router.get("/account/calendar", response_class=HTMLResponse)
def calendar_page(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    return _page(request, session, principal)


@router.post("/account/calendar", response_class=HTMLResponse)
def new_link(
    request: Request, session: SessionDep, principal: CurrentUser, settings: SettingsDep
) -> Response:
    token = reminders.new_calendar_link(session, actor=principal)
    session.commit()
    address = f"{settings.site_url.rstrip('/')}/calendar/{token}.ics"
    return _page(request, session, principal, new_link=address)


@router.post("/account/calendar/revoke")
def revoke_link(session: SessionDep, principal: CurrentUser) -> Response:
    reminders.revoke_calendar_link(session, actor=principal)
    session.commit()
    return RedirectResponse("/account/calendar", status_code=303)


@router.get("/calendar/{token}.ics")
def feed(token: str, session: SessionDep, settings: SettingsDep) -> Response:
    body = reminders.calendar_feed(session, token=token, site_url=settings.site_url)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"cache-control": "private, no-store", "referrer-policy": "no-referrer"},
    )
