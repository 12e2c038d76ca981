"""Approval and publication. Approving freezes the draft, with its sign-off table, as an
append-only snapshot and renders it once as PDF and DOCX; publishing gives it a public address.
From then on the report is read from its snapshot and downloaded as the stored files."""

from __future__ import annotations

import re
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.errors import FORM, InvalidInput, NotFound
from joinedup.reports import document as doc_json
from joinedup.reports.changes import load_for_change, pin, save
from joinedup.reports.document import Document, SignOffEntry, SignOffRole
from joinedup.reports.models import Report, Snapshot
from joinedup.reports.permissions import readable, require_approver
from joinedup.reports.rendered import render_stored, store_rendered
from joinedup.reports.schemas import ApproveIn, PublishIn, ReportKind, ReportState
from joinedup.reports.signoffs import entries, rows_of
from joinedup.reports.withdrawal import supersede_older_drafts
from joinedup.reviews import service as reviews
from joinedup.reviews.schemas import ReportChange

DRAFT_NOTE = "Draft: not yet approved. The content may change."
SET_ASIDE_NOTE = "Withdrawn draft: this report will not go to the board."
FROZEN = (ReportState.APPROVED, ReportState.PUBLISHED)  # read from their snapshot


def approve(session: Session, *, actor: Principal, report_id: int, data: ApproveIn) -> Report:
    """Freeze the draft, with its sign-off table, as the approved snapshot, and render it once."""
    report = load_for_change(
        session,
        actor,
        report_id,
        data.version,
        allowed=require_approver,
        refusal="you cannot approve it again.",
    )
    document = replace(
        doc_json.loads(report.document),
        sign_off=entries(rows_of(session, report.id)) + _answers(session, report.id),
        status_note="",
    )
    _refuse_while_unanswered(session, report.id)
    # Rendered before anything is written, so no lock is held while the files are made.
    files = render_stored(document)
    now = clock.now()  # a demo's paper is approved on its story day
    pin(session, report, data.version)
    report.state = ReportState.APPROVED.value
    report.approved_by = actor.email
    report.approved_at = now
    audit.record(
        session,
        actor=actor,
        action="report.approve",
        entity_type="report",
        entity_id=report.id,
        area_code=report.area_code,
        before={"state": ReportState.DRAFT.value},
        after={"state": report.state},
    )
    # The report's row first: a lost race stops here, before the snapshot is written.
    save(session, report)
    session.add(
        Snapshot(
            report_id=report.id,
            document=doc_json.dumps(document),
            approved_by=actor.email,
            approved_at=now,
        )
    )
    store_rendered(session, report.id, files)
    session.flush()
    supersede_older_drafts(session, actor=actor, approved=report)
    return report


def _refuse_while_unanswered(session: Session, report_id: int) -> None:
    """A paper is not approved while an approver its meeting requires has not agreed it."""
    from joinedup.governance import service as governance  # governance reads reports' door

    waiting = governance.approval_blockers(session, report_id=report_id)
    if waiting:
        names = ", ".join(waiting)
        raise InvalidInput(
            f"This paper cannot be approved yet: {names} must agree it first "
            "(their sign-off was asked for with the meeting's papers)."
        )


def _answers(session: Session, report_id: int) -> tuple[SignOffEntry, ...]:
    """The sign-off table's rows from the requests made with the meeting's papers: asked is
    when it was sent, answered when it came back."""
    from joinedup.governance import service as governance

    return tuple(
        SignOffEntry(
            role=SignOffRole(view.role),
            name=view.name,
            sent_on=view.asked_on.isoformat(),
            received_on=view.answered_on.isoformat() if view.answered_on else "",
        )
        for view in governance.sign_off_table(session, report_id=report_id)
    )


def _slug(session: Session, report: Report) -> str:
    system = areas.get_area(session, report.area_code).name
    words = re.sub(r"[^a-z0-9]+", "-", system.lower()).strip("-")
    return f"{words}-{report.kind}-report-{report.id}"


def publish(session: Session, *, actor: Principal, report_id: int, data: PublishIn) -> Report:
    """Give an approved report its public address; anyone may then read it without signing in.
    A review report is published by publishing its review (the one publication state), which
    the report follows."""
    report = load_for_change(
        session,
        actor,
        report_id,
        data.version,
        allowed=require_approver,
        state=ReportState.APPROVED,
        refusal="only an approved report can be published.",
    )
    if report.kind == ReportKind.REVIEW and report.review_id is not None:
        return _publish_review(session, actor, report)
    _make_public(session, actor, report, data.version)
    return report


