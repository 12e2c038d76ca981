"""The door of reviews: every use case the web, the CLI and other capabilities may call.

Each takes the session first and the acting person as ``actor`` (keyword-only), and each change
takes one input model from ``reviews.schemas``. Reviewers and admins change things
(Permission.MANAGE_REVIEWS); a review's system reads it; once its report is published, everybody
does. Versioned rows are saved with one atomic check (``store.versioning``): a stale save raises
StaleEdit with what the row holds now. Services never commit.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.errors import NotFound
from joinedup.reviews import (
    evidence,
    findings,
    lookup,
    milestones,
    national,
    national_export,
    presenting,
    programme_views,
    programmes,
    reviewing,
    scores,
    summits,
    views,
    visibility,
)
from joinedup.reviews.frameworks import Framework as FrameworkDefinition
from joinedup.reviews.frameworks import OverallScore
from joinedup.reviews.models import (
    Attachment,
    EvidenceItem,
    Finding,
    Framework,
    Milestone,
    Programme,
    Review,
    StatementScore,
    Summit,
)
from joinedup.reviews.schemas import (
    EvidenceIn,
    EvidenceUpdate,
    FindingIn,
    FindingOut,
    FindingUpdate,
    MilestoneDates,
    ProgrammeChange,
    ProgrammeIn,
    ReportChange,
    ReviewChange,
    ReviewIn,
    ReviewOut,
    ReviewWithdrawal,
    ScoreIn,
    SummitIn,
    SummitOut,
)

# --- frameworks -------------------------------------------------------------------------------


def ensure_frameworks(session: Session) -> int:
    """Store the shipped frameworks that are not stored yet; returns how many were added."""
    return programmes.ensure_frameworks(session)


def add_framework(session: Session, *, actor: Principal, text: str, source: str) -> Framework:
    """Add a framework from a YAML or JSON file's text (format: docs/reviews.md)."""
    return programmes.add_framework(session, actor=actor, text=text, source=source)


def list_frameworks(session: Session) -> list[FrameworkDefinition]:
    return programmes.list_frameworks(session)


def framework(session: Session, key: str) -> FrameworkDefinition:
    return lookup.framework(session, key)


def framework_of(session: Session, review: Review) -> FrameworkDefinition:
    return lookup.framework_of(session, review)


# --- programmes -------------------------------------------------------------------------------


def create_programme(session: Session, *, actor: Principal, data: ProgrammeIn) -> Programme:
    return programmes.create_programme(session, actor=actor, data=data)


def update_programme(
    session: Session, *, actor: Principal, programme_id: int, data: ProgrammeChange
) -> Programme:
    """Rename a programme or change its description (from the version the editor loaded)."""
    return programmes.update_programme(session, actor=actor, programme_id=programme_id, data=data)


def list_programmes(session: Session, *, actor: Principal | None) -> list[Programme]:
    """Programmes are not secret: their names and frameworks; their reviews are filtered."""
    return programmes.list_programmes(session)


def get_programme(session: Session, *, actor: Principal | None, programme_id: int) -> Programme:
    return lookup.get_programme(session, programme_id)


def programme_rows(
    session: Session, *, actor: Principal | None, today: date
) -> list[programme_views.ProgrammeRow]:
    """The list of programmes as the reviews page shows it."""
    return programme_views.programme_rows(session, actor=actor, today=today)


def programme_page(
    session: Session, *, actor: Principal | None, programme_id: int, today: date
) -> programme_views.ProgrammePage:
    """One programme as its page shows it: reviews, next milestones, calendar."""
    return programme_views.programme_page(
        session, actor=actor, programme_id=programme_id, today=today
    )


# --- reviews and milestones -------------------------------------------------------------------


def create_review(session: Session, *, actor: Principal, data: ReviewIn) -> Review:
    """A review of one system, its milestones planned from the framework's template."""
    return reviewing.create_review(session, actor=actor, data=data)


