"""Use cases of reviews that other capabilities call: findings to act on, one finding."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.errors import NotFound
from joinedup.reviews.models import Finding, Review
from joinedup.reviews.visibility import can_read_review

# Findings a system's improvement plan must answer with an action.
ACTION_KINDS = ("area_for_improvement", "area_of_future_focus")


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
