"""Plans through the service: the journal keeps every change, stale edits are refused with what
changed, ratings need reasons, coverage gates submission, and people see only what they may."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit
from joinedup.plans import service
from joinedup.plans.models import ActionUpdate, RagAssessment
from joinedup.plans.schemas import ActionChange, PlanIn, PlanStatusIn, RagIn, WorkstreamIn
from tests.conftest import COVENTRY, OXFORDSHIRE
from tests.plans.builders import findings, person, small_plan


def test_a_forecast_change_needs_a_reason_and_keeps_both_dates(session: Session) -> None:
    plan, _a, _ = small_plan(session)
    lead = person(session, "system_lead", OXFORDSHIRE)
    row = service.workstream_detail(session, actor=lead, plan_id=plan.id, code="A").actions[0]
    assert row.reference == "A.1"
    with pytest.raises(InvalidInput, match="reason for changing the forecast"):
        service.update_action(
            session,
            actor=lead,
            action_id=row.id,
            change=ActionChange(version=1, forecast_due=date(2018, 8, 31)),
        )
    action = service.update_action(
        session,
        actor=lead,
        action_id=row.id,
        on=date(2018, 6, 1),
        change=ActionChange(
            version=1,
            forecast_due=date(2018, 8, 31),
            status="at_risk",
            reason="Partners asked for more engagement",
            note="Two workshops added",
        ),
    )
    assert (action.baseline_due, action.forecast_due) == (date(2018, 6, 30), date(2018, 8, 31))
    assert action.version == 2
    journal = service.action_detail(session, actor=lead, action_id=row.id).journal
    assert [e.kind for e in journal] == ["updated", "created"]  # newest first
    assert journal[0].changes == {
        "forecast_due": ["2018-06-30", "2018-08-31"],
        "status": ["not_started", "at_risk"],
    }
    assert journal[0].reason == "Partners asked for more engagement"
    assert journal[0].actor == lead.email
    assert journal[0].reported_on == date(2018, 6, 1)


def test_completing_sets_the_completion_date_and_reopening_needs_a_reason(
    session: Session,
) -> None:
    plan, _a, _ = small_plan(session)
    row = service.workstream_detail(session, actor=OPERATOR, plan_id=plan.id, code="A").actions[1]
    done = service.update_action(
        session,
        actor=OPERATOR,
        action_id=row.id,
        on=date(2018, 9, 20),
        change=ActionChange(version=1, status="complete"),
    )
    assert done.completed_on == date(2018, 9, 20)
    with pytest.raises(InvalidInput, match="reopening"):
        service.update_action(
            session,
            actor=OPERATOR,
            action_id=row.id,
            change=ActionChange(version=2, status="on_track"),
        )
    cancelled = service.update_action(
        session,
        actor=OPERATOR,
        action_id=row.id,
        change=ActionChange(
            version=2, status="cancelled", reason="Replaced by the county strategy"
        ),
    )
    assert cancelled.cancel_reason == "Replaced by the county strategy"
    assert cancelled.completed_on is None


def test_the_second_of_two_edits_from_the_same_version_is_refused(session: Session) -> None:
    plan, _a, _ = small_plan(session)
    row = service.workstream_detail(session, actor=OPERATOR, plan_id=plan.id, code="A").actions[0]
    lead = person(session, "system_lead", OXFORDSHIRE)
    service.update_action(
        session,
        actor=lead,
        action_id=row.id,
        change=ActionChange(version=1, status="on_track", note="Started"),
    )
    with pytest.raises(StaleEdit) as refused:
        service.update_action(
            session,
            actor=OPERATOR,
            action_id=row.id,
            change=ActionChange(version=1, status="slipped", note="Late"),
        )
    assert refused.value.current["status"] == "on_track"
    assert refused.value.current["version"] == 2
    assert refused.value.current["changes"][0]["changes"] == {"status": ["not_started", "on_track"]}
    assert refused.value.current["changes"][0]["by"] == lead.email
    detail = service.action_detail(session, actor=lead, action_id=row.id)
    assert detail.action.status == "on_track"
    assert len(detail.journal) == 2


def test_the_journal_and_ratings_cannot_be_rewritten(session: Session) -> None:
    _plan, a, _ = small_plan(session)
    service.record_rag(
        session,
        actor=OPERATOR,
        workstream_id=a.id,
        change=RagIn(
            rating="red", rationale="Overdue", mitigation="Escalated", reported_on=date(2018, 12, 1)
        ),
    )
    session.commit()
    for statement in (
        update(ActionUpdate).values(note="rewritten"),
        delete(ActionUpdate),
        update(RagAssessment).values(rating="green"),
        delete(RagAssessment),
    ):
        with pytest.raises(DatabaseError, match="append-only"):
            session.execute(statement)
        session.rollback()


def test_a_rating_needs_a_rationale_a_mitigation_and_a_reason_to_differ(
    session: Session,
) -> None:
    _plan, a, _ = small_plan(session)
    on = date(2018, 8, 1)  # A.1 is 32 days past its forecast (30 June): Amber suggested
    suggestion = service.suggestion(session, actor=OPERATOR, workstream_id=a.id, on=on)
    assert suggestion.rating == "amber"
    assert suggestion.triggers == ("1 action past the forecast date: A.1",)
    with pytest.raises(InvalidInput, match="mitigation"):
        service.record_rag(
            session,
            actor=OPERATOR,
            workstream_id=a.id,
            change=RagIn(rating="Amber", rationale="Late", reported_on=on),
        )
    with pytest.raises(InvalidInput) as refused:
        service.record_rag(
            session,
            actor=OPERATOR,
            workstream_id=a.id,
            change=RagIn(rating="green", rationale="Fine", reported_on=on),
        )
    assert list(refused.value.problems) == ["override_reason"]  # the field it belongs to
    rag = service.record_rag(
        session,
        actor=OPERATOR,
        workstream_id=a.id,
        change=RagIn(
            rating="green",
            rationale="Fine",
            override_reason="Both are done; the updates are late",
            reported_on=on,
        ),
    )
    assert (rag.rating, rag.suggested, rag.triggers) == (
        "green",
        "amber",
        list(suggestion.triggers),
    )


def test_contributors_update_only_their_workstreams_and_viewers_nothing(
    session: Session,
) -> None:
    plan, _a, _b = small_plan(session)
    contributor = person(session, "contributor", OXFORDSHIRE)
    a1 = service.workstream_detail(session, actor=OPERATOR, plan_id=plan.id, code="A").actions[0]
    b1 = service.workstream_detail(session, actor=OPERATOR, plan_id=plan.id, code="B").actions[0]
    service.update_action(
        session,
        actor=contributor,
        action_id=b1.id,
        change=ActionChange(version=1, status="on_track"),
    )
    with pytest.raises(PermissionDenied):
        service.update_action(
            session,
            actor=contributor,
            action_id=a1.id,
            change=ActionChange(version=1, status="on_track"),
        )
    with pytest.raises(PermissionDenied):
        service.add_workstream(
            session, actor=contributor, plan_id=plan.id, change=WorkstreamIn(code="C", title="X")
        )
    for role in ("viewer", "analyst", "reviewer"):
        someone = person(session, role, OXFORDSHIRE if role == "viewer" else None)
        assert service.plan_overview(session, actor=someone, plan_id=plan.id).plan.id == plan.id
        with pytest.raises(PermissionDenied):
            service.update_action(
                session, actor=someone, action_id=b1.id, change=ActionChange(version=2, note="x")
            )
    coventry = person(session, "system_lead", COVENTRY)
    with pytest.raises(NotFound):
        service.plan_overview(session, actor=coventry, plan_id=plan.id)
    with pytest.raises(NotFound):
        service.action_detail(session, actor=coventry, action_id=a1.id)
    with pytest.raises(NotFound):
        service.update_action(
            session, actor=coventry, action_id=a1.id, change=ActionChange(version=1, note="x")
        )
    mine = service.my_actions(session, actor=contributor)
    assert "B.1" in [r.reference for r in mine if r.plan_id == plan.id]
    assert "A.1" not in [r.reference for r in mine if r.plan_id == plan.id]


def test_the_plan_page_counts_actions_and_lists_what_is_overdue(session: Session) -> None:
    plan, _a, _b = small_plan(session)
    overview = service.plan_overview(session, actor=OPERATOR, plan_id=plan.id, on=date(2018, 10, 1))
    assert [(w.workstream.code, w.total, w.overdue) for w in overview.workstreams] == [
        ("A", 2, 2),  # due 30 June and 30 September 2018
        ("B", 1, 0),  # due 31 December 2018
    ]
    assert overview.counts["not_started"] == 3
    assert [r.reference for r in overview.overdue] == ["A.1", "A.2"]
    assert overview.overdue[0].days_overdue == 93  # 30 June to 1 October 2018
    slipped = service.slipped_actions(session, actor=OPERATOR, plan_id=plan.id)
    assert slipped == []


def test_since_last_report_between_two_board_meetings(session: Session) -> None:
    plan, _a, b = small_plan(session)
    rows = service.workstream_detail(session, actor=OPERATOR, plan_id=plan.id, code="A").actions
    service.update_action(
        session,
        actor=OPERATOR,
        action_id=rows[0].id,
        on=date(2018, 6, 20),
        change=ActionChange(version=1, status="complete"),
    )
    service.update_action(
        session,
        actor=OPERATOR,
        action_id=rows[1].id,
        on=date(2018, 7, 2),
        change=ActionChange(
            version=1, status="slipped", forecast_due=date(2018, 12, 31), reason="Printing delayed"
        ),
    )
    for on, rating in ((date(2018, 6, 14), "amber"), (date(2018, 9, 13), "green")):
        service.record_rag(
            session,
            actor=OPERATOR,
            workstream_id=b.id,
            change=RagIn(
                rating=rating,
                rationale="r",
                mitigation="m",
                override_reason="judgement",
                reported_on=on,
            ),
        )
    report = service.since_last_report(
        session, actor=OPERATOR, plan_id=plan.id, start=date(2018, 6, 14), end=date(2018, 9, 13)
    )
    assert [e.reference for e in report.completions] == ["A.1"]
    assert [e.reference for e in report.slippage] == ["A.2"]
    assert [e.reason for e in report.date_changes] == ["Printing delayed"]
    assert report.new_actions == []  # created on 1 March 2018, before the period
    assert report.rag_changes == [("B", "amber", "green")]
    assert service.slipped_actions(session, actor=OPERATOR, plan_id=plan.id)[0].reference == "A.2"


def test_submission_waits_for_every_finding_to_be_covered_or_a_reason(session: Session) -> None:
    plan, _a, _b = small_plan(session)
    made = findings(
        session,
        [
            ("working_well", "Strong leadership"),
            ("area_for_improvement", "Pathways are bed-based"),
            ("area_of_future_focus", "Culture of frontline staff"),
        ],
    )
    b1 = service.workstream_detail(session, actor=OPERATOR, plan_id=plan.id, code="B").actions[0]
    service.link_findings(session, actor=OPERATOR, action_id=b1.id, finding_ids=[made[1].id])
    gap = service.coverage(session, actor=OPERATOR, plan_id=plan.id)
    ours = {f.id for f in made}
    assert [f.text for f in gap.uncovered if f.id in ours] == ["Culture of frontline staff"]
    assert gap.covered_by[made[1].id] == ["B.1"]
    with pytest.raises(InvalidInput, match="not an area for improvement"):
        service.link_findings(session, actor=OPERATOR, action_id=b1.id, finding_ids=[made[0].id])
    service.set_plan_status(
        session, actor=OPERATOR, plan_id=plan.id, change=PlanStatusIn(status="agreed", version=1)
    )
    with pytest.raises(InvalidInput, match="not covered by any action"):
        service.set_plan_status(
            session,
            actor=OPERATOR,
            plan_id=plan.id,
            change=PlanStatusIn(status="submitted", version=2),
        )
    submitted = service.set_plan_status(
        session,
        actor=OPERATOR,
        plan_id=plan.id,
        change=PlanStatusIn(
            status="submitted",
            version=2,
            coverage_exception="The culture work is planned with the new OD lead",
        ),
    )
    assert submitted.status == "submitted"
    with pytest.raises(StaleEdit):
        service.set_plan_status(
            session,
            actor=OPERATOR,
            plan_id=plan.id,
            change=PlanStatusIn(status="in_delivery", version=2),
        )


def test_a_new_plan_becomes_the_current_one(session: Session) -> None:
    first, _, _ = small_plan(session)
    second = service.create_plan(
        session,
        actor=OPERATOR,
        area_code=OXFORDSHIRE,
        change=PlanIn(title="Second plan", review_id=None),
    )
    session.flush()
    session.refresh(first)
    assert service.current_plan(session, actor=OPERATOR, area_code=OXFORDSHIRE).id == second.id
    assert not first.is_current
    viewer = person(session, "viewer", OXFORDSHIRE)
    with pytest.raises(PermissionDenied):
        service.create_plan(
            session, actor=viewer, area_code=OXFORDSHIRE, change=PlanIn(title="Mine")
        )
    with pytest.raises(NotFound):
        service.create_plan(
            session,
            actor=person(session, "system_lead", COVENTRY),
            area_code=OXFORDSHIRE,
            change=PlanIn(title="Theirs"),
        )


def test_a_stale_edit_is_refused_as_stale_even_when_its_values_no_longer_fit(
    session: Session,
) -> None:
    plan, _a, _ = small_plan(session)
    row = service.workstream_detail(session, actor=OPERATOR, plan_id=plan.id, code="A").actions[0]
    moved = ActionChange(version=1, forecast_due=date(2018, 9, 30), reason="Partners asked")
    service.update_action(session, actor=OPERATOR, action_id=row.id, change=moved)
    # typed on the page loaded before: its forecast would now be a change needing a reason
    typed = ActionChange(version=1, forecast_due=date(2018, 6, 30), note="On course")
    with pytest.raises(StaleEdit) as refused:
        service.update_action(session, actor=OPERATOR, action_id=row.id, change=typed)
    assert refused.value.current["forecast_due"] == "2018-09-30"
    # a refused edit leaves the action at the version it has, ready for the next one
    with pytest.raises(InvalidInput):
        service.update_action(
            session, actor=OPERATOR, action_id=row.id, change=ActionChange(version=2)
        )
    saved = service.update_action(
        session, actor=OPERATOR, action_id=row.id, change=ActionChange(version=2, note="Done")
    )
    assert saved.version == 3
    for status, version in (("agreed", 1), ("submitted", 2)):
        moved_on = PlanStatusIn(status=status, version=version, coverage_exception="Agreed later")
        service.set_plan_status(session, actor=OPERATOR, plan_id=plan.id, change=moved_on)
    back = PlanStatusIn(status="draft", version=2)  # chosen while the plan was agreed
    with pytest.raises(StaleEdit):  # not "a submitted plan cannot go back to draft"
        service.set_plan_status(session, actor=OPERATOR, plan_id=plan.id, change=back)


def test_a_finding_of_another_system_cannot_be_linked(session: Session) -> None:
    """Even a finding the actor may read (national roles read every system) belongs to its own
    system's plan only."""
    from sqlalchemy import select

    from joinedup.reviews.models import Finding, Review

    coventry_finding = session.scalar(
        select(Finding.id).join(Review).where(Review.area_code == COVENTRY)
    )
    assert coventry_finding is not None
    plan, _a, _ = small_plan(session)
    action = service.workstream_detail(session, actor=OPERATOR, plan_id=plan.id, code="A")
    with pytest.raises(InvalidInput) as refused:
        service.link_findings(
            session, actor=OPERATOR, action_id=action.actions[0].id, finding_ids=[coventry_finding]
        )
    assert "finding_ids" in refused.value.problems
