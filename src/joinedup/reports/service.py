"""Reports as use cases: generate a draft from live data, keep its sign-off table, approve
(freezing a snapshot), publish (a public address, no sign-in), and render in any format.

Who may do what: the system lead (approve reports in that system) and admins generate, approve
and publish; national reviewers also generate and edit review reports; everyone who may read a
system reads its drafts; the public reads published reports only. Other systems' users are told
a report does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit
from joinedup.reports import document as doc_json
from joinedup.reports.document import Choice, Document, Purpose, SignOffEntry, SignOffRole
from joinedup.reports.highlight import build_highlight
from joinedup.reports.html import render_html, report_css
from joinedup.reports.models import Report, SignOff, Snapshot
from joinedup.reports.render import ReportFormat, render
from joinedup.reports.review import build_review
from joinedup.reviews import service as reviews
from joinedup.store.db import utcnow

__all__ = [
    "ReportFormat",
    "ReportKind",
    "ReportState",
    "add_sign_off",
    "approve",
    "create_report",
    "document_of",
    "generate_highlight",
    "generate_review",
    "get_report",
    "list_reports",
    "publish",
    "published_document",
    "published_reports",
    "regenerate",
    "remove_sign_off",
    "render",
    "render_fragment",
    "replace_draft",
    "report_css",
    "sign_offs_of",
    "update_cover",
]


class ReportKind(StrEnum):
    HIGHLIGHT = "highlight"
    REVIEW = "review"


class ReportState(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    PUBLISHED = "published"


DRAFT_NOTE = "Draft: not yet approved. The content may change."


def _readable(session: Session, actor: Principal, report_id: int) -> Report:
    report = session.get(Report, report_id)
    if report is None or not actor.can_read_system(report.area_code):
        raise NotFound(f"There is no report {report_id}.")
    return report


def _may_edit(actor: Principal, report: Report) -> bool:
    if actor.can(Permission.APPROVE_REPORTS, report.area_code):
        return True
    return report.kind == ReportKind.REVIEW and actor.can(Permission.MANAGE_REVIEWS)


def _require_edit(actor: Principal, report: Report) -> None:
    if not _may_edit(actor, report):
        raise PermissionDenied("Only the system lead can change this report.")


def _require_approver(actor: Principal, report: Report) -> None:
    if not actor.can(Permission.APPROVE_REPORTS, report.area_code):
        raise PermissionDenied("Only the system lead can approve and publish this report.")


def _current(report: Report) -> dict[str, object]:
    return {"state": report.state, "version": report.version, "title": report.title}


def _check_version(report: Report, version: int) -> None:
    if report.version != version:
        raise StaleEdit(
            f"Report {report.id} changed since you loaded it (now version {report.version}, "
            f"{report.state}).",
            current=_current(report),
        )


def _require_draft(report: Report, doing: str) -> None:
    if report.state != ReportState.DRAFT:
        raise InvalidInput(f"Report {report.id} is {report.state}: you cannot {doing} any more.")


def render_fragment(document: Document) -> str:
    """The report as HTML to place under a page's own heading (its headings start at h2)."""
    return render_html(document, standalone=False, heading_offset=1)


def create_report(
    session: Session,
    *,
    actor: Principal,
    area_code: str,
    kind: ReportKind,
    as_of: date,
    document: Document,
    review_id: int | None = None,
    meeting_date: date | None = None,
) -> Report:
    """A new draft holding `document`; the content builders call this with what they built."""
    areas.get_system(session, actor=actor, area_code=area_code)
    allowed = actor.can(Permission.APPROVE_REPORTS, area_code) or (
        kind is ReportKind.REVIEW and actor.can(Permission.MANAGE_REVIEWS)
    )
    if not allowed:
        raise PermissionDenied("Only the system lead can generate this system's reports.")
    report = Report(
        area_code=area_code,
        kind=kind.value,
        review_id=review_id,
        title=document.title[:300],
        as_of=as_of,
        meeting_date=meeting_date,
        state=ReportState.DRAFT.value,
        document=doc_json.dumps(document),
        created_by=actor.email,
        created_at=utcnow(),
        version=1,
    )
    session.add(report)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="report.create",
        entity_type="report",
        entity_id=report.id,
        area_code=area_code,
        after={"kind": kind.value, "title": report.title, "as_of": as_of.isoformat()},
    )
    return report


