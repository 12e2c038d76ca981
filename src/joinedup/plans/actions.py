"""Changing actions: add one (its reference allocated safely under concurrency), update one with
a dated journal entry, link the findings it addresses.

An update is a versioned write: the database refuses it when somebody saved first (whatever the
interleaving), and its journal row is written in the same transaction, so the journal holds one
row per version and cannot drift from it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput, StaleEdit
from joinedup.plans import rules
from joinedup.plans.models import Action, ActionFinding, ActionUpdate, Plan, Workstream
from joinedup.plans.permissions import (
    readable_action,
    readable_plan,
    readable_workstream,
    require_update,
)
from joinedup.plans.schemas import ActionChange, ActionIn, ActionStatus
from joinedup.reviews import service as reviews
from joinedup.store.versioning import claim, expect_version, flush_versioned

# Fields a person edits on an action, in the order they are shown.
EDITABLE = ("description", "owner", "forecast_due", "indicative", "status", "completed_on")


def _jsonable(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _journal(
    session: Session,
    *,
    actor: Principal,
    action: Action,
    on: date,
    kind: str,
    changes: dict[str, list[object]],
    reason: str,
    note: str,
) -> None:
    session.add(
        ActionUpdate(
            action_id=action.id,
            reported_on=on,
            actor_user_id=actor.user_id,
            actor=actor.email,
            kind=kind,
            changes=changes,
            reason=reason,
            note=note,
        )
    )


def add_action(
    session: Session,
    *,
    actor: Principal,
    workstream_id: int,
    change: ActionIn,
    on: date | None = None,
) -> Action:
    """A new action; its due date is both the baseline and the first forecast."""
    workstream = readable_workstream(session, actor, workstream_id)
    plan = readable_plan(session, actor, workstream.plan_id)
    require_update(session, actor, plan, workstream)
    return new_action(
        session,
        actor=actor,
        plan=plan,
        workstream=workstream,
        description=change.description,
        owner=change.owner,
        due=change.due,
        indicative=change.indicative,
        finding_ids=change.finding_ids,
        on=on or clock.today(),
    )


def new_action(
    session: Session,
    *,
    actor: Principal,
    plan: Plan,
    workstream: Workstream,
    description: str,
    owner: str,
    due: date,
    on: date,
    indicative: bool = False,
    status: ActionStatus = ActionStatus.NOT_STARTED,
    progress: str = "",
    baseline_due: date | None = None,
    finding_ids: Iterable[int] = (),
) -> Action:
    """An action numbered after the workstream's highest; a separate baseline is given when a
    plan is imported. The caller has checked permission."""
    # Whoever claims the workstream second waits, then sees the first one's number.
    claim(session, Workstream.__table__, workstream.id)
    highest = session.scalar(
        select(func.max(Action.number)).where(Action.workstream_id == workstream.id)
    )
    action = Action(
        workstream_id=workstream.id,
        number=(highest or 0) + 1,
        description=description,
        owner=owner,
        baseline_due=baseline_due or due,
        forecast_due=due,
        indicative=indicative,
        status=status.value,
        cancel_reason=progress.strip() if status == ActionStatus.CANCELLED else "",
        completed_on=on if status == ActionStatus.COMPLETE else None,
        progress=progress.strip(),
        updated_on=on,
        version=1,
    )
    session.add(action)
    session.flush()
    values = {f: _jsonable(getattr(action, f)) for f in ("baseline_due", *EDITABLE)}
    _journal(
        session,
        actor=actor,
        action=action,
        on=on,
        kind="created",
        changes={f: [None, v] for f, v in values.items() if v not in (None, "")},
        reason="",
        note=action.progress,
    )
    for finding_id in finding_ids:
        _link(session, actor, action, finding_id, area_code=plan.area_code)
    audit.record(
        session,
        actor=actor,
        action="action.add",
        entity_type="action",
        entity_id=action.id,
        area_code=plan.area_code,
        after=values,
    )
    return action


def _link(
    session: Session, actor: Principal, action: Action, finding_id: int, *, area_code: str
) -> None:
    finding = reviews.get_finding(session, actor=actor, finding_id=finding_id)
    if finding.area_code != area_code:
        # Another system's finding, even a published one, is not this plan's to answer.
        raise InvalidInput.of(
            "finding_ids", f"Finding {finding_id} is not a finding of this system"
        )
    if finding.kind not in rules.FINDING_KINDS_NEEDING_ACTION:
        raise InvalidInput.of(
            "finding_ids",
            f"Finding {finding_id} is not an area for improvement or future focus",
        )
    if session.get(ActionFinding, (action.id, finding.id)) is None:
        session.add(ActionFinding(action_id=action.id, finding_id=finding.id))


def link_findings(
    session: Session, *, actor: Principal, action_id: int, finding_ids: Iterable[int]
) -> None:
    action = readable_action(session, actor, action_id)
    workstream = readable_workstream(session, actor, action.workstream_id)
    plan = readable_plan(session, actor, workstream.plan_id)
    require_update(session, actor, plan, workstream)
    ids = list(finding_ids)
    for finding_id in ids:
        _link(session, actor, action, finding_id, area_code=plan.area_code)
    audit.record(
        session,
        actor=actor,
        action="action.link_findings",
        entity_type="action",
        entity_id=action.id,
        area_code=plan.area_code,
        after={"finding_ids": ids},
    )


def current_values(action: Action) -> dict[str, Any]:
    """The action's editable values as JSON, with its version (what a 409 answers)."""
    values = {f: _jsonable(getattr(action, f)) for f in EDITABLE}
    values.update(
        version=action.version,
        progress=action.progress,
        cancel_reason=action.cancel_reason,
        baseline_due=action.baseline_due.isoformat(),
    )
    return values


