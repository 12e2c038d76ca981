"""The demo's Oxfordshire reviews: the 2017-18 local system review and its follow-up with a
site visit. Written for the demo, after the seeds."""

from __future__ import annotations

from sqlalchemy.orm import Session

from joinedup.reviews.demo_steps import (
    OXFORDSHIRE,
    evidence,
    findings,
    progress,
    report,
    start,
    team,
)
from joinedup.reviews.models import Review
from joinedup.timeline import Timeline


def oxfordshire(
    session: Session, timeline: Timeline, programme_id: int, *, ranking_run_id: int | None = None
) -> Review:
    """The review of autumn 2017: its report published in January 2018 and the 18-month action
    plan submitted in March 2018 (seed 003)."""
    on = timeline.on
    review = start(
        session,
        programme_id,
        OXFORDSHIRE,
        on(2017, 9, 25),
        team(
            "Maya Collins, lead reviewer",
            "Daniel Reid, reviewer",
            "Grace Oduya, expert by experience",
            "Owen Price, analyst",
        ),
        ranking_run_id=ranking_run_id,
    )
    progress(
        session,
        review,
        timeline.today,
        {
            "soir_returned": on(2017, 10, 16),
            "relational_audit": on(2017, 10, 30),
            "on_site_week": on(2017, 11, 13),
            "summit": on(2018, 1, 10),
            "report_published": on(2018, 1, 18),
            # the Board agreed the plan on 15 March; it went to CQC the next day
            "action_plan_submitted": on(2018, 3, 16),
        },
    )
    ev = evidence(
        session,
        review,
        timeline.today,
        [
            (
                "document",
                on(2017, 10, 16),
                "System overview information request, returned by the county council",
                ["well_led", "effective"],
                "Each partner described its own strategy; there was no joint strategy for "
                "older people and no shared view of demand.",
            ),
            (
                "data",
                on(2017, 10, 20),
                "Local area dashboard, six indicators",
                ["responsive", "effective"],
                "Delayed transfers of care were among the highest in England; the share of "
                "older people offered reablement after hospital was well below average.",
            ),
            (
                "relational_audit",
                on(2017, 10, 30),
                "Relational audit of 14 system leaders",
                ["well_led"],
                "Leaders trusted colleagues in their own organisation more than partners; "
                "contact between acute and social care managers was mostly about escalations.",
            ),
            (
                "case_tracking",
                on(2017, 11, 14),
                "Tracking of eight people aged 65 and over through hospital discharge",
                ["responsive", "safe", "caring"],
                "Five of the eight waited in hospital after they were medically fit, most for "
                "home care; assessments were repeated by different teams.",
            ),
            (
                "focus_group",
                on(2017, 11, 15),
                "Care home and home care managers",
                ["effective", "responsive"],
                "Providers felt contracts were about price and volume; they were rarely "
                "involved in planning and struggled to recruit care workers.",
            ),
            (
                "interview",
                on(2017, 11, 16),
                "Carers' group",
                ["caring"],
                "Carers valued individual staff but found it hard to get information and "
                "felt their own needs were not assessed.",
            ),
            (
                "survey",
                on(2017, 11, 17),
                "Survey of frontline health and social care staff (212 replies)",
                ["caring", "well_led"],
                "Staff were proud of the care they gave and frustrated by hand-offs between "
                "organisations.",
            ),
        ],
    )
    if not timeline.happened(on(2018, 1, 10)):
        return review
    sift, data, audit_, tracking, providers, carers, staff = ev
    aw, afi = "working_well", "area_for_improvement"
    findings(
        session,
        review,
        [
            (
                aw,
                "caring",
                "Frontline care",
                "Frontline staff treated people with kindness "
                "and worked hard to keep them independent at home.",
                [staff, tracking],
            ),
            (
                aw,
                "safe",
                "Learning After Escalation",
                "Partners had come together during the "
                "winter escalation and kept some of the joint daily calls that worked.",
                [audit_],
            ),
            (
                afi,
                "well_led",
                "Vision, Governance & Strategy",
                "There was no shared vision or "
                "joint governance for how health and social care would serve older people.",
                [sift, audit_],
            ),
            (
                afi,
                "well_led",
                "Organisational Development",
                "Relationships between "
                "organisations rested on escalation rather than trust; leaders should build a "
                "shared culture.",
                [audit_, staff],
            ),
            (
                afi,
                "effective",
                "Older People's Strategy",
                "An older people's strategy, agreed "
                "by every partner, is needed to plan services around people.",
                [sift],
            ),
            (
                afi,
                "responsive",
                "Demand Pressures",
                "Demand was not understood across the "
                "system, and continuing health care spending ran above plan.",
                [data, sift],
            ),
            (
                afi,
                "effective",
                "Workforce Strategy",
                "Care worker vacancies limited home care; "
                "there was no joint plan to recruit and keep staff.",
                [providers],
            ),
            (
                afi,
                "responsive",
                "Flow & Pathways",
                "People waited in hospital once ready to "
                "leave, and were assessed several times by different teams.",
                [tracking, data],
            ),
            (
                afi,
                "effective",
                "Market Management",
                "The care market was fragile and "
                "commissioning focused on price rather than outcomes.",
                [providers],
            ),
            (
                afi,
                "responsive",
                "Housing",
                "Housing and adaptations were not part of discharge planning.",
                [tracking],
            ),
            (
                afi,
                "effective",
                "Review of Commissioned Services",
                "Short stay beds, hospital at home and reablement had not been evaluated together.",
                [data],
            ),
            (
                afi,
                "caring",
                "Support for Carers",
                "Carers lacked information and few had an assessment of their own needs.",
                [carers],
            ),
            (
                afi,
                "responsive",
                "Self-Funders",
                "People paying for their own care had little "
                "advice and often stayed in hospital while arranging it.",
                [tracking],
            ),
            (
                afi,
                "responsive",
                "Trusted Assessor",
                "Care homes re-assessed people already "
                "assessed in hospital; a trusted assessor scheme would avoid the wait.",
                [providers, tracking],
            ),
            (
                afi,
                "well_led",
                "Co-production",
                "People who use services and carers were not involved in designing them.",
                [carers],
            ),
        ],
    )
    summary = (
        "Staff are committed and caring, but the system lacks a shared vision, joint "
        "governance and a common understanding of demand; people wait too long to leave "
        "hospital."
    )
    report(session, review, summary, "shared", on=on(2018, 1, 10))
    if timeline.happened(on(2018, 1, 18)):
        report(session, review, summary, "published", on=on(2018, 1, 18))
    return review