def get_report(session: Session, *, actor: Principal, report_id: int) -> Report:
    return _readable(session, actor, report_id)


def list_reports(session: Session, *, actor: Principal, area_code: str) -> list[Report]:
    areas.get_system(session, actor=actor, area_code=area_code)
    query = select(Report).where(Report.area_code == area_code).order_by(Report.id.desc())
    return list(session.scalars(query))


def replace_draft(
    session: Session, *, actor: Principal, report_id: int, version: int, document: Document
) -> Report:
    """The draft's content rebuilt (from today's data); refused once approved."""
    report = _readable(session, actor, report_id)
    _require_edit(actor, report)
    _check_version(report, version)
    _require_draft(report, "regenerate it")
    report.document = doc_json.dumps(document)
    report.title = document.title[:300]
    report.version += 1
    audit.record(
        session,
        actor=actor,
        action="report.regenerate",
        entity_type="report",
        entity_id=report.id,
        area_code=report.area_code,
        after={"version": report.version},
    )
    return report


def _text(value: str, what: str, *, limit: int, required: bool = False) -> str:
    cleaned = value.strip()
    if required and not cleaned:
        raise InvalidInput(f"{what}: enter a value")
    if len(cleaned) > limit:
        raise InvalidInput(f"{what}: at most {limit} characters (got {len(cleaned)})")
    return cleaned


def _ticked(
    choices: tuple[Choice, ...], ticked: Sequence[str] | None, what: str
) -> tuple[Choice, ...]:
    if ticked is None:
        return choices
    labels = {c.label for c in choices}
    unknown = [t for t in ticked if t not in labels]
    if unknown:
        raise InvalidInput(f"{what}: {unknown[0]!r} is not one of the cover sheet's choices")
    return tuple(Choice(c.label, c.label in ticked) for c in choices)


def update_cover(
    session: Session,
    *,
    actor: Principal,
    report_id: int,
    version: int,
    authors: str,
    presenters: str,
    summary: str,
    purpose: str,
    meeting_date: date | None,
    sub_groups: Sequence[str] | None = None,
    priorities: Sequence[str] | None = None,
) -> Report:
    """The cover sheet's words, as the lead writes them for the board (drafts only); the
    sub-groups and priorities given are ticked, the others not (None leaves them as they are)."""
    report = _readable(session, actor, report_id)
    _require_edit(actor, report)
    _check_version(report, version)
    _require_draft(report, "edit its cover sheet")
    try:
        chosen = Purpose(purpose)
    except ValueError:
        raise InvalidInput(
            f"purpose: choose decision, discussion or information, not {purpose!r}"
        ) from None
    document = doc_json.loads(report.document)
    if document.cover is None:
        raise InvalidInput(f"Report {report.id} has no cover sheet.")
    before = {
        "authors": document.cover.authors,
        "presenters": document.cover.presenters,
        "summary": document.cover.summary,
        "purpose": document.cover.purpose.value,
    }
    cover = replace(
        document.cover,
        sub_groups=_ticked(document.cover.sub_groups, sub_groups, "sub_groups"),
        priorities=_ticked(document.cover.priorities, priorities, "priorities"),
        authors=_text(authors, "authors", limit=300),
        presenters=_text(presenters, "presenters", limit=300),
        # Browsers send a text area's line breaks as CRLF; paragraphs split on blank lines.
        summary=_text(summary.replace("\r\n", "\n"), "summary and recommendations", limit=5000),
        purpose=chosen,
        meeting_date=meeting_date.isoformat() if meeting_date else "",
    )
    report.document = doc_json.dumps(replace(document, cover=cover))
    report.meeting_date = meeting_date
    report.version += 1
    audit.record(
        session,
        actor=actor,
        action="report.cover",
        entity_type="report",
        entity_id=report.id,
        area_code=report.area_code,
        before=before,
        after={
            "authors": cover.authors,
            "presenters": cover.presenters,
            "summary": cover.summary,
            "purpose": cover.purpose.value,
        },
    )
    return report


