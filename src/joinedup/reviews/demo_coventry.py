"""The demo's Coventry reviews: the 2017-18 local system review and its light-touch follow-up,
whose slide deck stays unpublished. Written for the demo, after the seeds."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from joinedup.reviews.demo_steps import (
    COVENTRY,
    done,
    evidence,
    findings,
    report,
    start,
    status,
    team,
)
from joinedup.reviews.models import Review


def coventry(session: Session, programme_id: int) -> tuple[Review, Review]:
    review = start(
        session,
        programme_id,
        COVENTRY,
        date(2017, 12, 4),
        team("Daniel Reid, lead reviewer", "Grace Oduya, expert by experience"),
    )
    done(session, review, "action_plan_submitted", late={"action_plan_submitted": -5})
    status(session, review, "complete")
    aw, afi = "working_well", "area_for_improvement"
    findings(
        session,
        review,
        [
            (
                aw,
                "caring",
                "Frontline care",
                "Staff were committed to person-centred care that "
                "helps people stay independent at home.",
                [],
            ),
            (
                afi,
                "well_led",
                "Vision and strategy",
                "Partners should plan and deliver together, with one strategy for the system.",
                [],
            ),
            (
                afi,
                "well_led",
                "Performance, pace and drive",
                "System-level performance data should drive improvement.",
                [],
            ),
            (
                afi,
                "responsive",
                "Flow and use of capacity",
                "Choice at discharge and support to care homes would reduce delays and admissions.",
                [],
            ),
            (
                afi,
                "effective",
                "Information sharing and system navigation",
                "People and staff found it hard to find their way between services.",
                [],
            ),
        ],
    )
    summary = "A system-wide commitment to people, at the start of its journey to joined-up care."
    report(session, review, summary, "shared", "published")
    follow_up = start(
        session,
        programme_id,
        COVENTRY,
        date(2018, 10, 10),
        team("Daniel Reid, lead reviewer"),
        kind="follow_up_light",
        follow_up_of_id=review.id,
    )
    done(session, follow_up, "summit")
    status(session, follow_up, "complete")
    evidence(
        session,
        follow_up,
        [
            (
                "interview",
                date(2018, 12, 10),
                "Telephone call with the director of adult services, the CCG and the "
                "cabinet member",
                ["well_led", "responsive"],
                "Progress on the action plan was described with examples; some actions had "
                "slipped to involve stakeholders properly.",
            ),
        ],
    )
    findings(
        session,
        follow_up,
        [
            (
                aw,
                "well_led",
                "Vision and strategy",
                "The direction of travel since the review is positive.",
                [],
            ),
            (
                "area_of_future_focus",
                "effective",
                "Flow and use of capacity",
                "Clinical pathways need further work.",
                [],
            ),
            (
                "area_of_future_focus",
                "well_led",
                "Workforce",
                "A local workforce strategy is still needed.",
                [],
            ),
        ],
    )
    # The follow-up's slide deck goes to the system and the department, and is not published.
    report(session, follow_up, "Positive direction of travel; pathways and workforce.", "shared")
    return review, follow_up
