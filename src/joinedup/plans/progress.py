"""How a plan answers its review and what changed between two reports: coverage of the review's
findings by actions, the reporting dates, and what changed since the last report."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput
from joinedup.plans import rules
from joinedup.plans.models import (
    Action,
    ActionFinding,
    ActionUpdate,
    Plan,
    RagAssessment,
    Workstream,
)
from joinedup.plans.permissions import readable_plan
from joinedup.plans.rules import FindingRef, JournalEntry, RatingAt
from joinedup.plans.schemas import ActionStatus, Rating
from joinedup.plans.view_models import Coverage
from joinedup.reviews import service as reviews


def findings_of(session: Session, actor: Principal, plan: Plan) -> list[FindingRef]:
    """Findings needing action in the plan's review and its follow-ups (or, for a plan made
    without a review, in all the system's reviews)."""
    found = reviews.findings_needing_action(session, actor=actor, area_code=plan.area_code)
    return [
        FindingRef(f.id, f.kind, f.text)
        for f in found
        if plan.review_id in (None, f.review_id, f.review.follow_up_of_id)
    ]


def coverage(session: Session, *, actor: Principal, plan_id: int) -> Coverage:
    plan = readable_plan(session, actor, plan_id)
    findings = findings_of(session, actor, plan)
    covered_by: dict[int, list[str]] = defaultdict(list)
    query = (
        select(ActionFinding.finding_id, Workstream.code, Action.number)
        .join(Action, ActionFinding.action_id == Action.id)
        .join(Workstream, Action.workstream_id == Workstream.id)
        .where(Workstream.plan_id == plan.id, Action.status != ActionStatus.CANCELLED.value)
        .order_by(Workstream.code, Action.number)
    )
    for finding_id, code, number in session.execute(query):
        covered_by[finding_id].append(f"{code}.{number}")
    return Coverage(
        findings=findings,
        covered_by=dict(covered_by),
        uncovered=rules.uncovered_findings(findings, covered_by),
    )


def reporting_dates(session: Session, *, actor: Principal, plan_id: int) -> list[date]:
    """The dates the plan's workstreams were rated on, newest first."""
    plan = readable_plan(session, actor, plan_id)
    query = (
        select(RagAssessment.reported_on)
        .join(Workstream, RagAssessment.workstream_id == Workstream.id)
        .where(Workstream.plan_id == plan.id)
        .distinct()
        .order_by(RagAssessment.reported_on.desc())
    )
    return list(session.scalars(query))


def since_last_report(
    session: Session, *, actor: Principal, plan_id: int, start: date, end: date
) -> rules.SinceLastReport:
    plan = readable_plan(session, actor, plan_id)
    if end < start:
        raise InvalidInput.of("end", "The end of the period is before its start")
    query = (
        select(
            ActionUpdate.action_id,
            Workstream.code,
            Action.number,
            ActionUpdate.reported_on,
            ActionUpdate.kind,
            ActionUpdate.changes,
            ActionUpdate.reason,
            ActionUpdate.note,
        )
        .join(Action, ActionUpdate.action_id == Action.id)
        .join(Workstream, Action.workstream_id == Workstream.id)
        .where(
            Workstream.plan_id == plan.id,
            ActionUpdate.reported_on > start,
            ActionUpdate.reported_on <= end,
        )
        .order_by(ActionUpdate.id)
    )
    entries = [
        JournalEntry(
            r.action_id,
            f"{r.code}.{r.number}",
            r.reported_on,
            r.kind,
            {k: (_date_or(v[0]), _date_or(v[1])) for k, v in r.changes.items()},
            r.reason,
            r.note,
        )
        for r in session.execute(query)
    ]
    rated = session.execute(
        select(Workstream.code, RagAssessment.reported_on, RagAssessment.rating)
        .join(Workstream, RagAssessment.workstream_id == Workstream.id)
        .where(Workstream.plan_id == plan.id, RagAssessment.reported_on <= end)
        .order_by(RagAssessment.id)
    )
    ratings = [RatingAt(code, on, Rating(rating)) for code, on, rating in rated]
    return rules.since_last_report(entries, ratings, start, end)


def _date_or(value: object) -> object:
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value
