"""What the review pages read: frozen views built with a fixed number of queries, whatever the
number of reviews, milestones, findings or evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from joinedup.access.rules import Permission, Principal
from joinedup.errors import NotFound
from joinedup.reviews.evidence import can_read_evidence, evidence_fields, get_evidence
from joinedup.reviews.findings import finding_fields
from joinedup.reviews.frameworks import Framework as FrameworkDefinition
from joinedup.reviews.frameworks import OverallScore
from joinedup.reviews.lookup import framework, get_finding, review_for_change
from joinedup.reviews.models import EvidenceItem, Finding, Review
from joinedup.reviews.presenting import milestone_out, overdue
from joinedup.reviews.rules import FINDING_KINDS, REPORT_TRANSITIONS
from joinedup.reviews.schemas import MilestoneOut
from joinedup.reviews.timeline import Timeline, lay_out
from joinedup.reviews.visibility import can_read_review


@dataclass(frozen=True)
class EvidenceRef:
    id: int
    kind: str


@dataclass(frozen=True)
class FindingView:
    id: int
    kind: str
    key_question: str
    theme: str
    national_theme: str
    text: str
    evidence: tuple[EvidenceRef, ...]
    version: int


@dataclass(frozen=True)
class AttachmentView:
    id: int
    original_name: str
    size_bytes: int


@dataclass(frozen=True)
class EvidenceView:
    id: int
    kind: str
    gathered_on: date
    source: str
    questions: tuple[str, ...]
    summary: str
    attachments: tuple[AttachmentView, ...]
    version: int


@dataclass(frozen=True)
class ScoreView:
    score: int
    rationale: str
    version: int


@dataclass(frozen=True)
class ReviewLink:
    id: int
    title: str


@dataclass(frozen=True)
class ReviewPage:
    id: int
    title: str
    area_code: str
    programme_id: int
    programme_name: str
    kind: str
    status: str
    withdrawn_reason: str
    report_state: str
    report_summary: str
    published_at: datetime | None
    follow_up_of_id: int | None
    ranking_run_id: int | None  # the ranking run that selected the review
    started: date | None  # its first milestone's day: the data profile is of what was known
    team: tuple[dict[str, str], ...]
    team_text: str
    version: int
    framework: FrameworkDefinition
    milestones: tuple[MilestoneOut, ...]
    timeline: Timeline | None
    overdue: tuple[MilestoneOut, ...]
    findings: dict[str, tuple[FindingView, ...]]  # by kind, in the order of FINDING_KINDS
    scores: dict[str, ScoreView]  # by statement
    overall: OverallScore | None
    evidence: tuple[EvidenceView, ...] | None  # None: the reader may not see the evidence
    follow_ups: tuple[ReviewLink, ...]
    report_next: tuple[str, ...]
    can_manage: bool

    @property
    def titles(self) -> dict[str, str]:
        return {q.id: q.title for q in self.framework.questions}


def _evidence_view(item: EvidenceItem) -> EvidenceView:
    return EvidenceView(
        id=item.id,
        kind=item.kind,
        gathered_on=item.gathered_on,
        source=item.source,
        questions=tuple(item.questions),
        summary=item.summary,
        attachments=tuple(
            AttachmentView(a.id, a.original_name, a.size_bytes) for a in item.attachments
        ),
        version=item.version,
    )


def _finding_view(finding: Finding) -> FindingView:
    return FindingView(
        id=finding.id,
        kind=finding.kind,
        key_question=finding.key_question,
        theme=finding.theme,
        national_theme=finding.national_theme,
        text=finding.text,
        evidence=tuple(EvidenceRef(e.id, e.kind) for e in finding.evidence),
        version=finding.version,
    )


def review_page(session: Session, *, actor: Principal, review_id: int, today: date) -> ReviewPage:
    """One review with everything its page shows, in seven queries."""
    query = (
        select(Review)
        .where(Review.id == review_id)
        .options(
            joinedload(Review.programme),
            selectinload(Review.milestones),
            selectinload(Review.findings).selectinload(Finding.evidence),
            selectinload(Review.scores),
            selectinload(Review.evidence).selectinload(EvidenceItem.attachments),
        )
    )
    review = session.scalar(query)
    if review is None or not can_read_review(actor, review):
        raise NotFound(f"no review {review_id}")
    definition = framework(session, review.programme.framework_key)
    milestones = tuple(milestone_out(m, today) for m in review.milestones)
    scores = {s.statement_id: ScoreView(s.score, s.rationale, s.version) for s in review.scores}
    overall = None
    if definition.scoring is not None and not set(definition.question_ids) - set(scores):
        overall = definition.overall([scores[q].score for q in definition.question_ids])
    follow_ups = session.scalars(
        select(Review).where(Review.follow_up_of_id == review.id).order_by(Review.id)
    )
    findings = [_finding_view(f) for f in review.findings]
    return ReviewPage(
        id=review.id,
        title=review.title,
        area_code=review.area_code,
        programme_id=review.programme_id,
        programme_name=review.programme.name,
        kind=review.kind,
        status=review.status,
        withdrawn_reason=review.withdrawn_reason,
        report_state=review.report_state,
        report_summary=review.report_summary,
        published_at=review.published_at,
        follow_up_of_id=review.follow_up_of_id,
        ranking_run_id=review.ranking_run_id,
        started=min(
            (d for d in (m.actual_date or m.planned_date for m in review.milestones) if d),
            default=None,
        ),
        team=tuple(dict(m) for m in review.team),
        team_text="\n".join(
            f"{m['name']}, {m['role']}" if m.get("role") else m["name"] for m in review.team
        ),
        version=review.version,
        framework=definition,
        milestones=milestones,
        timeline=lay_out(list(milestones), today),
        overdue=tuple(overdue(review, today)),
        findings={k: tuple(f for f in findings if f.kind == k) for k in FINDING_KINDS},
        scores=scores,
        overall=overall,
        evidence=(
            tuple(_evidence_view(e) for e in review.evidence)
            if can_read_evidence(actor, review)
            else None
        ),
        follow_ups=tuple(
            ReviewLink(r.id, r.title) for r in follow_ups if can_read_review(actor, r)
        ),
        report_next=tuple(sorted(REPORT_TRANSITIONS[review.report_state])),
        can_manage=actor.can(Permission.MANAGE_REVIEWS, review.area_code),
    )


@dataclass(frozen=True)
class ItemEdit:
    """A finding or an evidence item on its own page: its review, the choices and its fields."""

    id: int
    review_id: int
    review_title: str
    framework: FrameworkDefinition
    fields: dict[str, Any]
    evidence: tuple[EvidenceView, ...]  # the review's evidence, to link a finding to

    @property
    def titles(self) -> dict[str, str]:
        return {q.id: q.title for q in self.framework.questions}


def finding_edit(session: Session, *, actor: Principal, finding_id: int) -> ItemEdit:
    finding = get_finding(session, actor=actor, finding_id=finding_id)
    review = review_for_change(session, actor=actor, review_id=finding.review_id)
    items = session.scalars(
        select(EvidenceItem)
        .where(EvidenceItem.review_id == review.id)
        .options(selectinload(EvidenceItem.attachments))
        .order_by(EvidenceItem.id)
    )
    return ItemEdit(
        id=finding.id,
        review_id=review.id,
        review_title=review.title,
        framework=framework(session, review.programme.framework_key),
        fields=finding_fields(finding),
        evidence=tuple(_evidence_view(i) for i in items),
    )


def evidence_edit(session: Session, *, actor: Principal, evidence_id: int) -> ItemEdit:
    item = get_evidence(session, actor=actor, evidence_id=evidence_id)
    review = review_for_change(session, actor=actor, review_id=item.review_id)
    return ItemEdit(
        id=item.id,
        review_id=review.id,
        review_title=review.title,
        framework=framework(session, review.programme.framework_key),
        fields=evidence_fields(item),
        evidence=(),
    )
