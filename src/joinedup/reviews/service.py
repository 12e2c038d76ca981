"""Use cases of reviews: frameworks, programmes, reviews, milestones, report states.

Every function takes the session first and the acting person as ``actor``; reviewers and admins
change things (Permission.MANAGE_REVIEWS); a review's system reads it; once its report is
published, everybody does. Services never commit.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit
from joinedup.reviews import frameworks
from joinedup.reviews.frameworks import Framework as FrameworkDefinition
from joinedup.reviews.models import Finding, Framework, Milestone, Programme, Review
from joinedup.reviews.rules import (
    FOLLOW_UP_KINDS,
    REPORT_STATES,
    REPORT_TRANSITIONS,
    REVIEW_KINDS,
    REVIEW_STATUSES,
    add_months,
)
from joinedup.reviews.visibility import can_read_review
from joinedup.store.db import utcnow

# Findings a system's improvement plan must answer with an action.
ACTION_KINDS = ("area_for_improvement", "area_of_future_focus")


# --- frameworks -------------------------------------------------------------------------------


def ensure_frameworks(session: Session) -> int:
    """Store the shipped frameworks that are not stored yet; returns how many were added."""
    known = set(session.scalars(select(Framework.key)))
    added = 0
    for definition, raw in frameworks.shipped():
        if definition.key not in known:
            session.add(Framework(key=definition.key, name=definition.name, definition=raw))
            added += 1
    session.flush()
    return added


def add_framework(session: Session, *, actor: Principal, text: str, source: str) -> Framework:
    """Add a framework from a YAML or JSON file's text (format: docs/reviews.md)."""
    if not actor.can(Permission.MANAGE_REVIEWS):
        raise PermissionDenied("only reviewers and admins add review frameworks")
    definition, raw = frameworks.load_text(text, source=source)
    if session.scalar(select(Framework).where(Framework.key == definition.key)) is not None:
        raise InvalidInput(f"{source}, key: a framework {definition.key!r} already exists")
    row = Framework(key=definition.key, name=definition.name, definition=raw)
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="review_framework.add",
        entity_type="review_framework",
        entity_id=definition.key,
        after={"name": definition.name, "source": source},
    )
    return row


def list_frameworks(session: Session) -> list[FrameworkDefinition]:
    rows = session.scalars(select(Framework).order_by(Framework.name))
    return [frameworks.parse_framework(r.definition, source=r.key) for r in rows]


def framework(session: Session, key: str) -> FrameworkDefinition:
    row = session.scalar(select(Framework).where(Framework.key == key))
    if row is None:
        raise NotFound(f"no review framework {key!r}")
    return frameworks.parse_framework(row.definition, source=key)


def framework_of(session: Session, review: Review) -> FrameworkDefinition:
    return framework(session, review.programme.framework_key)


# --- programmes -------------------------------------------------------------------------------


def _require_manager(actor: Principal, area_code: str | None = None) -> None:
    if not actor.can(Permission.MANAGE_REVIEWS, area_code):
        raise PermissionDenied("only reviewers and admins change reviews")


def create_programme(
    session: Session, *, actor: Principal, name: str, framework_key: str, description: str = ""
) -> Programme:
    _require_manager(actor)
    name = name.strip()
    if not name:
        raise InvalidInput("name: give the programme a name")
    try:
        framework(session, framework_key)
    except NotFound:
        raise InvalidInput(f"framework: {framework_key!r} is not a known framework") from None
    if session.scalar(select(Programme).where(Programme.name == name)) is not None:
        raise InvalidInput(f"name: a programme called {name!r} already exists")
    programme = Programme(name=name, framework_key=framework_key, description=description.strip())
    session.add(programme)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="review_programme.create",
        entity_type="review_programme",
        entity_id=programme.id,
        after={"name": name, "framework": framework_key},
    )
    return programme


def list_programmes(session: Session, *, actor: Principal | None) -> list[Programme]:
    """Programmes are not secret: their names and frameworks; their reviews are filtered."""
    return list(session.scalars(select(Programme).order_by(Programme.id)))


def get_programme(session: Session, *, actor: Principal | None, programme_id: int) -> Programme:
    programme = session.get(Programme, programme_id)
    if programme is None:
        raise NotFound(f"no programme {programme_id}")
    return programme


# --- reviews ----------------------------------------------------------------------------------


