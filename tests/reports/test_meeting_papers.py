"""Papers for a meeting: a highlight report prepared for an agenda item takes its board, date
and cover sheet from the meeting and that board's settings, tells the system's history with its
dates, and keeps the title and purpose the lead writes in every format."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access.rules import OPERATOR, Principal
from joinedup.errors import InvalidInput, NotFound
from joinedup.governance import service as governance
from joinedup.governance.schemas import AgendaItemIn, MeetingIn
from joinedup.plans import service as plans
from joinedup.plans.schemas import PlanIn, WorkstreamIn
from joinedup.reports import service
from joinedup.reports.document import BulletList, Document, Paragraph
from joinedup.reports.highlight import build_highlight
from joinedup.reports.render import render
from joinedup.reports.schemas import CoverIn, GenerateIn, RegenerateIn, ReportFormat
from joinedup.reviews import service as reviews
from joinedup.store.database import Database
from tests.conftest import COVENTRY, OXFORDSHIRE, csrf_from, demo_email, sign_in
from tests.reports.reading import pdf_text, word
from tests.reports.test_workflow import person

STOCKPORT = "E08000007"  # a system with a scrutiny committee and no board of its own


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _plan(session: Session, actor: Principal, area_code: str) -> None:
    """A plan to report on, when the demo world gives the system none."""
    try:
        plans.current_plan(session, actor=actor, area_code=area_code)
        return
    except NotFound:
        pass
    plan = plans.create_plan(
        session,
        actor=actor,
        area_code=area_code,
        change=PlanIn(title="Improvement Plan", agreed_on=date(2025, 5, 6)),
    )
    plans.add_workstream(
        session,
        actor=actor,
        plan_id=plan.id,
        change=WorkstreamIn(
            code="A", title="Vision and strategy", responsible_group="Health and Wellbeing Board"
        ),
    )


def _item(session: Session, lead: Principal, area_code: str, held_on: date) -> int:
    board = next(
        b
        for b in governance.boards_of(session, actor=lead, area_code=area_code)
        if b.kind == "board"
    )
    meeting = governance.add_meeting(
        session, actor=lead, board_id=board.id, change=MeetingIn(held_on=held_on)
    )
    item = governance.add_agenda_item(
        session,
        actor=lead,
        meeting_id=meeting.id,
        change=AgendaItemIn(title="Improvement plan: highlight report", presenter="Pete Fahy"),
    )
    return item.id


def _background(document: Document) -> str:
    section = next(s for s in document.sections if s.heading == "1. Background")
    words: list[str] = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            words.append(block.text)
        elif isinstance(block, BulletList):
            words.extend(block.items)
    return "\n".join(words)


def _milestone(session: Session, actor: Principal, area_code: str, kind: str, key: str) -> date:
    review = next(
        r for r in reviews.list_reviews(session, actor=actor, area_code=area_code) if r.kind == kind
    )
    day = next(m.actual_date for m in review.milestones if m.key == key)
    assert day is not None
    return day


def test_coventrys_paper_carries_coventrys_board_and_its_history(session: Session) -> None:
    lead = person(session, "system_lead", COVENTRY)
    _plan(session, lead, COVENTRY)
    held_on = clock.today()
    item_id = _item(session, lead, COVENTRY, held_on)
    report = service.generate(
        session, actor=lead, data=GenerateIn(area_code=COVENTRY, agenda_item_id=item_id)
    )
    document = service.document_of(session, actor=lead, report_id=report.id)
    cover = document.cover
    assert cover is not None
    assert cover.board == "Coventry Health and Wellbeing Board"
    assert cover.meeting_date == held_on.isoformat()
    assert report.meeting_date == held_on
    assert cover.title == "Improvement plan: highlight report"
    assert cover.presenters == "Pete Fahy"
    oxford = governance.boards_of(
        session, actor=person(session, "system_lead", OXFORDSHIRE), area_code=OXFORDSHIRE
    )
    oxford_words = {p for b in oxford for p in b.strategy_priorities} | {b.name for b in oxford}
    assert oxford_words
    ticks = {c.label for c in cover.priorities} | {c.label for c in cover.sub_groups}
    assert not ticks & oxford_words
    assert cover.board not in ticks

    background = _background(document)
    summit = _milestone(session, lead, COVENTRY, "full", "summit")
    published = _milestone(session, lead, COVENTRY, "full", "report_published")
    submitted = _milestone(session, lead, COVENTRY, "full", "action_plan_submitted")
    reported = _milestone(session, lead, COVENTRY, "follow_up_light", "reported")
    assert f"held its summit on {_long(summit)}" in background
    assert f"its report was published on {_long(published)}" in background
    assert f"submitted on {_long(submitted)}" in background
    assert f"light-touch follow-up of Coventry was completed on {_long(reported)}" in background
    plan = plans.current_plan(session, actor=lead, area_code=COVENTRY)
    if plan.agreed_on:
        assert f"agreed on {_long(plan.agreed_on)}" in background

    meeting = governance.get_meeting(
        session, actor=lead, meeting_id=governance.meeting_of_item(session, item_id)
    )
    assert [i.report_id for i in meeting.agenda] == [report.id]


def test_oxfordshires_paper_offers_its_boards_settings_and_its_follow_up(
    session: Session,
) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    item_id = _item(session, lead, OXFORDSHIRE, clock.today())
    report = service.generate(
        session, actor=lead, data=GenerateIn(area_code=OXFORDSHIRE, agenda_item_id=item_id)
    )
    document = service.document_of(session, actor=lead, report_id=report.id)
    assert document.cover is not None
    board = next(
        b
        for b in governance.boards_of(session, actor=lead, area_code=OXFORDSHIRE)
        if b.name == document.cover.board
    )
    assert [c.label for c in document.cover.priorities] == list(board.strategy_priorities)
    assert [c.label for c in document.cover.sub_groups] == list(board.sub_groups)
    assert board.name not in [c.label for c in document.cover.sub_groups]
    visit = _milestone(session, lead, OXFORDSHIRE, "follow_up_visit", "report_shared")
    assert f"follow-up of Oxfordshire was completed on {_long(visit)}" in _background(document)


def test_a_system_without_a_board_gets_an_empty_cover_sheet(session: Session) -> None:
    _plan(session, OPERATOR, STOCKPORT)
    document = build_highlight(session, actor=OPERATOR, area_code=STOCKPORT, as_of=clock.today())
    cover = document.cover
    assert cover is not None
    assert cover.board == ""
    assert cover.priorities == ()
    assert cover.sub_groups == ()


def test_an_agenda_item_of_another_system_is_refused(session: Session) -> None:
    oxford_lead = person(session, "system_lead", OXFORDSHIRE)
    item_id = _item(session, oxford_lead, OXFORDSHIRE, clock.today())
    lead = person(session, "system_lead", COVENTRY)
    _plan(session, lead, COVENTRY)
    with pytest.raises(InvalidInput) as refused:
        service.generate(
            session, actor=lead, data=GenerateIn(area_code=COVENTRY, agenda_item_id=item_id)
        )
    assert "agenda_item_id" in refused.value.problems


def test_the_edited_title_and_purpose_show_in_every_format(
    session: Session, tmp_path: Path
) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    item_id = _item(session, lead, OXFORDSHIRE, clock.today())
    report = service.generate(
        session, actor=lead, data=GenerateIn(area_code=OXFORDSHIRE, agenda_item_id=item_id)
    )
    service.update_cover(
        session,
        actor=lead,
        report_id=report.id,
        data=CoverIn(
            version=report.version,
            title="Better Care Plan: progress to the Board",
            purpose="other",
            purpose_text="To note the risks the plan now carries.",
            summary="The plan is on track.",
        ),
    )
    document = service.document_of(session, actor=lead, report_id=report.id)
    assert report.title == "Better Care Plan: progress to the Board"
    html = render(document, ReportFormat.HTML).decode()
    assert "Better Care Plan: progress to the Board" in html
    assert '<span class="jr-visually-hidden">Ticked:</span> Other' in html
    assert "To note the risks the plan now carries." in html
    pdf = pdf_text(render(document, ReportFormat.PDF), tmp_path)
    assert "Better Care Plan: progress to the Board" in pdf
    assert "To note the risks the plan now carries." in pdf
    docx = word(render(document, ReportFormat.DOCX))
    cells = "\n".join(c.text for t in docx.tables for row in t.rows for c in row.cells)
    assert "Better Care Plan: progress to the Board" in cells
    assert "To note the risks the plan now carries." in cells
    # Rebuilt from today's data, the draft keeps the words the lead wrote.
    again = service.regenerate(
        session, actor=lead, report_id=report.id, data=RegenerateIn(version=report.version)
    )
    kept = service.document_of(session, actor=lead, report_id=again.id).cover
    assert kept is not None
    assert (kept.title, kept.purpose.value) == ("Better Care Plan: progress to the Board", "other")


def test_the_lead_prepares_the_paper_from_the_meetings_page(
    client: TestClient, database: Database
) -> None:
    with database.session() as session:
        lead = person(session, "system_lead", OXFORDSHIRE)
        item_id = _item(session, lead, OXFORDSHIRE, clock.today())
        meeting_id = governance.meeting_of_item(session, item_id)
        session.commit()
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    page = client.get(f"/meetings/{meeting_id}")
    assert "Prepare a highlight report" in page.text
    prepared = client.post(
        f"/agenda-items/{item_id}/highlight-report",
        data={"csrf_token": csrf_from(page.text)},
        follow_redirects=False,
    )
    assert prepared.status_code == 303
    paper = prepared.headers["location"]
    assert paper.startswith("/reports/")
    draft = client.get(paper).text
    assert "Improvement plan: highlight report" in draft
    assert f"{clock.today():%B %Y}".upper() in draft
    again = client.get(f"/meetings/{meeting_id}").text
    assert f'href="{paper}"' in again
    assert f"/agenda-items/{item_id}/highlight-report" not in again
    # The title and purpose are the lead's to write on the draft's page.
    page = client.get(paper)
    assert 'name="title"' in page.text
    version = page.text.split('name="version" value="', 1)[1].split('"', 1)[0]
    saved = client.post(
        f"{paper}/cover",
        data={
            "csrf_token": csrf_from(page.text),
            "version": version,
            "title": "Better Care Plan: progress to the Board",
            "purpose": "other",
            "purpose_text": "To note the risks the plan now carries.",
            "summary": "On track.",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    shown = client.get(paper).text
    assert "Better Care Plan: progress to the Board" in shown
    assert '<span class="jr-visually-hidden">Ticked:</span> Other' in shown
    refused = client.post(
        f"{paper}/cover",
        data={
            "csrf_token": csrf_from(page.text),
            "version": str(int(version) + 1),
            "purpose": "everything",
        },
    )
    assert refused.status_code == 400
    assert "There is a problem" in refused.text
