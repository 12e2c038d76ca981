"""Who may do what to a report: the system lead (approve reports in that system) and admins
generate, approve and publish; national reviewers also generate and edit review reports; everyone
who may read a system reads its drafts. Other systems' users are told a report does not exist."""

from __future__ import annotations

from sqlalchemy.orm import Session

from joinedup.access.rules import Permission, Principal
from joinedup.errors import NotFound, PermissionDenied
from joinedup.reports.models import Report
from joinedup.reports.schemas import ReportKind


def readable(session: Session, actor: Principal, report_id: int) -> Report:
    report = session.get(Report, report_id)
    if report is None or not actor.can_read_system(report.area_code):
        raise NotFound(f"There is no report {report_id}.")
    return report


def may_generate(actor: Principal, area_code: str, kind: ReportKind) -> bool:
    if actor.can(Permission.APPROVE_REPORTS, area_code):
        return True
    return kind is ReportKind.REVIEW and actor.can(Permission.MANAGE_REVIEWS)


def may_edit(actor: Principal, report: Report) -> bool:
    return may_generate(actor, report.area_code, ReportKind(report.kind))


def may_approve(actor: Principal, report: Report) -> bool:
    return actor.can(Permission.APPROVE_REPORTS, report.area_code)


def require_edit(actor: Principal, report: Report) -> None:
    if not may_edit(actor, report):
        raise PermissionDenied("Only the system lead can change this report.")


def require_approver(actor: Principal, report: Report) -> None:
    if not may_approve(actor, report):
        raise PermissionDenied("Only the system lead can approve and publish this report.")
