"""Sign-off asked for with a meeting's papers: a paper waits for its required approvers, and the
approved paper's table is filled from the answers, with the dates asked and answered."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from joinedup.errors import InvalidInput
from joinedup.governance import service as governance
from joinedup.governance.schemas import AgendaItemIn, MeetingIn, SignOffAnswerIn, SignOffAskIn
from joinedup.reports import service
from joinedup.reports.schemas import ApproveIn
from tests.conftest import OXFORDSHIRE
from tests.reports.test_workflow import draft, person

HWB = 1  # Oxfordshire's Health and Wellbeing Board in the demo


def test_a_paper_waits_for_its_required_approver_and_carries_the_answers(
    session: Session,
) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    contributor = person(session, "contributor", OXFORDSHIRE)
    report = draft(session, lead)
    meeting = governance.add_meeting(
        session, actor=lead, board_id=HWB, change=MeetingIn(held_on=date(2019, 7, 4))
    )
    item = governance.add_agenda_item(
        session,
        actor=lead,
        meeting_id=meeting.id,
        change=AgendaItemIn(title="Highlight report", report_id=report.id),
    )
    asked = governance.ask_for_sign_off(
        session,
        actor=lead,
        agenda_item_id=item.id,
        change=SignOffAskIn(email=contributor.email, role="approver"),
    )

    with pytest.raises(InvalidInput, match=f"{asked.name} must agree it first"):
        service.approve(session, actor=lead, report_id=report.id, data=ApproveIn(version=1))
    assert report.state == "draft"

    governance.answer_sign_off(
        session, actor=contributor, request_id=asked.id, change=SignOffAnswerIn(answer="agreed")
    )
    service.approve(session, actor=lead, report_id=report.id, data=ApproveIn(version=1))
    frozen = service.document_of(session, actor=lead, report_id=report.id)
    (row,) = [e for e in frozen.sign_off if e.name == asked.name]
    assert row.role == "approver"
    assert row.sent_on == asked.asked_on.isoformat()
    assert row.received_on != ""
