"""The demo plan is shaped like Oxfordshire's highlight report (seed 003) with 18 months of
history, and every finding of the demo reviews needing action is covered."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.plans import service
from joinedup.plans.models import ActionUpdate
from tests.conftest import OXFORDSHIRE

# The highlight report of June 2019: Green A C D F I L M; Amber B E G H J K N O; no Red.
SEED_003 = {
    **dict.fromkeys("ACDFILM", "green"),
    **dict.fromkeys("BEGHJKNO", "amber"),
}


def test_the_demo_plan_has_the_fifteen_workstreams_and_ratings_of_the_report(
    session: Session,
) -> None:
    plan = service.current_plan(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    overview = service.plan_overview(session, actor=OPERATOR, plan_id=plan.id)
    ratings = {s.workstream.code: s.rag.rating for s in overview.workstreams if s.rag}
    assert ratings == SEED_003
    for summary in overview.workstreams:
        assert summary.rag is not None
        assert summary.rag.rationale
        if summary.rag.rating == "amber":
            assert summary.rag.mitigation
        # the ratings recorded agree with the documented rules: no override was needed
        assert summary.rag.suggested == summary.rag.rating


def test_the_demo_plan_has_eighteen_months_of_dated_history(session: Session) -> None:
    first, last = session.execute(
        select(func.min(ActionUpdate.reported_on), func.max(ActionUpdate.reported_on))
    ).one()
    plan = service.current_plan(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    meetings = service.reporting_dates(session, actor=OPERATOR, plan_id=plan.id)
    assert len(meetings) == 6  # a rating at every board meeting
    assert (meetings[0] - first).days >= 540  # 18 months of about 30 days
    assert first < last <= meetings[0] <= date.today()


def test_every_demo_finding_needing_action_is_covered(session: Session) -> None:
    plan = service.current_plan(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    coverage = service.coverage(session, actor=OPERATOR, plan_id=plan.id)
    assert coverage.findings, "the demo reviews hold findings for Oxfordshire"
    assert coverage.uncovered == []
