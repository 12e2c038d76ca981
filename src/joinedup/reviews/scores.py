"""Quality statement scores (where the framework scores) and the overall rating they give."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput, StaleEdit
from joinedup.reviews.frameworks import OverallScore
from joinedup.reviews.lookup import STALE, framework_of, review_for_change
from joinedup.reviews.models import Review, StatementScore
from joinedup.reviews.schemas import ScoreIn
from joinedup.store.versioning import expect_version, flush_versioned


def score_fields(score: StatementScore | None) -> dict[str, Any]:
    if score is None:
        return {}
    return {"score": score.score, "rationale": score.rationale, "version": score.version}


def set_score(
    session: Session, *, actor: Principal, review_id: int, data: ScoreIn
) -> StatementScore:
    """Score one quality statement; ``data.version`` is the one loaded (0 when there was none)."""
    review = review_for_change(session, actor=actor, review_id=review_id)
    framework = framework_of(session, review)
    if framework.scoring is None:
        raise InvalidInput.of("score", f"{framework.name} does not score its statements")
    if data.statement_id not in framework.question_ids:
        raise InvalidInput.of(
            "statement_id", f"{data.statement_id!r} is not a statement of {framework.name}"
        )
    lowest, highest = framework.scoring.lowest, framework.scoring.highest
    if not lowest <= data.score <= highest:
        raise InvalidInput.of("score", f"{data.score} is not between {lowest} and {highest}")
    query = select(StatementScore).where(
        StatementScore.review_id == review.id, StatementScore.statement_id == data.statement_id
    )
    existing = session.scalar(query)

    def stale() -> StaleEdit:
        return StaleEdit(STALE.format(what="score"), current=score_fields(session.scalar(query)))

    before = score_fields(existing)
    if existing is None:
        if data.version != 0:
            raise stale()
        existing = StatementScore(
            statement_id=data.statement_id,
            score=data.score,
            rationale=data.rationale.strip(),
            version=1,
        )
        review.scores.append(existing)
    else:
        expect_version(existing, data.version, stale=stale)
        existing.score, existing.rationale = data.score, data.rationale.strip()
    audit.record(
        session,
        actor=actor,
        action="review.score",
        entity_type="review",
        entity_id=review.id,
        area_code=review.area_code,
        before=before or None,
        after={"statement": data.statement_id, "score": data.score, "rationale": data.rationale},
    )
    try:
        flush_versioned(session, stale=stale)
    except IntegrityError:  # another scorer of the same statement saved first
        session.rollback()
        raise stale() from None
    return existing


def overall_score(session: Session, review: Review) -> OverallScore | None:
    """The overall result once every statement is scored (CQC weighs all of them equally)."""
    framework = framework_of(session, review)
    scores = {s.statement_id: s.score for s in review.scores}
    if framework.scoring is None or set(framework.question_ids) - set(scores):
        return None
    return framework.overall([scores[q] for q in framework.question_ids])
