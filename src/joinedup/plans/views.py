"""What people read about plans: the plan page, a workstream, an action with its history,
overdue and slipped lists, my actions, coverage and what changed since the last report.

The plan page is read with aggregate queries (counts by status in SQL, the latest rating per
workstream, a capped overdue list): it never loads the journal, so it stays quick for plans of
thousands of actions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from joinedup.access.models import User
from joinedup.access.rules import Permission, Principal
from joinedup.errors import InvalidInput, NotFound
from joinedup.plans import rules
from joinedup.plans.models import (
    Action,
    ActionFinding,
    ActionUpdate,
    Plan,
    RagAssessment,
    Workstream,
    WorkstreamMember,
)
from joinedup.plans.permissions import (
    may_update,
    readable_action,
    readable_plan,
)
from joinedup.plans.rules import ActionStatus, FindingRef, JournalEntry, RatingAt
from joinedup.reviews import service as reviews

OPEN = tuple(s.value for s in ActionStatus if s not in rules.FINAL_STATUSES)
OVERDUE_SHOWN = 25


@dataclass(frozen=True)
class ActionRow:
    id: int
    reference: str
    description: str
    owner: str
    status: str
    baseline_due: date
    forecast_due: date
    indicative: bool
    completed_on: date | None
    plan_id: int
    workstream_code: str
    workstream_title: str
    days_overdue: int


@dataclass
class WorkstreamSummary:
    workstream: Workstream
    rag: RagAssessment | None
    counts: dict[str, int]
    overdue: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class PlanOverview:
    plan: Plan
    on: date
    workstreams: list[WorkstreamSummary]
    counts: dict[str, int]
    overdue: list[ActionRow]
    overdue_count: int
    may_edit: bool
    plans: list[Plan] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def ratings(self) -> dict[str, int]:
        tally = {r.value: 0 for r in rules.Rating}
        for summary in self.workstreams:
            if summary.rag is not None:
                tally[summary.rag.rating] += 1
        return tally


@dataclass
class WorkstreamDetail:
    plan: Plan
    workstream: Workstream
    actions: list[ActionRow]
    ratings: list[RagAssessment]
    suggestion: rules.Suggestion
    may_update: bool
    on: date


@dataclass
class ActionDetail:
    plan: Plan
    workstream: Workstream
    action: Action
    reference: str
    journal: list[ActionUpdate]
    findings: list[FindingRef]
    may_update: bool


@dataclass
class Coverage:
    findings: list[FindingRef]
    covered_by: dict[int, list[str]]
    uncovered: list[FindingRef]


def _row_query() -> Select[*tuple[Any, ...]]:
    return select(
        Action.id,
        Action.number,
        Action.description,
        Action.owner,
        Action.status,
        Action.baseline_due,
        Action.forecast_due,
        Action.indicative,
        Action.completed_on,
        Workstream.plan_id,
        Workstream.code,
        Workstream.title,
    ).join(Workstream, Action.workstream_id == Workstream.id)


def _rows(session: Session, query: Select[*tuple[Any, ...]], on: date) -> list[ActionRow]:
    rows = []
    for r in session.execute(query):
        is_open = r.status in OPEN
        rows.append(
            ActionRow(
                id=r.id,
                reference=f"{r.code}.{r.number}",
                description=r.description,
                owner=r.owner,
                status=r.status,
                baseline_due=r.baseline_due,
                forecast_due=r.forecast_due,
                indicative=r.indicative,
                completed_on=r.completed_on,
                plan_id=r.plan_id,
                workstream_code=r.code,
                workstream_title=r.title,
                days_overdue=max(0, (on - r.forecast_due).days) if is_open else 0,
            )
        )
    return rows


def plans_of(session: Session, *, actor: Principal, area_code: str) -> list[Plan]:
    if not actor.can_read_system(area_code):
        raise NotFound(f"no system {area_code}")
    query = select(Plan).where(Plan.area_code == area_code).order_by(Plan.id.desc())
    return list(session.scalars(query))


def current_plan(session: Session, *, actor: Principal, area_code: str) -> Plan:
    """The system's current plan (else its newest); NotFound when it has none."""
    plans = plans_of(session, actor=actor, area_code=area_code)
    for plan in plans:
        if plan.is_current:
            return plan
    if plans:
        return plans[0]
    raise NotFound(f"{area_code} has no improvement plan")


