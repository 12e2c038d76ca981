"""Finding the things of reviews that the actor may read or change, and their frameworks.

Shared by the use-case modules; anything a user may not see is reported as not found."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from joinedup.access import audit
from joinedup.access.rules import Permission, Principal
from joinedup.errors import NotFound, PermissionDenied
from joinedup.reviews import frameworks
from joinedup.reviews.frameworks import Framework as FrameworkDefinition
from joinedup.reviews.models import Finding, Framework, Programme, Review
from joinedup.reviews.rules import WITHDRAWN
from joinedup.reviews.visibility import can_read_review


def require_manager(actor: Principal, area_code: str | None = None) -> None:
    if not actor.can(Permission.MANAGE_REVIEWS, area_code):
        raise PermissionDenied("only reviewers and admins change reviews")


def framework(session: Session, key: str) -> FrameworkDefinition:
    row = session.scalar(select(Framework).where(Framework.key == key))
    if row is None:
        raise NotFound(f"no review framework {key!r}")
    return frameworks.parse_framework(row.definition, source=key)


def framework_of(session: Session, review: Review) -> FrameworkDefinition:
    return framework(session, review.programme.framework_key)


def get_programme(session: Session, programme_id: int) -> Programme:
    programme = session.get(Programme, programme_id)
    if programme is None:
        raise NotFound(f"no programme {programme_id}")
    return programme


def list_reviews(
    session: Session,
    *,
    actor: Principal | None,
    programme_id: int | None = None,
    area_code: str | None = None,
    include_withdrawn: bool = True,
) -> list[Review]:
    """The reviews the actor may read, with their milestones loaded in one more query."""
    query = select(Review).options(selectinload(Review.milestones)).order_by(Review.id)
    if not include_withdrawn:
        query = query.where(Review.status != WITHDRAWN)
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
    require_manager(actor, review.area_code)
    return review


def get_finding(session: Session, *, actor: Principal | None, finding_id: int) -> Finding:
    """One finding the actor may read; any other is reported as not found."""
    finding = session.get(Finding, finding_id)
    if finding is None or not can_read_review(actor, finding.review):
        raise NotFound(f"no finding {finding_id}")
    return finding


STALE = (
    "Somebody else changed this {what} after you opened it. Their version is shown below; "
    "your changes have not been saved."
)


def changed_since(
    session: Session,
    *,
    entity: tuple[str, object],
    actions: tuple[str, ...],
    loaded: int,
    match: Mapping[str, Any] | None = None,
) -> list[str]:
    """The fields changed by the saves made after version ``loaded``, as the audit log records
    them (each save writes its audit row in its own transaction, so the two always agree)."""
    changed: list[str] = []
    for event in audit.events_for(session, *entity):
        before, after = event.before or {}, event.after or {}
        if event.action not in actions or int(before.get("version", 0)) < loaded:
            continue
        if match and any(before.get(k) != v for k, v in match.items()):
            continue
        changed += [
            k
            for k, v in after.items()
            if k != "version" and before.get(k) != v and k not in changed
        ]
    return changed
