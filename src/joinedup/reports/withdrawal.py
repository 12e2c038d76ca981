"""Drafts that will not go to the board: withdrawn by the people who may change them, with a
reason, or superseded when a newer paper of the same system (and so the same board) is
approved. Nothing is deleted: the row keeps its content, its state says why it was set aside,
and the audit trail keeps who did it and when."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.reports.changes import load_for_change, pin, save
from joinedup.reports.models import Report
from joinedup.reports.permissions import require_approver
from joinedup.reports.schemas import ReportKind, ReportState, WithdrawIn

SET_ASIDE = (ReportState.WITHDRAWN.value, ReportState.SUPERSEDED.value)


def _set_aside(
    session: Session, actor: Principal, report: Report, state: ReportState, reason: str
) -> None:
    report.state = state.value
    report.withdrawn_reason = reason
    report.withdrawn_at = clock.now()
    report.withdrawn_by = actor.email
    audit.record(
        session,
        actor=actor,
        action=f"report.{'withdraw' if state is ReportState.WITHDRAWN else 'supersede'}",
        entity_type="report",
        entity_id=report.id,
        area_code=report.area_code,
        before={"state": ReportState.DRAFT.value},
        after={"state": report.state, "reason": reason},
    )


def withdraw(session: Session, *, actor: Principal, report_id: int, data: WithdrawIn) -> Report:
    """Set a draft aside for good, saying why."""
    report = load_for_change(
        session,
        actor,
        report_id,
        data.version,
        allowed=require_approver,
        refusal="only a draft can be withdrawn.",
    )
    pin(session, report, data.version)
    _set_aside(session, actor, report, ReportState.WITHDRAWN, data.reason)
    save(session, report)
    return report


def supersede_older_drafts(session: Session, *, actor: Principal, approved: Report) -> list[Report]:
    """The older drafts of the system's highlight reports, once a newer paper is approved: they
    would otherwise sit beside it under the same title."""
    if approved.kind != ReportKind.HIGHLIGHT:
        return []
    query = select(Report).where(
        Report.area_code == approved.area_code,
        Report.kind == approved.kind,
        Report.state == ReportState.DRAFT.value,
        Report.id < approved.id,
    )
    older = list(session.scalars(query))
    for report in older:
        pin(session, report, report.version)
        _set_aside(
            session,
            actor,
            report,
            ReportState.SUPERSEDED,
            f"Superseded by report {approved.id}, approved on {clock.today().isoformat()}.",
        )
        save(session, report)
    return older


def is_set_aside(report: Report) -> bool:
    return report.state in SET_ASIDE
