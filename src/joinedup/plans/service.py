"""Use cases of improvement plans: create plans, workstreams and actions, update actions with a
dated journal, record RAG ratings, check coverage of findings, submit.

Reading pages (overview, lists, since last report) live in ``joinedup.plans.views`` and are
re-exported here, so other capabilities reach plans through this module only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access import service as access
from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit
from joinedup.plans import excel, rules
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
    readable_action,
    readable_plan,
    readable_workstream,
    require_edit_plan,
    require_update,
)
from joinedup.plans.rules import ActionStatus, PlanStatus, Rating
from joinedup.plans.views import (
    ActionDetail,
    ActionRow,
    PlanOverview,
    WorkstreamDetail,
    action_detail,
    action_facts,
    coverage,
    current_plan,
    members,
    my_actions,
    overdue_actions,
    plan_overview,
    plans_of,
    reporting_dates,
    since_last_report,
    slipped_actions,
    workstream_by_code,
    workstream_detail,
)
from joinedup.reviews import service as reviews
from joinedup.store.db import utcnow

__all__ = [
    "ActionDetail",
    "ActionRow",
    "PlanOverview",
    "WorkstreamDetail",
    "action_detail",
    "coverage",
    "current_plan",
    "get_plan",
    "members",
    "my_actions",
    "overdue_actions",
    "plan_overview",
    "plans_of",
    "reporting_dates",
    "since_last_report",
    "slipped_actions",
    "workstream_by_code",
    "workstream_detail",
]

# Fields a person edits on an action, in the order they are shown.
EDITABLE = ("description", "owner", "forecast_due", "indicative", "status", "completed_on")


def today() -> date:
    return utcnow().date()


def get_plan(session: Session, *, actor: Principal, plan_id: int) -> Plan:
    return readable_plan(session, actor, plan_id)


def _text(value: str, what: str, *, limit: int) -> str:
    cleaned = " ".join(value.split()) if limit <= 300 else value.strip()
    if not cleaned:
        raise InvalidInput(f"{what}: enter a value")
    if len(cleaned) > limit:
        raise InvalidInput(f"{what}: at most {limit} characters (got {len(cleaned)})")
    return cleaned


def create_plan(
    session: Session,
    *,
    actor: Principal,
    area_code: str,
    title: str,
    review_id: int | None = None,
    agreed_on: date | None = None,
    planned_end: date | None = None,
    make_current: bool = True,
) -> Plan:
    """A new draft plan of a system; by default it becomes the system's current plan."""
    areas.get_system(session, actor=actor, area_code=area_code)
    if not actor.can(Permission.EDIT_PLAN, area_code):
        raise PermissionDenied("Only the system's leads can create its plans.")
    if review_id is not None:
        review = reviews.get_review(session, actor=actor, review_id=review_id)
        if review.area_code != area_code:
            raise InvalidInput(f"review: review {review_id} is not a review of {area_code}")
    if agreed_on and planned_end and planned_end < agreed_on:
        raise InvalidInput(f"planned end {planned_end} is before the agreed date {agreed_on}")
    plan = Plan(
        area_code=area_code,
        review_id=review_id,
        title=_text(title, "plan title", limit=300),
        agreed_on=agreed_on,
        planned_end=planned_end,
        status=PlanStatus.DRAFT.value,
        is_current=False,
        coverage_exception="",
        version=1,
    )
    session.add(plan)
    session.flush()
    if make_current:
        _make_current(session, plan)
    audit.record(
        session,
        actor=actor,
        action="plan.create",
        entity_type="plan",
        entity_id=plan.id,
        area_code=area_code,
        after={"title": plan.title, "review_id": review_id, "current": plan.is_current},
    )
    return plan


def _make_current(session: Session, plan: Plan) -> None:
    session.execute(
        update(Plan)
        .where(Plan.area_code == plan.area_code, Plan.id != plan.id)
        .values(is_current=False)
    )
    plan.is_current = True


