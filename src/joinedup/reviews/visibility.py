"""Who may read a review: its system and national users; everyone once its report is published.

The review's ``report_state`` (draft, shared with the system, published) is the one publication
state of the review and of its report: a review report is shared or public only as its review is
(``reports`` reads it from here and follows it)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.reviews.models import Review

PUBLISHED = "published"
SHARED = "shared"
# A light-touch follow-up's slide deck is shared and reported to the Department, never published.
NEVER_PUBLISHED_KINDS = frozenset({"follow_up_light"})


@dataclass(frozen=True)
class Publication:
    """How far a review's report has gone: its kind and its report's state."""

    review_id: int
    kind: str
    state: str

    @property
    def shared(self) -> bool:
        return self.state in (SHARED, PUBLISHED)

    @property
    def published(self) -> bool:
        return self.state == PUBLISHED

    @property
    def never_published(self) -> bool:
        return self.kind in NEVER_PUBLISHED_KINDS


def can_read_review(actor: Principal | None, review: Review) -> bool:
    if review.report_state == PUBLISHED:
        return True
    return actor is not None and actor.can_read_system(review.area_code)


def publication(session: Session, review_id: int) -> Publication:
    """The publication state of a review's report, whoever asks (a missing review is a draft:
    nothing of it is shared)."""
    review = session.get(Review, review_id)
    if review is None:
        return Publication(review_id, "", "draft")
    return Publication(review.id, review.kind, review.report_state)


def published_review_ids(session: Session) -> frozenset[int]:
    return frozenset(session.scalars(select(Review.id).where(Review.report_state == PUBLISHED)))