def list_reviews(
    session: Session,
    *,
    actor: Principal | None,
    programme_id: int | None = None,
    area_code: str | None = None,
    include_withdrawn: bool = False,
) -> list[Review]:
    """The reviews the actor may read; those withdrawn as started in error only when asked
    (they are no one's work, history or calendar)."""
    return lookup.list_reviews(
        session,
        actor=actor,
        programme_id=programme_id,
        area_code=area_code,
        include_withdrawn=include_withdrawn,
    )


def get_review(session: Session, *, actor: Principal | None, review_id: int) -> Review:
    """A review the actor may read; any other is reported as not found."""
    return lookup.get_review(session, actor=actor, review_id=review_id)


def update_review(
    session: Session, *, actor: Principal, review_id: int, data: ReviewChange
) -> Review:
    return reviewing.update_review(session, actor=actor, review_id=review_id, data=data)


def withdraw_review(
    session: Session, *, actor: Principal, review_id: int, data: ReviewWithdrawal
) -> Review:
    """Withdraw a review started in error, with the reason why (kept in its history); it drops
    out of overdue counts and calendars. A published review cannot be withdrawn."""
    return reviewing.withdraw_review(session, actor=actor, review_id=review_id, data=data)


def set_report_state(
    session: Session, *, actor: Principal, review_id: int, data: ReportChange
) -> Review:
    """Move the report on (draft, shared with the system, published), or edit its summary."""
    return reviewing.set_report_state(session, actor=actor, review_id=review_id, data=data)


def report_publication(session: Session, review_id: int) -> visibility.Publication:
    """How far a review's report has gone (draft, shared, published): the one publication state
    a review report follows."""
    return visibility.publication(session, review_id)


def published_review_ids(session: Session) -> frozenset[int]:
    return visibility.published_review_ids(session)


def update_milestone(
    session: Session, *, actor: Principal, review_id: int, key: str, data: MilestoneDates
) -> Milestone:
    """Record a milestone's dates; the milestones planned from it and not done follow it."""
    return milestones.update_milestone(
        session, actor=actor, review_id=review_id, key=key, data=data
    )


def review_page(
    session: Session, *, actor: Principal, review_id: int, today: date
) -> views.ReviewPage:
    """One review as its page shows it, read in a fixed number of queries."""
    return views.review_page(session, actor=actor, review_id=review_id, today=today)


def review_out(review: Review, *, today: date) -> ReviewOut:
    """A review as the API shows it, its milestones' states as on ``today``."""
    return presenting.review_out(review, today)


def overdue_labels(review: Review, *, today: date) -> list[str]:
    """The labels of the review's milestones past their planned date and not done."""
    return [m.label for m in presenting.overdue(review, today)]


# --- the summit -------------------------------------------------------------------------------


def summit_of(session: Session, *, actor: Principal | None, review_id: int) -> Summit | None:
    """The review's summit record (None until recorded); NotFound when the review has no summit
    or the actor may not read it yet (its system reads it once the findings are shared)."""
    return summits.summit_of(session, actor=actor, review_id=review_id)


def record_summit(session: Session, *, actor: Principal, review_id: int, data: SummitIn) -> Summit:
    """Record or correct the summit: date, chair, attendees and the plan sections agreed there
    with their responsible groups; the summit milestone is marked done that day."""
    return summits.record_summit(session, actor=actor, review_id=review_id, data=data)


def summit_out(summit: Summit) -> SummitOut:
    return summits.summit_out(summit)


def summit_sections(session: Session, *, actor: Principal, review_id: int) -> list[tuple[str, str]]:
    """The plan sections agreed at the review's summit with their responsible groups, as a plan
    starts from them; empty when no summit is recorded (or the actor may not read it)."""
    try:
        summit = summits.summit_of(session, actor=actor, review_id=review_id)
    except NotFound:
        return []
    if summit is None:
        return []
    return [(s["title"], s.get("responsible_group", "")) for s in summit.sections]


# --- evidence ---------------------------------------------------------------------------------


def list_evidence(
    session: Session, *, actor: Principal | None, review_id: int
) -> list[EvidenceItem]:
    return evidence.list_evidence(session, actor=actor, review_id=review_id)


