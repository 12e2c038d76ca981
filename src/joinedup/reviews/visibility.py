"""Who may read a review: its system and national users; everyone once its report is published."""

from __future__ import annotations

from joinedup.access.rules import Principal
from joinedup.reviews.models import Review

PUBLISHED = "published"


def can_read_review(actor: Principal | None, review: Review) -> bool:
    if review.report_state == PUBLISHED:
        return True
    return actor is not None and actor.can_read_system(review.area_code)
