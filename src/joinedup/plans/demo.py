"""Oxfordshire's demo improvement plan: 15 workstreams A-O shaped like a real highlight report,
with 18 months of dated updates and a rating at every Health and Wellbeing Board meeting.

Dates are counted back from shortly before today, so the demo always looks current: the plan was
drafted 18 months ago and the latest board meeting was ten days ago. The latest ratings are those
of the report the demo is shaped on: seven Green, eight Amber, none Red.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import service as access
from joinedup.access.rules import OPERATOR
from joinedup.errors import NotFound
from joinedup.plans import service
from joinedup.plans.demo_workstreams import (
    DONE,
    FINDING_WORDS,
    RISK,
    SLIP,
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
from joinedup.timeline import Timeline

OXFORDSHIRE = "E10000025"
CONTRIBUTOR_EMAIL = "workstream@oxfordshire.demo.joinedup.test"
BOARD_MONTHS = (-15, -12, -9, -6, -3, 0)  # board meetings, in months from the latest one


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


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


def build(session: Session, timeline: Timeline, *, latest: date | None = None) -> int:
    """Add Oxfordshire's plan and answer its id (idempotent: an existing plan is kept)."""
    latest = latest or clock.today() - timedelta(days=10)
    existing = service.plans_of(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    if existing:
        return existing[-1].id
    start = add_months(latest, -18)
    findings = reviews.findings_needing_action(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    plan = service.create_plan(
        session,
        actor=OPERATOR,
        area_code=OXFORDSHIRE,
        change=PlanIn(
            title="Local system review: improvement plan",
            review_id=findings[0].review_id if findings else None,
            agreed_on=add_months(start, 2),
            planned_end=add_months(start, 20),
        ),
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
            action = service.add_action(
                session,
                actor=OPERATOR,
                workstream_id=workstream.id,
                change=ActionIn(
                    description=item.description,
                    owner=item.owner,
                    due=add_months(latest, item.due),
                    indicative=item.indicative,
                ),
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
            change=PlanStatusIn(
                status=status,
                version=plan.version,
                coverage_exception="Actions for the follow-up review's findings are being added.",
            ),
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
                change=ActionChange.model_validate({**step, "version": versions[action_id]}),
                on=min(add_months(latest, month) - timedelta(days=7), meeting),
            )
            versions[action_id] += 1
            done += 1
        _rate(session, plan.id, meeting, final=meeting == latest)
    return plan.id


def _rate(session: Session, plan_id: int, meeting: date, *, final: bool) -> None:
    for demo in WORKSTREAMS:
        workstream = service.workstream_by_code(
            session, actor=OPERATOR, plan_id=plan_id, code=demo.code
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
            change=RagIn(
                rating=rating,
                rationale=rationale,
                mitigation=mitigation if rating != Rating.GREEN else "",
                override_reason=""
                if rating == suggested.rating
                else "The lead's judgement of progress differs from the dates alone.",
                reported_on=meeting,
            ),
        )
