"""Reading actions: one action with its history and findings, and the lists people work from
(overdue, slipped, my actions), each one query whatever the size of the plan."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access.models import User
from joinedup.access.rules import Principal
from joinedup.errors import NotFound
from joinedup.plans.models import (
    Action,
    ActionFinding,
    ActionUpdate,
    Plan,
    Workstream,
    WorkstreamMember,
)
from joinedup.plans.overview import OPEN, action_rows, row_query
from joinedup.plans.permissions import may_update, readable_action, readable_plan
from joinedup.plans.progress import findings_of
from joinedup.plans.schemas import ActionStatus
from joinedup.plans.view_models import (
    ActionDetail,
    ActionRow,
    ActionView,
    JournalView,
    PlanView,
    WorkstreamView,
)


def action_detail(session: Session, *, actor: Principal, action_id: int) -> ActionDetail:
    action = readable_action(session, actor, action_id)
    workstream = session.get(Workstream, action.workstream_id)
    assert workstream is not None
    plan = readable_plan(session, actor, workstream.plan_id)
    journal = session.scalars(
        select(ActionUpdate)
        .where(ActionUpdate.action_id == action.id)
        .order_by(ActionUpdate.id.desc())
    )
    linked = set(
        session.scalars(
            select(ActionFinding.finding_id).where(ActionFinding.action_id == action.id)
        )
    )
    reference = f"{workstream.code}.{action.number}"
    return ActionDetail(
        plan=PlanView.of(plan),
        workstream=WorkstreamView.of(workstream),
        action=ActionView.of(action),
        reference=reference,
        journal=[JournalView.of(e, reference) for e in journal],
        findings=[f for f in findings_of(session, actor, plan) if f.id in linked],
        may_update=may_update(session, actor, plan, workstream),
    )


def overdue_actions(
    session: Session, *, actor: Principal, plan_id: int, on: date | None = None
) -> list[ActionRow]:
    plan = readable_plan(session, actor, plan_id)
    on = on or clock.today()
    query = (
        row_query()
        .where(Workstream.plan_id == plan.id, Action.status.in_(OPEN), Action.forecast_due < on)
        .order_by(Action.forecast_due, Workstream.code, Action.number)
    )
    return action_rows(session, query, on)


def slipped_actions(
    session: Session, *, actor: Principal, plan_id: int, on: date | None = None
) -> list[ActionRow]:
    """Open actions marked slipped or forecast later than their baseline date."""
    plan = readable_plan(session, actor, plan_id)
    on = on or clock.today()
    query = (
        row_query()
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
    return action_rows(session, query, on)


def my_actions(session: Session, *, actor: Principal, on: date | None = None) -> list[ActionRow]:
    """Open actions of the workstreams the person is assigned to, or owned by them by name,
    in the plans they may read."""
    on = on or clock.today()
    if actor.user_id is None:
        return []
    assigned = select(WorkstreamMember.workstream_id).where(
        WorkstreamMember.user_id == actor.user_id
    )
    query = (
        row_query()
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
    return action_rows(session, query, on)


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