def review_fields(review: Review) -> dict[str, Any]:
    """What an editor sees and may change: the audit's before/after and StaleEdit's current."""
    return {
        "title": review.title,
        "kind": review.kind,
        "status": review.status,
        "team": list(review.team),
        "report_state": review.report_state,
        "report_summary": review.report_summary,
        "version": review.version,
    }


def _check_choice(value: str, choices: dict[str, str], what: str) -> str:
    if value not in choices:
        raise InvalidInput(f"{what}: {value!r} is not one of {', '.join(choices)}")
    return value


def parse_team(text: str) -> list[dict[str, str]]:
    """One person a line, as "Name, role" (role optional)."""
    team = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, _, role = line.partition(",")
        if not name.strip():
            raise InvalidInput(f"team, line {number}: a name is missing before the comma")
        team.append({"name": name.strip()[:200], "role": role.strip()[:200]})
    return team


def create_review(
    session: Session,
    *,
    actor: Principal,
    programme_id: int,
    area_code: str,
    kind: str,
    start: date,
    title: str = "",
    team: list[dict[str, str]] | None = None,
    follow_up_of_id: int | None = None,
) -> Review:
    """A review of one system, its milestones planned from the framework's template."""
    _require_manager(actor, area_code)
    programme = get_programme(session, actor=actor, programme_id=programme_id)
    try:
        system = areas.get_system(session, actor=actor, area_code=area_code)
    except NotFound:
        raise InvalidInput(f"system: {area_code!r} is not a system") from None
    _check_choice(kind, REVIEW_KINDS, "kind")
    if kind in FOLLOW_UP_KINDS and follow_up_of_id is not None:
        earlier = get_review(session, actor=actor, review_id=follow_up_of_id)
        if earlier.area_code != area_code:
            raise InvalidInput("follow_up_of: the earlier review is of another system")
    elif follow_up_of_id is not None:
        raise InvalidInput("follow_up_of: only a follow-up follows up an earlier review")
    plan = framework(session, programme.framework_key).plan_milestones(start)
    review = Review(
        programme=programme,
        area_code=area_code,
        kind=kind,
        status="planned",
        title=title.strip() or f"{system.name}: {REVIEW_KINDS[kind].lower()}",
        team=team or [],
        follow_up_of_id=follow_up_of_id,
        report_state="draft",
        report_summary="",
    )
    for position, (template, planned) in enumerate(plan):
        review.milestones.append(
            Milestone(
                key=template.key, label=template.label, position=position, planned_date=planned
            )
        )
    session.add(review)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="review.create",
        entity_type="review",
        entity_id=review.id,
        area_code=area_code,
        after={**review_fields(review), "programme_id": programme_id, "start": start.isoformat()},
    )
    return review


def list_reviews(
    session: Session,
    *,
    actor: Principal | None,
    programme_id: int | None = None,
    area_code: str | None = None,
) -> list[Review]:
    query = select(Review).order_by(Review.id)
    if programme_id is not None:
        query = query.where(Review.programme_id == programme_id)
    if area_code is not None:
        query = query.where(Review.area_code == area_code)
    return [r for r in session.scalars(query) if can_read_review(actor, r)]


def get_review(session: Session, *, actor: Principal | None, review_id: int) -> Review:
    """A review the actor may read; any other is reported as not found."""
    review = session.get(Review, review_id)
    if review is None or not can_read_review(actor, review):
        raise NotFound(f"no review {review_id}")
    return review


def review_for_change(session: Session, *, actor: Principal, review_id: int) -> Review:
    """A review the actor may change: NotFound when they may not see it, else PermissionDenied."""
    review = get_review(session, actor=actor, review_id=review_id)
    _require_manager(actor, review.area_code)
    return review


def check_version(loaded: int, current: int, fields: dict[str, Any], what: str) -> None:
    if loaded != current:
        raise StaleEdit(
            f"Somebody else changed this {what} after you opened it. Their version is shown "
            "below; your changes have not been saved.",
            current=fields,
        )


def update_review(
    session: Session,
    *,
    actor: Principal,
    review_id: int,
    version: int,
    title: str | None = None,
    status: str | None = None,
    team: list[dict[str, str]] | None = None,
) -> Review:
    review = review_for_change(session, actor=actor, review_id=review_id)
    check_version(version, review.version, review_fields(review), "review")
    before = review_fields(review)
    if title is not None:
        if not title.strip():
            raise InvalidInput("title: give the review a title")
        review.title = title.strip()
    if status is not None:
        review.status = _check_choice(status, REVIEW_STATUSES, "status")
    if team is not None:
        review.team = team
    _touch(review)
    audit.record(
        session,
        actor=actor,
        action="review.update",
        entity_type="review",
        entity_id=review.id,
        area_code=review.area_code,
        before=before,
        after=review_fields(review),
    )
    return review


