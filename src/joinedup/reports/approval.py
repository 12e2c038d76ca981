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
from joinedup.errors import InvalidInput, NotFound
from joinedup.reports import document as doc_json
from joinedup.reports.changes import load_for_change, pin, save
from joinedup.reports.document import Document, SignOffEntry, SignOffRole
from joinedup.reports.models import Report, Snapshot
from joinedup.reports.permissions import readable, require_approver
from joinedup.reports.rendered import render_stored, store_rendered
from joinedup.reports.schemas import ApproveIn, PublishIn, ReportState
from joinedup.reports.signoffs import entries, rows_of

DRAFT_NOTE = "Draft: not yet approved. The content may change."


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
    """Give an approved report its public address; anyone may then read it without signing in."""
    report = load_for_change(
        session,
        actor,
        report_id,
        data.version,
        allowed=require_approver,
        state=ReportState.APPROVED,
        refusal="only an approved report can be published.",
    )
    slug = _slug(session, report)
    pin(session, report, data.version)
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
    return report


def snapshot_of(session: Session, report: Report) -> Document:
    snapshot = session.scalars(select(Snapshot).where(Snapshot.report_id == report.id)).one()
    return doc_json.loads(snapshot.document)


def document_of(session: Session, *, actor: Principal, report_id: int) -> Document:
    """What the report says: a draft's live document with its sign-off table and a draft
    banner; an approved or published report's snapshot, exactly as approved."""
    report = readable(session, actor, report_id)
    if report.state != ReportState.DRAFT:
        return snapshot_of(session, report)
    return replace(
        doc_json.loads(report.document),
        sign_off=entries(rows_of(session, report.id)),
        status_note=DRAFT_NOTE,
    )


def published_reports(session: Session) -> list[Report]:
    query = (
        select(Report)
        .where(Report.state == ReportState.PUBLISHED.value)
        .order_by(Report.published_at.desc(), Report.id.desc())
    )
    return list(session.scalars(query))


def published_report(session: Session, slug: str) -> Report:
    report = session.scalars(
        select(Report).where(Report.slug == slug, Report.state == ReportState.PUBLISHED.value)
    ).one_or_none()
    if report is None:
        raise NotFound(f"There is no published report {slug!r}.")
    return report


def published_document(session: Session, slug: str) -> tuple[Report, Document]:
    """A published report for anyone, signed in or not, from its snapshot."""
    report = published_report(session, slug)
    return report, snapshot_of(session, report)
