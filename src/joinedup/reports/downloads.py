"""Reports as files: a draft is rendered as it stands; an approved or published report's PDF and
DOCX are the bytes stored at approval (other formats render from its snapshot, quickly)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.reports.approval import document_of, published_report, snapshot_of
from joinedup.reports.models import Report
from joinedup.reports.permissions import readable
from joinedup.reports.render import render
from joinedup.reports.rendered import stored_file
from joinedup.reports.schemas import ReportFile, ReportFormat, ReportState


def _stored(session: Session, report: Report, report_format: ReportFormat) -> bytes | None:
    if report.state not in (ReportState.APPROVED, ReportState.PUBLISHED):
        return None  # drafts, withdrawn or not, are rendered as they stand
    return stored_file(session, report.id, report_format)


def download(
    session: Session, *, actor: Principal, report_id: int, report_format: ReportFormat
) -> ReportFile:
    """The report in ``report_format``, for someone who may read it."""
    report = readable(session, actor, report_id)
    stem = f"report-{report.id}-{report.state}"
    content = _stored(session, report, report_format)
    if content is None:
        document = document_of(session, actor=actor, report_id=report.id)
        content = render(document, report_format)
    return ReportFile(content, report_format, stem)


def published_download(session: Session, *, slug: str, report_format: ReportFormat) -> ReportFile:
    """A published report in ``report_format``, for anyone, signed in or not."""
    report = published_report(session, slug)
    content = _stored(session, report, report_format)
    if content is None:
        content = render(snapshot_of(session, report), report_format)
    return ReportFile(content, report_format, slug)
