"""Drafts: generated from live data, rebuilt until approval, their cover sheet written by the
lead. A draft keeps its document (JSON) on the report row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.errors import FORM, InvalidInput, NotFound, PermissionDenied
from joinedup.reports import document as doc_json
from joinedup.reports.changes import load_for_change, pin, save
from joinedup.reports.document import Choice, Document, purpose_of
from joinedup.reports.highlight import BoardCover, board_cover, build_highlight, cover_of_board
from joinedup.reports.models import Report
from joinedup.reports.permissions import may_generate, readable, require_edit
from joinedup.reports.review import build_review
from joinedup.reports.schemas import CoverIn, GenerateIn, RegenerateIn, ReportKind, ReportState
from joinedup.reports.vintage import vintage_as_at
from joinedup.reviews import service as reviews
from joinedup.store.db import utcnow


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
    board_id: int | None = None,
) -> Report:
    """A new draft holding ``document``, as a content builder made it."""
    areas.get_system(session, actor=actor, area_code=area_code)
    if not may_generate(actor, area_code, kind):
        raise PermissionDenied("Only the system lead can generate this system's reports.")
    report = Report(
        area_code=area_code,
        kind=kind.value,
        review_id=review_id,
        title=document.title[:300],
        as_of=as_of,
        meeting_date=meeting_date,
        board_id=board_id,
        # the data its figures were read from (a review report's too: its indicators)
        vintage_id=vintage_id_as_at(session, as_of),
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
        after={
            "kind": kind.value,
            "title": report.title,
            "as_of": as_of.isoformat(),
            "board_id": board_id,
            "vintage_id": report.vintage_id,
        },
    )
    return report


def vintage_id_as_at(session: Session, as_of: date) -> int | None:
    found = vintage_as_at(session, as_of)
    return found.id if found is not None else None


def _review_of(session: Session, actor: Principal, data: GenerateIn) -> int:
    """The review a review report presents: one of this system's reviews the actor can see."""
    choose = InvalidInput.of("review_id", "Choose one of this system's reviews")
    if data.review_id is None:
        raise choose
    try:
        review = reviews.get_review(session, actor=actor, review_id=data.review_id)
    except NotFound:
        raise choose from None
    if review.area_code != data.area_code:
        raise choose
    return review.id


def generate(session: Session, *, actor: Principal, data: GenerateIn) -> Report:
    """A new draft, built from today's data: a highlight report of the system's current plan and
    framework as at ``data.as_of`` (today when not given), or a review report of one review."""
    areas.get_system(session, actor=actor, area_code=data.area_code)
    if not may_generate(actor, data.area_code, data.kind):
        raise PermissionDenied("Only the system lead can generate this system's reports.")
    as_of = data.as_of or clock.today()
    board_id = None
    if data.kind is ReportKind.REVIEW:
        review_id = _review_of(session, actor, data)
        document = build_review(session, actor=actor, review_id=review_id)
    else:
        review_id = None
        cover = _cover_of(session, actor, data)
        document = build_highlight(
            session,
            actor=actor,
            area_code=data.area_code,
            as_of=as_of,
            meeting_date=data.meeting_date or cover.meeting_date,
            cover=cover,
        )
        board_id = cover.board_id
    report = create_report(
        session,
        actor=actor,
        area_code=data.area_code,
        kind=data.kind,
        as_of=as_of,
        document=document,
        review_id=review_id,
        meeting_date=(
            data.meeting_date or cover.meeting_date if data.kind is ReportKind.HIGHLIGHT else None
        ),
        board_id=board_id,
    )
    if data.agenda_item_id is not None and data.kind is ReportKind.HIGHLIGHT:
        from joinedup.governance import service as governance  # governance reads reports' door

        governance.attach_paper(
            session, actor=actor, agenda_item_id=data.agenda_item_id, report_id=report.id
        )
    return report


def _cover_of(session: Session, actor: Principal, data: GenerateIn) -> BoardCover:
    """The board, meeting date and cover settings of the agenda item the paper is for (which
    must be on a meeting of the same system), or of the system's own board."""
    if data.agenda_item_id is None:
        return board_cover(session, actor=actor, area_code=data.area_code)
    from joinedup.governance import service as governance  # governance reads reports' door

    choose = InvalidInput.of("agenda_item_id", "Choose an agenda item of this system's meetings")
    try:
        meeting = governance.get_meeting(
            session,
            actor=actor,
            meeting_id=governance.meeting_of_item(session, data.agenda_item_id),
        )
    except NotFound:
        raise choose from None
    if meeting.area_code != data.area_code:
        raise choose
    return board_cover(
        session, actor=actor, area_code=data.area_code, agenda_item_id=data.agenda_item_id
    )


