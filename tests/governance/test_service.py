"""Governance through its door: boards with their sub-groups, meetings whose draft minutes stay
private and whose approved minutes are public and fixed, numbered resolutions, an action arising
that becomes a plan action in one step, the logs, and a risk register that keeps every score."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from joinedup.access.models import AuditEvent
from joinedup.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit
from joinedup.governance import service
from joinedup.governance.models import RiskScore
from joinedup.governance.schemas import (
    ActionArisingIn,
    AgendaItemIn,
    ApproveMinutesIn,
    BoardIn,
    BoardSettingsIn,
    EngagementIn,
    MeetingIn,
    MinutesIn,
    OversightIn,
    ResolutionIn,
    RiskIn,
    RiskScoreIn,
    SignOffAnswerIn,
    SignOffAskIn,
    TakeIntoPlanIn,
)
from joinedup.plans import service as plans
from tests.conftest import COVENTRY, OXFORDSHIRE
from tests.plans.builders import person

HWB = 1  # Oxfordshire's Health and Wellbeing Board in the demo


def _new_meeting(session: Session, board_id: int = HWB) -> int:
    lead = person(session, "system_lead", OXFORDSHIRE)
    return service.add_meeting(
        session, actor=lead, board_id=board_id, change=MeetingIn(held_on=date(2019, 7, 4))
    ).id


def test_a_board_lists_its_sub_groups_but_never_itself(session: Session) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    board = service.get_board(session, actor=lead, board_id=HWB)
    assert board.name == "Oxfordshire Health and Wellbeing Board"
    assert "Integrated System Delivery Board" in board.sub_groups
    assert board.name not in board.sub_groups
    with pytest.raises(InvalidInput) as refused:
        service.add_board(
            session,
            actor=lead,
            area_code=OXFORDSHIRE,
            change=BoardIn(name="A sub-group", kind="sub_group"),
        )
    assert "parent_id" in refused.value.problems
    coventry_board = service.boards_of(
        session, actor=person(session, "system_lead", COVENTRY), area_code=COVENTRY
    )[0]
    with pytest.raises(InvalidInput, match="board of this system"):
        service.add_board(
            session,
            actor=lead,
            area_code=OXFORDSHIRE,
            change=BoardIn(name="Borrowed", kind="sub_group", parent_id=coventry_board.id),
        )


def test_resolutions_are_numbered_in_the_order_they_are_made(session: Session) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    meeting_id = _new_meeting(session)
    for text in ("the report be noted", "the Board keeps the plan under review"):
        service.add_resolution(
            session, actor=lead, meeting_id=meeting_id, change=ResolutionIn(text=text)
        )
    view = service.get_meeting(session, actor=lead, meeting_id=meeting_id)
    assert [(r.number, r.text) for r in view.resolutions] == [
        (1, "the report be noted"),
        (2, "the Board keeps the plan under review"),
    ]
    assert view.resolved == (
        "RESOLVED that: (1) the report be noted (2) the Board keeps the plan under review"
    )


def test_draft_minutes_are_never_public_and_approved_ones_do_not_change(
    session: Session,
) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    meeting_id = _new_meeting(session)
    with pytest.raises(InvalidInput, match="Write the minutes"):
        service.approve_minutes(
            session, actor=lead, meeting_id=meeting_id, change=ApproveMinutesIn(version=1)
        )
    service.save_minutes(
        session, actor=lead, meeting_id=meeting_id, change=MinutesIn(version=1, minutes="Met.")
    )
    with pytest.raises(NotFound):
        service.published_meeting(session, meeting_id=meeting_id)
    assert meeting_id not in [m.id for m in service.published_meetings(session)]
    service.approve_minutes(
        session,
        actor=lead,
        meeting_id=meeting_id,
        change=ApproveMinutesIn(version=2, approved_on=date(2019, 9, 12)),
    )
    public = service.published_meeting(session, meeting_id=meeting_id)
    assert (public.minutes, public.minutes_approved_on) == ("Met.", date(2019, 9, 12))
    with pytest.raises(InvalidInput, match="approved and can no longer be changed"):
        service.save_minutes(
            session, actor=lead, meeting_id=meeting_id, change=MinutesIn(version=3, minutes="X")
        )
    with pytest.raises(InvalidInput, match="approved"):
        service.add_resolution(
            session, actor=lead, meeting_id=meeting_id, change=ResolutionIn(text="late")
        )


def test_a_stale_save_of_the_minutes_is_refused_with_what_they_say_now(
    session: Session,
) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    meeting_id = _new_meeting(session)
    service.save_minutes(
        session, actor=lead, meeting_id=meeting_id, change=MinutesIn(version=1, minutes="First")
    )
    with pytest.raises(StaleEdit) as stale:
        service.save_minutes(
            session, actor=lead, meeting_id=meeting_id, change=MinutesIn(version=1, minutes="Mine")
        )
    assert stale.value.current["minutes"] == "First"


def test_an_action_arising_becomes_a_plan_action_in_one_step(session: Session) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    meeting_id = _new_meeting(session)
    arising = service.add_action_arising(
        session,
        actor=lead,
        meeting_id=meeting_id,
        change=ActionArisingIn(description="Report carers' feedback to the Board", owner="ISDB"),
    )
    plan_id = plans.current_plan(session, actor=lead, area_code=OXFORDSHIRE).id
    made = service.take_into_plan(
        session,
        actor=lead,
        action_arising_id=arising.id,
        change=TakeIntoPlanIn(plan_id=plan_id, workstream="k", due=date(2019, 12, 31)),
    )
    detail = plans.action_detail(session, actor=lead, action_id=made)
    assert detail.workstream.code == "K"
    assert detail.action.description == "Report carers' feedback to the Board"
    assert detail.action.owner == "ISDB"
    view = service.get_meeting(session, actor=lead, meeting_id=meeting_id)
    assert view.actions[0].plan_action_id == made
    with pytest.raises(InvalidInput, match="already in the plan"):
        service.take_into_plan(
            session,
            actor=lead,
            action_arising_id=arising.id,
            change=TakeIntoPlanIn(plan_id=plan_id, workstream="K", due=date(2019, 12, 31)),
        )
    other = service.add_action_arising(
        session, actor=lead, meeting_id=meeting_id, change=ActionArisingIn(description="More")
    )
    with pytest.raises(InvalidInput) as refused:
        service.take_into_plan(
            session,
            actor=lead,
            action_arising_id=other.id,
            change=TakeIntoPlanIn(plan_id=plan_id, workstream="ZZ", due=date(2019, 12, 31)),
        )
    assert refused.value.problems == {"workstream": "The plan has no workstream ZZ"}


def test_a_paper_must_be_of_the_meetings_own_system(session: Session) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    coventry_lead = person(session, "system_lead", COVENTRY)
    meeting_id = _new_meeting(session)
    plan_id = plans.current_plan(session, actor=lead, area_code=OXFORDSHIRE).id
    item = service.add_agenda_item(
        session,
        actor=lead,
        meeting_id=meeting_id,
        change=AgendaItemIn(title="Highlight report", plan_id=plan_id),
    )
    assert item.number == 1
    coventry_meeting = service.add_meeting(
        session,
        actor=coventry_lead,
        board_id=service.boards_of(session, actor=coventry_lead, area_code=COVENTRY)[0].id,
        change=MeetingIn(held_on=date(2019, 7, 4)),
    )
    with pytest.raises(InvalidInput) as refused:
        service.add_agenda_item(
            session,
            actor=coventry_lead,
            meeting_id=coventry_meeting.id,
            change=AgendaItemIn(title="Not ours", plan_id=plan_id),
        )
    assert refused.value.problems == {"plan_id": f"There is no plan {plan_id} of this system"}


def test_other_systems_do_not_see_a_meeting_and_readers_do_not_change_one(
    session: Session,
) -> None:
    with pytest.raises(NotFound):
        service.get_meeting(session, actor=person(session, "system_lead", COVENTRY), meeting_id=1)
    viewer = person(session, "viewer", OXFORDSHIRE)
    assert service.get_meeting(session, actor=viewer, meeting_id=1).minutes_status == "approved"
    with pytest.raises(PermissionDenied):
        service.add_resolution(session, actor=viewer, meeting_id=2, change=ResolutionIn(text="x"))
    with pytest.raises(PermissionDenied):
        service.add_meeting(
            session,
            actor=person(session, "reviewer"),
            board_id=HWB,
            change=MeetingIn(held_on=date(2019, 7, 4)),
        )


def test_the_review_team_and_the_lead_log_oversight_which_the_system_reads(
    session: Session,
) -> None:
    call = OversightIn(
        held_on=date(2019, 7, 12),
        participants=["Pete Fahy – Director of Adult Services", "An official"],
        discussed="Progress since June",
    )
    reviewer = person(session, "reviewer")
    made = service.add_oversight(session, actor=reviewer, area_code=OXFORDSHIRE, change=call)
    log = service.oversight_log(
        session, actor=person(session, "viewer", OXFORDSHIRE), area_code=OXFORDSHIRE
    )
    entry = next(e for e in log if e.id == made.id)
    assert [(p.name, p.role) for p in entry.participants] == [
        ("Pete Fahy", "Director of Adult Services"),
        ("An official", ""),
    ]
    assert entry.recorded_by == reviewer.email
    with pytest.raises(PermissionDenied):
        service.add_oversight(
            session,
            actor=person(session, "contributor", OXFORDSHIRE),
            area_code=OXFORDSHIRE,
            change=call,
        )
    with pytest.raises(NotFound):
        service.oversight_log(
            session, actor=person(session, "system_lead", COVENTRY), area_code=OXFORDSHIRE
        )


def test_engagement_links_only_to_the_systems_own_findings_and_actions(
    session: Session,
) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    change = EngagementIn(
        held_on=date(2019, 3, 1),
        who="Unison",
        how="Briefing",
        heard="Staff want a say",
        finding_ids=[999999],
        action_ids=[999999],
    )
    with pytest.raises(InvalidInput) as refused:
        service.add_engagement(session, actor=lead, area_code=OXFORDSHIRE, change=change)
    assert set(refused.value.problems) == {"finding_ids", "action_ids"}
    made = service.add_engagement(
        session,
        actor=lead,
        area_code=OXFORDSHIRE,
        change=change.model_copy(update={"finding_ids": [], "action_ids": []}),
    )
    assert made.who == "Unison"


def test_a_risk_keeps_every_score_and_the_board_sees_those_above_its_threshold(
    session: Session,
) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    plan_id = plans.current_plan(session, actor=lead, area_code=OXFORDSHIRE).id
    risk = service.add_risk(
        session,
        actor=lead,
        plan_id=plan_id,
        change=RiskIn(title="Winter pressures", likelihood=5, impact=5, workstream_codes=["h"]),
        on=date(2019, 6, 1),
    )
    service.rescore(
        session,
        actor=lead,
        risk_id=risk.id,
        change=RiskScoreIn(
            version=1, likelihood=2, impact=2, note="Beds opened", assessed_on=date(2019, 7, 1)
        ),
    )
    view = service.get_risk(session, actor=lead, risk_id=risk.id)
    assert (view.score, view.band, view.workstream_codes) == (4, "Moderate", ("H",))
    assert [(s.assessed_on, s.score) for s in view.history] == [
        (date(2019, 6, 1), 25),
        (date(2019, 7, 1), 4),
    ]
    with pytest.raises(StaleEdit):
        service.rescore(
            session,
            actor=lead,
            risk_id=risk.id,
            change=RiskScoreIn(version=1, likelihood=3, impact=3),
        )
    board = service.get_board(session, actor=lead, board_id=HWB)
    shown = service.risks_for_board(session, actor=lead, board_id=HWB, plan_id=plan_id)
    assert shown
    assert all(r.score >= board.risk_threshold for r in shown)
    assert risk.id not in [r.id for r in shown]
    service.update_settings(
        session,
        actor=lead,
        board_id=HWB,
        change=BoardSettingsIn(
            version=board.version, purposes=["For information"], risk_threshold=4
        ),
    )
    shown = service.risks_for_board(session, actor=lead, board_id=HWB, plan_id=plan_id)
    assert risk.id in [r.id for r in shown]
    with pytest.raises(InvalidInput) as refused:
        service.add_risk(
            session,
            actor=lead,
            plan_id=plan_id,
            change=RiskIn(title="Bad", likelihood=1, impact=1, workstream_codes=["ZZ"]),
        )
    assert refused.value.problems == {"workstream_codes": "The plan has no workstream ZZ"}
    session.commit()


def test_the_score_history_cannot_be_rewritten(session: Session) -> None:
    with pytest.raises(DatabaseError):
        session.execute(update(RiskScore).values(likelihood=1))
    session.rollback()


def test_every_change_is_audited(session: Session) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    meeting_id = _new_meeting(session)
    service.add_resolution(
        session, actor=lead, meeting_id=meeting_id, change=ResolutionIn(text="noted")
    )
    actions = session.scalars(
        select(AuditEvent.action).where(
            AuditEvent.entity_type == "meeting", AuditEvent.entity_id == str(meeting_id)
        )
    ).all()
    assert actions == ["governance.meeting.add", "governance.resolution.add"]


def test_a_paper_is_signed_off_by_the_people_asked_and_blocks_approval_until_then(
    session: Session,
) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    contributor = person(session, "contributor", OXFORDSHIRE)
    meeting_id = _new_meeting(session)
    item = service.add_agenda_item(
        session,
        actor=lead,
        meeting_id=meeting_id,
        change=AgendaItemIn(title="Highlight report", report_id=None),
    )
    with pytest.raises(InvalidInput) as refused:
        service.ask_for_sign_off(
            session,
            actor=lead,
            agenda_item_id=item.id,
            change=SignOffAskIn(email="lead@coventry.demo.joinedup.test"),
        )
    assert refused.value.problems == {
        "email": "Enter the email of a person who can read this system"
    }
    asked = service.ask_for_sign_off(
        session,
        actor=lead,
        agenda_item_id=item.id,
        change=SignOffAskIn(email=contributor.email, role="approver"),
    )
    assert asked.id in [r.id for r in service.my_sign_offs(session, actor=contributor)]
    with pytest.raises(NotFound):  # only the person asked answers
        service.answer_sign_off(
            session, actor=lead, request_id=asked.id, change=SignOffAnswerIn(answer="agreed")
        )
    service.answer_sign_off(
        session,
        actor=contributor,
        request_id=asked.id,
        change=SignOffAnswerIn(answer="changes", comment="Add the carers' survey"),
    )
    with pytest.raises(InvalidInput, match="already answered"):
        service.answer_sign_off(
            session, actor=contributor, request_id=asked.id, change=SignOffAnswerIn(answer="agreed")
        )
    (row,) = service.paper_sign_offs(session, actor=lead, agenda_item_id=item.id)
    assert (row.answer, row.comment, row.answered_on is not None) == (
        "changes",
        "Add the carers' survey",
        True,
    )
    assert asked.id not in [r.id for r in service.my_sign_offs(session, actor=contributor)]


def test_a_required_approver_who_has_not_agreed_blocks_the_reports_approval(
    session: Session,
) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    contributor = person(session, "contributor", OXFORDSHIRE)
    meeting_id = _new_meeting(session)
    report_id = 1  # the demo's first highlight report of Oxfordshire
    item = service.add_agenda_item(
        session,
        actor=lead,
        meeting_id=meeting_id,
        change=AgendaItemIn(title="Highlight report", report_id=report_id),
    )
    before = service.approval_blockers(session, report_id=report_id)
    asked = service.ask_for_sign_off(
        session,
        actor=lead,
        agenda_item_id=item.id,
        change=SignOffAskIn(email=contributor.email, role="approver"),
    )
    assert service.approval_blockers(session, report_id=report_id) == [*before, asked.name]
    service.answer_sign_off(
        session, actor=contributor, request_id=asked.id, change=SignOffAnswerIn(answer="agreed")
    )
    assert service.approval_blockers(session, report_id=report_id) == before
    table = service.sign_off_table(session, report_id=report_id)
    assert asked.name in [r.name for r in table]


def test_a_paper_shows_each_risk_as_it_was_scored_by_the_papers_date(session: Session) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    plan_id = plans.current_plan(session, actor=lead, area_code=OXFORDSHIRE).id
    risk = service.add_risk(
        session,
        actor=lead,
        plan_id=plan_id,
        change=RiskIn(title="Winter pressures", likelihood=5, impact=5),
        on=date(2019, 6, 1),
    )
    service.rescore(
        session,
        actor=lead,
        risk_id=risk.id,
        change=RiskScoreIn(version=1, likelihood=2, impact=2, assessed_on=date(2019, 7, 1)),
    )

    def on_paper(day: date) -> list[tuple[str, int]]:
        shown = service.risks_for_board(
            session, actor=lead, board_id=HWB, plan_id=plan_id, as_of=day
        )
        return [(r.band, r.score) for r in shown if r.id == risk.id]

    assert on_paper(date(2019, 5, 31)) == []  # not yet on the register
    assert on_paper(date(2019, 6, 30)) == [("Extreme", 25)]
    assert on_paper(date(2019, 7, 1)) == []  # rescored below the Board's threshold
