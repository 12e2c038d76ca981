"""The demo's reviews: the 2017-18 local system review programme (complete, with follow-ups) and
a current programme of assessments at different stages. Written for the demo, after the seeds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access.rules import OPERATOR
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
    done,
    findings,
    report,
    start,
    status,
    team,
)
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
    ids: dict[str, int] = {}
    ids["oxfordshire"] = oxfordshire(session, lsr.id).id
    ids["oxfordshire_follow_up"] = oxfordshire_follow_up(session, lsr.id, ids["oxfordshire"]).id
    ids["coventry"], ids["coventry_follow_up"] = (r.id for r in coventry(session, lsr.id))
    stockport = start(
        session,
        lsr.id,
        STOCKPORT,
        date(2017, 11, 6),
        team("Maya Collins, lead reviewer", "Owen Price, analyst"),
    )
    done(session, stockport, "action_plan_submitted", late={"action_plan_submitted": 9})
    status(session, stockport, "complete")
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
    report(session, stockport, "Ambition is clear; governance needs simplifying.", "shared")
    report(session, stockport, "Ambition is clear; governance needs simplifying.", "published")
    ids["stockport"] = stockport.id
    current_id, current = _current_assessments(session)
    ids.update(current)
    return DemoReviews([lsr.id, current_id], ids)


def _current_assessments(session: Session) -> tuple[int, dict[str, int]]:
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
    today = clock.today()
    york = start(
        session,
        programme.id,
        YORK,
        today - timedelta(days=50),
        team("Ruth Evans, lead reviewer", "Owen Price, analyst"),
    )
    done(session, york, "information_returned", late={"information_returned": 4})
    status(session, york, "in_progress")
    hartlepool = start(
        session,
        programme.id,
        HARTLEPOOL,
        today - timedelta(days=120),
        team("Ruth Evans, lead reviewer", "Grace Oduya, expert by experience"),
    )
    done(session, hartlepool, "site_visit")
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
