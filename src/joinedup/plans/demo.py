"""Oxfordshire's demo improvement plan: 15 workstreams A-O shaped like a real highlight report,
with 18 months of dated updates and a rating at every Health and Wellbeing Board meeting.

Dates are counted back from shortly before today, so the demo always looks current: the plan was
drafted 18 months ago and the latest board meeting was ten days ago. The latest ratings are those
of the report the demo is shaped on: seven Green, eight Amber, none Red.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from joinedup.access import service as access
from joinedup.access.rules import OPERATOR
from joinedup.errors import NotFound
from joinedup.plans import service
from joinedup.plans.models import Plan
from joinedup.plans.rules import ActionStatus, Rating
from joinedup.reviews import service as reviews

OXFORDSHIRE = "E10000025"
CONTRIBUTOR_EMAIL = "workstream@oxfordshire.demo.joinedup.test"
BOARD_MONTHS = (-15, -12, -9, -6, -3, 0)  # board meetings, in months from the latest one


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


@dataclass(frozen=True)
class DemoAction:
    description: str
    owner: str
    due: int  # months from the latest board meeting
    final: ActionStatus
    indicative: bool = False


@dataclass(frozen=True)
class DemoWorkstream:
    code: str
    title: str
    group: str
    leads: str
    rating: Rating
    rationale: str
    mitigation: str
    actions: tuple[DemoAction, ...]


DONE, ON, RISK, SLIP = (
    ActionStatus.COMPLETE,
    ActionStatus.ON_TRACK,
    ActionStatus.AT_RISK,
    ActionStatus.SLIPPED,
)
GREEN, AMBER = Rating.GREEN, Rating.AMBER
BOARD = "Integrated System Delivery Board"

WORKSTREAMS: tuple[DemoWorkstream, ...] = (
    DemoWorkstream(
        "A",
        "Vision, governance and strategy",
        BOARD,
        "Chief executives of the council and ICB",
        GREEN,
        "Nearly every task is finished and the last ones are on schedule.",
        "",
        (
            DemoAction(
                "Agree a shared vision for health and care with all partners",
                "Director of Adult Services",
                -14,
                DONE,
            ),
            DemoAction(
                "Set up one system board with clear terms of reference",
                "Head of Governance",
                -12,
                DONE,
            ),
            DemoAction("Publish a joint strategy that residents can read", "Strategy Lead", 2, ON),
        ),
    ),
    DemoWorkstream(
        "B",
        "Organisational development",
        BOARD,
        "Director of Workforce",
        AMBER,
        "The first round of actions is done, but there is no detailed plan yet for the culture "
        "change the follow-up review asked for.",
        "A lead has been named and is drawing up the plan with frontline staff.",
        (
            DemoAction(
                "Run joint leadership sessions for senior managers",
                "Director of Workforce",
                -10,
                DONE,
            ),
            DemoAction(
                "Plan culture work so frontline teams adopt strength-based care planning",
                "Organisational Development Lead",
                -1,
                RISK,
                True,
            ),
            DemoAction(
                "Measure staff views on joint working every six months", "Workforce Analyst", 4, ON
            ),
        ),
    ),
    DemoWorkstream(
        "C",
        "Older people's strategy",
        "Health and Wellbeing Board",
        "Director of Public Health",
        GREEN,
        "The board approved the strategy; its delivery plan is being written with providers.",
        "",
        (
            DemoAction(
                "Write the older people's strategy with residents", "Strategy Lead", -4, DONE
            ),
            DemoAction("Bring the delivery plan to the board", "Commissioning Manager", 3, ON),
        ),
    ),
    DemoWorkstream(
        "D",
        "Learning after escalation",
        BOARD,
        "Chief Operating Officer",
        GREEN,
        "Every task in this workstream is complete.",
        "",
        (
            DemoAction(
                "Review what happened during the winter escalation",
                "Chief Operating Officer",
                -13,
                DONE,
            ),
            DemoAction(
                "Share the lessons with every partner and update the escalation plan",
                "Urgent Care Lead",
                -9,
                DONE,
            ),
        ),
    ),
    DemoWorkstream(
        "E",
        "Demand pressures",
        "Joint Management Group",
        "Director of Finance",
        AMBER,
        "Most actions are complete or on track, but the plan for continuing health care within "
        "budget is late because the post to lead it was vacant.",
        "A new commissioner started last month and will bring the updated plan shortly.",
        (
            DemoAction(
                "Model demand for care over the next five years", "Performance Lead", -8, DONE
            ),
            DemoAction(
                "Plan continuing health care within the agreed budget",
                "Continuing Care Commissioner",
                -2,
                SLIP,
            ),
            DemoAction(
                "Expand admission avoidance in the community", "Community Services Manager", 2, ON
            ),
        ),
    ),
    DemoWorkstream(
        "F",
        "Market management",
        "Joint Management Group",
        "Head of Commissioning",
        GREEN,
        "All tasks are on track, including the care homes and home care strategies.",
        "",
        (
            DemoAction(
                "Publish market position statements", "Market Development Manager", -6, DONE
            ),
            DemoAction("Agree the care homes strategy", "Head of Commissioning", 1, ON),
            DemoAction("Procure short stay beds", "Procurement Lead", 3, ON),
        ),
    ),
    DemoWorkstream(
        "G",
        "Workforce strategy",
        BOARD,
        "Director of Workforce",
        AMBER,
        "Operational actions are done or on track; how the county feeds into the wider "
        "partnership's workforce strategy, and when, is not yet clear.",
        "The steering group will ask the workstream leads for a timetable at its next meeting.",
        (
            DemoAction(
                "Run a joint recruitment campaign for care staff", "Recruitment Manager", -7, DONE
            ),
            DemoAction(
                "Agree the county's part in the regional workforce strategy",
                "Director of Workforce",
                -1,
                RISK,
                True,
            ),
        ),
    ),
    DemoWorkstream(
        "H",
        "Flow and pathways",
        "A&E Delivery Board",
        "Tom Hughes",
        AMBER,
        "There is no detailed plan yet for the review of care pathways and discharge to assess "
        "that the follow-up review asked for.",
        "A workstream lead is in post and the plan is being written now.",
        (
            DemoAction(
                "Introduce a single point of access for hospital discharge", "Tom Hughes", -9, DONE
            ),
            DemoAction(
                "Review care pathways, moving away from assessment in beds", "Tom Hughes", -1, SLIP
            ),
            DemoAction(
                "Include equipment and home adaptations in discharge planning",
                "Occupational Therapy Lead",
                3,
                ON,
            ),
        ),
    ),
    DemoWorkstream(
        "I",
        "Housing",
        "Housing and Health Partnership",
        "Head of Housing",
        GREEN,
        "Most tasks are complete; the two that remain are due within three months.",
        "",
        (
            DemoAction(
                "Place housing officers in hospital discharge teams", "Head of Housing", -8, DONE
            ),
            DemoAction("Speed up disabled facilities grants", "Housing Improvement Manager", 2, ON),
            DemoAction(
                "Agree a protocol for people with no home to go to",
                "Housing Options Manager",
                2,
                ON,
            ),
        ),
    ),
    DemoWorkstream(
        "J",
        "Review of commissioned services",
        "Joint Management Group",
        "Head of Commissioning",
        AMBER,
        "Several service reviews are done, but more evidence is needed that commissioning has "
        "moved from a transactional to a partnership approach.",
        "Providers are involved in co-produced projects and the provider conference continues.",
        (
            DemoAction(
                "Review reablement, home care and short stay beds",
                "Commissioning Manager",
                -5,
                DONE,
            ),
            DemoAction(
                "Summarise the service reviews for the joint management groups",
                "Commissioning Manager",
                1,
                ON,
            ),
            DemoAction(
                "Engage providers in shaping the care market",
                "Market Development Manager",
                -1,
                RISK,
            ),
        ),
    ),
    DemoWorkstream(
        "K",
        "Support for carers",
        "Carers Partnership",
        "Tom Hughes",
        AMBER,
        "Two events for carers were held late; a fuller plan is needed once they are done.",
        "The workstream lead will bring an updated plan after the second event.",
        (
            DemoAction("Hold a listening event with carers", "Tom Hughes", -2, DONE),
            DemoAction("Hold the strategic carers event", "Carers Lead", -1, SLIP),
        ),
    ),
    DemoWorkstream(
        "L",
        "Self-funders",
        "Joint Management Group",
        "Head of Adult Social Care",
        GREEN,
        "The brokerage service for people who pay for their own care opens next month.",
        "",
        (
            DemoAction(
                "Design a brokerage service for self-funders", "Brokerage Manager", -3, DONE
            ),
            DemoAction("Open the brokerage service", "Brokerage Manager", 1, ON),
        ),
    ),
    DemoWorkstream(
        "M",
        "Trusted assessor",
        "A&E Delivery Board",
        "Discharge Lead",
        GREEN,
        "Every task is complete or on track for its planned date.",
        "",
        (
            DemoAction(
                "Train trusted assessors for care home admissions", "Discharge Lead", -6, DONE
            ),
            DemoAction("Extend trusted assessment to home care", "Discharge Lead", 4, ON),
        ),
    ),
    DemoWorkstream(
        "N",
        "Co-production",
        "Health and Wellbeing Board",
        "Healthwatch Lead",
        AMBER,
        "The system-wide approach to co-production was discussed by the board but not yet "
        "approved.",
        "The paper will be revised and brought back to a future board meeting.",
        (
            DemoAction(
                "Write a system-wide approach to co-production", "Healthwatch Lead", -3, SLIP
            ),
            DemoAction("Train staff in co-production", "Engagement Manager", 5, ON, True),
        ),
    ),
    DemoWorkstream(
        "O",
        "Voluntary, community and social enterprise sector",
        BOARD,
        "VCSE Alliance Chair",
        AMBER,
        "Joint working with the sector continues, but there is no detailed plan yet to embed the "
        "cultural change the follow-up review asked for.",
        "A workstream lead has been named and plans are being written.",
        (
            DemoAction(
                "Fund a VCSE alliance to speak for the sector", "VCSE Alliance Chair", -10, DONE
            ),
            DemoAction(
                "Embed the sector in system planning and decisions",
                "VCSE Alliance Chair",
                -1,
                RISK,
                True,
            ),
        ),
    ),
)

# Which workstream answers a finding, by words in its text (first match; else A).
FINDING_WORDS = (
    ("B", ("culture", "organisation development", "strength")),
    ("H", ("pathway", "discharge")),
    ("J", ("commissioning", "market", "provider")),
    ("K", ("carer",)),
    ("N", ("co-production", "coproduction")),
    ("O", ("vcse", "voluntary")),
    ("G", ("workforce",)),
    ("I", ("housing",)),
    ("L", ("self-fund", "fund their own")),
    ("M", ("trusted assess",)),
    ("E", ("demand", "continuing health care")),
    ("C", ("older people",)),
)


def _workstream_for(text: str) -> str:
    lowered = text.lower()
    for code, words in FINDING_WORDS:
        if any(word in lowered for word in words):
            return code
    return "A"


def _journey(action: DemoAction, latest: date) -> list[tuple[int, dict[str, object]]]:
    """The updates an action gets: (month from the latest meeting, update arguments)."""
    due = add_months(latest, action.due)
    steps: list[tuple[int, dict[str, object]]] = [
        (-16, {"status": "on_track", "note": "Work has started and the first meeting is held."})
    ]
    if action.final == DONE:
        done_month = max(action.due, -15)
        steps.append((done_month, {"status": "complete", "note": "Delivered and signed off."}))
    elif action.final == RISK:
        steps.append((-6, {"note": "Progress is slower than planned; the lead is reviewing it."}))
        steps.append((-2, {"status": "at_risk", "note": "The planned date is at risk."}))
    elif action.final == SLIP:
        steps.append((-5, {"status": "at_risk", "note": "Key people are not yet in post."}))
        steps.append(
            (
                -2,
                {
                    "status": "slipped",
                    "forecast_due": add_months(due, 4),
                    "reason": "Waiting for partners to agree the approach.",
                    "note": "The date has moved; a new plan is being agreed.",
                },
            )
        )
    else:
        steps.append((-7, {"note": "On course for the planned date."}))
    if action.final != DONE:
        steps.append((0, {"note": "Progress reported to the board this month."}))
    return steps


def build(session: Session, *, latest: date | None = None) -> Plan:
    """Add Oxfordshire's plan (idempotent: an existing plan is returned unchanged)."""
    latest = latest or date.today() - timedelta(days=10)
    existing = service.plans_of(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    if existing:
        return existing[-1]
    start = add_months(latest, -18)
    findings = reviews.findings_needing_action(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    plan = service.create_plan(
        session,
        actor=OPERATOR,
        area_code=OXFORDSHIRE,
        title="Local system review: improvement plan",
        review_id=findings[0].review_id if findings else None,
        agreed_on=add_months(start, 2),
        planned_end=add_months(start, 20),
    )
    try:
        contributor_id = access.get_user(session, CONTRIBUTOR_EMAIL).id
    except NotFound:
        contributor_id = None
    created: list[tuple[DemoAction, int]] = []
    by_code: dict[str, list[int]] = {}
    for demo in WORKSTREAMS:
        workstream = service.add_workstream(
            session,
            actor=OPERATOR,
            plan_id=plan.id,
            code=demo.code,
            title=demo.title,
            responsible_group=demo.group,
            leads=demo.leads,
        )
        if contributor_id is not None and demo.leads == "Tom Hughes":
            service.assign_member(
                session, actor=OPERATOR, workstream_id=workstream.id, user_id=contributor_id
            )
        for item in demo.actions:
            action = service.add_action(
                session,
                actor=OPERATOR,
                workstream_id=workstream.id,
                description=item.description,
                owner=item.owner,
                due=add_months(latest, item.due),
                indicative=item.indicative,
                on=start,
            )
            created.append((item, action.id))
            by_code.setdefault(demo.code, []).append(action.id)
    for finding in findings:
        target = by_code[_workstream_for(f"{finding.theme} {finding.text}")][-1]
        service.link_findings(session, actor=OPERATOR, action_id=target, finding_ids=[finding.id])
    for status in ("agreed", "submitted", "in_delivery"):
        service.set_plan_status(
            session,
            actor=OPERATOR,
            plan_id=plan.id,
            status=status,
            version=plan.version,
            coverage_exception="Actions for the follow-up review's findings are being added.",
        )
    events = sorted(
        (month, n, action_id, step)
        for n, (item, action_id) in enumerate(created)
        for month, step in _journey(item, latest)
    )
    versions = dict.fromkeys((a for _, a in created), 1)
    meetings = [add_months(latest, m) for m in BOARD_MONTHS[:-1]] + [latest]
    done = 0
    for meeting_month, meeting in zip(BOARD_MONTHS, meetings, strict=True):
        for month, _, action_id, step in events[done:]:
            if month > meeting_month:
                break
            service.update_action(
                session,
                actor=OPERATOR,
                action_id=action_id,
                version=versions[action_id],
                on=min(add_months(latest, month) - timedelta(days=7), meeting),
                **step,  # type: ignore[arg-type]
            )
            versions[action_id] += 1
            done += 1
        _rate(session, plan, meeting, final=meeting == latest)
    return plan


def _rate(session: Session, plan: Plan, meeting: date, *, final: bool) -> None:
    for demo in WORKSTREAMS:
        workstream = service.workstream_by_code(
            session, actor=OPERATOR, plan_id=plan.id, code=demo.code
        )
        suggested = service.suggestion(
            session, actor=OPERATOR, workstream_id=workstream.id, on=meeting
        )
        rating = demo.rating if final else suggested.rating
        rationale = (
            demo.rationale if final else "Reviewed at the board: " + "; ".join(suggested.triggers)
        )
        mitigation = demo.mitigation if final else "The workstream lead is addressing the issues."
        service.record_rag(
            session,
            actor=OPERATOR,
            workstream_id=workstream.id,
            rating=rating.value,
            rationale=rationale,
            mitigation=mitigation if rating != Rating.GREEN else "",
            override_reason=""
            if rating == suggested.rating
            else "The lead's judgement of progress differs from the dates alone.",
            on=meeting,
        )
