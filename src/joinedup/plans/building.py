"""Building a plan: start it, move it on through its statuses, add workstreams and assign the
people who update them. A plan's status is a versioned write: a stale one is refused by the
database itself, and its audit row is written in the same transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import audit
from joinedup.access import service as access
from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit
from joinedup.plans import rules
from joinedup.plans.models import Plan, Workstream, WorkstreamMember
from joinedup.plans.permissions import readable_plan, readable_workstream, require_edit_plan
from joinedup.plans.progress import coverage
from joinedup.plans.schemas import MemberIn, PlanIn, PlanStatus, PlanStatusIn, WorkstreamIn
from joinedup.reviews import service as reviews
from joinedup.store.versioning import expect_version, flush_versioned


def create_plan(
    session: Session,
    *,
    actor: Principal,
    area_code: str,
    change: PlanIn,
    make_current: bool = True,
) -> Plan:
    """A new draft plan of a system; by default it becomes the system's current plan."""
    areas.get_system(session, actor=actor, area_code=area_code)
    if not actor.can(Permission.EDIT_PLAN, area_code):
        raise PermissionDenied("Only the system's leads can create its plans.")
    if change.review_id is not None:
        review = reviews.get_review(session, actor=actor, review_id=change.review_id)
        if review.area_code != area_code:
            raise InvalidInput.of(
                "review_id", f"Review {change.review_id} is not a review of {area_code}"
            )
    plan = Plan(
        area_code=area_code,
        review_id=change.review_id,
        title=change.title,
        agreed_on=change.agreed_on,
        planned_end=change.planned_end,
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
        after={"title": plan.title, "review_id": change.review_id, "current": plan.is_current},
    )
    if change.review_id is not None and change.start_from_summit:
        _start_from_summit(session, actor, plan, change.review_id)
    return plan


def _section_code(position: int) -> str:
    """A, B, ... Z, then AA, AB, ...: the letters plans give their workstreams."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _start_from_summit(session: Session, actor: Principal, plan: Plan, review_id: int) -> None:
    """One workstream per plan section agreed at the review's summit, with its responsible
    group, in the order agreed (none when no summit is recorded)."""
    sections = reviews.summit_sections(session, actor=actor, review_id=review_id)
    for position, (title, group) in enumerate(sections):
        add_workstream(
            session,
            actor=actor,
            plan_id=plan.id,
            change=WorkstreamIn(code=_section_code(position), title=title, responsible_group=group),
        )


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


def _plan_now(session: Session, plan_id: int) -> dict[str, Any]:
    """What a plan holds now, with what changed since (its status audit rows)."""
    plan = session.get(Plan, plan_id, populate_existing=True)
    if plan is None:
        return {}
    events = audit.events_for(session, "plan", plan_id)
    return {
        "status": plan.status,
        "coverage_exception": plan.coverage_exception,
        "version": plan.version,
        "changes": [
            {"by": e.actor, "before": e.before, "after": e.after}
            for e in events
            if e.action == "plan.status"
        ],
    }


def _status_problems(session: Session, actor: Principal, plan: Plan, change: PlanStatusIn) -> str:
    """The coverage exception the plan will hold; InvalidInput when the move is not allowed."""
    problem = rules.plan_transition_problem(PlanStatus(plan.status), change.status)
    if problem:
        raise InvalidInput.of("status", problem)
    exception = change.coverage_exception or plan.coverage_exception
    if change.status == PlanStatus.SUBMITTED:
        gap = coverage(session, actor=actor, plan_id=plan.id).uncovered
        problem = rules.submit_problem(gap, exception)
        if problem:
            raise InvalidInput.of("coverage_exception", problem)
    return exception


def set_plan_status(
    session: Session, *, actor: Principal, plan_id: int, change: PlanStatusIn
) -> Plan:
    """Move a plan on; submitting needs every finding covered or a recorded reason why not."""
    plan = readable_plan(session, actor, plan_id)
    require_edit_plan(actor, plan)

    def stale() -> StaleEdit:
        return StaleEdit(
            "The plan was changed by someone else after you opened it. Nothing you entered has "
            "been saved: check what changed, then try again.",
            current=_plan_now(session, plan_id),
        )

    before = {"status": plan.status, "coverage_exception": plan.coverage_exception}
    # A stale change is refused first: it was chosen from a status that is no longer there.
    expect_version(plan, change.version, stale=stale)
    try:
        with session.no_autoflush:  # the checks read coverage; nothing is written before them
            exception = _status_problems(session, actor, plan, change)
    except InvalidInput:
        session.expire(plan, ["version"])  # refused: the plan stays at the version loaded
        raise
    target = change.status
    if target == PlanStatus.AGREED and plan.agreed_on is None:
        plan.agreed_on = clock.today()
    plan.status = target.value
    plan.coverage_exception = exception
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
    flush_versioned(session, stale=stale)
    return plan


def add_workstream(
    session: Session, *, actor: Principal, plan_id: int, change: WorkstreamIn
) -> Workstream:
    plan = readable_plan(session, actor, plan_id)
    require_edit_plan(actor, plan)
    taken = select(Workstream.id).where(
        Workstream.plan_id == plan.id, Workstream.code == change.code
    )
    if session.scalar(taken) is not None:
        raise InvalidInput.of("code", f"{change.code} is already used in this plan")
    workstream = Workstream(
        plan_id=plan.id,
        code=change.code,
        title=change.title,
        responsible_group=change.responsible_group,
        leads=change.leads,
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
        after={"code": change.code, "title": workstream.title, "leads": workstream.leads},
    )
    return workstream


def assign_member_by_email(
    session: Session, *, actor: Principal, workstream_id: int, change: MemberIn
) -> None:
    """Assign a person of the plan's system (by email) to a workstream."""
    workstream = readable_workstream(session, actor, workstream_id)
    plan = readable_plan(session, actor, workstream.plan_id)
    require_edit_plan(actor, plan)
    # One answer whether or not the email has an account anywhere: the form tells nobody who
    # uses Joined Up, only whether this person can be assigned here.
    refused = InvalidInput.of(
        "email",
        f"No one who can update actions in this system has the email {change.email!r}: check "
        "the address, or ask an administrator to give them a role here",
    )
    try:
        user = access.get_user(session, change.email)
    except NotFound:
        raise refused from None
    if not access.principal_for(user).can(Permission.UPDATE_ACTIONS, plan.area_code):
        raise refused
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