def oxfordshire_follow_up(
    session: Session, timeline: Timeline, programme_id: int, first_id: int
) -> Review | None:
    """The follow-up with a site visit of autumn 2018, its report shared with the system in
    January 2019; its areas of future focus were absorbed into the plan (seed 003)."""
    on = timeline.on
    if not timeline.happened(on(2018, 10, 15)):
        return None
    review = start(
        session,
        programme_id,
        OXFORDSHIRE,
        on(2018, 10, 15),
        team("Maya Collins, lead reviewer", "Owen Price, analyst"),
        kind="follow_up_visit",
        follow_up_of_id=first_id,
    )
    progress(
        session,
        review,
        timeline.today,
        {
            "progress_returned": on(2018, 11, 5),
            "site_visit": on(2018, 11, 26),
            "feedback": on(2018, 11, 28),
            "report_shared": on(2019, 1, 17),
            "plan_updated": on(2019, 3, 14),
        },
    )
    ev = evidence(
        session,
        review,
        timeline.today,
        [
            (
                "interview",
                on(2018, 11, 27),
                "System leaders' group",
                ["well_led"],
                "A joint board now oversees the action plan; leaders describe better "
                "relationships, not yet felt on the wards.",
            ),
            (
                "focus_group",
                on(2018, 11, 28),
                "Voluntary sector and independent providers",
                ["effective", "well_led"],
                "Voluntary organisations and providers felt the change in culture had not "
                "reached them.",
            ),
        ],
    )
    if not timeline.happened(on(2018, 11, 28)):
        return review
    leaders, partners = ev
    aw, fut = "working_well", "area_of_future_focus"
    findings(
        session,
        review,
        [
            (
                aw,
                "well_led",
                "Vision, Governance & Strategy",
                "Leaders have agreed a shared vision and a board that holds the action plan.",
                [leaders],
            ),
            (
                fut,
                "well_led",
                "Organisational Development",
                "Culture change should reach "
                "frontline staff, doctors especially, so that care planning starts from what "
                "people can do.",
                [leaders],
            ),
            (
                fut,
                "responsive",
                "Flow & Pathways",
                "Review every pathway of care; evaluate "
                "discharge to assess and move away from assessing people in beds, including "
                "their housing, equipment and adaptation needs.",
                [leaders],
            ),
            (
                fut,
                "effective",
                "Review of Commissioned Services",
                "Commission with the "
                "independent care market as partners rather than by transaction, and involve "
                "providers in developing the market.",
                [partners],
            ),
            (
                fut,
                "well_led",
                "Voluntary, Community & Social Enterprise (VCSE) Sector",
                "Spread the better relationships across the whole system, including the "
                "voluntary sector and independent providers.",
                [partners],
            ),
        ],
    )
    summary = "Real progress on vision and governance; four areas of future focus."
    # Shared with the system; not published here, so that the demo keeps a review only its own
    # system reads (seed 003 says the real one was published in January 2019).
    if timeline.happened(on(2019, 1, 17)):
        report(session, review, summary, "shared", on=on(2019, 1, 17))
    return review
