"""The demo's reviews: the 2017-18 local system review programme (complete, with follow-ups) and
a current programme of assessments at different stages. Written for the demo, after the seeds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.reviews import evidence, findings, service
from joinedup.reviews.models import EvidenceItem, Review

OXFORDSHIRE, COVENTRY, HARTLEPOOL = "E10000025", "E08000026", "E06000001"
STOCKPORT, TRAFFORD, YORK = "E08000007", "E08000009", "E06000014"
LSR, CQC = "local-system-review-2017", "cqc-local-authority-assessment"


def _team(*people: str) -> list[dict[str, str]]:
    return service.parse_team("\n".join(people))


def _done(
    session: Session, review: Review, until: str, *, late: dict[str, int] | None = None
) -> None:
    """Mark milestones done (on their planned date, or some days late) up to ``until``."""
    late = late or {}
    for milestone in list(review.milestones):
        planned = milestone.planned_date
        assert planned is not None
        service.update_milestone(
            session,
            actor=OPERATOR,
            review_id=review.id,
            key=milestone.key,
            version=milestone.version,
            planned_date=planned,
            actual_date=planned + timedelta(days=late.get(milestone.key, 0)),
        )
        if milestone.key == until:
            return


def _status(session: Session, review: Review, status: str) -> None:
    service.update_review(
        session, actor=OPERATOR, review_id=review.id, version=review.version, status=status
    )


def _report(session: Session, review: Review, summary: str, *states: str) -> None:
    for state in states:
        service.set_report_state(
            session,
            actor=OPERATOR,
            review_id=review.id,
            version=review.version,
            state=state,
            summary=summary,
        )


def _evidence(
    session: Session, review: Review, rows: list[tuple[str, date, str, list[str], str]]
) -> list[EvidenceItem]:
    return [
        evidence.add_evidence(
            session,
            actor=OPERATOR,
            review_id=review.id,
            kind=kind,
            gathered_on=day,
            source=source,
            questions=questions,
            summary=summary,
        )
        for kind, day, source, questions, summary in rows
    ]


def _findings(
    session: Session, review: Review, rows: list[tuple[str, str, str, str, list[EvidenceItem]]]
) -> None:
    for kind, question, theme, text, items in rows:
        findings.add_finding(
            session,
            actor=OPERATOR,
            review_id=review.id,
            kind=kind,
            key_question=question,
            theme=theme,
            text=text,
            evidence_ids=[i.id for i in items],
        )


@dataclass(frozen=True)
class DemoReviews:
    programme_ids: list[int]
    review_ids: dict[str, int]


def build(session: Session) -> DemoReviews:
    service.ensure_frameworks(session)
    lsr = service.create_programme(
        session,
        actor=OPERATOR,
        name="Local system reviews 2017-18",
        framework_key=LSR,
        description="Targeted reviews of systems with delayed transfers of care, and their "
        "follow-ups in late 2018.",
    )
    ids: dict[str, int] = {}
    ids["oxfordshire"] = _oxfordshire(session, lsr.id).id
    ids["oxfordshire_follow_up"] = _oxfordshire_follow_up(session, lsr.id, ids["oxfordshire"]).id
    ids["coventry"], ids["coventry_follow_up"] = (r.id for r in _coventry(session, lsr.id))
    stockport = service.create_review(
        session,
        actor=OPERATOR,
        programme_id=lsr.id,
        area_code=STOCKPORT,
        kind="full",
        start=date(2017, 11, 6),
        team=_team("Maya Collins, lead reviewer", "Owen Price, analyst"),
    )
    _done(session, stockport, "action_plan_submitted", late={"action_plan_submitted": 9})
    _status(session, stockport, "complete")
    _findings(
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
    _report(session, stockport, "Ambition is clear; governance needs simplifying.", "shared")
    _report(session, stockport, "Ambition is clear; governance needs simplifying.", "published")
    ids["stockport"] = stockport.id
    current_id, current = _current_assessments(session)
    ids.update(current)
    return DemoReviews([lsr.id, current_id], ids)


def _oxfordshire(session: Session, programme_id: int) -> Review:
    review = service.create_review(
        session,
        actor=OPERATOR,
        programme_id=programme_id,
        area_code=OXFORDSHIRE,
        kind="full",
        start=date(2017, 9, 25),
        team=_team(
            "Maya Collins, lead reviewer",
            "Daniel Reid, reviewer",
            "Grace Oduya, expert by experience",
            "Owen Price, analyst",
        ),
    )
    _done(session, review, "action_plan_submitted", late={"summit": 3})
    _status(session, review, "complete")
    ev = _evidence(
        session,
        review,
        [
            (
                "document",
                date(2017, 10, 16),
                "System overview information request, returned by the county council",
                ["well_led", "effective"],
                "Each partner described its own strategy; there was no joint strategy for "
                "older people and no shared view of demand.",
            ),
            (
                "data",
                date(2017, 10, 20),
                "Local area dashboard, six indicators",
                ["responsive", "effective"],
                "Delayed transfers of care were among the highest in England; the share of "
                "older people offered reablement after hospital was well below average.",
            ),
            (
                "relational_audit",
                date(2017, 10, 30),
                "Relational audit of 14 system leaders",
                ["well_led"],
                "Leaders trusted colleagues in their own organisation more than partners; "
                "contact between acute and social care managers was mostly about escalations.",
            ),
            (
                "case_tracking",
                date(2017, 11, 14),
                "Tracking of eight people aged 65 and over through hospital discharge",
                ["responsive", "safe", "caring"],
                "Five of the eight waited in hospital after they were medically fit, most for "
                "home care; assessments were repeated by different teams.",
            ),
            (
                "focus_group",
                date(2017, 11, 15),
                "Care home and home care managers",
                ["effective", "responsive"],
                "Providers felt contracts were about price and volume; they were rarely "
                "involved in planning and struggled to recruit care workers.",
            ),
            (
                "interview",
                date(2017, 11, 16),
                "Carers' group",
                ["caring"],
                "Carers valued individual staff but found it hard to get information and "
                "felt their own needs were not assessed.",
            ),
            (
                "survey",
                date(2017, 11, 17),
                "Survey of frontline health and social care staff (212 replies)",
                ["caring", "well_led"],
                "Staff were proud of the care they gave and frustrated by hand-offs between "
                "organisations.",
            ),
        ],
    )
    sift, data, audit_, tracking, providers, carers, staff = ev
    aw, afi = "working_well", "area_for_improvement"
    _findings(
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
    _report(session, review, summary, "shared", "published")
    return review


def _oxfordshire_follow_up(session: Session, programme_id: int, first_id: int) -> Review:
    review = service.create_review(
        session,
        actor=OPERATOR,
        programme_id=programme_id,
        area_code=OXFORDSHIRE,
        kind="follow_up_visit",
        start=date(2018, 10, 15),
        follow_up_of_id=first_id,
        team=_team("Maya Collins, lead reviewer", "Owen Price, analyst"),
    )
    _done(session, review, "summit")
    _status(session, review, "complete")
    ev = _evidence(
        session,
        review,
        [
            (
                "interview",
                date(2018, 11, 27),
                "System leaders' group",
                ["well_led"],
                "A joint board now oversees the action plan; leaders describe better "
                "relationships, not yet felt on the wards.",
            ),
            (
                "focus_group",
                date(2018, 11, 28),
                "Voluntary sector and independent providers",
                ["effective", "well_led"],
                "Voluntary organisations and providers felt the change in culture had not "
                "reached them.",
            ),
        ],
    )
    leaders, partners = ev
    aw, fut = "working_well", "area_of_future_focus"
    _findings(
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
    _report(
        session,
        review,
        "Real progress on vision and governance; four areas of future focus.",
        "shared",
    )
    return review


def _coventry(session: Session, programme_id: int) -> tuple[Review, Review]:
    review = service.create_review(
        session,
        actor=OPERATOR,
        programme_id=programme_id,
        area_code=COVENTRY,
        kind="full",
        start=date(2017, 12, 4),
        team=_team("Daniel Reid, lead reviewer", "Grace Oduya, expert by experience"),
    )
    _done(session, review, "action_plan_submitted", late={"action_plan_submitted": -5})
    _status(session, review, "complete")
    aw, afi = "working_well", "area_for_improvement"
    _findings(
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
    _report(session, review, summary, "shared", "published")
    follow_up = service.create_review(
        session,
        actor=OPERATOR,
        programme_id=programme_id,
        area_code=COVENTRY,
        kind="follow_up_light",
        start=date(2018, 10, 10),
        follow_up_of_id=review.id,
        team=_team("Daniel Reid, lead reviewer"),
    )
    _done(session, follow_up, "summit")
    _status(session, follow_up, "complete")
    _evidence(
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
    _findings(
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
    _report(session, follow_up, "Positive direction of travel; pathways and workforce.", "shared")
    return review, follow_up


def _current_assessments(session: Session) -> tuple[int, dict[str, int]]:
    """A current programme at three stages, dated from today so that warnings show."""
    programme = service.create_programme(
        session,
        actor=OPERATOR,
        name="Assessments of local authorities",
        framework_key=CQC,
        description="Assessments under the Care Act 2014 (demonstration).",
    )
    today = date.today()
    york = service.create_review(
        session,
        actor=OPERATOR,
        programme_id=programme.id,
        area_code=YORK,
        kind="full",
        start=today - timedelta(days=50),
        team=_team("Ruth Evans, lead reviewer", "Owen Price, analyst"),
    )
    _done(session, york, "information_returned", late={"information_returned": 4})
    _status(session, york, "in_progress")
    hartlepool = service.create_review(
        session,
        actor=OPERATOR,
        programme_id=programme.id,
        area_code=HARTLEPOOL,
        kind="full",
        start=today - timedelta(days=120),
        team=_team("Ruth Evans, lead reviewer", "Grace Oduya, expert by experience"),
    )
    _done(session, hartlepool, "site_visit")
    _status(session, hartlepool, "reporting")
    framework = service.framework(session, CQC)
    for statement, score in zip(framework.question_ids, [3, 2, 3, 3, 2, 2, 3, 2, 3], strict=True):
        findings.set_score(
            session, actor=OPERATOR, review_id=hartlepool.id, statement_id=statement, score=score
        )
    trafford = service.create_review(
        session,
        actor=OPERATOR,
        programme_id=programme.id,
        area_code=TRAFFORD,
        kind="full",
        start=today + timedelta(days=30),
        team=_team("Daniel Reid, lead reviewer"),
    )
    return programme.id, {"york": york.id, "hartlepool": hartlepool.id, "trafford": trafford.id}
