"""Reading a plan and its workstreams with set-based queries: a handful of statements whatever the
number of workstreams, actions or ratings (counts by status in SQL, every workstream's actions,
ratings and latest updates in one query each), so the plan page, the workstream page and the
highlight report stay quick for plans of thousands of actions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access.models import User
from joinedup.access.rules import Permission, Principal
from joinedup.errors import NotFound
from joinedup.plans import rules
from joinedup.plans.models import (
    Action,
    ActionUpdate,
    Plan,
    RagAssessment,
    Workstream,
    WorkstreamMember,
)
from joinedup.plans.permissions import readable_plan
from joinedup.plans.schemas import ActionStatus
from joinedup.plans.view_models import (
    ActionRow,
    JournalView,
    PlanOverview,
    PlanView,
    RagView,
    WorkstreamDetail,
    WorkstreamSummary,
    WorkstreamView,
)

OPEN = tuple(s.value for s in ActionStatus if s not in rules.FINAL_STATUSES)
OVERDUE_SHOWN = 25
UPDATES_SHOWN = 5  # latest journal entries shown per workstream


def row_query() -> Select[*tuple[Any, ...]]:
    return select(
        Action.id,
        Action.workstream_id,
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


def action_row(r: Any, on: date) -> ActionRow:
    return ActionRow(
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
        days_overdue=max(0, (on - r.forecast_due).days) if r.status in OPEN else 0,
    )


def action_rows(session: Session, query: Select[*tuple[Any, ...]], on: date) -> list[ActionRow]:
    return [action_row(r, on) for r in session.execute(query)]


def plans_of(session: Session, *, actor: Principal, area_code: str) -> list[PlanView]:
    if not actor.can_read_system(area_code):
        raise NotFound(f"no system {area_code}")
    query = select(Plan).where(Plan.area_code == area_code).order_by(Plan.id.desc())
    return [PlanView.of(p) for p in session.scalars(query)]


def current_plan(session: Session, *, actor: Principal, area_code: str) -> PlanView:
    """The system's current plan (else its newest); NotFound when it has none."""
    plans = plans_of(session, actor=actor, area_code=area_code)
    for plan in plans:
        if plan.is_current:
            return plan
    if plans:
        return plans[0]
    raise NotFound(f"{area_code} has no improvement plan")


def get_plan(session: Session, *, actor: Principal, plan_id: int) -> PlanView:
    return PlanView.of(readable_plan(session, actor, plan_id))


def ratings_by_workstream(
    session: Session, workstream_ids: Sequence[int]
) -> dict[int, list[RagView]]:
    """Every rating of the workstreams, in the order recorded (read as rows, not entities)."""
    found: dict[int, list[RagView]] = {i: [] for i in workstream_ids}
    if workstream_ids:
        r = RagAssessment
        query = (
            select(
                r.id,
                r.workstream_id,
                r.reported_on,
                r.rating,
                r.rationale,
                r.mitigation,
                r.suggested,
                r.triggers,
                r.override_reason,
                r.actor,
                r.at,
            )
            .where(r.workstream_id.in_(workstream_ids))
            .order_by(r.id)
        )
        for row in session.execute(query):
            found[row.workstream_id].append(RagView(*row))
    return found


def rating_in_force(recorded: Iterable[RagView], on: date) -> RagView | None:
    return rules.in_force(recorded, on, day=lambda r: r.reported_on)


def plan_overview(
    session: Session, *, actor: Principal, plan_id: int, on: date | None = None
) -> PlanOverview:
    plan = readable_plan(session, actor, plan_id)
    on = on or clock.today()
    workstreams = [
        WorkstreamView.of(w)
        for w in session.scalars(
            select(Workstream).where(Workstream.plan_id == plan.id).order_by(Workstream.code)
        )
    ]
    ids = [w.id for w in workstreams]
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    overdue_by: dict[int, int] = defaultdict(int)
    late = Action.status.in_(OPEN) & (Action.forecast_due < on)
    if ids:  # counted on the (workstream, status) index: the actions themselves are not read
        grouped = (
            select(Action.workstream_id, Action.status, func.count())
            .where(Action.workstream_id.in_(ids))
            .group_by(Action.workstream_id, Action.status)
        )
        for workstream_id, status, n in session.execute(grouped):
            counts[workstream_id][status] = n
        overdue = (
            select(Action.workstream_id, func.count())
            .where(Action.workstream_id.in_(ids), late)
            .group_by(Action.workstream_id)
        )
        for workstream_id, n in session.execute(overdue):
            overdue_by[workstream_id] = n
    ratings = ratings_by_workstream(session, ids)
    summaries = [
        WorkstreamSummary(
            w, rating_in_force(ratings[w.id], on), dict(counts[w.id]), overdue_by[w.id]
        )
        for w in workstreams
    ]
    totals: dict[str, int] = {s.value: 0 for s in ActionStatus}
    for per in counts.values():
        for status, n in per.items():
            totals[status] = totals.get(status, 0) + n
    overdue_query = (
        row_query()
        .where(Workstream.plan_id == plan.id, late)
        .order_by(Action.forecast_due, Workstream.code, Action.number)
        .limit(OVERDUE_SHOWN)
    )
    return PlanOverview(
        plan=PlanView.of(plan),
        on=on,
        workstreams=summaries,
        counts=totals,
        overdue=action_rows(session, overdue_query, on),
        overdue_count=sum(overdue_by.values()),
        may_edit=actor.can(Permission.EDIT_PLAN, plan.area_code),
        plans=plans_of(session, actor=actor, area_code=plan.area_code),
    )


