"""A system's oversight log (calls and meetings with the national team) and engagement log, each
a page with its form; the system's people and the national roles read them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from joinedup.areas import service as areas
from joinedup.governance import service as governance
from joinedup.governance.schemas import EngagementIn, OversightIn
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.forms import form_fields, read_form, submit
from joinedup.web.pages import render

router = APIRouter()


def _crumbs(system_name: str, area_code: str, here: str) -> list[dict[str, str]]:
    return [
        {"text": system_name, "href": f"/systems/{area_code}"},
        {"text": "Boards and committees", "href": f"/systems/{area_code}/boards"},
        {"text": here},
    ]


def _oversight_page(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    area_code: str,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    system = areas.get_system(session, actor=principal, area_code=area_code)
    return render(
        request,
        "governance/oversight.html",
        {
            "title": f"Oversight of {system.name}",
            "system": system,
            "log": governance.oversight_log(session, actor=principal, area_code=area_code),
            "may_log": governance.may_log_oversight(principal, area_code),
            "errors": errors or {},
            "form": form or {"kind": "call"},
            "breadcrumbs": _crumbs(system.name, area_code, "Oversight"),
        },
        status_code=status_code,
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
    fields = await form_fields(request)

    def change() -> None:
        typed = read_form(OversightIn, fields, dates=("held_on",))
        governance.add_oversight(session, actor=principal, area_code=area_code, change=typed)

    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        return _oversight_page(
            request,
            session,
            principal,
            area_code,
            errors=errors,
            form=fields,
            status_code=status_code,
        )

    done = f"/systems/{area_code}/oversight"
    return submit(session, change, redisplay=redisplay, done=lambda _: done)


def _engagement_page(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    area_code: str,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    system = areas.get_system(session, actor=principal, area_code=area_code)
    return render(
        request,
        "governance/engagement.html",
        {
            "title": f"Engagement in {system.name}",
            "system": system,
            "log": governance.engagement_log(session, actor=principal, area_code=area_code),
            "may_keep": governance.may_keep(principal, area_code),
            "errors": errors or {},
            "form": form or {},
            "breadcrumbs": _crumbs(system.name, area_code, "Engagement"),
        },
        status_code=status_code,
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
    fields = await form_fields(request)

    def change() -> None:
        typed = read_form(EngagementIn, fields, dates=("held_on",))
        governance.add_engagement(session, actor=principal, area_code=area_code, change=typed)

    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        return _engagement_page(
            request,
            session,
            principal,
            area_code,
            errors=errors,
            form=fields,
            status_code=status_code,
        )

    done = f"/systems/{area_code}/engagement"
    return submit(session, change, redisplay=redisplay, done=lambda _: done)
