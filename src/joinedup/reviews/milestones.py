"""A review's milestones: their dates recorded, and the milestones planned from them moved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import NotFound, StaleEdit
from joinedup.reviews.frameworks import Framework as FrameworkDefinition
from joinedup.reviews.lookup import STALE, changed_since, framework_of, review_for_change
from joinedup.reviews.models import Milestone, Review
from joinedup.reviews.rules import add_months
from joinedup.reviews.schemas import MilestoneDates
from joinedup.store.db import utcnow
from joinedup.store.versioning import expect_version, flush_versioned


def milestone_fields(milestone: Milestone) -> dict[str, Any]:
    return {
        "key": milestone.key,
        "label": milestone.label,
        "planned_date": milestone.planned_date.isoformat() if milestone.planned_date else None,
        "actual_date": milestone.actual_date.isoformat() if milestone.actual_date else None,
        "version": milestone.version,
    }


def update_milestone(
    session: Session, *, actor: Principal, review_id: int, key: str, data: MilestoneDates
) -> Milestone:
    """Record a milestone's dates; milestones planned from it and not done yet follow it
    (the action plan stays due one month after the summit, whenever the summit happens).

    The review's version moves on too: its timeline changed, and a concurrent change of
    another milestone that would replan the same followers is refused."""
    review = review_for_change(session, actor=actor, review_id=review_id)
    milestone = next((m for m in review.milestones if m.key == key), None)
    if milestone is None:
        raise NotFound(f"no milestone {key!r} in review {review_id}")
    template = framework_of(session, review)

    def stale() -> StaleEdit:
        changed = changed_since(
            session,
            entity=("review", review.id),
            actions=("review.milestone",),
            loaded=data.version,
            match={"key": key},
        )
        current = {**milestone_fields(milestone), "changed": changed}
        return StaleEdit(STALE.format(what="milestone"), current=current)

    before = milestone_fields(milestone)
    expect_version(milestone, data.version, stale=stale)
    expect_version(review, review.version, stale=stale)
    milestone.planned_date = data.planned_date
    milestone.actual_date = data.actual_date
    _replan_followers(template, review, milestone, stale)
    review.updated_at = utcnow()
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
    flush_versioned(session, stale=stale)
    return milestone


def _replan_followers(
    framework: FrameworkDefinition,
    review: Review,
    changed: Milestone,
    stale: Callable[[], StaleEdit],
) -> None:
    templates = {t.key: t for t in framework.milestones_for(review.kind)}
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
        expect_version(milestone, milestone.version, stale=stale)
        milestone.planned_date = add_months(anchor, template.months) + timedelta(days=template.days)
        moved.add(milestone.key)
