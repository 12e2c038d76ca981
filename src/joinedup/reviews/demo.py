"""The demo's reviews: the 2017-18 local system review programme (complete, with follow-ups) and
a current programme of assessments at different stages. Written for the demo, after the seeds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.ranking import service as ranking
from joinedup.reviews import service
from joinedup.reviews.demo_coventry import coventry
from joinedup.reviews.demo_oxfordshire import oxfordshire, oxfordshire_follow_up
from joinedup.reviews.demo_steps import (
    CQC,
    HARTLEPOOL,
    LSR,
    STOCKPORT,
    TRAFFORD,
    YORK,
    findings,
    progress,
    report,
    start,
    status,
    team,
)
from joinedup.reviews.models import Review
from joinedup.reviews.schemas import ProgrammeIn, ScoreIn
from joinedup.timeline import Timeline


@dataclass(frozen=True)
class DemoReviews:
    programme_ids: list[int]
    review_ids: dict[str, int]


def build(session: Session, timeline: Timeline) -> DemoReviews:
    service.ensure_frameworks(session)
    lsr = service.create_programme(
        session,
        actor=OPERATOR,
        data=ProgrammeIn(
            name="Local system reviews 2017-18",
            framework_key=LSR,
            description="Targeted reviews of systems with delayed transfers of care, and their "
            "follow-ups in late 2018.",
        ),
    )
    # the run on 2016-17's data selected the programme's systems (when the data reach back)
    selecting_year = timeline.on(2016, 4, 1)
    runs = ranking.list_runs(session, actor=OPERATOR)
    selected_by = next((r.id for r in runs if r.period_start == selecting_year), None)
    ids: dict[str, int] = {}
    first = oxfordshire(session, timeline, lsr.id, ranking_run_id=selected_by)
    ids["oxfordshire"] = first.id
    follow_up = oxfordshire_follow_up(session, timeline, lsr.id, first.id)
    if follow_up is not None:
        ids["oxfordshire_follow_up"] = follow_up.id
    review, light = coventry(session, timeline, lsr.id, ranking_run_id=selected_by)
    ids["coventry"] = review.id
    if light is not None:
        ids["coventry_follow_up"] = light.id
    ids["stockport"] = _stockport(session, timeline, lsr.id, selected_by).id
    current_id, current = _current_assessments(session, timeline.today)
    ids.update(current)
    return DemoReviews([lsr.id, current_id], ids)


def _stockport(
    session: Session, timeline: Timeline, programme_id: int, ranking_run_id: int | None
) -> Review:
    on = timeline.on
    stockport = start(
        session,
        programme_id,
        STOCKPORT,
        on(2017, 11, 6),
        team("Maya Collins, lead reviewer", "Owen Price, analyst"),
        ranking_run_id=ranking_run_id,
    )
    # on their planned days, but for the action plan: nine days late
    progress(session, stockport, timeline.today, {"action_plan_submitted": on(2018, 3, 23)})
    if not timeline.happened(on(2018, 2, 14)):  # the summit
        return stockport
    findings(
        session,
        stockport,
        [
            (
                "working_well",
                "well_led",
                "Vision and strategy",
                "Partners shared an ambitious vision for integrated neighbourhood care.",
                [],
            ),
            (
                "area_for_improvement",
                "well_led",
                "Vision and strategy",
                "Decision making across the partnership had grown layer on layer; nobody "
                "could say clearly where a joint decision was taken.",
                [],
            ),
        ],
    )
    summary = "Ambition is clear; governance needs simplifying."
    report(session, stockport, summary, "shared", on=on(2018, 2, 14))
    if timeline.happened(on(2018, 2, 15)):
        report(session, stockport, summary, "published", on=on(2018, 2, 15))
    return stockport


def _current_assessments(session: Session, today: date) -> tuple[int, dict[str, int]]:
    """A current programme at three stages, dated from today so that warnings show."""
    programme = service.create_programme(
        session,
        actor=OPERATOR,
        data=ProgrammeIn(
            name="Assessments of local authorities",
            framework_key=CQC,
            description="Assessments under the Care Act 2014 (demonstration).",
        ),
    )
    york_starts = today - timedelta(days=50)
    york = start(
        session,
        programme.id,
        YORK,
        york_starts,
        team("Ruth Evans, lead reviewer", "Owen Price, analyst"),
    )
    returned = {"information_returned": york_starts + timedelta(days=32)}  # four days late
    progress(session, york, today, returned, until="information_returned")
    status(session, york, "in_progress")
    hartlepool = start(
        session,
        programme.id,
        HARTLEPOOL,
        today - timedelta(days=120),
        team("Ruth Evans, lead reviewer", "Grace Oduya, expert by experience"),
    )
    # the draft report is overdue: a warning to see
    progress(session, hartlepool, today, until="site_visit")
    status(session, hartlepool, "reporting")
    framework = service.framework(session, CQC)
    for statement, score in zip(framework.question_ids, [3, 2, 3, 3, 2, 2, 3, 2, 3], strict=True):
        service.set_score(
            session,
            actor=OPERATOR,
            review_id=hartlepool.id,
            data=ScoreIn(statement_id=statement, score=score),
        )
    trafford = start(
        session,
        programme.id,
        TRAFFORD,
        today + timedelta(days=30),
        team("Daniel Reid, lead reviewer"),
    )
    return programme.id, {"york": york.id, "hartlepool": hartlepool.id, "trafford": trafford.id}
