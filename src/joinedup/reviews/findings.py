"""Findings of a review, with the evidence behind them, and quality statement scores."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput
from joinedup.reviews.frameworks import OverallScore
from joinedup.reviews.models import EvidenceItem, Finding, Review, StatementScore
from joinedup.reviews.rules import FINDING_KINDS
from joinedup.reviews.service import (
    check_version,
    framework_of,
    get_finding,
    get_review,
    review_for_change,
)
from joinedup.store.db import utcnow


def finding_fields(finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind,
        "key_question": finding.key_question,
        "theme": finding.theme,
        "text": finding.text,
        "evidence_ids": [e.id for e in finding.evidence],
        "version": finding.version,
    }


def list_findings(session: Session, *, actor: Principal | None, review_id: int) -> list[Finding]:
    return list(get_review(session, actor=actor, review_id=review_id).findings)


def _evidence(session: Session, review: Review, evidence_ids: list[int]) -> list[EvidenceItem]:
    if not evidence_ids:
        return []
    found = list(
        session.scalars(
            select(EvidenceItem).where(
                EvidenceItem.id.in_(evidence_ids), EvidenceItem.review_id == review.id
            )
        )
    )
    missing = sorted(set(evidence_ids) - {e.id for e in found})
    if missing:
        raise InvalidInput(
            f"evidence: {', '.join(map(str, missing))} not in this review's evidence log"
        )
    return sorted(found, key=lambda e: e.id)


def _check(session: Session, review: Review, *, kind: str, key_question: str, text: str) -> None:
    if kind not in FINDING_KINDS:
        raise InvalidInput(f"kind: {kind!r} is not one of {', '.join(FINDING_KINDS)}")
    framework = framework_of(session, review)
    if key_question not in framework.question_ids:
        raise InvalidInput(
            f"key_question: {key_question!r} is not a {framework.question_label.lower()} of "
            f"{framework.name}"
        )
    if not text.strip():
        raise InvalidInput("text: write the finding")


def add_finding(
    session: Session,
    *,
    actor: Principal,
    review_id: int,
    kind: str,
    key_question: str,
    theme: str,
    text: str,
    evidence_ids: list[int] | None = None,
) -> Finding:
    review = review_for_change(session, actor=actor, review_id=review_id)
    _check(session, review, kind=kind, key_question=key_question, text=text)
    finding = Finding(
        kind=kind,
        key_question=key_question,
        theme=theme.strip()[:200],
        text=text.strip(),
        evidence=_evidence(session, review, evidence_ids or []),
    )
    review.findings.append(finding)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="review.finding.add",
        entity_type="finding",
        entity_id=finding.id,
        area_code=review.area_code,
        after=finding_fields(finding),
    )
    return finding


def update_finding(
    session: Session,
    *,
    actor: Principal,
    finding_id: int,
    version: int,
    kind: str,
    key_question: str,
    theme: str,
    text: str,
    evidence_ids: list[int],
) -> Finding:
    finding = get_finding(session, actor=actor, finding_id=finding_id)
    review = review_for_change(session, actor=actor, review_id=finding.review_id)
    check_version(version, finding.version, finding_fields(finding), "finding")
    _check(session, review, kind=kind, key_question=key_question, text=text)
    before = finding_fields(finding)
    finding.kind, finding.key_question = kind, key_question
    finding.theme, finding.text = theme.strip()[:200], text.strip()
    finding.evidence = _evidence(session, review, evidence_ids)
    finding.version += 1
    finding.updated_at = utcnow()
    audit.record(
        session,
        actor=actor,
        action="review.finding.update",
        entity_type="finding",
        entity_id=finding.id,
        area_code=review.area_code,
        before=before,
        after=finding_fields(finding),
    )
    return finding


def set_score(
    session: Session,
    *,
    actor: Principal,
    review_id: int,
    statement_id: str,
    score: int,
    rationale: str = "",
    version: int | None = None,
) -> StatementScore:
    """Score one quality statement; ``version`` is the one loaded (None when there was none)."""
    review = review_for_change(session, actor=actor, review_id=review_id)
    framework = framework_of(session, review)
    if framework.scoring is None:
        raise InvalidInput(f"score: {framework.name} does not score its statements")
    if statement_id not in framework.question_ids:
        raise InvalidInput(f"statement: {statement_id!r} is not a statement of {framework.name}")
    lowest, highest = framework.scoring.lowest, framework.scoring.highest
    if not lowest <= score <= highest:
        raise InvalidInput(f"score: {score} is not between {lowest} and {highest}")
    existing = next((s for s in review.scores if s.statement_id == statement_id), None)
    current = (
        {"score": existing.score, "rationale": existing.rationale, "version": existing.version}
        if existing
        else {}
    )
    check_version(version or 0, existing.version if existing else 0, current, "score")
    if existing is None:
        existing = StatementScore(statement_id=statement_id, score=score, rationale="", version=0)
        review.scores.append(existing)
    existing.score, existing.rationale = score, rationale.strip()
    existing.version += 1
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="review.score",
        entity_type="review",
        entity_id=review.id,
        area_code=review.area_code,
        before=current or None,
        after={"statement": statement_id, "score": score, "rationale": existing.rationale},
    )
    return existing


def overall_score(session: Session, review: Review) -> OverallScore | None:
    """The overall result once every statement is scored (CQC weighs all of them equally)."""
    framework = framework_of(session, review)
    scores = {s.statement_id: s.score for s in review.scores}
    if framework.scoring is None or set(framework.question_ids) - set(scores):
        return None
    return framework.overall([scores[q] for q in framework.question_ids])