def _action_now(session: Session, action_id: int, loaded: int) -> dict[str, Any]:
    """What the action holds now, with the updates made after the editor loaded ``loaded``
    (one journal row per version)."""
    action = session.get(Action, action_id, populate_existing=True)
    if action is None:
        return {}
    rows = session.scalars(
        select(ActionUpdate).where(ActionUpdate.action_id == action_id).order_by(ActionUpdate.id)
    ).all()
    changes = [
        {
            "on": row.reported_on.isoformat(),
            "by": row.actor,
            "changes": row.changes,
            "reason": row.reason,
            "note": row.note,
        }
        for row in rows[max(loaded, 0) :]
    ]
    return {**current_values(action), "changes": changes}


def _proposed(
    action: Action, change: ActionChange, on: date
) -> tuple[dict[str, object], dict[str, list[object]]]:
    """The action's editable values after ``change``, and what changes (field -> [before,
    after]); InvalidInput when the change is not acceptable."""
    current = ActionStatus(action.status)
    target = change.status or current
    completed_on = change.completed_on
    if target == ActionStatus.COMPLETE and completed_on is None:
        completed_on = on if current != target else action.completed_on
    proposed: dict[str, object] = {
        "description": change.description or action.description,
        "owner": action.owner if change.owner is None else change.owner,
        "forecast_due": change.forecast_due or action.forecast_due,
        "indicative": action.indicative if change.indicative is None else change.indicative,
        "status": target.value,
        "completed_on": completed_on,
    }
    changes = {
        f: [_jsonable(getattr(action, f)), _jsonable(v)]
        for f, v in proposed.items()
        if getattr(action, f) != v
    }
    problems = rules.action_change_problems(
        current=current,
        target=target,
        forecast_changed="forecast_due" in changes,
        reason=change.reason,
        completed_on=completed_on,
    )
    if problems:
        raise InvalidInput(problems)
    if not changes and not change.note:
        raise InvalidInput.of("note", "Nothing to save: change a value or write a progress update")
    return proposed, changes


def update_action(
    session: Session,
    *,
    actor: Principal,
    action_id: int,
    change: ActionChange,
    on: date | None = None,
) -> Action:
    """One dated update: the changed fields are journalled with their old and new values.

    ``change.version`` is the one the editor loaded; if someone saved in between, StaleEdit
    carries the current values and what changed, and nothing is written."""
    action = readable_action(session, actor, action_id)
    workstream = readable_workstream(session, actor, action.workstream_id)
    plan = readable_plan(session, actor, workstream.plan_id)
    require_update(session, actor, plan, workstream)
    reference = f"{workstream.code}.{action.number}"

    def stale() -> StaleEdit:
        return StaleEdit(
            f"Action {reference} was updated by someone else after you opened it. Nothing you "
            "entered has been saved: check their changes, then save again.",
            current=_action_now(session, action_id, change.version),
        )

    on = on or clock.today()
    before = current_values(action)
    # A stale edit is refused before its values are checked: they were typed over values that
    # are no longer there, and the editor needs to see what changed.
    expect_version(action, change.version, stale=stale)
    try:
        proposed, changes = _proposed(action, change, on)
    except InvalidInput:
        session.expire(action, ["version"])  # refused: the action stays at the version loaded
        raise
    current, target = ActionStatus(action.status), ActionStatus(str(proposed["status"]))
    for field_name, value in proposed.items():
        setattr(action, field_name, value)
    if target == ActionStatus.CANCELLED and current != target:
        action.cancel_reason = change.reason
    if change.note:
        action.progress = change.note
    action.updated_on = on
    _journal(
        session,
        actor=actor,
        action=action,
        on=on,
        kind="updated",
        changes=changes,
        reason=change.reason,
        note=change.note,
    )
    audit.record(
        session,
        actor=actor,
        action="action.update",
        entity_type="action",
        entity_id=action.id,
        area_code=plan.area_code,
        before=before,
        after=current_values(action),
        note=change.reason,
    )
    flush_versioned(session, stale=stale)
    return action
