"""One review's page and the forms that change the review itself: its title, status and team,
its report, its milestones' dates and its statement scores (reviewers and admins). Bad input
shows the page again with a message by each field; an edit of an old version answers 409 with
the current values, keeping what was typed."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from joinedup.access.rules import Permission, Principal
from joinedup.errors import FORM, PermissionDenied
from joinedup.reviews import service
from joinedup.reviews.schemas import (
    Attendee,
    MilestoneDates,
    ReportChange,
    ReviewChange,
    ReviewWithdrawal,
    ScoreIn,
    SummitIn,
    SummitOut,
)
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.forms import form_fields, read_form, submit
from joinedup.web.pages import render
from joinedup.web.parts.reviews import kept, on_page, review_form, review_page

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
            data=read_form(MilestoneDates, typed, dates=("planned_date", "actual_date")),
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


# --- the summit -------------------------------------------------------------------------------

SUMMIT_IDS = {
    "held_on": "held_on",
    "chair_name": "chair_name",
    "chair_role": "chair_role",
    "attendees": "attendees",
    "sections": "sections",
}


def _attendee_line(person: Attendee) -> str:
    """ "Name, role, organisation" as the form reads it back."""
    if person.organisation:
        return f"{person.name}, {person.role}, {person.organisation}"
    return f"{person.name}, {person.role}" if person.role else person.name


def _summit_typing(summit: SummitOut | None) -> dict[str, Any]:
    """The form filled from the record (empty when none is recorded yet)."""
    if summit is None:
        return {"version": "0"}
    return {
        "version": str(summit.version),
        "held_on-day": str(summit.held_on.day),
        "held_on-month": str(summit.held_on.month),
        "held_on-year": str(summit.held_on.year),
        "chair_name": summit.chair_name,
        "chair_role": summit.chair_role,
        "attendees": "\n".join(_attendee_line(a) for a in summit.attendees),
        "sections": "\n".join(f"{s.title}: {s.responsible_group}" for s in summit.sections),
    }


def _summit_page(
    request: Request,
    session: Session,
    principal: Principal,
    review_id: int,
    *,
    typed: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    conflict: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    record = service.summit_of(session, actor=principal, review_id=review_id)
    summit = service.summit_out(record) if record is not None else None
    review = service.get_review(session, actor=principal, review_id=review_id)
    can_manage = principal.can(Permission.MANAGE_REVIEWS, review.area_code)
    return render(
        request,
        "reviews/summit.html",
        {
            "title": "Summit",
            "review": review,
            "summit": summit,
            "can_manage": can_manage,
            "form": typed or _summit_typing(summit),
            "errors": errors or {},
            "conflict": conflict,
            "breadcrumbs": _under_review(review.id, review.title, "Summit"),
        },
        status_code=status_code,
    )


@router.get("/reviews/{review_id}/summit", response_class=HTMLResponse)
def summit(
    request: Request, review_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _summit_page(request, session, principal, review_id)


@router.post("/reviews/{review_id}/summit", response_class=HTMLResponse)
async def record_summit(
    request: Request, review_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    typed = await form_fields(request)

    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        # a problem with one attendee or section is shown by the box that holds them all
        by_box = {name.split(".")[0]: text for name, text in reversed(list(errors.items()))}
        if status_code == 409:
            return _summit_page(
                request,
                session,
                principal,
                review_id,
                typed=kept(typed, current),
                conflict={"message": errors.get(FORM, ""), "current": current},
                status_code=409,
            )
        return _summit_page(
            request,
            session,
            principal,
            review_id,
            typed=typed,
            errors=on_page(by_box, SUMMIT_IDS),
            status_code=status_code,
        )

    return submit(
        session,
        lambda: service.record_summit(
            session,
            actor=principal,
            review_id=review_id,
            data=read_form(SummitIn, typed, dates=("held_on",)),
        ),
        redisplay=redisplay,
        done=lambda _: f"/reviews/{review_id}/summit",
    )


def _under_review(review_id: int, title: str, page: str) -> list[dict[str, str]]:
    """Breadcrumbs of a page of one review."""
    return [
        {"text": "Reviews", "href": "/reviews"},
        {"text": title, "href": f"/reviews/{review_id}"},
        {"text": page},
    ]


# --- withdrawing a review started in error ------------------------------------------------------


def _withdraw_page(
    request: Request,
    session: Session,
    principal: Principal,
    review_id: int,
    *,
    typed: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    review = service.get_review(session, actor=principal, review_id=review_id)
    if not principal.can(Permission.MANAGE_REVIEWS, review.area_code):
        raise PermissionDenied("only reviewers and admins withdraw reviews")
    return render(
        request,
        "reviews/withdraw.html",
        {
            "title": f"Withdraw {review.title}",
            "review": review,
            "form": typed or {"version": str(review.version)},
            "errors": errors or {},
            "breadcrumbs": _under_review(review.id, review.title, "Withdraw"),
        },
        status_code=status_code,
    )


@router.get("/reviews/{review_id}/withdraw", response_class=HTMLResponse)
def confirm_withdrawal(
    request: Request, review_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    """Asks first: withdrawing takes the review off every list of work and every calendar."""
    return _withdraw_page(request, session, principal, review_id)


@router.post("/reviews/{review_id}/withdraw", response_class=HTMLResponse)
async def withdraw_review(
    request: Request, review_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    typed = await form_fields(request)

    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        return _withdraw_page(
            request,
            session,
            principal,
            review_id,
            typed=kept(typed, current) if status_code == 409 else typed,
            errors=on_page(errors, {"reason": "reason"}),
            status_code=status_code,
        )

    return submit(
        session,
        lambda: service.withdraw_review(
            session, actor=principal, review_id=review_id, data=read_form(ReviewWithdrawal, typed)
        ),
        redisplay=redisplay,
        done=lambda _: f"/reviews/{review_id}",
        saved="review_withdrawn",
    )
