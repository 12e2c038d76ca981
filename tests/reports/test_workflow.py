"""Draft, approved, published: who may do each, what is frozen, and what everyone else sees."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError
from sqlalchemy import update
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access import service as access
from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit
from joinedup.reports import service
from joinedup.reports.document import SignOffRole
from joinedup.reports.drafting import create_report
from joinedup.reports.models import Report, Snapshot
from joinedup.reports.schemas import (
    ApproveIn,
    PublishIn,
    RegenerateIn,
    ReportKind,
    SignOffIn,
)
from tests.conftest import COVENTRY, OXFORDSHIRE, demo_email
from tests.reports.sample import sample_document

AS_OF = date(2019, 5, 31)


def person(session: Session, role: str, area_code: str | None = None) -> Principal:
    return access.principal_for(access.get_user(session, demo_email(role, area_code)))


def draft(session: Session, actor: Principal, kind: ReportKind = ReportKind.HIGHLIGHT) -> Report:
    return create_report(
        session,
        actor=actor,
        area_code=OXFORDSHIRE,
        kind=kind,
        as_of=AS_OF,
        document=sample_document(),
    )


def test_the_lead_approves_and_publishes_and_the_sign_off_is_frozen(session: Session) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    report = draft(session, lead)
    row = SignOffIn(
        version=1,
        role="contributor",
        name="Lara Knight",
        title="Governance Services Officer",
        organisation="Place",
        sent_on=date(2018, 5, 15),
        received_on=date(2018, 5, 20),
    )
    service.add_sign_off(session, actor=lead, report_id=report.id, data=row)
    seen = service.document_of(session, actor=lead, report_id=report.id)
    assert seen.status_note.startswith("Draft")
    assert [e.name for e in seen.sign_off] == ["Lara Knight"]

    service.approve(session, actor=lead, report_id=report.id, data=ApproveIn(version=2))
    assert report.state == "approved"
    late = SignOffIn(version=3, role="approver", name="Late Person")
    with pytest.raises(InvalidInput, match="approved"):
        service.add_sign_off(session, actor=lead, report_id=report.id, data=late)
    service.publish(session, actor=lead, report_id=report.id, data=PublishIn(version=3))
    assert report.slug == f"oxfordshire-highlight-report-{report.id}"

    public, document = service.published_document(session, report.slug)
    assert public.id == report.id
    assert document.status_note == ""  # no draft banner on what the board approved
    assert [(e.role, e.name, e.sent_on, e.received_on) for e in document.sign_off] == [
        (SignOffRole.CONTRIBUTOR, "Lara Knight", "2018-05-15", "2018-05-20")
    ]
    assert service.published_reports(session)[0].id == report.id  # newest first
    actions = [e.action for e in audit.events_for(session, "report", report.id)]
    assert actions == ["report.create", "report.sign_off.add", "report.approve", "report.publish"]


def test_the_snapshot_cannot_be_rewritten_even_bypassing_the_service(session: Session) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    report = draft(session, lead)
    service.approve(session, actor=lead, report_id=report.id, data=ApproveIn(version=1))
    session.flush()
    with pytest.raises(DatabaseError, match="append-only"):
        session.execute(update(Snapshot).values(document="{}"))


def test_an_approved_report_keeps_its_content_when_the_draft_would_change(
    session: Session,
) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    report = draft(session, lead)
    service.approve(session, actor=lead, report_id=report.id, data=ApproveIn(version=1))
    with pytest.raises(InvalidInput, match="approved"):
        service.regenerate(session, actor=lead, report_id=report.id, data=RegenerateIn(version=2))
    # Even a change slipped into the report row does not reach what is rendered.
    report.document = "{}"
    document = service.document_of(session, actor=lead, report_id=report.id)
    assert document.sections == sample_document().sections


def test_a_stale_approval_is_refused_with_what_changed(session: Session) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    report = draft(session, lead)
    row = SignOffIn(version=1, role="approver", name="Gail Quinton")
    service.add_sign_off(session, actor=lead, report_id=report.id, data=row)
    with pytest.raises(StaleEdit) as refused:
        service.approve(session, actor=lead, report_id=report.id, data=ApproveIn(version=1))
    assert refused.value.current == {
        "state": "draft",
        "version": 2,
        "title": "CQC Action Plan Highlight Report",
    }


def test_who_may_do_what(session: Session) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    report = draft(session, lead)
    for role in ("contributor", "viewer"):
        reader = person(session, role, OXFORDSHIRE)
        assert service.document_of(session, actor=reader, report_id=report.id).title
        with pytest.raises(PermissionDenied):
            service.approve(session, actor=reader, report_id=report.id, data=ApproveIn(version=1))
    for role in ("analyst", "reviewer"):
        national = person(session, role)
        assert service.get_report(session, actor=national, report_id=report.id).id == report.id
        with pytest.raises(PermissionDenied):
            service.approve(session, actor=national, report_id=report.id, data=ApproveIn(version=1))
    coventry = person(session, "system_lead", COVENTRY)
    with pytest.raises(NotFound):
        service.document_of(session, actor=coventry, report_id=report.id)
    with pytest.raises(NotFound):
        service.list_reports(session, actor=coventry, area_code=OXFORDSHIRE)
    # Reviewers write review reports, not the system's highlight reports.
    reviewer = person(session, "reviewer")
    with pytest.raises(PermissionDenied):
        draft(session, reviewer)
    review = draft(session, reviewer, ReportKind.REVIEW)
    row = SignOffIn(version=1, role="contributor", name="Inspector")
    service.add_sign_off(session, actor=reviewer, report_id=review.id, data=row)
    # CQC's draft is not the system lead's to read, let alone publish.
    with pytest.raises(NotFound):
        service.publish(session, actor=lead, report_id=review.id, data=PublishIn(version=2))
    # Nothing unpublished is public.
    with pytest.raises(NotFound):
        service.published_document(session, f"oxfordshire-review-report-{review.id}")


def test_sign_off_problems_are_named_by_field() -> None:
    with pytest.raises(ValidationError) as late:
        SignOffIn(
            version=1,
            role="approver",
            name="A",
            sent_on=date(2018, 5, 15),
            received_on=date(2018, 5, 1),
        )
    problems = InvalidInput.from_validation(late.value).problems
    assert problems == {
        "received_on": "The date received, 1 May 2018, is before the date sent, 15 May 2018"
    }
    with pytest.raises(ValidationError) as wrong:
        SignOffIn.model_validate(
            {"version": 1, "role": "boss", "name": " ", "sent_on": "31/02/2019"}
        )
    problems = InvalidInput.from_validation(wrong.value).problems
    assert set(problems) == {"role", "name", "sent_on"}
    assert problems["name"] == "Enter the person's name"
    assert problems["sent_on"] == "Enter a real date, for example 13/06/2019 or 13 June 2019"
    # UK forms are dates too
    assert SignOffIn.model_validate(
        {"version": 1, "name": "A", "sent_on": "16/05/2019"}
    ).sent_on == date(2019, 5, 16)
