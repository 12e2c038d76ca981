"""A system's oversight log (calls and meetings with the national team) and engagement log, each
a page with its form; the system's people and the national roles read them."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from joinedup.governance import service as governance
from joinedup.governance.schemas import EngagementIn, OversightIn
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.form_routes import answer_form
from joinedup.web.parts.governance import system_page

router = APIRouter()


def _oversight_page(
    request: Request, session: SessionDep, principal: CurrentUser, area_code: str, **shown: Any
) -> Response:
    shows = {
        "log": governance.oversight_log(session, actor=principal, area_code=area_code),
        "may_log": governance.may_log_oversight(principal, area_code),
    }
    return system_page(
        request,
        session,
        principal,
        area_code,
        template="governance/oversight.html",
        title="Oversight of",
        here="Oversight",
        shows=shows,
        empty_form={"kind": "call"},
        **shown,
    )


def _engagement_page(
    request: Request, session: SessionDep, principal: CurrentUser, area_code: str, **shown: Any
) -> Response:
    shows = {
        "log": governance.engagement_log(session, actor=principal, area_code=area_code),
        "may_keep": governance.may_keep(principal, area_code),
    }
    return system_page(
        request,
        session,
        principal,
        area_code,
        template="governance/engagement.html",
        title="Engagement in",
        here="Engagement",
        shows=shows,
        **shown,
    )


@router.get("/systems/{area_code}/oversight", response_class=HTMLResponse)
def oversight_page(
    request: Request, area_code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    return _oversight_page(request, session, principal, area_code)


@router.post("/systems/{area_code}/oversight", response_class=HTMLResponse)
async def add_oversight(
    request: Request, area_code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    return await answer_form(
        request,
        session,
        model=OversightIn,
        dates=("held_on",),
        use=partial(governance.add_oversight, session, actor=principal, area_code=area_code),
        page=partial(_oversight_page, request, session, principal, area_code),
        done=lambda _: f"/systems/{area_code}/oversight",
    )


@router.get("/systems/{area_code}/engagement", response_class=HTMLResponse)
def engagement_page(
    request: Request, area_code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    return _engagement_page(request, session, principal, area_code)


@router.post("/systems/{area_code}/engagement", response_class=HTMLResponse)
async def add_engagement(
    request: Request, area_code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    return await answer_form(
        request,
        session,
        model=EngagementIn,
        dates=("held_on",),
        use=partial(governance.add_engagement, session, actor=principal, area_code=area_code),
        page=partial(_engagement_page, request, session, principal, area_code),
        done=lambda _: f"/systems/{area_code}/engagement",
    )
