"""When a system's evaluation framework was agreed, and by which board: the lead records it on
its own page; the framework page shows it and the system's papers tell it in their background."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.errors import PermissionDenied
from joinedup.monitoring import service as monitoring
from joinedup.monitoring.schemas import FrameworkAgreedIn
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.forms import form_fields, read_form, submit
from joinedup.web.pages import render

router = APIRouter()
PAGE = "/systems/{area_code}/framework/agreed"


def _changeable(session: Session, principal: Principal, area_code: str) -> Any:
    system = areas.get_system(session, actor=principal, area_code=area_code)
    if not monitoring.may_edit(principal, area_code):
        raise PermissionDenied("Only the system's leads can change its evaluation framework.")
    return system


def _page(
    request: Request,
    session: Session,
    principal: Principal,
    area_code: str,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
    stale: dict[str, object] | None = None,
) -> Response:
    system = _changeable(session, principal, area_code)
    view = monitoring.framework_view(
        session, actor=principal, area_code=area_code, as_of=clock.today()
    )
    return render(
        request,
        "monitoring/framework_agreed.html",
        {
            "title": f"When the framework was agreed – {system.name}",
            "system": system,
            "view": view,
            "errors": errors or {},
            "form": form or {"agreed_by": view.agreed_by},
            "stale": stale,
            "breadcrumbs": [
                {"text": "Systems", "href": "/"},
                {"text": system.name, "href": f"/systems/{area_code}"},
                {"text": "Evaluation framework", "href": f"/systems/{area_code}/framework"},
                {"text": "When it was agreed"},
            ],
        },
        status_code=status_code,
    )


@router.get(PAGE, response_class=HTMLResponse)
def agreed_page(
    request: Request, area_code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    return _page(request, session, principal, area_code)


@router.post(PAGE, response_class=HTMLResponse)
async def record_agreed(
    request: Request, area_code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    fields = await form_fields(request)
    _changeable(session, principal, area_code)

    def again(*, errors: dict[str, str], status_code: int, current: dict[str, object]) -> Response:
        return _page(
            request,
            session,
            principal,
            area_code,
            errors=errors,
            form=fields,
            status_code=status_code,
            stale=current or None,
        )

    return submit(
        session,
        lambda: monitoring.record_agreement(
            session,
            actor=principal,
            area_code=area_code,
            change=read_form(FrameworkAgreedIn, fields, dates=("agreed_on",)),
        ),
        redisplay=again,
        done=lambda _: f"/systems/{area_code}/framework",
    )