def _make_public(session: Session, actor: Principal, report: Report, version: int) -> None:
    slug = _slug(session, report)
    pin(session, report, version)
    report.state = ReportState.PUBLISHED.value
    report.slug = slug
    report.published_at = clock.now()
    audit.record(
        session,
        actor=actor,
        action="report.publish",
        entity_type="report",
        entity_id=report.id,
        area_code=report.area_code,
        before={"state": ReportState.APPROVED.value},
        after={"state": report.state, "slug": report.slug},
    )
    save(session, report)


def _publish_review(session: Session, actor: Principal, report: Report) -> Report:
    assert report.review_id is not None
    publication = reviews.report_publication(session, report.review_id)
    if publication.never_published:
        raise InvalidInput.of(
            FORM,
            "A light-touch follow-up's slide deck is shared with the system and reported to the "
            "Department; it is not published.",
        )
    if not publication.shared:
        raise InvalidInput.of(
            FORM, "Share the review's report with the system before publishing it."
        )
    if not publication.published:
        review = reviews.get_review(session, actor=actor, review_id=report.review_id)
        # the review's own state moves; follow_review (called from there) publishes this report
        reviews.set_report_state(
            session,
            actor=actor,
            review_id=review.id,
            data=ReportChange(version=review.version, state="published"),
        )
    else:
        follow_review(session, actor=actor, review_id=report.review_id)
    return report


def follow_review(session: Session, *, actor: Principal, review_id: int) -> list[Report]:
    """Bring a review's approved reports into line with the review's publication state (called
    when the review's state moves): public when (and only when) the review is published. Drafts
    stay drafts; a report approved after its review was published is published by the review
    team pressing Publish, which only follows the review."""
    publication = reviews.report_publication(session, review_id)
    query = select(Report).where(
        Report.kind == ReportKind.REVIEW.value,
        Report.review_id == review_id,
        Report.state != ReportState.DRAFT.value,
    )
    changed = []
    for report in session.scalars(query):
        public = report.state == ReportState.PUBLISHED
        if publication.published and not public:
            _make_public(session, actor, report, report.version)
            changed.append(report)
        elif public and not publication.published:
            pin(session, report, report.version)
            report.state = ReportState.APPROVED.value
            report.slug = None
            report.published_at = None
            audit.record(
                session,
                actor=actor,
                action="report.unpublish",
                entity_type="report",
                entity_id=report.id,
                area_code=report.area_code,
                before={"state": ReportState.PUBLISHED.value},
                after={"state": report.state},
            )
            save(session, report)
            changed.append(report)
    return changed


def snapshot_of(session: Session, report: Report) -> Document:
    snapshot = session.scalars(select(Snapshot).where(Snapshot.report_id == report.id)).one()
    return doc_json.loads(snapshot.document)


def document_of(session: Session, *, actor: Principal, report_id: int) -> Document:
    """What the report says: a draft's live document with its sign-off table and a draft
    banner; an approved or published report's snapshot, exactly as approved."""
    report = readable(session, actor, report_id)
    if report.state in FROZEN:
        return snapshot_of(session, report)
    return replace(
        doc_json.loads(report.document),
        sign_off=entries(rows_of(session, report.id)),
        status_note=DRAFT_NOTE if report.state == ReportState.DRAFT else SET_ASIDE_NOTE,
    )


def _public(session: Session, report: Report) -> bool:
    """Published, and for a review report its review published too: nothing the review team
    has not published is public, whatever the report row says."""
    if report.state != ReportState.PUBLISHED or not report.slug:
        return False
    if report.kind != ReportKind.REVIEW:
        return True
    return (
        report.review_id is not None
        and reviews.report_publication(session, report.review_id).published
    )


def published_reports(session: Session) -> list[Report]:
    query = (
        select(Report)
        .where(Report.state == ReportState.PUBLISHED.value)
        .order_by(Report.published_at.desc(), Report.id.desc())
    )
    return [r for r in session.scalars(query) if _public(session, r)]


def published_report(session: Session, slug: str) -> Report:
    report = session.scalars(select(Report).where(Report.slug == slug)).one_or_none()
    if report is None or not _public(session, report):
        raise NotFound(f"There is no published report {slug!r}.")
    return report


def published_document(session: Session, slug: str) -> tuple[Report, Document]:
    """A published report for anyone, signed in or not, from its snapshot."""
    report = published_report(session, slug)
    return report, snapshot_of(session, report)
