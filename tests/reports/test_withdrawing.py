"""Drafts set aside, never deleted: a stale draft is withdrawn with a reason, an older one is
superseded when a newer paper is approved, and each step is confirmed on its own page first."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.errors import InvalidInput, PermissionDenied
from joinedup.reports import service
from joinedup.reports.drafting import create_report
from joinedup.reports.models import Report
from joinedup.reports.schemas import ApproveIn, ReportKind, WithdrawIn
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in
from tests.reports.sample import sample_document
from tests.reports.test_workflow import person


def draft(session: Session, as_of: date) -> Report:
    return create_report(
        session,
        actor=person(session, "system_lead", OXFORDSHIRE),
        area_code=OXFORDSHIRE,
        kind=ReportKind.HIGHLIGHT,
        as_of=as_of,
        document=sample_document(),
    )


def test_a_stale_draft_is_withdrawn_with_its_reason_and_kept(session: Session) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    stale = draft(session, date(2019, 5, 31))
    with pytest.raises(PermissionDenied):
        service.withdraw(
            session,
            actor=person(session, "viewer", OXFORDSHIRE),
            report_id=stale.id,
            data=WithdrawIn(version=1, reason="Not mine"),
        )
    service.withdraw(
        session, actor=lead, report_id=stale.id, data=WithdrawIn(version=1, reason="Wrong date")
    )
    assert (stale.state, stale.withdrawn_reason) == ("withdrawn", "Wrong date")
    # Kept: still readable, still listed for the system, in its history.
    assert service.get_report(session, actor=lead, report_id=stale.id).title
    assert stale.id in [
        r.id for r in service.list_reports(session, actor=lead, area_code=OXFORDSHIRE)
    ]
    assert [e.action for e in audit.events_for(session, "report", stale.id)][
        -1
    ] == "report.withdraw"
    with pytest.raises(InvalidInput, match="withdrawn"):
        service.approve(session, actor=lead, report_id=stale.id, data=ApproveIn(version=2))
    with pytest.raises(ValidationError) as blank:
        WithdrawIn.model_validate({"version": 2, "reason": "  "})
    assert (
        InvalidInput.from_validation(blank.value)
        .problems["reason"]
        .startswith("Enter why the draft is withdrawn")
    )


def test_approving_a_newer_paper_supersedes_the_older_drafts(session: Session) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    older = draft(session, date(2019, 3, 31))
    newer = draft(session, date(2019, 5, 31))
    service.approve(session, actor=lead, report_id=newer.id, data=ApproveIn(version=1))
    assert older.state == "superseded"
    assert f"report {newer.id}" in older.withdrawn_reason
    assert newer.state == "approved"


def test_confirmation_pages_say_what_will_happen_before_it_does(
    client: TestClient, database: Database
) -> None:
    with database.session() as session:
        stale = draft(session, date(2019, 5, 31))
        session.commit()
        report_id = stale.id
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    page = client.get(f"/reports/{report_id}")
    assert f'href="/reports/{report_id}/withdraw"' in page.text
    confirm = client.get(f"/reports/{report_id}/withdraw")
    assert "Withdraw this draft" in confirm.text
    assert "govuk-button--warning" in confirm.text
    assert "cannot be approved, published or brought back" in confirm.text
    # Nothing happened yet.
    assert "Draft" in client.get(f"/reports/{report_id}").text
    refused = client.post(
        f"/reports/{report_id}/withdraw",
        data={"csrf_token": csrf_from(confirm.text), "version": "1", "reason": ""},
    )
    assert refused.status_code == 400
    assert "Enter why the draft is withdrawn" in refused.text
    done = client.post(
        f"/reports/{report_id}/withdraw",
        data={"csrf_token": csrf_from(confirm.text), "version": "1", "reason": "Replaced"},
    )
    assert done.status_code == 200
    assert "Withdrawn on" in done.text
    assert "Replaced" in done.text
    listing = client.get(f"/systems/{OXFORDSHIRE}/reports").text
    main_table, _, apart = listing.partition('id="set-aside"')
    assert f'href="/reports/{report_id}"' not in main_table  # not beside the papers in use
    assert f'href="/reports/{report_id}"' in apart
    assert client.get(f"/reports/{report_id}/approve").status_code == 200
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    assert client.get(f"/reports/{report_id}/approve").status_code == 403