def _latest_ratings(session: Session, workstream_ids: Sequence[int]) -> dict[int, RagAssessment]:
    """The rating in force for each workstream: its latest reporting date, latest entry."""
    if not workstream_ids:
        return {}
    ranked = (
        select(
            RagAssessment.id,
            func.row_number()
            .over(
                partition_by=RagAssessment.workstream_id,
                order_by=(RagAssessment.reported_on.desc(), RagAssessment.id.desc()),
            )
            .label("rank"),
        )
        .where(RagAssessment.workstream_id.in_(workstream_ids))
        .subquery()
    )
    query = (
        select(RagAssessment)
        .join(ranked, RagAssessment.id == ranked.c.id)
        .where(ranked.c.rank == 1)
    )
    return {r.workstream_id: r for r in session.scalars(query)}


def plan_overview(
    session: Session, *, actor: Principal, plan_id: int, on: date | None = None
) -> PlanOverview:
    plan = readable_plan(session, actor, plan_id)
    on = on or date.today()
    workstreams = list(
        session.scalars(
            select(Workstream).where(Workstream.plan_id == plan.id).order_by(Workstream.code)
        )
    )
    ids = [w.id for w in workstreams]
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    overdue_by: dict[int, int] = defaultdict(int)
    if ids:
        grouped = (
            select(Action.workstream_id, Action.status, func.count())
            .where(Action.workstream_id.in_(ids))
            .group_by(Action.workstream_id, Action.status)
        )
        for workstream_id, status, n in session.execute(grouped):
            counts[workstream_id][status] = n
        late = (
            select(Action.workstream_id, func.count())
            .where(
                Action.workstream_id.in_(ids),
                Action.status.in_(OPEN),
                Action.forecast_due < on,
            )
            .group_by(Action.workstream_id)
        )
        for workstream_id, n in session.execute(late):
            overdue_by[workstream_id] = n
    ratings = _latest_ratings(session, ids)
    summaries = [
        WorkstreamSummary(w, ratings.get(w.id), counts[w.id], overdue_by[w.id]) for w in workstreams
    ]
    totals: dict[str, int] = {s.value: 0 for s in ActionStatus}
    for per in counts.values():
        for status, n in per.items():
            totals[status] = totals.get(status, 0) + n
    overdue_query = (
        _row_query()
        .where(Workstream.plan_id == plan.id, Action.status.in_(OPEN), Action.forecast_due < on)
        .order_by(Action.forecast_due, Workstream.code, Action.number)
        .limit(OVERDUE_SHOWN)
    )
    return PlanOverview(
        plan=plan,
        on=on,
        workstreams=summaries,
        counts=totals,
        overdue=_rows(session, overdue_query, on),
        overdue_count=sum(overdue_by.values()),
        may_edit=actor.can(Permission.EDIT_PLAN, plan.area_code),
        plans=plans_of(session, actor=actor, area_code=plan.area_code),
    )


def workstream_by_code(
    session: Session, *, actor: Principal, plan_id: int, code: str
) -> Workstream:
    plan = readable_plan(session, actor, plan_id)
    workstream = session.scalar(
        select(Workstream).where(Workstream.plan_id == plan.id, Workstream.code == code.upper())
    )
    if workstream is None:
        raise NotFound(f"no workstream {code} in plan {plan_id}")
    return workstream


def action_facts(
    session: Session, workstream_ids: Iterable[int]
) -> dict[int, list[rules.ActionFacts]]:
    ids = list(workstream_ids)
    facts: dict[int, list[rules.ActionFacts]] = {i: [] for i in ids}
    query = (
        select(
            Action.workstream_id,
            Workstream.code,
            Action.number,
            Action.status,
            Action.baseline_due,
            Action.forecast_due,
            Action.indicative,
        )
        .join(Workstream, Action.workstream_id == Workstream.id)
        .where(Action.workstream_id.in_(ids))
        .order_by(Action.workstream_id, Action.number)
    )
    for r in session.execute(query):
        facts[r.workstream_id].append(
            rules.ActionFacts(
                f"{r.code}.{r.number}",
                ActionStatus(r.status),
                r.baseline_due,
                r.forecast_due,
                r.indicative,
            )
        )
    return facts