def sign_offs_of(session: Session, *, actor: Principal, report_id: int) -> list[SignOff]:
    report = _readable(session, actor, report_id)
    query = select(SignOff).where(SignOff.report_id == report.id).order_by(SignOff.id)
    return list(session.scalars(query))


def add_sign_off(
    session: Session,
    *,
    actor: Principal,
    report_id: int,
    version: int,
    role: str,
    name: str,
    title: str = "",
    organisation: str = "",
    sent_on: date | None = None,
    received_on: date | None = None,
) -> SignOff:
    """A contributor or approver of the paper, with when it was sent and answered."""
    report = _readable(session, actor, report_id)
    _require_edit(actor, report)
    _check_version(report, version)
    _require_draft(report, "change its sign-off table")
    try:
        chosen = SignOffRole(role)
    except ValueError:
        raise InvalidInput(f"role: choose contributor or approver, not {role!r}") from None
    if sent_on and received_on and received_on < sent_on:
        raise InvalidInput(
            f"received_on: {received_on.isoformat()} is before the date sent, {sent_on.isoformat()}"
        )
    row = SignOff(
        report_id=report.id,
        role=chosen.value,
        name=_text(name, "name", limit=200, required=True),
        title=_text(title, "title", limit=200),
        organisation=_text(organisation, "organisation", limit=200),
        sent_on=sent_on,
        received_on=received_on,
    )
    session.add(row)
    report.version += 1
    session.flush()
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
            "sent_on": str(sent_on or ""),
            "received_on": str(received_on or ""),
        },
    )
    return row


def remove_sign_off(
    session: Session, *, actor: Principal, report_id: int, version: int, sign_off_id: int
) -> Report:
    report = _readable(session, actor, report_id)
    _require_edit(actor, report)
    _check_version(report, version)
    _require_draft(report, "change its sign-off table")
    row = session.get(SignOff, sign_off_id)
    if row is None or row.report_id != report.id:
        raise NotFound(f"Report {report.id} has no sign-off row {sign_off_id}.")
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
    report.version += 1
    return report


def _entries(rows: list[SignOff]) -> tuple[SignOffEntry, ...]:
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


def _snapshot(session: Session, report: Report) -> Document:
    snapshot = session.scalars(select(Snapshot).where(Snapshot.report_id == report.id)).one()
    return doc_json.loads(snapshot.document)


def approve(session: Session, *, actor: Principal, report_id: int, version: int) -> Report:
    """Freeze the draft, with its sign-off table, as the approved snapshot."""
    report = _readable(session, actor, report_id)
    _require_approver(actor, report)
    _check_version(report, version)
    _require_draft(report, "approve it again")
    rows = sign_offs_of(session, actor=actor, report_id=report.id)
    document = replace(doc_json.loads(report.document), sign_off=_entries(rows), status_note="")
    now = utcnow()
    session.add(
        Snapshot(
            report_id=report.id,
            document=doc_json.dumps(document),
            approved_by=actor.email,
            approved_at=now,
        )
    )
    report.state = ReportState.APPROVED.value
    report.approved_by = actor.email
    report.approved_at = now
    report.version += 1
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
    return report


def _slug(session: Session, report: Report) -> str:
    system = areas.get_area(session, report.area_code).name
    words = re.sub(r"[^a-z0-9]+", "-", system.lower()).strip("-")
    return f"{words}-{report.kind}-report-{report.id}"


