"""The steps on a report that cannot be undone, each behind its own confirmation page (GOV.UK:
a page saying what will happen, with a warning button): approving, publishing and withdrawing a
draft. Refused, the confirmation page is shown again with what went wrong and what was typed."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.errors import PermissionDenied
from joinedup.reports import service as reports
from joinedup.reports.schemas import ApproveIn, PublishIn, WithdrawIn
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.forms import form_fields
from joinedup.web.pages import render
from joinedup.web.parts.reports import on_report

router = APIRouter()
M = TypeVar("M", bound=BaseModel)


async def _fields(request: Request) -> dict[str, Any]:
    return await form_fields(request)


Fields = Annotated[dict[str, Any], Depends(_fields)]


# What each step does, said on its confirmation page before it is taken (GOV.UK: confirm an
# action that cannot be undone on its own page, with a warning button).
CONFIRM: dict[str, dict[str, Any]] = {
    "approve": {
        "heading": "Approve this report",
        "what_happens": (
            "Its content, with its sign-off table, will be frozen as it stands today and kept as "
            "PDF and Word files: it will no longer change when the data do.",
            "Any older draft of this system's highlight reports will be marked superseded.",
        ),
        "warning": "Once approved, the report cannot be changed or unapproved.",
        "button": "Approve this report",
    },
    "publish": {
        "heading": "Publish this report",
        "what_happens": (
            "It will be given a public address: anyone will be able to read and download it "
            "without signing in.",
            "A review report is published with its review: publishing one publishes the other.",
        ),
        "warning": "Once published, the report cannot be withdrawn from the public.",
        "button": "Publish this report",
    },
    "withdraw": {
        "heading": "Withdraw this draft",
        "what_happens": (
            "It will not go to the board. It is kept, with your reason, in the system's history, "
            "and listed apart from the reports in use.",
        ),
        "warning": "A withdrawn draft cannot be approved, published or brought back.",
        "button": "Withdraw this draft",
    },
}


def _confirm_page(
    request: Request,
    session: Session,
    principal: Principal,
    report_id: int,
    step: str,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
    stale: dict[str, object] | None = None,
) -> Response:
    report = reports.get_report(session, actor=principal, report_id=report_id)
    if not reports.may_approve(principal, report):
        raise PermissionDenied("Only the people who may approve this report may do this.")
    system = areas.get_system(session, actor=principal, area_code=report.area_code)
    words = CONFIRM[step]
    return render(
        request,
        "reports/confirm.html",
        {
            "title": words["heading"],
            "report": report,
            "step": step,
            **words,
            "errors": errors or {},
            "form": form or {},
            "stale": stale,
            "breadcrumbs": [
                {"text": "Systems", "href": "/"},
                {"text": system.name, "href": f"/systems/{system.area_code}"},
                {"text": "Board reports", "href": f"/systems/{system.area_code}/reports"},
                {"text": report.title, "href": f"/reports/{report.id}"},
            ],
        },
        status_code=status_code,
    )


@router.get("/reports/{report_id}/approve", response_class=HTMLResponse)
def confirm_approve(
    request: Request, report_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _confirm_page(request, session, principal, report_id, "approve")


@router.get("/reports/{report_id}/publish", response_class=HTMLResponse)
def confirm_publish(
    request: Request, report_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _confirm_page(request, session, principal, report_id, "publish")


@router.get("/reports/{report_id}/withdraw", response_class=HTMLResponse)
def confirm_withdraw(
    request: Request, report_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _confirm_page(request, session, principal, report_id, "withdraw")


def _confirmed(
    request: Request,
    session: Session,
    principal: Principal,
    report_id: int,
    step: str,
    fields: dict[str, Any],
    model: type[M],
    change: Callable[[M], object],
) -> Response:
    """Take the confirmed step and go back to the report; refused, show the confirmation page
    again with what went wrong and what was typed."""
    return on_report(
        session,
        principal,
        report_id,
        fields,
        model,
        change,
        page=partial(_confirm_page, request, session, principal, report_id, step),
    )


@router.post("/reports/{report_id}/approve", response_class=HTMLResponse)
def approve(
    request: Request, report_id: int, session: SessionDep, principal: CurrentUser, fields: Fields
) -> Response:
    return _confirmed(
        request,
        session,
        principal,
        report_id,
        "approve",
        fields,
        ApproveIn,
        lambda data: reports.approve(session, actor=principal, report_id=report_id, data=data),
    )


@router.post("/reports/{report_id}/publish", response_class=HTMLResponse)
def publish(
    request: Request, report_id: int, session: SessionDep, principal: CurrentUser, fields: Fields
) -> Response:
    return _confirmed(
        request,
        session,
        principal,
        report_id,
        "publish",
        fields,
        PublishIn,
        lambda data: reports.publish(session, actor=principal, report_id=report_id, data=data),
    )


@router.post("/reports/{report_id}/withdraw", response_class=HTMLResponse)
def withdraw(
    request: Request, report_id: int, session: SessionDep, principal: CurrentUser, fields: Fields
) -> Response:
    return _confirmed(
        request,
        session,
        principal,
        report_id,
        "withdraw",
        fields,
        WithdrawIn,
        lambda data: reports.withdraw(session, actor=principal, report_id=report_id, data=data),
    )
