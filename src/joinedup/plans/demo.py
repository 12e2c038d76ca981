"""Oxfordshire's demo improvement plan: 15 workstreams A-O shaped like a real highlight report,
with dated updates and a rating for every meeting of the Health and Wellbeing Board.

Dates are the story's (seed 003), moved by the timeline: the 18-month plan agreed in March 2018,
the follow-up review's areas of future focus absorbed in February 2019, the ratings as at
31 May 2019 those of the highlight report to the Board of 13 June 2019 (seven Green, eight
Amber, none Red), then the plan delivered through the board year. Nothing after the timeline's
today is recorded.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from joinedup.access import service as access
from joinedup.access.rules import OPERATOR
from joinedup.errors import NotFound
from joinedup.plans import service
from joinedup.plans.demo_workstreams import (
    DONE,
    RISK,
    SLIP,
    THEMES,
    WORKSTREAMS,
    DemoAction,
)
from joinedup.plans.schemas import (
    ActionChange,
    ActionIn,
    PlanIn,
    PlanStatusIn,
    RagIn,
    Rating,
    WorkstreamIn,
)
from joinedup.reviews import service as reviews
from joinedup.timeline import BOARD_MEETINGS, Timeline

OXFORDSHIRE = "E10000025"
COVENTRY = "E08000026"
CONTRIBUTOR_EMAIL = "workstream@oxfordshire.demo.joinedup.test"
# The reporting date of seed 003's highlight report: action months count from it.
SEED_REPORTING = date(2019, 5, 31)
PLAN_AGREED = date(2018, 3, 15)  # by the Board; submitted to CQC the next day
ABSORBED_ON = date(2019, 2, 21)  # the follow-up report's areas of future focus join the plan
FIRST_RATED = date(2018, 6, 28)  # the first Board meeting after the plan was agreed
FUTURE_FOCUS = "area_of_future_focus"  # a follow-up's finding, addressed by an absorbed action


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def _months_from_seed(day: date) -> int:
    return (day.year - SEED_REPORTING.year) * 12 + day.month - SEED_REPORTING.month


def _journey(action: DemoAction) -> list[tuple[int, dict[str, object]]]:
    """The updates an action gets: (month from seed 003's reporting date, update arguments)."""
    due = add_months(SEED_REPORTING, action.due)
    begins = -3 if action.absorbed else -14
    steps: list[tuple[int, dict[str, object]]] = [
        (begins, {"status": "on_track", "note": "Work has started and the first meeting is held."})
    ]
    if action.final == DONE:
        steps.append((max(action.due, -13), {"status": "complete", "note": "Delivered."}))
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
    else:  # delivered on its date in the board year (at risk and slipped ones stay open)
        steps.append((-7, {"note": "On course for the planned date."}))
        steps.append((max(action.due, 1), {"status": "complete", "note": "Delivered on time."}))
    if action.final != DONE:
        steps.append((0, {"note": "Progress reported to the board this month."}))
    return [(month, step) for month, step in steps if month >= begins]


def build(session: Session, timeline: Timeline) -> int | None:
    """Add Oxfordshire's plan and Coventry's as at the timeline's today and answer Oxfordshire's
    id (None before its Board agreed it; idempotent: existing plans are kept)."""
    oxfordshire = _oxfordshire(session, timeline)
    _coventry(session, timeline)
    return oxfordshire


def _coventry(session: Session, timeline: Timeline) -> int | None:
    """Coventry's plan as its Board agreed it on 9 April 2018 (seed 001): started from the seven
    sections agreed at the summit, each with its responsible group."""
    if service.plans_of(session, actor=OPERATOR, area_code=COVENTRY):
        return None
    agreed = timeline.on(2018, 4, 9)
    if not timeline.happened(agreed):
        return None
    review = next(
        (
            r
            for r in reviews.list_reviews(session, actor=OPERATOR, area_code=COVENTRY)
            if r.kind == "full"
        ),
        None,
    )
    if review is None:
        return None
    plan = service.create_plan(
        session,
        actor=OPERATOR,
        area_code=COVENTRY,
        change=PlanIn(
            title="Local system review: improvement plan",
            review_id=review.id,
            agreed_on=agreed,
        ),
    )
    service.set_plan_status(
        session,
        actor=OPERATOR,
        plan_id=plan.id,
        change=PlanStatusIn(status="agreed", version=plan.version, coverage_exception=""),
    )
    return plan.id


def _oxfordshire(session: Session, timeline: Timeline) -> int | None:
    """Add Oxfordshire's plan as at the timeline's today and answer its id (None before the
    Board agreed it; idempotent: an existing plan is kept)."""
    on = timeline.move
    existing = service.plans_of(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    if existing:
        return existing[-1].id
    if not timeline.happened(on(PLAN_AGREED)):
        return None
    findings = reviews.findings_needing_action(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    plan = service.create_plan(
        session,
        actor=OPERATOR,
        area_code=OXFORDSHIRE,
        change=PlanIn(
            title="Local system review: improvement plan",
            review_id=findings[0].review_id if findings else None,
            agreed_on=on(PLAN_AGREED),
            planned_end=on(date(2019, 9, 30)),  # an 18-month plan
        ),
    )
    try:
        contributor_id = access.get_user(session, CONTRIBUTOR_EMAIL).id
    except NotFound:
        contributor_id = None
    absorbing = timeline.happened(on(ABSORBED_ON))
    created: list[tuple[str, DemoAction, int]] = []
    for demo in WORKSTREAMS:
        workstream = service.add_workstream(
            session,
            actor=OPERATOR,
            plan_id=plan.id,
            change=WorkstreamIn(
                code=demo.code,
                title=demo.title,
                responsible_group=demo.group,
                leads=demo.leads,
            ),
        )
        if contributor_id is not None and demo.leads == "Tom Hughes":
            service.assign_member(
                session, actor=OPERATOR, workstream_id=workstream.id, user_id=contributor_id
            )
        for item in demo.actions:
            if item.absorbed and not absorbing:
                continue
            action = service.add_action(
                session,
                actor=OPERATOR,
                workstream_id=workstream.id,
                change=ActionIn(
                    description=item.description,
                    owner=item.owner,
                    due=on(add_months(SEED_REPORTING, item.due)),
                    indicative=item.indicative,
                ),
                on=on(ABSORBED_ON if item.absorbed else PLAN_AGREED),
            )
            created.append((demo.code, item, action.id))
    _link(session, [(f.id, f.kind, f.theme) for f in findings], created)
    for status in ("agreed", "submitted", "in_delivery"):
        service.set_plan_status(
            session,
            actor=OPERATOR,
            plan_id=plan.id,
            change=PlanStatusIn(
                status=status,
                version=plan.version,
                coverage_exception=""
                if absorbing
                else "Actions for the follow-up review's findings are being added.",
            ),
        )
    _deliver(session, timeline, plan.id, created)
    return plan.id


def _link(
    session: Session,
    findings: list[tuple[int, str, str]],
    created: list[tuple[str, DemoAction, int]],
) -> None:
    """Each finding (id, kind, theme) to the action that addresses it: an area of future focus
    to the action absorbed for it, any other to its workstream's first action (seed 003)."""
    first: dict[str, int] = {}
    absorbed: dict[str, int] = {}
    for code, item, action_id in created:
        first.setdefault(code, action_id)
        if item.absorbed:
            absorbed[code] = action_id
    for finding_id, kind, theme in findings:
        workstream = THEMES.get(theme, "")
        target = absorbed.get(workstream) if kind == FUTURE_FOCUS else first.get(workstream)
        if target is not None:
            service.link_findings(
                session, actor=OPERATOR, action_id=target, finding_ids=[finding_id]
            )


def _deliver(
    session: Session,
    timeline: Timeline,
    plan_id: int,
    created: list[tuple[str, DemoAction, int]],
) -> None:
    """Every update dated a week before the end of its month and every rating as at the end of
    the month before each Board meeting, up to today."""
    events = sorted(
        (month, n, action_id, step)
        for n, (_, item, action_id) in enumerate(created)
        for month, step in _journey(item)
    )
    versions = dict.fromkeys((a for _, _, a in created), 1)
    done = 0
    for meeting in BOARD_MEETINGS:
        if meeting < FIRST_RATED:
            continue
        reporting = timeline.move(timeline.reporting_date(meeting))
        if not timeline.happened(reporting):
            break
        meeting_month = _months_from_seed(timeline.reporting_date(meeting))
        for month, _, action_id, step in events[done:]:
            if month > meeting_month:
                break
            when = timeline.move(add_months(SEED_REPORTING, month)) - timedelta(days=7)
            if isinstance(forecast := step.get("forecast_due"), date):  # a story date
                step = {**step, "forecast_due": timeline.move(forecast)}
            service.update_action(
                session,
                actor=OPERATOR,
                action_id=action_id,
                change=ActionChange.model_validate({**step, "version": versions[action_id]}),
                on=min(when, reporting),
            )
            versions[action_id] += 1
            done += 1
        _rate(session, plan_id, reporting, seed=meeting_month >= 0)


def _rate(session: Session, plan_id: int, reporting: date, *, seed: bool) -> None:
    """Before seed 003's paper, the suggested ratings; from it on, the Board's (seed 003's:
    the workstreams rated Amber stay Amber until their plans are in place)."""
    for demo in WORKSTREAMS:
        workstream = service.workstream_by_code(
            session, actor=OPERATOR, plan_id=plan_id, code=demo.code
        )
        suggested = service.suggestion(
            session, actor=OPERATOR, workstream_id=workstream.id, on=reporting
        )
        rating = demo.rating if seed else suggested.rating
        rationale = (
            demo.rationale
            if seed
            else "Reviewed at the board: " + ("; ".join(suggested.triggers) or "on track")
        )
        mitigation = demo.mitigation if seed else "The workstream lead is addressing the issues."
        service.record_rag(
            session,
            actor=OPERATOR,
            workstream_id=workstream.id,
            change=RagIn(
                rating=rating,
                rationale=rationale,
                mitigation=mitigation if rating != Rating.GREEN else "",
                override_reason=""
                if rating == suggested.rating
                else "The lead's judgement of progress differs from the dates alone.",
                reported_on=reporting,
            ),
        )
