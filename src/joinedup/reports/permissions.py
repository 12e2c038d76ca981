"""Who may do what to a report.

A highlight report is the system's paper: its system lead (and admins) generate, approve and
publish it, and everyone who may read the system reads its drafts. A review report is CQC's: the
review team (national reviewers, admins) prepare, approve and publish it; a system's users read
it only once the review team has approved it and shared the review with them, and record the
system's response. Anyone who may not read a report is told it does not exist."""

from __future__ import annotations

from sqlalchemy.orm import Session

from joinedup.access.rules import Permission, Principal
from joinedup.errors import NotFound, PermissionDenied
from joinedup.reports.models import Report
from joinedup.reports.schemas import ReportKind, ReportState
from joinedup.reviews import service as reviews


def _review_team(actor: Principal) -> bool:
    return actor.can(Permission.MANAGE_REVIEWS)


def may_read(session: Session, actor: Principal, report: Report) -> bool:
    if not actor.can_read_system(report.area_code):
        return False
    if report.kind != ReportKind.REVIEW or actor.is_national:
        return True
    # A system's users never see CQC's draft findings: only an approved report, once shared.
    return (
        report.state != ReportState.DRAFT
        and report.review_id is not None
        and reviews.report_publication(session, report.review_id).shared
    )


def readable(session: Session, actor: Principal, report_id: int) -> Report:
    report = session.get(Report, report_id)
    if report is None or not may_read(session, actor, report):
        raise NotFound(f"There is no report {report_id}.")
    return report


def may_generate(actor: Principal, area_code: str, kind: ReportKind) -> bool:
    if kind is ReportKind.REVIEW:
        return _review_team(actor)
    return actor.can(Permission.APPROVE_REPORTS, area_code)


def may_edit(actor: Principal, report: Report) -> bool:
    return may_generate(actor, report.area_code, ReportKind(report.kind))


def may_approve(actor: Principal, report: Report) -> bool:
    return may_edit(actor, report)


def may_respond(actor: Principal, report: Report) -> bool:
    """The system's response to a review report is recorded by its lead (or an admin)."""
    return report.kind == ReportKind.REVIEW and actor.can(
        Permission.APPROVE_REPORTS, report.area_code
    )


def _who(report: Report) -> str:
    return "the review team" if report.kind == ReportKind.REVIEW else "the system lead"


def require_edit(actor: Principal, report: Report) -> None:
    if not may_edit(actor, report):
        raise PermissionDenied(f"Only {_who(report)} can change this report.")


def require_approver(actor: Principal, report: Report) -> None:
    if not may_approve(actor, report):
        raise PermissionDenied(f"Only {_who(report)} can approve, publish or withdraw this report.")


def require_responder(actor: Principal, report: Report) -> None:
    if not may_respond(actor, report):
        raise PermissionDenied("Only the system lead can record the system's response.")
