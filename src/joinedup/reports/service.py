"""Reports as use cases, the one door to them: generate a draft from live data, write its cover
sheet and sign-off table, approve (freezing a snapshot and rendering its PDF and DOCX once),
publish (a public address, no sign-in), read and download in any format.

Each write takes the version the person loaded and one input model from
``joinedup.reports.schemas``; a stale or lost-race change raises StaleEdit. Who may do what is
in ``joinedup.reports.permissions``: a system's lead (and admins) generate, approve and publish
its highlight reports; the review team (reviewers, admins) prepare, approve and publish review
reports, which follow their review's one publication state (``follow_review``); a system's
users read a review report once it is shared and record the system's response; the public reads
published reports only.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.reports.approval import (
    approve,
    document_of,
    follow_review,
    publish,
    published_document,
    published_reports,
)
from joinedup.reports.document import Document
from joinedup.reports.downloads import download, published_download
from joinedup.reports.drafting import generate, regenerate, update_cover
from joinedup.reports.highlight import build_highlight
from joinedup.reports.html import render_html
from joinedup.reports.html import report_css as _report_css
from joinedup.reports.models import Report
from joinedup.reports.permissions import may_approve, may_edit, may_read, may_respond, readable
from joinedup.reports.render import render
from joinedup.reports.responses import respond, responses_of
from joinedup.reports.review import build_review
from joinedup.reports.schemas import ReportFile, ReportFormat
from joinedup.reports.signoffs import add_sign_off, remove_sign_off, sign_offs_of
from joinedup.reports.withdrawal import is_set_aside, withdraw
from joinedup.reviews import service as reviews

__all__ = [
    "add_sign_off",
    "approve",
    "document_of",
    "download",
    "follow_review",
    "generate",
    "get_report",
    "highlight_file",
    "is_set_aside",
    "list_reports",
    "may_approve",
    "may_edit",
    "may_respond",
    "publish",
    "published_document",
    "published_download",
    "published_reports",
    "regenerate",
    "remove_sign_off",
    "report_css",
    "report_html",
    "respond",
    "responses_of",
    "review_area",
    "review_file",
    "sign_offs_of",
    "update_cover",
    "withdraw",
]


def get_report(session: Session, *, actor: Principal, report_id: int) -> Report:
    return readable(session, actor, report_id)


def list_reports(session: Session, *, actor: Principal, area_code: str) -> list[Report]:
    areas.get_system(session, actor=actor, area_code=area_code)
    query = select(Report).where(Report.area_code == area_code).order_by(Report.id.desc())
    return [r for r in session.scalars(query) if may_read(session, actor, r)]


def report_html(document: Document) -> str:
    """The report as HTML to place under a page's own heading (its headings start at h2)."""
    return render_html(document, standalone=False, heading_offset=1)


def report_css() -> str:
    """The report's stylesheet (screen and print), scoped to ``.jr-report``."""
    return _report_css()


def highlight_file(
    session: Session,
    *,
    actor: Principal,
    area_code: str,
    as_of: date,
    report_format: ReportFormat,
    meeting_date: date | None = None,
) -> ReportFile:
    """The highlight report as it would be built today, as a file, without keeping it."""
    document = build_highlight(
        session, actor=actor, area_code=area_code, as_of=as_of, meeting_date=meeting_date
    )
    stem = f"{area_code.lower()}-highlight-report-{as_of.isoformat()}"
    return ReportFile(render(document, report_format), report_format, stem)


def review_area(session: Session, *, actor: Principal, review_id: int) -> str:
    """The area code of the system a review is of (what a review report's input names)."""
    return reviews.get_review(session, actor=actor, review_id=review_id).area_code


def review_file(
    session: Session, *, actor: Principal, review_id: int, report_format: ReportFormat
) -> ReportFile:
    """The review report as it would be built today, as a file, without keeping it."""
    document = build_review(session, actor=actor, review_id=review_id)
    return ReportFile(render(document, report_format), report_format, f"review-{review_id}-report")
