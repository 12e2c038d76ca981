"""The demo plan is shaped like Oxfordshire's highlight report (seed 003): as at 31 May 2019 on
the demo's timeline its ratings are the paper's, every finding needing action is covered, and
the follow-up review's areas of future focus are addressed by the actions seed 003 quotes them
under."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access.rules import OPERATOR
from joinedup.plans import service
from joinedup.plans.models import ActionUpdate, RagAssessment
from joinedup.timeline import Timeline
from tests.conftest import OXFORDSHIRE

# The highlight report of June 2019: Green A C D F I L M; Amber B E G H J K N O; no Red.
SEED_003 = {
    **dict.fromkeys("ACDFILM", "green"),
    **dict.fromkeys("BEGHJKNO", "amber"),
}


def _timeline() -> Timeline:
    return Timeline.as_at(clock.today())  # the tests' world is built as at the clock's day


def test_as_at_31_may_2019_the_plan_has_the_ratings_of_seed_003(session: Session) -> None:
    seed_day = _timeline().on(2019, 5, 31)
    plan = service.current_plan(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    overview = service.plan_overview(session, actor=OPERATOR, plan_id=plan.id, on=seed_day)
    ratings = {s.workstream.code: s.rag.rating for s in overview.workstreams if s.rag}
    assert ratings == SEED_003
    for summary in overview.workstreams:
        assert summary.rag is not None
        assert summary.rag.reported_on == seed_day
        assert summary.rag.rationale
        if summary.rag.rating == "amber":
            assert summary.rag.mitigation
        # the ratings recorded agree with the documented rules: no override was needed
        assert summary.rag.suggested == summary.rag.rating
    details = service.workstream_details(session, actor=OPERATOR, plan_id=plan.id, on=seed_day)
    assert {d.workstream.code: d.rating.rating for d in details if d.rating} == SEED_003


def test_the_plan_is_rated_for_every_board_meeting_and_nothing_after_today(
    session: Session,
) -> None:
    timeline = _timeline()
    first, last = session.execute(
        select(func.min(ActionUpdate.reported_on), func.max(ActionUpdate.reported_on))
    ).one()
    plan = service.current_plan(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    rated = sorted(service.reporting_dates(session, actor=OPERATOR, plan_id=plan.id))
    # the first meeting after the plan was agreed (March 2018) rated it as at 31 May 2018
    assert rated[0] == timeline.on(2018, 5, 31)
    assert timeline.on(2019, 5, 31) in rated
    assert rated == [
        timeline.reporting_date(m)
        for m in timeline.meetings
        if timeline.on(2018, 6, 1) <= m and timeline.reporting_date(m) <= timeline.today
    ]
    assert plan.agreed_on == timeline.on(2018, 3, 15)
    assert plan.agreed_on <= first < last <= timeline.today
    latest_rating = session.scalar(select(func.max(RagAssessment.reported_on)))
    assert latest_rating is not None
    assert latest_rating <= timeline.today


def test_every_demo_finding_needing_action_is_covered(session: Session) -> None:
    plan = service.current_plan(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    coverage = service.coverage(session, actor=OPERATOR, plan_id=plan.id)
    assert coverage.findings, "the demo reviews hold findings for Oxfordshire"
    assert coverage.uncovered == []


def test_the_areas_of_future_focus_are_addressed_where_seed_003_quotes_them(
    session: Session,
) -> None:
    plan = service.current_plan(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    coverage = service.coverage(session, actor=OPERATOR, plan_id=plan.id)
    future = {
        f.text.split()[0]: coverage.covered_by.get(f.id)
        for f in coverage.findings
        if f.kind == "area_of_future_focus"
    }
    # culture change (B), the review of pathways (H.2), commissioning with the market (J),
    # relationships reaching the voluntary sector (O)
    assert future == {
        "Culture": ["B.2"],
        "Review": ["H.2"],
        "Commission": ["J.3"],
        "Spread": ["O.2"],
    }