def workstream_detail(
    session: Session, *, actor: Principal, plan_id: int, code: str, on: date | None = None
) -> WorkstreamDetail:
    on = on or date.today()
    workstream = workstream_by_code(session, actor=actor, plan_id=plan_id, code=code)
    plan = readable_plan(session, actor, plan_id)
    actions = _rows(
        session,
        _row_query().where(Action.workstream_id == workstream.id).order_by(Action.number),
        on,
    )
    ratings = list(
        session.scalars(
            select(RagAssessment)
            .where(RagAssessment.workstream_id == workstream.id)
            .order_by(RagAssessment.reported_on.desc(), RagAssessment.id.desc())
        )
    )
    facts = [
        rules.ActionFacts(
            a.reference, ActionStatus(a.status), a.baseline_due, a.forecast_due, a.indicative
        )
        for a in actions
    ]
    return WorkstreamDetail(
        plan=plan,
        workstream=workstream,
        actions=actions,
        ratings=ratings,
        suggestion=rules.suggest_rating(facts, on),
        may_update=may_update(session, actor, plan, workstream),
        on=on,
    )


def action_detail(session: Session, *, actor: Principal, action_id: int) -> ActionDetail:
    action = readable_action(session, actor, action_id)
    workstream = session.get(Workstream, action.workstream_id)
    assert workstream is not None
    plan = readable_plan(session, actor, workstream.plan_id)
    journal = list(
        session.scalars(
            select(ActionUpdate)
            .where(ActionUpdate.action_id == action.id)
            .order_by(ActionUpdate.id.desc())
        )
    )
    linked = set(
        session.scalars(
            select(ActionFinding.finding_id).where(ActionFinding.action_id == action.id)
        )
    )
    findings = [f for f in _findings(session, actor, plan) if f.id in linked]
    return ActionDetail(
        plan=plan,
        workstream=workstream,
        action=action,
        reference=f"{workstream.code}.{action.number}",
        journal=journal,
        findings=findings,
        may_update=may_update(session, actor, plan, workstream),
    )


def _findings(session: Session, actor: Principal, plan: Plan) -> list[FindingRef]:
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
    findings = _findings(session, actor, plan)
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
    ratings = [RatingAt(code, on, rules.Rating(rating)) for code, on, rating in rated]
    try:
        return rules.since_last_report(entries, ratings, start, end)
    except ValueError as error:
        raise InvalidInput(f"end: {error}") from None


def _date_or(value: object) -> object:
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def overdue_actions(
    session: Session, *, actor: Principal, plan_id: int, on: date | None = None
) -> list[ActionRow]:
    plan = readable_plan(session, actor, plan_id)
    on = on or date.today()
    query = (
        _row_query()
        .where(Workstream.plan_id == plan.id, Action.status.in_(OPEN), Action.forecast_due < on)
        .order_by(Action.forecast_due, Workstream.code, Action.number)
    )
    return _rows(session, query, on)


def slipped_actions(
    session: Session, *, actor: Principal, plan_id: int, on: date | None = None
) -> list[ActionRow]:
    """Open actions marked slipped or forecast later than their baseline date."""
    plan = readable_plan(session, actor, plan_id)
    on = on or date.today()
    query = (
        _row_query()
        .where(
            Workstream.plan_id == plan.id,
            Action.status.in_(OPEN),
            or_(
                Action.status == ActionStatus.SLIPPED.value,
                Action.forecast_due > Action.baseline_due,
            ),
        )
        .order_by(Workstream.code, Action.number)
    )
    return _rows(session, query, on)


def my_actions(session: Session, *, actor: Principal, on: date | None = None) -> list[ActionRow]:
    """Open actions of the workstreams the person is assigned to, or owned by them by name,
    in the plans they may read."""
    on = on or date.today()
    if actor.user_id is None:
        return []
    assigned = select(WorkstreamMember.workstream_id).where(
        WorkstreamMember.user_id == actor.user_id
    )
    query = (
        _row_query()
        .join(Plan, Workstream.plan_id == Plan.id)
        .where(
            Action.status.in_(OPEN),
            or_(
                Action.workstream_id.in_(assigned),
                and_(func.lower(Action.owner) == actor.name.lower(), Action.owner != ""),
            ),
        )
        .order_by(Action.forecast_due, Workstream.code, Action.number)
    )
    if not actor.is_national:
        query = query.where(Plan.area_code.in_(actor.system_codes))
    return _rows(session, query, on)


def members(session: Session, *, actor: Principal, workstream_id: int) -> list[str]:
    """Emails of the contributors assigned to a workstream."""
    workstream = session.get(Workstream, workstream_id)
    if workstream is None:
        raise NotFound(f"no workstream {workstream_id}")
    readable_plan(session, actor, workstream.plan_id)
    query = (
        select(User.email)
        .join(WorkstreamMember, WorkstreamMember.user_id == User.id)
        .where(WorkstreamMember.workstream_id == workstream_id)
        .order_by(User.email)
    )
    return list(session.scalars(query))
