"""The system's response to CQC's review report: its lead records it once the review team has
shared the report; each response is kept (append-only) and audited."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import FORM, InvalidInput
from joinedup.reports.models import Response
from joinedup.reports.permissions import readable, require_responder
from joinedup.reports.schemas import ReportState, ResponseIn
from joinedup.reviews import service as reviews


def respond(session: Session, *, actor: Principal, report_id: int, data: ResponseIn) -> Response:
    report = readable(session, actor, report_id)
    require_responder(actor, report)
    if report.state == ReportState.DRAFT or not (
        report.review_id is not None
        and reviews.report_publication(session, report.review_id).shared
    ):
        raise InvalidInput.of(
            FORM, "The review team has not shared this report with the system yet."
        )
    response = Response(
        report_id=report.id,
        text=data.text,
        recorded_by=actor.email,
        recorded_by_name=actor.name,
        recorded_at=clock.now(),
    )
    session.add(response)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="report.response",
        entity_type="report",
        entity_id=report.id,
        area_code=report.area_code,
        after={"response_id": response.id, "text": data.text},
    )
    return response


def responses_of(session: Session, *, actor: Principal, report_id: int) -> list[Response]:
    report = readable(session, actor, report_id)
    query = select(Response).where(Response.report_id == report.id).order_by(Response.id)
    return list(session.scalars(query))