def _touch(review: Review) -> None:
    review.version += 1
    review.updated_at = utcnow()


def set_report_state(
    session: Session,
    *,
    actor: Principal,
    review_id: int,
    version: int,
    state: str,
    summary: str | None = None,
) -> Review:
    """Move the report on (draft, shared with the system, published), or edit its summary."""
    review = review_for_change(session, actor=actor, review_id=review_id)
    check_version(version, review.version, review_fields(review), "review")
    _check_choice(state, REPORT_STATES, "report state")
    if state != review.report_state and state not in REPORT_TRANSITIONS[review.report_state]:
        raise InvalidInput(
            f"report state: a {REPORT_STATES[review.report_state].lower()} report cannot become "
            f"{REPORT_STATES[state].lower()}"
        )
    before = review_fields(review)
    review.report_state = state
    if summary is not None:
        review.report_summary = summary.strip()
    if state == "published" and review.published_at is None:
        review.published_at = utcnow()
    _touch(review)
    audit.record(
        session,
        actor=actor,
        action="review.report_state",
        entity_type="review",
        entity_id=review.id,
        area_code=review.area_code,
        before=before,
        after=review_fields(review),
    )
    return review


# --- milestones -------------------------------------------------------------------------------


def milestone_fields(milestone: Milestone) -> dict[str, Any]:
    return {
        "key": milestone.key,
        "label": milestone.label,
        "planned_date": milestone.planned_date.isoformat() if milestone.planned_date else None,
        "actual_date": milestone.actual_date.isoformat() if milestone.actual_date else None,
        "version": milestone.version,
    }


def update_milestone(
    session: Session,
    *,
    actor: Principal,
    review_id: int,
    key: str,
    version: int,
    planned_date: date | None,
    actual_date: date | None,
) -> Milestone:
    """Record a milestone's dates; milestones planned from it and not done yet follow it
    (the action plan stays due one month after the summit, whenever the summit happens)."""
    review = review_for_change(session, actor=actor, review_id=review_id)
    milestone = next((m for m in review.milestones if m.key == key), None)
    if milestone is None:
        raise NotFound(f"no milestone {key!r} in review {review_id}")
    check_version(version, milestone.version, milestone_fields(milestone), "milestone")
    before = milestone_fields(milestone)
    milestone.planned_date = planned_date
    milestone.actual_date = actual_date
    milestone.version += 1
    _replan_followers(session, review, milestone)
    _touch(review)
    audit.record(
        session,
        actor=actor,
        action="review.milestone",
        entity_type="review",
        entity_id=review.id,
        area_code=review.area_code,
        before=before,
        after=milestone_fields(milestone),
    )
    return milestone


def _replan_followers(session: Session, review: Review, changed: Milestone) -> None:
    templates = {t.key: t for t in framework_of(session, review).milestones}
    by_key = {m.key: m for m in review.milestones}
    moved = {changed.key}
    for milestone in review.milestones:  # in template order: followers of followers move too
        template = templates.get(milestone.key)
        if template is None or template.after not in moved or milestone.actual_date is not None:
            continue
        base = by_key[template.after]
        anchor = base.actual_date or base.planned_date
        if anchor is None:
            continue
        milestone.planned_date = add_months(anchor, template.months) + timedelta(days=template.days)
        milestone.version += 1
        moved.add(milestone.key)


# --- findings read by other capabilities ------------------------------------------------------


def findings_needing_action(session: Session, *, actor: Principal, area_code: str) -> list[Finding]:
    """Areas for improvement and of future focus in one system's reviews the actor may read."""
    query = (
        select(Finding)
        .join(Review, Finding.review_id == Review.id)
        .where(Review.area_code == area_code, Finding.kind.in_(ACTION_KINDS))
        .order_by(Review.id, Finding.id)
    )
    return [f for f in session.scalars(query) if can_read_review(actor, f.review)]


def get_finding(session: Session, *, actor: Principal, finding_id: int) -> Finding:
    """One finding the actor may read; any other is reported as not found."""
    finding = session.get(Finding, finding_id)
    if finding is None or not can_read_review(actor, finding.review):
        raise NotFound(f"no finding {finding_id}")
    return finding
