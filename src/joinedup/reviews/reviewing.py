"""A review's life: started from its framework's milestone template, its title, status and team
changed, its report moved from draft to shared to published."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, NotFound, StaleEdit
from joinedup.ranking import service as ranking
from joinedup.reviews.lookup import (
    STALE,
    changed_since,
    framework,
    get_programme,
    get_review,
    require_manager,
    review_for_change,
)
from joinedup.reviews.models import Milestone, Review
from joinedup.reviews.rules import (
    FOLLOW_UP_KINDS,
    REPORT_STATES,
    REPORT_TRANSITIONS,
    REVIEW_KINDS,
    WITHDRAWN,
)
from joinedup.reviews.schemas import ReportChange, ReviewChange, ReviewIn, ReviewWithdrawal
from joinedup.reviews.visibility import NEVER_PUBLISHED_KINDS, PUBLISHED
from joinedup.store.db import utcnow
from joinedup.store.versioning import expect_version, flush_versioned


def review_fields(review: Review) -> dict[str, Any]:
    """What an editor sees and may change: the audit's before/after and StaleEdit's current."""
    return {
        "title": review.title,
        "kind": review.kind,
        "status": review.status,
        "team": list(review.team),
        "report_state": review.report_state,
        "report_summary": review.report_summary,
        "withdrawn_reason": review.withdrawn_reason,
        "version": review.version,
    }


def stale_review(session: Session, review: Review, loaded: int) -> StaleEdit:
    """The refusal of a save from version ``loaded``: the review now, and what changed since."""
    changed = changed_since(
        session,
        entity=("review", review.id),
        actions=("review.update", "review.report_state", "review.withdraw"),
        loaded=loaded,
    )
    return StaleEdit(
        STALE.format(what="review"), current={**review_fields(review), "changed": changed}
    )


def create_review(session: Session, *, actor: Principal, data: ReviewIn) -> Review:
    """A review of one system, its milestones planned from the framework's template."""
    require_manager(actor, data.area_code)
    programme = get_programme(session, data.programme_id)
    try:
        system = areas.get_system(session, actor=actor, area_code=data.area_code)
    except NotFound:
        raise InvalidInput.of("area_code", f"{data.area_code!r} is not a system") from None
    if data.follow_up_of_id is not None:
        if data.kind not in FOLLOW_UP_KINDS:
            raise InvalidInput.of(
                "follow_up_of_id", "Only a follow-up follows up an earlier review"
            )
        try:
            earlier = get_review(session, actor=actor, review_id=data.follow_up_of_id)
        except NotFound:
            raise InvalidInput.of("follow_up_of_id", "There is no such earlier review") from None
        if earlier.area_code != data.area_code:
            raise InvalidInput.of("follow_up_of_id", "The earlier review is of another system")
    if data.ranking_run_id is not None:
        try:
            ranking.get_run(session, actor=actor, run_id=data.ranking_run_id)
        except NotFound:
            raise InvalidInput.of("ranking_run_id", "There is no such ranking run") from None
    plan = framework(session, programme.framework_key).plan_milestones(data.start, data.kind)
    review = Review(
        programme=programme,
        area_code=data.area_code,
        kind=data.kind,
        status="planned",
        title=data.title.strip() or f"{system.name}: {REVIEW_KINDS[data.kind].lower()}",
        team=[m.model_dump() for m in data.team],
        follow_up_of_id=data.follow_up_of_id,
        ranking_run_id=data.ranking_run_id,
        report_state="draft",
        report_summary="",
        version=1,
    )
    for position, (template, planned) in enumerate(plan):
        review.milestones.append(
            Milestone(
                key=template.key,
                label=template.label,
                position=position,
                planned_date=planned,
                version=1,
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
        area_code=data.area_code,
        after={
            **review_fields(review),
            "programme_id": data.programme_id,
            "start": data.start.isoformat(),
        },
    )
    return review


def update_review(
    session: Session, *, actor: Principal, review_id: int, data: ReviewChange
) -> Review:
    review = review_for_change(session, actor=actor, review_id=review_id)
    before = review_fields(review)
    expect_version(review, data.version, stale=lambda: stale_review(session, review, data.version))
    if data.title is not None:
        review.title = data.title
    if data.status is not None and data.status != review.status:
        if review.status == WITHDRAWN:
            raise InvalidInput.of("status", "A withdrawn review stays withdrawn")
        review.status = data.status
    if data.team is not None:
        review.team = [m.model_dump() for m in data.team]
    review.updated_at = utcnow()
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
    flush_versioned(session, stale=lambda: stale_review(session, review, data.version))
    return review


def withdraw_review(
    session: Session, *, actor: Principal, review_id: int, data: ReviewWithdrawal
) -> Review:
    """A review started in error, withdrawn with the reason why; the audit row keeps who, when
    and why. A published review stays: its report is public record."""
    review = review_for_change(session, actor=actor, review_id=review_id)
    before = review_fields(review)
    expect_version(review, data.version, stale=lambda: stale_review(session, review, data.version))
    if review.status == WITHDRAWN:
        raise InvalidInput.of("reason", "This review has already been withdrawn")
    if review.report_state == PUBLISHED:
        raise InvalidInput.of(
            "reason", "A review whose report is published cannot be withdrawn: it is public record"
        )
    review.status = WITHDRAWN
    review.withdrawn_reason = data.reason
    review.updated_at = utcnow()
    audit.record(
        session,
        actor=actor,
        action="review.withdraw",
        entity_type="review",
        entity_id=review.id,
        area_code=review.area_code,
        before=before,
        after=review_fields(review),
    )
    flush_versioned(session, stale=lambda: stale_review(session, review, data.version))
    return review


def set_report_state(
    session: Session, *, actor: Principal, review_id: int, data: ReportChange
) -> Review:
    """Move the report on (draft, shared with the system, published), or edit its summary."""
    review = review_for_change(session, actor=actor, review_id=review_id)
    before = review_fields(review)
    # a stale edit is refused first: the state they saw may not be the state it is in
    expect_version(review, data.version, stale=lambda: stale_review(session, review, data.version))
    now = review.report_state
    if data.state != now and data.state not in REPORT_TRANSITIONS[now]:
        raise InvalidInput.of(
            "state",
            f"A {REPORT_STATES[now].lower()} report cannot become "
            f"{REPORT_STATES[data.state].lower()}",
        )
    if data.state == PUBLISHED and review.kind in NEVER_PUBLISHED_KINDS:
        raise InvalidInput.of(
            "state",
            "A light-touch follow-up's slide deck is shared with the system and reported to the "
            "Department; it is not published",
        )
    review.report_state = data.state
    if data.summary is not None:
        review.report_summary = data.summary.strip()
    if data.state == "published" and review.published_at is None:
        review.published_at = clock.now()  # the day the clock shows: a demo's story day too
    review.updated_at = utcnow()
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
    flush_versioned(session, stale=lambda: stale_review(session, review, data.version))
    if data.state != now:
        # the review's state is the one publication state: its approved report follows it
        from joinedup.reports import service as reports

        reports.follow_review(session, actor=actor, review_id=review.id)
    return review
