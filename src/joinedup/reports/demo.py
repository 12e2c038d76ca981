"""Oxfordshire's board papers: the highlight reports of the Board's last two meetings (seed 003's
of 13 June 2019 among them once it has met), approved and published a week before each meeting
with its sign-off table; a draft for the next meeting as things stand; and a draft review report
awaiting approval."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access.rules import OPERATOR
from joinedup.errors import NotFound
from joinedup.plans import service as plans
from joinedup.reports import service
from joinedup.reports.models import Report
from joinedup.reports.schemas import (
    ApproveIn,
    CoverIn,
    GenerateIn,
    PublishIn,
    ReportKind,
    SignOffIn,
)
from joinedup.timeline import Timeline

OXFORDSHIRE = "E10000025"
OXFORDSHIRE_REVIEW = 1

# (role, name, title, organisation, days before the meeting sent, days before answered)
SIGN_OFF = (
    ("contributor", "Lara Knight", "Governance Services Officer", "County Council", 28, 23),
    ("contributor", "Jon Reading", "Head of Commissioning and Provision", "County Council", 28, 21),
    ("approver", "Ewan Dewar", "Finance Manager", "County Council", 27, 26),
    ("approver", "Gail Quinton", "Director of Adult Services", "County Council", 21, 16),
    ("approver", "Councillor F Abbott", "Cabinet Member for Adult Services", "", 20, 17),
)
DRAFT_SIGN_OFF = (
    ("contributor", "Lara Knight", "Governance Services Officer", "County Council", 10, None),
    ("approver", "Gail Quinton", "Director of Adult Services", "County Council", None, None),
)


# The Board's strategy priority the plan serves (ticked on the cover sheet).
CQC_PRIORITY = "The resident's journey through health and social care (the CQC action plan)"
PUBLISHED_BEFORE = timedelta(days=7)  # papers are published a week before the meeting
AUTHORS = "Integrated System Delivery Board – System Leaders"
PRESENTERS = "Director of Adult Services & Director of Quality, Clinical Commissioning Group"
SUMMARY = (
    "This paper describes progress against each workstream in the improvement plan and updated "
    "performance against the Evaluation Framework agreed by the Board."
)


@dataclass(frozen=True)
class DemoReports:
    published: list[Report]
    draft: Report | None
    review: Report | None


@contextmanager
def _on_day(day: date) -> Iterator[None]:
    """Approval and publication dated on the story's day."""
    saved = clock.pinned()
    clock.pin(day)
    try:
        yield
    finally:
        clock.pin(saved)


def _sign_off(
    session: Session,
    report: Report,
    rows: tuple[tuple[str, str, str, str, int | None, int | None], ...],
    today: date,
) -> None:
    meeting = report.meeting_date or report.as_of

    def by_today(days: int | None) -> date | None:
        day = meeting - timedelta(days=days) if days is not None else None
        return day if day is not None and day <= today else None

    for role, name, title, organisation, sent, received in rows:
        row = SignOffIn.model_validate(
            {
                "version": report.version,
                "role": role,
                "name": name,
                "title": title,
                "organisation": organisation,
                "sent_on": by_today(sent),
                "received_on": by_today(received),
            }
        )
        service.add_sign_off(session, actor=OPERATOR, report_id=report.id, data=row)


def _paper(session: Session, timeline: Timeline, meeting: date, *, cover: bool = True) -> Report:
    """The highlight report for ``meeting``, as at the end of the month before (or as at today
    while that day is still to come: the draft as things stand)."""
    paper = service.generate(
        session,
        actor=OPERATOR,
        data=GenerateIn(
            area_code=OXFORDSHIRE,
            as_of=min(timeline.reporting_date(meeting), timeline.today),
            meeting_date=meeting,
        ),
    )
    if not cover:  # a draft keeps the cover sheet it was generated with, for now
        return paper
    sheet = CoverIn(
        version=paper.version,
        authors=AUTHORS,
        presenters=PRESENTERS,
        summary=SUMMARY,
        purpose="information",
        meeting_date=meeting,
        priorities=[CQC_PRIORITY],
    )
    service.update_cover(session, actor=OPERATOR, report_id=paper.id, data=sheet)
    return paper


def build(session: Session, timeline: Timeline) -> DemoReports:
    """The papers of the Board's last two meetings since the plan was first rated, published a
    week before each (the later one's changes measured from the earlier one), then the draft
    for the next meeting and the draft review report."""
    try:
        plan = plans.current_plan(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    except NotFound:
        return DemoReports([], None, None)
    rated = set(plans.reporting_dates(session, actor=OPERATOR, plan_id=plan.id))
    if not rated:  # the plan is agreed but not yet reported on
        return DemoReports([], None, None)
    meetings = [m for m in timeline.meetings if timeline.reporting_date(m) >= min(rated)]
    published: list[Report] = []
    for meeting in [m for m in meetings if m - PUBLISHED_BEFORE <= timeline.today][-2:]:
        paper = _paper(session, timeline, meeting)
        _sign_off(session, paper, SIGN_OFF, timeline.today)
        with _on_day(meeting - PUBLISHED_BEFORE):
            service.approve(
                session, actor=OPERATOR, report_id=paper.id, data=ApproveIn(version=paper.version)
            )
            service.publish(
                session, actor=OPERATOR, report_id=paper.id, data=PublishIn(version=paper.version)
            )
        published.append(paper)
    coming = [m for m in meetings if m - PUBLISHED_BEFORE > timeline.today]
    draft = _paper(session, timeline, coming[0], cover=False) if coming else None
    if draft is not None:
        _sign_off(session, draft, DRAFT_SIGN_OFF, timeline.today)
    review = service.generate(
        session,
        actor=OPERATOR,
        data=GenerateIn(
            area_code=OXFORDSHIRE,
            kind=ReportKind.REVIEW,
            review_id=OXFORDSHIRE_REVIEW,
            as_of=max(rated),
        ),
    )
    session.flush()
    return DemoReports(published=published, draft=draft, review=review)
