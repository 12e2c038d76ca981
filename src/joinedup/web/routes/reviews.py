"""One review's page and the forms that change the review itself: its title, status and team,
its report, its milestones' dates and its statement scores (reviewers and admins). Bad input
shows the page again with a message by each field; an edit of an old version answers 409 with
the current values, keeping what was typed."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from joinedup.reviews import service
from joinedup.reviews.schemas import MilestoneDates, ReportChange, ReviewChange, ScoreIn
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.forms import form_fields, read_form, submit
from joinedup.web.parts.reviews import review_form, review_page

router = APIRouter()


@router.get("/reviews/{review_id}", response_class=HTMLResponse)
def review(
    request: Request, review_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return review_page(request, session, principal, review_id)


@router.post("/reviews/{review_id}", response_class=HTMLResponse)
async def update_review(
    request: Request, review_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    typed = await form_fields(request)
    return submit(
        session,
        lambda: service.update_review(
            session, actor=principal, review_id=review_id, data=read_form(ReviewChange, typed)
        ),
        redisplay=review_form(
            request,
            session,
            principal,
            review_id,
            form="review",
            typed=typed,
            ids={"title": "title", "status": "status", "team": "team"},
        ),
        done=lambda _: f"/reviews/{review_id}#about",
    )


@router.post("/reviews/{review_id}/milestones/{key}", response_class=HTMLResponse)
async def update_milestone(
    request: Request, review_id: int, key: str, session: SessionDep, principal: CurrentUser
) -> Response:
    typed = await form_fields(request)
    form = f"milestone-{key}"
    return submit(
        session,
        lambda: service.update_milestone(
            session,
            actor=principal,
            review_id=review_id,
            key=key,
            data=read_form(MilestoneDates, typed),
        ),
        redisplay=review_form(
            request,
            session,
            principal,
            review_id,
            form=form,
            typed=typed,
            ids={"planned_date": f"{form}-planned", "actual_date": f"{form}-actual"},
        ),
        done=lambda _: f"/reviews/{review_id}#timeline",
    )


@router.post("/reviews/{review_id}/report", response_class=HTMLResponse)
async def update_report(
    request: Request, review_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    typed = await form_fields(request)
    return submit(
        session,
        lambda: service.set_report_state(
            session, actor=principal, review_id=review_id, data=read_form(ReportChange, typed)
        ),
        redisplay=review_form(
            request,
            session,
            principal,
            review_id,
            form="report",
            typed=typed,
            ids={"state": "report-state", "summary": "report-summary"},
        ),
        done=lambda _: f"/reviews/{review_id}#report",
    )


@router.post("/reviews/{review_id}/scores", response_class=HTMLResponse)
async def set_score(
    request: Request, review_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    typed = await form_fields(request)
    form = f"score-{typed.get('statement_id', '')}"
    return submit(
        session,
        lambda: service.set_score(
            session, actor=principal, review_id=review_id, data=read_form(ScoreIn, typed)
        ),
        redisplay=review_form(
            request,
            session,
            principal,
            review_id,
            form=form,
            typed=typed,
            ids={"score": form, "statement_id": form, "rationale": f"{form}-rationale"},
        ),
        done=lambda _: f"/reviews/{review_id}#scores",
    )
