"""What the governance pages and API operations share: a system's governance page, with its
breadcrumbs and its form shown empty or again with the problems by field; a meeting as the API
answers it."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from joinedup.areas import service as areas
from joinedup.governance import service as governance
from joinedup.governance.schemas import MeetingOut
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.pages import render


def system_page(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    area_code: str,
    *,
    template: str,
    title: str,
    here: str,
    shows: dict[str, Any],
    empty_form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    """A governance page of the system (``title`` followed by its name) under ``here`` in the
    breadcrumbs; its form shown as ``empty_form``, or again with ``errors`` and what was typed;
    ``shows`` adds what the page lists."""
    system = areas.get_system(session, actor=principal, area_code=area_code)
    crumbs = [{"text": system.name, "href": f"/systems/{area_code}"}]
    if here:
        crumbs.append({"text": "Boards and committees", "href": f"/systems/{area_code}/boards"})
    return render(
        request,
        template,
        {
            "title": f"{title} {system.name}",
            "system": system,
            **shows,
            "errors": errors or {},
            "form": form or empty_form or {},
            "breadcrumbs": [*crumbs, {"text": here or "Boards and committees"}],
        },
        status_code=status_code,
    )


def meeting_answer(session: SessionDep, principal: CurrentUser, meeting_id: int) -> MeetingOut:
    """The meeting as the API answers it."""
    view = governance.get_meeting(session, actor=principal, meeting_id=meeting_id)
    return MeetingOut.model_validate(view)