def add_evidence(
    session: Session, *, actor: Principal, review_id: int, data: EvidenceIn
) -> EvidenceItem:
    return evidence.add_evidence(session, actor=actor, review_id=review_id, data=data)


def update_evidence(
    session: Session, *, actor: Principal, evidence_id: int, data: EvidenceUpdate
) -> EvidenceItem:
    return evidence.update_evidence(session, actor=actor, evidence_id=evidence_id, data=data)


def evidence_edit(session: Session, *, actor: Principal, evidence_id: int) -> views.ItemEdit:
    """An evidence item as its own page shows it, to be changed."""
    return views.evidence_edit(session, actor=actor, evidence_id=evidence_id)


def attach_file(
    session: Session,
    *,
    actor: Principal,
    evidence_id: int,
    filename: str,
    content: bytes,
    data_dir: Path,
    max_bytes: int,
) -> Attachment:
    """Keep a file with an evidence item (size-limited, type judged from its content)."""
    return evidence.attach_file(
        session,
        actor=actor,
        evidence_id=evidence_id,
        filename=filename,
        content=content,
        data_dir=data_dir,
        max_bytes=max_bytes,
    )


def attachment_path(
    session: Session, *, actor: Principal | None, attachment_id: int, data_dir: Path
) -> tuple[Attachment, Path]:
    """An attachment the actor may read, and where its bytes are."""
    return evidence.attachment_path(
        session, actor=actor, attachment_id=attachment_id, data_dir=data_dir
    )


# --- findings and scores ----------------------------------------------------------------------


def list_findings(session: Session, *, actor: Principal | None, review_id: int) -> list[Finding]:
    return findings.list_findings(session, actor=actor, review_id=review_id)


def add_finding(session: Session, *, actor: Principal, review_id: int, data: FindingIn) -> Finding:
    return findings.add_finding(session, actor=actor, review_id=review_id, data=data)


def update_finding(
    session: Session, *, actor: Principal, finding_id: int, data: FindingUpdate
) -> Finding:
    return findings.update_finding(session, actor=actor, finding_id=finding_id, data=data)


def finding_edit(session: Session, *, actor: Principal, finding_id: int) -> views.ItemEdit:
    """A finding as its own page shows it, to be changed."""
    return views.finding_edit(session, actor=actor, finding_id=finding_id)


def finding_out(finding: Finding) -> FindingOut:
    return presenting.finding_out(finding)


def get_finding(session: Session, *, actor: Principal, finding_id: int) -> Finding:
    """One finding the actor may read; any other is reported as not found."""
    return lookup.get_finding(session, actor=actor, finding_id=finding_id)


def findings_needing_action(session: Session, *, actor: Principal, area_code: str) -> list[Finding]:
    """Areas for improvement and of future focus in one system's reviews the actor may read."""
    return findings.findings_needing_action(session, actor=actor, area_code=area_code)


def set_score(
    session: Session, *, actor: Principal, review_id: int, data: ScoreIn
) -> StatementScore:
    """Score one quality statement, from the version loaded (0 when it had no score)."""
    return scores.set_score(session, actor=actor, review_id=review_id, data=data)


def overall_score(session: Session, review: Review) -> OverallScore | None:
    """The overall result once every statement is scored."""
    return scores.overall_score(session, review)


# --- the national picture ---------------------------------------------------------------------


def national_picture(
    session: Session, *, actor: Principal, programme_id: int, today: date
) -> national.NationalPicture:
    """A programme's reviews and what they found, by theme and key question (national users)."""
    return national.national_picture(session, actor=actor, programme_id=programme_id, today=today)


def national_csv(picture: national.NationalPicture, table: str) -> str:
    """One table of the picture (named as in ``schemas.NATIONAL_TABLES``) as CSV."""
    return national_export.to_csv(getattr(picture, table))


def national_xlsx(picture: national.NationalPicture) -> bytes:
    """Every table of the picture as one Excel workbook."""
    return national_export.to_xlsx(picture)
