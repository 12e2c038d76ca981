"""Approved minutes for anyone, without signing in. Draft minutes are never shown here: a
meeting whose minutes are not approved is not found."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from joinedup.governance import service as governance
from joinedup.web.deps import OptionalUser, SessionDep
from joinedup.web.pages import render

router = APIRouter()


@router.get("/published/minutes", response_class=HTMLResponse)
def published_minutes(request: Request, session: SessionDep, principal: OptionalUser) -> Response:
    return render(
        request,
        "governance/published_list.html",
        {
            "title": "Published minutes",
            "meetings": governance.published_meetings(session),
            "breadcrumbs": [
                {"text": "Published reports", "href": "/published"},
                {"text": "Published minutes"},
            ],
        },
        principal=principal,
    )


@router.get("/published/minutes/{meeting_id}", response_class=HTMLResponse)
def published_meeting(
    request: Request, meeting_id: int, session: SessionDep, principal: OptionalUser
) -> Response:
    meeting = governance.published_meeting(session, meeting_id=meeting_id)
    return render(
        request,
        "governance/published_meeting.html",
        {
            "title": f"{meeting.board_name}: minutes",
            "meeting": meeting,
            "public": True,
            "breadcrumbs": [
                {"text": "Published minutes", "href": "/published/minutes"},
                {"text": meeting.board_name},
            ],
        },
        principal=principal,
    )