def make_current(session: Session, *, actor: Principal, plan_id: int) -> Plan:
    plan = readable_plan(session, actor, plan_id)
    require_edit_plan(actor, plan)
    _make_current(session, plan)
    audit.record(
        session,
        actor=actor,
        action="plan.make_current",
        entity_type="plan",
        entity_id=plan.id,
        area_code=plan.area_code,
    )
    return plan


def set_plan_status(
    session: Session,
    *,
    actor: Principal,
    plan_id: int,
    status: str,
    version: int,
    coverage_exception: str = "",
) -> Plan:
    """Move a plan on; submitting needs every finding covered or a recorded reason why not."""
    plan = readable_plan(session, actor, plan_id)
    require_edit_plan(actor, plan)
    if plan.version != version:
        raise StaleEdit(
            "The plan was changed after you opened it.",
            current={"status": plan.status, "version": plan.version},
        )
    try:
        target = PlanStatus(status)
    except ValueError:
        raise InvalidInput(f"status: {status!r} is not a plan status") from None
    problem = rules.plan_transition_problem(PlanStatus(plan.status), target)
    if problem:
        raise InvalidInput(f"status: {problem}")
    exception = coverage_exception.strip() or plan.coverage_exception
    if target == PlanStatus.SUBMITTED:
        gap = coverage(session, actor=actor, plan_id=plan.id).uncovered
        problem = rules.submit_problem(gap, exception)
        if problem:
            raise InvalidInput(f"coverage_exception: {problem}")
    before = {"status": plan.status, "coverage_exception": plan.coverage_exception}
    if target == PlanStatus.AGREED and plan.agreed_on is None:
        plan.agreed_on = today()
    plan.status = target.value
    plan.coverage_exception = exception
    plan.version += 1
    audit.record(
        session,
        actor=actor,
        action="plan.status",
        entity_type="plan",
        entity_id=plan.id,
        area_code=plan.area_code,
        before=before,
        after={"status": plan.status, "coverage_exception": plan.coverage_exception},
    )
    return plan


def add_workstream(
    session: Session,
    *,
    actor: Principal,
    plan_id: int,
    code: str,
    title: str,
    responsible_group: str = "",
    leads: str = "",
) -> Workstream:
    plan = readable_plan(session, actor, plan_id)
    require_edit_plan(actor, plan)
    code = _text(code, "workstream code", limit=10).upper()
    taken = select(Workstream.id).where(Workstream.plan_id == plan.id, Workstream.code == code)
    if session.scalar(taken) is not None:
        raise InvalidInput(f"workstream code: {code} is already used in this plan")
    workstream = Workstream(
        plan_id=plan.id,
        code=code,
        title=_text(title, "workstream title", limit=300),
        responsible_group=responsible_group.strip(),
        leads=leads.strip(),
    )
    session.add(workstream)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="workstream.add",
        entity_type="workstream",
        entity_id=workstream.id,
        area_code=plan.area_code,
        after={"code": code, "title": workstream.title, "leads": workstream.leads},
    )
    return workstream


def assign_member_by_email(
    session: Session, *, actor: Principal, workstream_id: int, email: str
) -> None:
    """Assign a person of the plan's system (by email) to a workstream."""
    workstream = readable_workstream(session, actor, workstream_id)
    plan = readable_plan(session, actor, workstream.plan_id)
    require_edit_plan(actor, plan)
    try:
        user = access.get_user(session, email.strip().lower())
    except NotFound:
        raise InvalidInput(f"email: nobody uses Joined Up with the email {email!r}") from None
    if not access.principal_for(user).can(Permission.UPDATE_ACTIONS, plan.area_code):
        raise InvalidInput(f"email: {user.email} cannot update actions in {plan.area_code}")
    assign_member(session, actor=actor, workstream_id=workstream.id, user_id=user.id)


