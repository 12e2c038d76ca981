"""The demo's Coventry reviews: the 2017-18 local system review and its light-touch follow-up,
whose slide deck stays unpublished. Written for the demo, after the seeds."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.reviews import service
from joinedup.reviews.demo_steps import (
    COVENTRY,
    evidence,
    findings,
    progress,
    report,
    start,
    team,
)
from joinedup.reviews.models import Review
from joinedup.reviews.schemas import Attendee, PlanSection, SummitIn
from joinedup.timeline import Timeline

# The seven sections of Coventry's plan agreed at the summit (cabinet report, 12 June 2018), each
# with the group answering for it: the place-based forum for strategy and the A&E delivery group
# for flow, as the report says; the other groups are the demo's.
SECTIONS = (
    ("Vision and strategy", "Coventry and Warwickshire Place Based Forum"),
    ("Engagement and involvement", "Coventry Health and Wellbeing Board"),
    ("Performance, pace and drive", "Better Care Fund Operational Group"),
    ("Flow and use of capacity", "Coventry Accident and Emergency Delivery Group"),
    ("Market development", "Joint Commissioning Board"),
    ("Workforce", "Coventry and Warwickshire Local Workforce Action Board"),
    ("Information sharing and system navigation", "Digital Transformation Board"),
)
ATTENDEES = (
    ("Councillor F Abbott", "Cabinet Member for Adult Services", "Coventry City Council"),
    ("Pete Fahy", "Director of Adult Services", "Coventry City Council"),
    ("Andrea Green", "Accountable Officer", "Coventry and Rugby Clinical Commissioning Group"),
    ("Daniel Reid", "Lead reviewer", "Care Quality Commission"),
    ("Grace Oduya", "Expert by experience", "Care Quality Commission"),
)


def coventry(
    session: Session, timeline: Timeline, programme_id: int, *, ranking_run_id: int | None = None
) -> tuple[Review, Review | None]:
    """The review from the information request of 4 December 2017 to the summit of 14 March
    2018, the report published the next day and the plan agreed by the Board on 9 April; then
    the light-touch follow-up announced on 10 October 2018, with its call on 10 December."""
    on = timeline.on
    review = start(
        session,
        programme_id,
        COVENTRY,
        on(2017, 12, 4),
        team("Daniel Reid, lead reviewer", "Grace Oduya, expert by experience"),
        ranking_run_id=ranking_run_id,
    )
    progress(
        session,
        review,
        timeline.today,
        {
            "soir_returned": on(2017, 12, 22),
            "relational_audit": on(2018, 1, 8),
            "on_site_week": on(2018, 1, 22),
            "summit": on(2018, 3, 14),
            "report_published": on(2018, 3, 15),
            "action_plan_submitted": on(2018, 4, 9),
        },
    )
    if not timeline.happened(on(2018, 3, 14)):
        return review, None
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
    summit(session, review, on(2018, 3, 14))
    summary = "A system-wide commitment to people, at the start of its journey to joined-up care."
    report(session, review, summary, "shared", on=on(2018, 3, 14))
    if timeline.happened(on(2018, 3, 15)):
        report(session, review, summary, "published", on=on(2018, 3, 15))
    if not timeline.happened(on(2018, 10, 10)):
        return review, None
    follow_up = start(
        session,
        programme_id,
        COVENTRY,
        on(2018, 10, 10),
        team("Daniel Reid, lead reviewer"),
        kind="follow_up_light",
        follow_up_of_id=review.id,
    )
    progress(
        session,
        follow_up,
        timeline.today,
        {
            "progress_assessed": on(2018, 11, 9),
            "telephone_interviews": on(2018, 12, 10),
            "latest_indicators": on(2018, 12, 10),
            "draft_deck": on(2019, 1, 7),
            "final_deck": on(2019, 2, 4),
            "reported": on(2019, 2, 4),
        },
    )
    evidence(
        session,
        follow_up,
        timeline.today,
        [
            (
                "interview",
                on(2018, 12, 10),
                "Telephone call with the director of adult services, the CCG and the "
                "cabinet member",
                ["well_led", "responsive"],
                "Progress on the action plan was described with examples; some actions had "
                "slipped to involve stakeholders properly.",
            ),
        ],
    )
    if not timeline.happened(on(2019, 1, 7)):
        return review, follow_up
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
    deck = "Positive direction of travel; pathways and workforce."
    report(session, follow_up, deck, "shared", on=on(2019, 1, 7))
    return review, follow_up


def summit(session: Session, review: Review, held_on: date) -> None:
    """The Health and Wellbeing Board's summit, where CQC shared its findings and the plan's
    seven sections were agreed."""
    service.record_summit(
        session,
        actor=OPERATOR,
        review_id=review.id,
        data=SummitIn(
            held_on=held_on,
            chair_name="Councillor K Caan",
            chair_role="Cabinet Member for Public Health and Sport",
            attendees=[Attendee(name=n, role=r, organisation=o) for n, r, o in ATTENDEES],
            sections=[PlanSection(title=t, responsible_group=g) for t, g in SECTIONS],
        ),
    )