def regenerate(session: Session, *, actor: Principal, report_id: int, data: RegenerateIn) -> Report:
    """Rebuild a draft from today's data, keeping its cover sheet's words."""
    report = load_for_change(
        session,
        actor,
        report_id,
        data.version,
        allowed=require_edit,
        refusal=("you cannot regenerate it any more."),
    )
    if report.kind == ReportKind.HIGHLIGHT:
        fresh = build_highlight(
            session,
            actor=actor,
            area_code=report.area_code,
            as_of=report.as_of,
            meeting_date=report.meeting_date,
            # the board it was drafted for, with its settings (and risk threshold) as they are now
            cover=(
                cover_of_board(session, actor=actor, board_id=report.board_id)
                if report.board_id is not None
                else None
            ),
        )
    else:
        if report.review_id is None:
            raise InvalidInput.of(FORM, f"Report {report.id} names no review to rebuild it from.")
        fresh = build_review(session, actor=actor, review_id=report.review_id)
    old = doc_json.loads(report.document)
    if old.cover is not None and fresh.cover is not None:
        # The cover is the lead's and the board's (its meeting, settings and words): kept whole.
        fresh = replace(fresh, cover=old.cover, title=old.cover.title or fresh.title)
    pin(session, report, data.version)
    report.document = doc_json.dumps(fresh)
    report.title = fresh.title[:300]
    report.vintage_id = vintage_id_as_at(session, report.as_of)
    audit.record(
        session,
        actor=actor,
        action="report.regenerate",
        entity_type="report",
        entity_id=report.id,
        area_code=report.area_code,
        after={"version": report.version},
    )
    save(session, report)
    return report


def _ticked(
    choices: tuple[Choice, ...], ticked: Sequence[str] | None, field: str
) -> tuple[Choice, ...]:
    if ticked is None:
        return choices
    labels = {c.label for c in choices}
    unknown = [t for t in ticked if t not in labels]
    if unknown:
        raise InvalidInput.of(field, f"{unknown[0]!r} is not one of the cover sheet's choices")
    return tuple(Choice(c.label, c.label in ticked) for c in choices)


def _purpose_ticked(choices: tuple[Choice, ...], chosen: str | None) -> tuple[Choice, ...]:
    """The cover's purposes with ``chosen`` ticked: one of the board's own wordings, or the
    kind of one ("other" for "Other (please specify)"); None keeps the tick where it is."""
    if chosen is None:
        return choices
    wanted = chosen.strip().lower()
    match = next((c for c in choices if c.label.strip().lower() == wanted), None)
    match = match or next((c for c in choices if purpose_of(c.label).value == wanted), None)
    if match is None:
        offered = ", ".join(c.label for c in choices)
        raise InvalidInput.of("purpose", f"Choose one of the purposes the board offers: {offered}")
    return tuple(Choice(c.label, c is match) for c in choices)


def _ticked_label(choices: tuple[Choice, ...]) -> str:
    return next((c.label for c in choices if c.ticked), "")


def update_cover(session: Session, *, actor: Principal, report_id: int, data: CoverIn) -> Report:
    """The cover sheet's words, as the lead writes them for the board (drafts only)."""
    shown = doc_json.loads(readable(session, actor, report_id).document).cover
    if shown is not None:  # a purpose the board does not offer is refused whatever the version
        _purpose_ticked(shown.purpose_choices(), data.purpose)
    report = load_for_change(
        session,
        actor,
        report_id,
        data.version,
        allowed=require_edit,
        refusal="you cannot edit its cover sheet any more.",
    )
    document = doc_json.loads(report.document)
    if document.cover is None:
        raise InvalidInput.of(FORM, f"Report {report.id} has no cover sheet.")
    before = {
        "authors": document.cover.authors,
        "presenters": document.cover.presenters,
        "summary": document.cover.summary,
        "purpose": _ticked_label(document.cover.purpose_choices()),
        "title": document.cover.title,
    }
    purposes = _purpose_ticked(document.cover.purpose_choices(), data.purpose)
    cover = replace(
        document.cover,
        title=data.title or document.cover.title,
        purpose_text=(
            document.cover.purpose_text if data.purpose_text is None else data.purpose_text
        ),
        sub_groups=_ticked(document.cover.sub_groups, data.sub_groups, "sub_groups"),
        priorities=_ticked(document.cover.priorities, data.priorities, "priorities"),
        authors=data.authors,
        presenters=data.presenters,
        summary=data.summary,
        purposes=purposes,
        purpose=purpose_of(_ticked_label(purposes)),
        meeting_date=data.meeting_date.isoformat() if data.meeting_date else "",
    )
    pin(session, report, data.version)
    report.document = doc_json.dumps(replace(document, cover=cover, title=cover.title))
    report.title = cover.title[:300]
    report.meeting_date = data.meeting_date
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
            "purpose": _ticked_label(purposes),
            "title": cover.title,
        },
    )
    save(session, report)
    return report
