"""A draft's sign-off table: the contributors and approvers of the paper, with the dates it was
sent and answered, as seed 001's. Each change is a change of the report (its version moves on),
so a stale page cannot add to or take from a table it has not seen."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import NotFound
from joinedup.reports.changes import load_for_change, pin, save
from joinedup.reports.document import SignOffEntry, SignOffRole
from joinedup.reports.models import Report, SignOff
from joinedup.reports.permissions import readable, require_edit
from joinedup.reports.schemas import RemoveSignOffIn, SignOffIn

REFUSAL = "you cannot change its sign-off table any more."


def rows_of(session: Session, report_id: int) -> list[SignOff]:
    query = select(SignOff).where(SignOff.report_id == report_id).order_by(SignOff.id)
    return list(session.scalars(query))


def sign_offs_of(session: Session, *, actor: Principal, report_id: int) -> list[SignOff]:
    report = readable(session, actor, report_id)
    return rows_of(session, report.id)


def add_sign_off(session: Session, *, actor: Principal, report_id: int, data: SignOffIn) -> SignOff:
    """A contributor or approver of the paper, with when it was sent and answered."""
    report = load_for_change(
        session, actor, report_id, data.version, allowed=require_edit, refusal=REFUSAL
    )
    pin(session, report, data.version)
    row = SignOff(
        report_id=report.id,
        role=data.role,
        name=data.name,
        title=data.title,
        organisation=data.organisation,
        sent_on=data.sent_on,
        received_on=data.received_on,
    )
    session.add(row)
    audit.record(
        session,
        actor=actor,
        action="report.sign_off.add",
        entity_type="report",
        entity_id=report.id,
        area_code=report.area_code,
        after={
            "role": row.role,
            "name": row.name,
            "sent_on": str(data.sent_on or ""),
            "received_on": str(data.received_on or ""),
        },
    )
    save(session, report)
    return row


def remove_sign_off(
    session: Session, *, actor: Principal, report_id: int, sign_off_id: int, data: RemoveSignOffIn
) -> Report:
    report = load_for_change(
        session, actor, report_id, data.version, allowed=require_edit, refusal=REFUSAL
    )
    row = session.get(SignOff, sign_off_id)
    if row is None or row.report_id != report.id:
        raise NotFound(f"Report {report.id} has no sign-off row {sign_off_id}.")
    pin(session, report, data.version)
    audit.record(
        session,
        actor=actor,
        action="report.sign_off.remove",
        entity_type="report",
        entity_id=report.id,
        area_code=report.area_code,
        before={"role": row.role, "name": row.name},
    )
    session.delete(row)
    save(session, report)
    return report


def entries(rows: list[SignOff]) -> tuple[SignOffEntry, ...]:
    """The table as the document carries it."""
    return tuple(
        SignOffEntry(
            role=SignOffRole(r.role),
            name=r.name,
            title=r.title,
            organisation=r.organisation,
            sent_on=r.sent_on.isoformat() if r.sent_on else "",
            received_on=r.received_on.isoformat() if r.received_on else "",
        )
        for r in rows
    )
