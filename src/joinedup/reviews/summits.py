"""The summit that closes a review: when it was held, who chaired it, who came, and the sections
of the improvement plan agreed there with the group responsible for each.

The review team records it; national users read it; the system's own people read it once the
review's findings are shared with them (the summit is where they are shared)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import NotFound, StaleEdit
from joinedup.reviews import milestones
from joinedup.reviews.lookup import STALE, changed_since, get_review, review_for_change
from joinedup.reviews.models import Review, Summit
from joinedup.reviews.schemas import MilestoneDates, SummitIn, SummitOut
from joinedup.reviews.visibility import PUBLISHED, SHARED
from joinedup.store.db import utcnow
from joinedup.store.versioning import expect_version, flush_versioned

SUMMIT = "summit"  # the milestone whose actual date is the summit's


def summit_fields(summit: Summit) -> dict[str, Any]:
    return {
        "held_on": summit.held_on.isoformat(),
        "chair_name": summit.chair_name,
        "chair_role": summit.chair_role,
        "attendees": list(summit.attendees),
        "sections": list(summit.sections),
        "version": summit.version,
    }


def has_summit(review: Review) -> bool:
    """Whether the review's process ends in a summit (a light-touch follow-up's does not)."""
    return any(m.key == SUMMIT for m in review.milestones)


def can_read_summit(actor: Principal | None, review: Review) -> bool:
    if actor is None:
        return False
    if actor.is_national:
        return True
    return actor.can_read_system(review.area_code) and review.report_state in (SHARED, PUBLISHED)


def summit_of(session: Session, *, actor: Principal | None, review_id: int) -> Summit | None:
    """The review's summit record, None when none is recorded; NotFound when the actor may not
    read the review or its summit (the summit is not revealed before the findings are shared)."""
    review = get_review(session, actor=actor, review_id=review_id)
    if not has_summit(review) or not can_read_summit(actor, review):
        raise NotFound(f"no summit for review {review_id}")
    return review.summit


def record_summit(session: Session, *, actor: Principal, review_id: int, data: SummitIn) -> Summit:
    """Record or correct the summit (from the version loaded, 0 when none was recorded); the
    summit milestone is marked done on the day it was held, and the steps planned from it move."""
    review = review_for_change(session, actor=actor, review_id=review_id)
    if not has_summit(review):
        raise NotFound(f"review {review_id} has no summit")
    summit = review.summit

    def stale() -> StaleEdit:
        now = review.summit
        current = summit_fields(now) if now is not None else {}
        changed = changed_since(
            session, entity=("review", review.id), actions=("review.summit",), loaded=data.version
        )
        return StaleEdit(
            STALE.format(what="summit record"), current={**current, "changed": changed}
        )

    before = summit_fields(summit) if summit is not None else None
    if summit is None:
        if data.version != 0:
            raise stale()
        summit = Summit(review=review, version=1)
        session.add(summit)
    else:
        expect_version(summit, data.version, stale=stale)
    summit.held_on = data.held_on
    summit.chair_name, summit.chair_role = data.chair_name, data.chair_role
    summit.attendees = [a.model_dump() for a in data.attendees]
    summit.sections = [s.model_dump() for s in data.sections]
    summit.updated_at = utcnow()
    try:
        flush_versioned(session, stale=stale)
    except IntegrityError:  # somebody recorded the summit at the same moment
        raise StaleEdit(STALE.format(what="summit record"), current={}) from None
    audit.record(
        session,
        actor=actor,
        action="review.summit",
        entity_type="review",
        entity_id=review.id,
        area_code=review.area_code,
        before=before,
        after=summit_fields(summit),
    )
    milestone = next(m for m in review.milestones if m.key == SUMMIT)
    if milestone.actual_date != data.held_on:
        milestones.update_milestone(
            session,
            actor=actor,
            review_id=review.id,
            key=SUMMIT,
            data=MilestoneDates(
                version=milestone.version,
                planned_date=milestone.planned_date,
                actual_date=data.held_on,
            ),
        )
    return summit


def summit_out(summit: Summit) -> SummitOut:
    return SummitOut(
        review_id=summit.review_id,
        held_on=summit.held_on,
        chair_name=summit.chair_name,
        chair_role=summit.chair_role,
        attendees=summit.attendees,
        sections=summit.sections,
        version=summit.version,
    )
