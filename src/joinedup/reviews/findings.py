"""Findings of a review, with the evidence behind them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput, StaleEdit
from joinedup.reviews.lookup import (
    STALE,
    changed_since,
    framework_of,
    get_finding,
    get_review,
    review_for_change,
)
from joinedup.reviews.models import EvidenceItem, Finding, Review
from joinedup.reviews.schemas import FindingIn, FindingUpdate
from joinedup.reviews.visibility import can_read_review
from joinedup.store.db import utcnow
from joinedup.store.versioning import expect_version, flush_versioned

# Findings a system's improvement plan must answer with an action.
ACTION_KINDS = ("area_for_improvement", "area_of_future_focus")


def finding_fields(finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind,
        "key_question": finding.key_question,
        "theme": finding.theme,
        "national_theme": finding.national_theme,
        "text": finding.text,
        "evidence_ids": [e.id for e in finding.evidence],
        "version": finding.version,
    }


def list_findings(session: Session, *, actor: Principal | None, review_id: int) -> list[Finding]:
    review = get_review(session, actor=actor, review_id=review_id)
    query = (
        select(Finding)
        .where(Finding.review_id == review.id)
        .options(selectinload(Finding.evidence))
        .order_by(Finding.id)
    )
    return list(session.scalars(query))


def findings_needing_action(session: Session, *, actor: Principal, area_code: str) -> list[Finding]:
    """Areas for improvement and of future focus in one system's reviews the actor may read."""
    query = (
        select(Finding)
        .join(Review, Finding.review_id == Review.id)
        .where(Review.area_code == area_code, Finding.kind.in_(ACTION_KINDS))
        .options(selectinload(Finding.review))
        .order_by(Review.id, Finding.id)
    )
    return [f for f in session.scalars(query) if can_read_review(actor, f.review)]


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
        raise InvalidInput.of(
            "evidence_ids",
            f"Evidence {', '.join(map(str, missing))} is not in this review's evidence log",
        )
    return sorted(found, key=lambda e: e.id)


def _check(session: Session, review: Review, data: FindingIn) -> str:
    """Refuse a question or national theme the framework does not have; answer the finding's
    national theme (its question's own theme when none is given and the question has one)."""
    framework = framework_of(session, review)
    if data.key_question not in framework.question_ids:
        raise InvalidInput.of(
            "key_question",
            f"Choose a {framework.question_label.lower()} of {framework.name}",
        )
    national = framework.national_theme_for(data.key_question, data.national_theme)
    if framework.national_themes and national not in framework.national_themes:
        raise InvalidInput.of(
            "national_theme",
            "Choose one of the national themes: " + "; ".join(framework.national_themes.values()),
        )
    return national


def add_finding(session: Session, *, actor: Principal, review_id: int, data: FindingIn) -> Finding:
    review = review_for_change(session, actor=actor, review_id=review_id)
    national = _check(session, review, data)
    finding = Finding(
        kind=data.kind,
        key_question=data.key_question,
        theme=data.theme,
        national_theme=national,
        text=data.text,
        evidence=_evidence(session, review, data.evidence_ids),
        version=1,
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
    session: Session, *, actor: Principal, finding_id: int, data: FindingUpdate
) -> Finding:
    finding = get_finding(session, actor=actor, finding_id=finding_id)
    review = review_for_change(session, actor=actor, review_id=finding.review_id)

    def stale() -> StaleEdit:
        changed = changed_since(
            session,
            entity=("finding", finding.id),
            actions=("review.finding.update",),
            loaded=data.version,
        )
        return StaleEdit(
            STALE.format(what="finding"), current={**finding_fields(finding), "changed": changed}
        )

    national = _check(session, review, data)
    evidence = _evidence(session, review, data.evidence_ids)  # read before anything changes
    before = finding_fields(finding)
    expect_version(finding, data.version, stale=stale)
    finding.kind, finding.key_question = data.kind, data.key_question
    finding.theme, finding.text = data.theme, data.text
    finding.national_theme = national
    finding.evidence = evidence
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
    flush_versioned(session, stale=stale)
    return finding