def publish(session: Session, *, actor: Principal, report_id: int, version: int) -> Report:
    """Give an approved report its public address; anyone may then read it without signing in."""
    report = _readable(session, actor, report_id)
    _require_approver(actor, report)
    _check_version(report, version)
    if report.state != ReportState.APPROVED:
        raise InvalidInput(
            f"Report {report.id} is {report.state}: only an approved report can be published."
        )
    report.state = ReportState.PUBLISHED.value
    report.slug = _slug(session, report)
    report.published_at = utcnow()
    report.version += 1
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
    return report


def document_of(session: Session, *, actor: Principal, report_id: int) -> Document:
    """What the report says: a draft's live document with its sign-off table and a draft
    banner; an approved or published report's snapshot, exactly as approved."""
    report = _readable(session, actor, report_id)
    if report.state != ReportState.DRAFT:
        return _snapshot(session, report)
    rows = sign_offs_of(session, actor=actor, report_id=report.id)
    return replace(doc_json.loads(report.document), sign_off=_entries(rows), status_note=DRAFT_NOTE)


def published_reports(session: Session) -> list[Report]:
    query = (
        select(Report)
        .where(Report.state == ReportState.PUBLISHED.value)
        .order_by(Report.published_at.desc(), Report.id.desc())
    )
    return list(session.scalars(query))


def published_document(session: Session, slug: str) -> tuple[Report, Document]:
    """A published report for anyone, signed in or not, from its snapshot."""
    report = session.scalars(
        select(Report).where(Report.slug == slug, Report.state == ReportState.PUBLISHED.value)
    ).one_or_none()
    if report is None:
        raise NotFound(f"There is no published report {slug!r}.")
    return report, _snapshot(session, report)


def generate_highlight(
    session: Session,
    *,
    actor: Principal,
    area_code: str,
    as_of: date,
    meeting_date: date | None = None,
) -> Report:
    """A new draft highlight report of the system's current plan and framework at `as_of`."""
    areas.get_system(session, actor=actor, area_code=area_code)
    if not actor.can(Permission.APPROVE_REPORTS, area_code):
        raise PermissionDenied("Only the system lead can generate this system's reports.")
    document = build_highlight(
        session, actor=actor, area_code=area_code, as_of=as_of, meeting_date=meeting_date
    )
    return create_report(
        session,
        actor=actor,
        area_code=area_code,
        kind=ReportKind.HIGHLIGHT,
        as_of=as_of,
        document=document,
        meeting_date=meeting_date,
    )


def generate_review(
    session: Session, *, actor: Principal, review_id: int, as_of: date | None = None
) -> Report:
    """A new draft review report of one review's findings and the area's data."""
    area_code = reviews.get_review(session, actor=actor, review_id=review_id).area_code
    document = build_review(session, actor=actor, review_id=review_id)
    return create_report(
        session,
        actor=actor,
        area_code=area_code,
        kind=ReportKind.REVIEW,
        as_of=as_of or date.today(),
        document=document,
        review_id=review_id,
    )


def regenerate(session: Session, *, actor: Principal, report_id: int, version: int) -> Report:
    """Rebuild a draft from today's data, keeping its cover sheet's words."""
    report = _readable(session, actor, report_id)
    _require_edit(actor, report)
    _check_version(report, version)
    _require_draft(report, "regenerate it")
    if report.kind == ReportKind.HIGHLIGHT:
        fresh = build_highlight(
            session,
            actor=actor,
            area_code=report.area_code,
            as_of=report.as_of,
            meeting_date=report.meeting_date,
        )
    else:
        if report.review_id is None:
            raise InvalidInput(f"Report {report.id} names no review to rebuild it from.")
        fresh = build_review(session, actor=actor, review_id=report.review_id)
    old = doc_json.loads(report.document)
    if old.cover is not None and fresh.cover is not None:
        fresh = replace(
            fresh,
            cover=replace(
                fresh.cover,
                authors=old.cover.authors,
                presenters=old.cover.presenters,
                summary=old.cover.summary,
                purpose=old.cover.purpose,
            ),
        )
    return replace_draft(session, actor=actor, report_id=report.id, version=version, document=fresh)