def assign_member(session: Session, *, actor: Principal, workstream_id: int, user_id: int) -> None:
    """Let a contributor update a workstream's actions and rating."""
    workstream = readable_workstream(session, actor, workstream_id)
    plan = readable_plan(session, actor, workstream.plan_id)
    require_edit_plan(actor, plan)
    if session.get(WorkstreamMember, (workstream.id, user_id)) is None:
        session.add(WorkstreamMember(workstream_id=workstream.id, user_id=user_id))
    audit.record(
        session,
        actor=actor,
        action="workstream.assign",
        entity_type="workstream",
        entity_id=workstream.id,
        area_code=plan.area_code,
        after={"user_id": user_id},
    )


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
) -> ActionUpdate:
    entry = ActionUpdate(
        action_id=action.id,
        reported_on=on,
        actor_user_id=actor.user_id,
        actor=actor.email,
        kind=kind,
        changes=changes,
        reason=reason,
        note=note,
    )
    session.add(entry)
    return entry


def add_action(
    session: Session,
    *,
    actor: Principal,
    workstream_id: int,
    description: str,
    owner: str,
    due: date,
    indicative: bool = False,
    status: ActionStatus = ActionStatus.NOT_STARTED,
    progress: str = "",
    finding_ids: Iterable[int] = (),
    baseline_due: date | None = None,
    on: date | None = None,
) -> Action:
    """A new action; its due date is both the baseline and the first forecast (unless a
    separate baseline is given, as when a plan is imported)."""
    workstream = readable_workstream(session, actor, workstream_id)
    plan = readable_plan(session, actor, workstream.plan_id)
    require_update(session, actor, plan, workstream)
    on = on or today()
    number = (
        session.scalar(select(func.max(Action.number)).where(Action.workstream_id == workstream.id))
        or 0
    ) + 1
    action = Action(
        workstream_id=workstream.id,
        number=number,
        description=_text(description, "action description", limit=4000),
        owner=owner.strip(),
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
        _link(session, actor, action, finding_id)
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


def _link(session: Session, actor: Principal, action: Action, finding_id: int) -> None:
    finding = reviews.get_finding(session, actor=actor, finding_id=finding_id)
    if finding.kind not in rules.FINDING_KINDS_NEEDING_ACTION:
        raise InvalidInput(f"finding {finding_id} is not an area for improvement or future focus")
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
        _link(session, actor, action, finding_id)
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


def _journal_since(session: Session, action: Action, version: int) -> list[dict[str, Any]]:
    """The updates made after the editor loaded ``version`` (one journal row per version)."""
    rows = session.scalars(
        select(ActionUpdate).where(ActionUpdate.action_id == action.id).order_by(ActionUpdate.id)
    ).all()
    return [
        {
            "on": row.reported_on.isoformat(),
            "by": row.actor,
            "changes": row.changes,
            "reason": row.reason,
            "note": row.note,
        }
        for row in rows[max(version, 0) :]
    ]


def update_action(
    session: Session,
    *,
    actor: Principal,
    action_id: int,
    version: int,
    status: str | None = None,
    forecast_due: date | None = None,
    completed_on: date | None = None,
    owner: str | None = None,
    description: str | None = None,
    indicative: bool | None = None,
    reason: str = "",
    note: str = "",
    on: date | None = None,
) -> Action:
    """One dated update: the changed fields are journalled with their old and new values.

    ``version`` is the one the editor loaded; if someone saved in between, StaleEdit carries
    the current values and what changed, and nothing is written."""
    action = readable_action(session, actor, action_id)
    workstream = readable_workstream(session, actor, action.workstream_id)
    plan = readable_plan(session, actor, workstream.plan_id)
    require_update(session, actor, plan, workstream)
    if action.version != version:
        raise StaleEdit(
            f"Action {workstream.code}.{action.number} was updated by someone else after you "
            "opened it. Nothing you entered has been saved: check their changes, then save again.",
            current={**current_values(action), "changes": _journal_since(session, action, version)},
        )
    on = on or today()
    try:
        target = ActionStatus(status) if status is not None else ActionStatus(action.status)
    except ValueError:
        raise InvalidInput(f"status: {status!r} is not an action status") from None
    current = ActionStatus(action.status)
    if target == ActionStatus.COMPLETE and current != target and completed_on is None:
        completed_on = on
    if target == ActionStatus.COMPLETE and completed_on is None:
        completed_on = action.completed_on
    proposed: dict[str, object] = {
        "description": action.description
        if description is None
        else _text(description, "description", limit=4000),
        "owner": action.owner if owner is None else owner.strip(),
        "forecast_due": forecast_due or action.forecast_due,
        "indicative": action.indicative if indicative is None else indicative,
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
        reason=reason,
        completed_on=completed_on,
    )
    if problems:
        field = "reason" if "reason" in problems[0] else "completed_on"
        raise InvalidInput(f"{field}: " + "; ".join(problems))
    if not changes and not note.strip():
        raise InvalidInput("note: nothing to save: change a value or write a progress update")
    before = current_values(action)
    for field_name, value in proposed.items():
        setattr(action, field_name, value)
    if target == ActionStatus.CANCELLED and current != target:
        action.cancel_reason = reason.strip()
    if note.strip():
        action.progress = note.strip()
    action.updated_on = on
    action.version += 1
    _journal(
        session,
        actor=actor,
        action=action,
        on=on,
        kind="updated",
        changes=changes,
        reason=reason.strip(),
        note=note.strip(),
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
        note=reason.strip(),
    )
    return action


@dataclass(frozen=True)
class RagInput:
    rating: str
    rationale: str
    mitigation: str = ""
    override_reason: str = ""


def suggestion(
    session: Session, *, actor: Principal, workstream_id: int, on: date
) -> rules.Suggestion:
    workstream = readable_workstream(session, actor, workstream_id)
    return rules.suggest_rating(action_facts(session, [workstream.id])[workstream.id], on)


def record_rag(
    session: Session,
    *,
    actor: Principal,
    workstream_id: int,
    rating: str,
    rationale: str,
    mitigation: str = "",
    override_reason: str = "",
    on: date | None = None,
) -> RagAssessment:
    """A workstream's rating on a reporting date, with the suggestion it was compared with.
    Problems are reported per field (InvalidInput messages start with the field name)."""
    workstream = readable_workstream(session, actor, workstream_id)
    plan = readable_plan(session, actor, workstream.plan_id)
    require_update(session, actor, plan, workstream)
    on = on or today()
    try:
        chosen = Rating(rating.strip().lower())
    except ValueError:
        raise InvalidInput("rating: choose Green, Amber or Red") from None
    suggested = rules.suggest_rating(action_facts(session, [workstream.id])[workstream.id], on)
    problems = rules.rag_problems(
        rating=chosen,
        rationale=rationale,
        mitigation=mitigation,
        suggested=suggested.rating,
        override_reason=override_reason,
    )
    if problems:
        raise InvalidInput("; ".join(f"{f}: {p}" for f, p in problems.items()))
    assessment = RagAssessment(
        workstream_id=workstream.id,
        reported_on=on,
        rating=chosen.value,
        rationale=rationale.strip(),
        mitigation=mitigation.strip(),
        suggested=suggested.rating.value,
        triggers=list(suggested.triggers),
        override_reason=override_reason.strip() if chosen != suggested.rating else "",
        actor_user_id=actor.user_id,
        actor=actor.email,
    )
    session.add(assessment)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="workstream.rag",
        entity_type="workstream",
        entity_id=workstream.id,
        area_code=plan.area_code,
        after={
            "on": on.isoformat(),
            "rating": chosen.value,
            "suggested": suggested.rating.value,
            "rationale": assessment.rationale,
            "mitigation": assessment.mitigation,
        },
    )
    return assessment


