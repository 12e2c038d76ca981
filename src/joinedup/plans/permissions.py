"""Who may read and change a plan: the system's people read it, its lead edits it, and a
contributor updates only the workstreams they are assigned to. Another system's plan is not
found, never forbidden, so its existence is not revealed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access.rules import Permission, Principal
from joinedup.errors import NotFound, PermissionDenied
from joinedup.plans.models import Action, Plan, Workstream, WorkstreamMember


def readable_plan(session: Session, actor: Principal, plan_id: int) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None or not actor.can_read_system(plan.area_code):
        raise NotFound(f"no plan {plan_id}")
    return plan


def readable_workstream(session: Session, actor: Principal, workstream_id: int) -> Workstream:
    workstream = session.get(Workstream, workstream_id)
    if workstream is None:
        raise NotFound(f"no workstream {workstream_id}")
    readable_plan(session, actor, workstream.plan_id)
    return workstream


def readable_action(session: Session, actor: Principal, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound(f"no action {action_id}")
    readable_workstream(session, actor, action.workstream_id)
    return action


def require_edit_plan(actor: Principal, plan: Plan) -> None:
    if not actor.can(Permission.EDIT_PLAN, plan.area_code):
        raise PermissionDenied("Only the system's leads can change this plan.")


def is_member(session: Session, actor: Principal, workstream_id: int) -> bool:
    if actor.user_id is None:
        return False
    query = select(WorkstreamMember.user_id).where(
        WorkstreamMember.workstream_id == workstream_id,
        WorkstreamMember.user_id == actor.user_id,
    )
    return session.scalar(query) is not None


def may_update(session: Session, actor: Principal, plan: Plan, workstream: Workstream) -> bool:
    """Leads update every workstream; contributors those they are assigned to."""
    if actor.can(Permission.EDIT_PLAN, plan.area_code):
        return True
    return actor.can(Permission.UPDATE_ACTIONS, plan.area_code) and is_member(
        session, actor, workstream.id
    )


def require_update(session: Session, actor: Principal, plan: Plan, workstream: Workstream) -> None:
    if not may_update(session, actor, plan, workstream):
        raise PermissionDenied(
            f"You can read workstream {workstream.code} but are not assigned to update it."
        )
