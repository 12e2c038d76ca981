"""CQC's report is CQC's: the review team prepares, approves and publishes a review report; a
system's people read it once shared and record the system's response; the review's publication
state is the report's, and nothing the review team has not published is public."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access import service as access
from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput, NotFound, PermissionDenied
from joinedup.reports import service
from joinedup.reports.drafting import create_report
from joinedup.reports.models import Report
from joinedup.reports.schemas import ApproveIn, PublishIn, ReportKind, ResponseIn
from joinedup.reviews import service as reviews
from joinedup.reviews.models import Review
from joinedup.reviews.schemas import ReportChange
from joinedup.store.database import Database
from tests.conftest import COVENTRY, OXFORDSHIRE, csrf_from, demo_email, sign_in
from tests.reports.sample import sample_document


def person(session: Session, role: str, area_code: str | None = None) -> Principal:
    return access.principal_for(access.get_user(session, demo_email(role, area_code)))


def review_of(session: Session, area_code: str, kind: str, state: str) -> Review:
    return session.scalars(
        select(Review)
        .where(Review.area_code == area_code, Review.kind == kind, Review.report_state == state)
        .order_by(Review.id)
    ).first() or pytest.fail(f"the demo has no {kind} review of {area_code} {state}")


def review_report(session: Session, actor: Principal, review: Review) -> Report:
    return create_report(
        session,
        actor=actor,
        area_code=review.area_code,
        kind=ReportKind.REVIEW,
        as_of=date(2019, 5, 31),
        document=sample_document(),
        review_id=review.id,
    )


def approved(session: Session, reviewer: Principal, review: Review) -> Report:
    report = review_report(session, reviewer, review)
    service.approve(
        session, actor=reviewer, report_id=report.id, data=ApproveIn(version=report.version)
    )
    return report


def test_a_system_lead_cannot_prepare_approve_or_publish_a_review_report(
    session: Session,
) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    reviewer = person(session, "reviewer")
    review = review_of(session, OXFORDSHIRE, "full", "published")
    with pytest.raises(PermissionDenied):
        review_report(session, lead, review)
    draft = review_report(session, reviewer, review)
    # CQC's draft findings are not the system's to read, change or approve.
    for role in ("system_lead", "contributor", "viewer"):
        local = person(session, role, OXFORDSHIRE)
        with pytest.raises(NotFound):
            service.document_of(session, actor=local, report_id=draft.id)
        with pytest.raises(NotFound):
            service.approve(session, actor=local, report_id=draft.id, data=ApproveIn(version=1))
        listed = service.list_reports(session, actor=local, area_code=OXFORDSHIRE)
        assert draft.id not in [r.id for r in listed]
    with pytest.raises(NotFound):
        service.document_of(
            session, actor=person(session, "system_lead", COVENTRY), report_id=draft.id
        )
    # An analyst reads it but does not approve it; the review team does.
    analyst = person(session, "analyst")
    assert service.document_of(session, actor=analyst, report_id=draft.id).title
    with pytest.raises(PermissionDenied):
        service.approve(session, actor=analyst, report_id=draft.id, data=ApproveIn(version=1))
    service.approve(session, actor=reviewer, report_id=draft.id, data=ApproveIn(version=1))
    assert draft.state == "approved"
    # Approved, and its review is published: the system now reads it, but cannot publish it.
    assert service.document_of(session, actor=lead, report_id=draft.id).title
    with pytest.raises(PermissionDenied, match="review team"):
        service.publish(session, actor=lead, report_id=draft.id, data=PublishIn(version=2))


def test_publishing_the_report_publishes_the_review_and_the_system_responds(
    session: Session,
) -> None:
    reviewer = person(session, "reviewer")
    lead = person(session, "system_lead", OXFORDSHIRE)
    review = review_of(session, OXFORDSHIRE, "follow_up_visit", "shared")
    report = approved(session, reviewer, review)
    # Shared: the system reads it and records its response, audited; the public does not.
    response = service.respond(
        session,
        actor=lead,
        report_id=report.id,
        data=ResponseIn(text="The Board accepts the findings and will report in March."),
    )
    assert [r.text for r in service.responses_of(session, actor=lead, report_id=report.id)] == [
        "The Board accepts the findings and will report in March."
    ]
    assert response.recorded_by_name == lead.name
    trail = audit.events_for(session, entity_type="report", entity_id=report.id)
    assert "report.response" in [e.action for e in trail]
    with pytest.raises(PermissionDenied):
        service.respond(
            session,
            actor=person(session, "viewer", OXFORDSHIRE),
            report_id=report.id,
            data=ResponseIn(text="Not mine to say"),
        )
    assert report.id not in [r.id for r in service.published_reports(session)]

    service.publish(session, actor=reviewer, report_id=report.id, data=PublishIn(version=2))
    session.refresh(review)
    assert (review.report_state, report.state) == ("published", "published")
    public, _ = service.published_document(session, report.slug or "")
    assert public.id == report.id


def test_publishing_the_review_publishes_its_approved_report(session: Session) -> None:
    reviewer = person(session, "reviewer")
    review = review_of(session, OXFORDSHIRE, "follow_up_visit", "shared")
    report = approved(session, reviewer, review)
    draft = review_report(session, reviewer, review)
    reviews.set_report_state(
        session,
        actor=reviewer,
        review_id=review.id,
        data=ReportChange(version=review.version, state="published"),
    )
    assert report.state == "published"
    assert draft.state == "draft"  # a draft is never published by its review
    assert [r.id for r in service.published_reports(session)].count(report.id) == 1
    with pytest.raises(NotFound):
        service.published_document(session, f"oxfordshire-review-report-{draft.id}")


def test_an_unpublished_review_keeps_its_report_private_whatever_the_row_says(
    session: Session,
) -> None:
    reviewer = person(session, "reviewer")
    review = review_of(session, OXFORDSHIRE, "follow_up_visit", "shared")
    report = approved(session, reviewer, review)
    # A row published by the old path while its review was not (how draft findings leaked).
    session.execute(
        update(Report)
        .where(Report.id == report.id)
        .values(state="published", slug="leaked-review-report")
    )
    session.expire_all()
    with pytest.raises(NotFound):
        service.published_document(session, "leaked-review-report")
    assert "leaked-review-report" not in [r.slug for r in service.published_reports(session)]


def test_a_light_touch_follow_ups_deck_is_never_published(session: Session) -> None:
    reviewer = person(session, "reviewer")
    light = review_of(session, COVENTRY, "follow_up_light", "shared")
    deck = approved(session, reviewer, light)
    with pytest.raises(InvalidInput, match="not published"):
        service.publish(session, actor=reviewer, report_id=deck.id, data=PublishIn(version=2))
    with pytest.raises(InvalidInput, match="not published"):
        reviews.set_report_state(
            session,
            actor=person(session, "admin"),
            review_id=light.id,
            data=ReportChange(version=light.version, state="published"),
        )
    # Shared with the system: Coventry's lead reads it and answers.
    coventry = person(session, "system_lead", COVENTRY)
    service.respond(session, actor=coventry, report_id=deck.id, data=ResponseIn(text="Noted."))
    assert light.report_state == "shared"


def test_the_response_on_the_page(client: TestClient, database: Database) -> None:
    with database.session() as session:
        reviewer = person(session, "reviewer")
        review = review_of(session, OXFORDSHIRE, "follow_up_visit", "shared")
        report = approved(session, reviewer, review)
        session.commit()
        report_id = report.id
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    page = client.get(f"/reports/{report_id}")
    assert page.status_code == 200
    assert "Record the system" in page.text
    assert "Publish (anyone can read" not in page.text  # the review team's, not the lead's
    empty = client.post(
        f"/reports/{report_id}/responses", data={"csrf_token": csrf_from(page.text), "text": " "}
    )
    assert empty.status_code == 400
    assert "Enter the system&#39;s response" in empty.text
    done = client.post(
        f"/reports/{report_id}/responses",
        data={"csrf_token": csrf_from(page.text), "text": "We accept the findings."},
    )
    assert done.status_code == 200
    assert "We accept the findings." in done.text
    refused = client.post(
        f"/reports/{report_id}/publish", data={"csrf_token": csrf_from(page.text), "version": "2"}
    )
    assert refused.status_code == 403
