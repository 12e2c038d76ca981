"""Correcting what was made: a plan's title and dates, a workstream's title, lead and
responsible group. Each save is versioned (a stale one is refused by the database) and audited
with what it held before, so the history of the details is kept."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import StaleEdit
from joinedup.plans.models import Plan, Workstream
from joinedup.plans.permissions import readable_plan, readable_workstream, require_edit_plan
from joinedup.plans.schemas import PlanDetailsChange, WorkstreamChange
from joinedup.store.versioning import expect_version, flush_versioned

STALE = (
    "The {what} was changed by someone else after you opened it. Nothing you entered has been "
    "saved: check what changed, then try again."
)
PLAN_FIELDS = ("title", "agreed_on", "planned_end")
WORKSTREAM_FIELDS = ("title", "leads", "responsible_group")


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _held(row: Plan | Workstream, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: _plain(getattr(row, name)) for name in fields}


def _now(row: Plan | Workstream | None, fields: tuple[str, ...]) -> dict[str, Any]:
    """What the row holds now, for the page that shows a stale save what changed."""
    if row is None:
        return {}
    return {**_held(row, fields), "version": row.version}


def edit_plan(
    session: Session, *, actor: Principal, plan_id: int, change: PlanDetailsChange
) -> Plan:
    """Correct a plan's title, the date it was agreed and its planned end."""
    plan = readable_plan(session, actor, plan_id)
    require_edit_plan(actor, plan)

    def stale() -> StaleEdit:
        return StaleEdit(
            STALE.format(what="plan"),
            current=_now(session.get(Plan, plan_id, populate_existing=True), PLAN_FIELDS),
        )

    expect_version(plan, change.version, stale=stale)
    before = _held(plan, PLAN_FIELDS)
    plan.title = change.title
    plan.agreed_on = change.agreed_on
    plan.planned_end = change.planned_end
    after = _held(plan, PLAN_FIELDS)
    audit.record(
        session,
        actor=actor,
        action="plan.edit",
        entity_type="plan",
        entity_id=plan.id,
        area_code=plan.area_code,
        before={k: v for k, v in before.items() if after[k] != v},
        after={k: v for k, v in after.items() if before[k] != v},
    )
    flush_versioned(session, stale=stale)
    return plan


def edit_workstream(
    session: Session, *, actor: Principal, workstream_id: int, change: WorkstreamChange
) -> Workstream:
    """Correct a workstream's title, lead and responsible group; its code stays."""
    workstream = readable_workstream(session, actor, workstream_id)
    plan = readable_plan(session, actor, workstream.plan_id)
    require_edit_plan(actor, plan)

    def stale() -> StaleEdit:
        return StaleEdit(
            STALE.format(what="workstream"),
            current=_now(
                session.get(Workstream, workstream_id, populate_existing=True), WORKSTREAM_FIELDS
            ),
        )

    expect_version(workstream, change.version, stale=stale)
    before = _held(workstream, WORKSTREAM_FIELDS)
    workstream.title = change.title
    workstream.leads = change.leads
    workstream.responsible_group = change.responsible_group
    after = _held(workstream, WORKSTREAM_FIELDS)
    audit.record(
        session,
        actor=actor,
        action="workstream.edit",
        entity_type="workstream",
        entity_id=workstream.id,
        area_code=plan.area_code,
        before={k: v for k, v in before.items() if after[k] != v},
        after={k: v for k, v in after.items() if before[k] != v},
    )
    flush_versioned(session, stale=stale)
    return workstream


def details_history(
    session: Session, *, actor: Principal, plan_id: int, workstream_id: int | None = None
) -> list[dict[str, Any]]:
    """Every correction of the plan's details (or, given ``workstream_id``, that workstream's),
    oldest first: when, by whom, and each changed field before and after."""
    plan = readable_plan(session, actor, plan_id)
    kind, row_id = ("plan", plan.id)
    if workstream_id is not None:
        kind, row_id = ("workstream", readable_workstream(session, actor, workstream_id).id)
    return [
        {"at": e.at, "actor": e.actor, "before": e.before or {}, "after": e.after or {}}
        for e in audit.events_for(session, kind, row_id)
        if e.action == f"{kind}.edit"
    ]