def import_plan(
    session: Session,
    *,
    actor: Principal,
    area_code: str,
    data: bytes,
    source: str,
    title: str | None = None,
    on: date | None = None,
) -> Plan:
    """A new draft plan from a spreadsheet in the template; all or nothing. It becomes the
    system's current plan only when the system has no other plan."""
    areas.get_system(session, actor=actor, area_code=area_code)
    if not actor.can(Permission.EDIT_PLAN, area_code):
        raise PermissionDenied("Only the system's leads can import plans.")
    workstreams = excel.read_plan(data, source=source)
    on = on or today()
    first = not plans_of(session, actor=actor, area_code=area_code)
    plan = create_plan(
        session,
        actor=actor,
        area_code=area_code,
        title=title or f"Plan imported from {source}",
        make_current=first,
    )
    for item in workstreams:
        workstream = add_workstream(
            session,
            actor=actor,
            plan_id=plan.id,
            code=item.code,
            title=item.title,
            responsible_group=item.responsible_group,
            leads=item.leads,
        )
        for imported in item.actions:
            add_action(
                session,
                actor=actor,
                workstream_id=workstream.id,
                description=imported.description,
                owner=imported.owner,
                due=imported.due,
                baseline_due=imported.baseline,
                indicative=imported.indicative,
                status=imported.status,
                progress=imported.progress,
                on=on,
            )
        if item.rating is not None:
            suggested = suggestion(session, actor=actor, workstream_id=workstream.id, on=on)
            record_rag(
                session,
                actor=actor,
                workstream_id=workstream.id,
                rating=item.rating.value,
                rationale=item.rationale or f"Rating as recorded in {source}",
                mitigation=item.mitigation or f"Not given in {source}",
                override_reason=""
                if suggested.rating == item.rating
                else f"Rating as recorded in {source}",
                on=on,
            )
    audit.record(
        session,
        actor=actor,
        action="plan.import",
        entity_type="plan",
        entity_id=plan.id,
        area_code=area_code,
        after={"source": source, "workstreams": len(workstreams)},
    )
    return plan