def workstream_by_code(
    session: Session, *, actor: Principal, plan_id: int, code: str
) -> WorkstreamView:
    plan = readable_plan(session, actor, plan_id)
    workstream = session.scalar(
        select(Workstream).where(Workstream.plan_id == plan.id, Workstream.code == code.upper())
    )
    if workstream is None:
        raise NotFound(f"no workstream {code} in plan {plan_id}")
    return WorkstreamView.of(workstream)


def facts_of(rows: Iterable[ActionRow]) -> list[rules.ActionFacts]:
    return [
        rules.ActionFacts(
            r.reference, ActionStatus(r.status), r.baseline_due, r.forecast_due, r.indicative
        )
        for r in rows
    ]


def _updatable(session: Session, actor: Principal, plan: Plan, ids: Sequence[int]) -> set[int]:
    """The workstreams the actor may update: all for a lead, the assigned for a contributor."""
    if actor.can(Permission.EDIT_PLAN, plan.area_code):
        return set(ids)
    if actor.user_id is None or not actor.can(Permission.UPDATE_ACTIONS, plan.area_code):
        return set()
    query = select(WorkstreamMember.workstream_id).where(
        WorkstreamMember.user_id == actor.user_id, WorkstreamMember.workstream_id.in_(ids)
    )
    return set(session.scalars(query))


def _members(session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {i: [] for i in ids}
    query = (
        select(WorkstreamMember.workstream_id, User.email)
        .join(User, WorkstreamMember.user_id == User.id)
        .where(WorkstreamMember.workstream_id.in_(ids))
        .order_by(User.email)
    )
    for workstream_id, email in session.execute(query):
        found[workstream_id].append(email)
    return found


def _latest_updates(session: Session, ids: Sequence[int], on: date) -> dict[int, list[JournalView]]:
    """The latest journal entries of each workstream's actions reported by ``on``."""
    ranked = (
        select(
            ActionUpdate.id,
            Action.workstream_id,
            Action.number,
            func.row_number()
            .over(
                partition_by=Action.workstream_id,
                order_by=(ActionUpdate.reported_on.desc(), ActionUpdate.id.desc()),
            )
            .label("rank"),
        )
        .join(Action, ActionUpdate.action_id == Action.id)
        .where(Action.workstream_id.in_(ids), ActionUpdate.reported_on <= on)
        .subquery()
    )
    query = (
        select(ActionUpdate, ranked.c.workstream_id, ranked.c.number, Workstream.code)
        .join(ranked, ActionUpdate.id == ranked.c.id)
        .join(Workstream, Workstream.id == ranked.c.workstream_id)
        .where(ranked.c.rank <= UPDATES_SHOWN)
        .order_by(ranked.c.workstream_id, ranked.c.rank)
    )
    found: dict[int, list[JournalView]] = {i: [] for i in ids}
    for entry, workstream_id, number, code in session.execute(query):
        found[workstream_id].append(JournalView.of(entry, f"{code}.{number}"))
    return found


def workstream_details(
    session: Session,
    *,
    actor: Principal,
    plan_id: int,
    on: date,
    codes: Sequence[str] | None = None,
    with_updates: bool = True,
) -> list[WorkstreamDetail]:
    """Every workstream of the plan (or those of ``codes``) in full, in order of code: its
    actions, every rating and the one in force on ``on``, the suggested rating, the people
    assigned to it and (unless
    ``with_updates`` is false) its latest updates; a constant number of statements whatever the
    size of the plan."""
    plan = readable_plan(session, actor, plan_id)
    plan_view = PlanView.of(plan)
    query = select(Workstream).where(Workstream.plan_id == plan.id).order_by(Workstream.code)
    if codes is not None:
        query = query.where(Workstream.code.in_([c.upper() for c in codes]))
    workstreams = [WorkstreamView.of(w) for w in session.scalars(query)]
    ids = [w.id for w in workstreams]
    if not ids:
        return []
    actions: dict[int, list[ActionRow]] = {i: [] for i in ids}
    rows = row_query().where(Action.workstream_id.in_(ids)).order_by(Action.number)
    for r in session.execute(rows):
        actions[r.workstream_id].append(action_row(r, on))
    ratings = ratings_by_workstream(session, ids)
    updates = _latest_updates(session, ids, on) if with_updates else {i: [] for i in ids}
    updatable = _updatable(session, actor, plan, ids)
    members = _members(session, ids)
    return [
        WorkstreamDetail(
            plan=plan_view,
            workstream=w,
            actions=actions[w.id],
            ratings=sorted(ratings[w.id], key=lambda r: (r.reported_on, r.id), reverse=True),
            suggestion=rules.suggest_rating(facts_of(actions[w.id]), on),
            may_update=w.id in updatable,
            on=on,
            rating=rating_in_force(ratings[w.id], on),
            updates=updates[w.id],
            members=members[w.id],
        )
        for w in workstreams
    ]


def workstream_detail(
    session: Session, *, actor: Principal, plan_id: int, code: str, on: date | None = None
) -> WorkstreamDetail:
    """One workstream in full, as its page shows it (without the latest updates)."""
    found = workstream_details(
        session,
        actor=actor,
        plan_id=plan_id,
        on=on or clock.today(),
        codes=[code],
        with_updates=False,
    )
    if not found:
        raise NotFound(f"no workstream {code} in plan {plan_id}")
    return found[0]


def action_facts(
    session: Session, workstream_ids: Iterable[int]
) -> dict[int, list[rules.ActionFacts]]:
    ids = list(workstream_ids)
    facts: dict[int, list[ActionRow]] = {i: [] for i in ids}
    query = row_query().where(Action.workstream_id.in_(ids)).order_by(Action.number)
    for r in session.execute(query):
        facts[r.workstream_id].append(action_row(r, clock.today()))
    return {i: facts_of(rows) for i, rows in facts.items()}