def export_plan(session: Session, *, actor: Principal, plan_id: int) -> bytes:
    """The plan as a spreadsheet in the import template (one row per action)."""
    plan = readable_plan(session, actor, plan_id)
    overview = plan_overview(session, actor=actor, plan_id=plan.id)
    rows: list[excel.ExportRow] = []
    actions = session.scalars(
        select(Action)
        .join(Workstream, Action.workstream_id == Workstream.id)
        .where(Workstream.plan_id == plan.id)
        .order_by(Workstream.code, Action.number)
    ).all()
    by_workstream: dict[int, list[Action]] = {}
    for action in actions:
        by_workstream.setdefault(action.workstream_id, []).append(action)
    for summary in overview.workstreams:
        w, rag = summary.workstream, summary.rag
        common = {
            "code": w.code,
            "workstream": w.title,
            "responsible_group": w.responsible_group,
            "leads": w.leads,
            "rating": rag.rating if rag else "",
            "rationale": rag.rationale if rag else "",
            "mitigation": rag.mitigation if rag else "",
        }
        items = by_workstream.get(w.id, [])
        if not items:
            rows.append(
                excel.ExportRow(
                    **common,
                    action="",
                    owner="",
                    due=None,
                    status="",
                    progress="",
                    baseline=None,
                    indicative=False,
                )
            )
        for a in items:
            rows.append(
                excel.ExportRow(
                    **common,
                    action=a.description,
                    owner=a.owner,
                    due=a.forecast_due,
                    status=a.status,
                    progress=a.cancel_reason
                    if a.status == ActionStatus.CANCELLED.value and not a.progress
                    else a.progress,
                    baseline=a.baseline_due,
                    indicative=a.indicative,
                )
            )
    return excel.write_plan(rows, title=plan.title)
