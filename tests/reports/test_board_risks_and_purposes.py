"""A highlight report for a board's meeting shows the plan's risks at or above the threshold the
board set, offers the purposes the board set, prints an "Other" purpose in the author's words,
and names the data vintage its figures came from, in HTML, PDF and Word alike."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput
from joinedup.governance import service as governance
from joinedup.governance.schemas import AgendaItemIn, BoardSettingsIn, MeetingIn, RiskIn
from joinedup.metrics import service as metrics
from joinedup.plans import service as plans
from joinedup.reports import service
from joinedup.reports.document import Document, Paragraph, Section, Table, walk
from joinedup.reports.render import render
from joinedup.reports.schemas import CoverIn, GenerateIn, RegenerateIn, ReportFormat
from tests.conftest import OXFORDSHIRE
from tests.reports.reading import pdf_text, word
from tests.reports.test_workflow import person


def _board(session: Session, lead: Principal) -> governance.BoardView:
    return next(
        b
        for b in governance.boards_of(session, actor=lead, area_code=OXFORDSHIRE)
        if b.kind == "board"
    )


def _item(session: Session, lead: Principal, board_id: int) -> int:
    meeting = governance.add_meeting(
        session, actor=lead, board_id=board_id, change=MeetingIn(held_on=clock.today())
    )
    item = governance.add_agenda_item(
        session,
        actor=lead,
        meeting_id=meeting.id,
        change=AgendaItemIn(title="Better Care highlight report", presenter="Ansaf Azhar"),
    )
    return item.id


def _settings(
    session: Session, lead: Principal, board: governance.BoardView, **change: object
) -> None:
    now = governance.get_board(session, actor=lead, board_id=board.id)
    governance.update_settings(
        session,
        actor=lead,
        board_id=board.id,
        change=BoardSettingsIn.model_validate(
            {
                "version": now.version,
                "strategy_priorities": list(now.strategy_priorities),
                "purposes": list(now.purposes),
                "risk_threshold": now.risk_threshold,
                **change,
            }
        ),
    )


def _risk(session: Session, lead: Principal, title: str, likelihood: int, impact: int) -> None:
    plan = plans.current_plan(session, actor=lead, area_code=OXFORDSHIRE)
    governance.add_risk(
        session,
        actor=lead,
        plan_id=plan.id,
        change=RiskIn(
            title=title,
            cause="Winter demand",
            likelihood=likelihood,
            impact=impact,
            owner="Director of Adult Social Care",
            mitigations="Step-down beds commissioned for the winter",
        ),
    )


def _section(document: Document, heading_end: str) -> Section:
    return next(s for _, s in walk(document.sections) if s.heading.endswith(heading_end))


def _paper(session: Session, lead: Principal, item_id: int) -> tuple[int, Document]:
    report = service.generate(
        session, actor=lead, data=GenerateIn(area_code=OXFORDSHIRE, agenda_item_id=item_id)
    )
    return report.id, service.document_of(session, actor=lead, report_id=report.id)


def test_the_paper_shows_the_risks_at_or_above_the_boards_threshold_in_every_format(
    session: Session, tmp_path: Path
) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    board = _board(session, lead)
    _settings(session, lead, board, risk_threshold=12)
    _risk(session, lead, "Too few home care hours this winter", 4, 4)  # 16: shown
    _risk(session, lead, "Care home closures in the south", 3, 4)  # 12: shown, at the threshold
    _risk(session, lead, "Data sharing agreement lapses", 2, 5)  # 10: left out
    report_id, document = _paper(session, lead, _item(session, lead, board.id))

    risks = _section(document, "Risks")
    assert risks.heading.startswith("2.")
    table = next(b for b in risks.blocks if isinstance(b, Table))
    assert table.header == ("Risk", "Score", "Owner", "Mitigations")
    rows = [[c.text for c in row] for row in table.rows]
    titles = [row[0].split(" (cause", 1)[0] for row in rows]
    assert titles.index("Too few home care hours this winter") < titles.index(
        "Care home closures in the south"
    )
    assert "Data sharing agreement lapses" not in titles
    expected = {
        r.title
        for r in governance.risk_register(
            session,
            actor=lead,
            plan_id=plans.current_plan(session, actor=lead, area_code=OXFORDSHIRE).id,
        )
        if r.score >= 12
    }
    assert set(titles) == expected
    home_care = rows[titles.index("Too few home care hours this winter")]
    assert home_care[1].startswith("16 – Extreme (likelihood 4 × impact 4)")
    assert home_care[2] == "Director of Adult Social Care"
    assert home_care[3] == "Step-down beds commissioned for the winter"

    html = render(document, ReportFormat.HTML).decode()
    assert "Too few home care hours this winter" in html
    assert "Data sharing agreement lapses" not in html
    pdf = pdf_text(render(document, ReportFormat.PDF), tmp_path)
    assert "Too few home care hours this winter" in pdf
    assert "2.3. Risks" in pdf or "Risks scoring 12 or more" in pdf
    assert "Step-down beds" in pdf
    assert "Director of Adult" in pdf
    assert "score 12 or more" in " ".join(pdf.split())
    assert "Data sharing agreement lapses" not in pdf
    docx = word(render(document, ReportFormat.DOCX))
    cells = [[c.text for c in row.cells] for t in docx.tables for row in t.rows]
    risk_rows = [row for row in cells if row and row[0].startswith("Too few home care hours")]
    assert risk_rows
    assert risk_rows[0][2] == "Director of Adult Social Care"
    assert not any("Data sharing agreement lapses" in c for row in cells for c in row)

    # Rebuilt after the board lowers its threshold, the draft shows what the board now asks for.
    _settings(session, lead, board, risk_threshold=10)
    version = service.get_report(session, actor=lead, report_id=report_id).version
    service.regenerate(session, actor=lead, report_id=report_id, data=RegenerateIn(version=version))
    again = service.document_of(session, actor=lead, report_id=report_id)
    words = render(again, ReportFormat.HTML).decode()
    assert "Data sharing agreement lapses" in words
    assert "score 10 or more" in words


def test_a_board_whose_threshold_no_risk_reaches_says_so(session: Session) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    board = _board(session, lead)
    _settings(session, lead, board, risk_threshold=25)
    _, document = _paper(session, lead, _item(session, lead, board.id))
    risks = _section(document, "Risks")
    assert not any(isinstance(b, Table) for b in risks.blocks)
    assert any(
        isinstance(b, Paragraph) and b.text == "No risk on the register scores 25 or more."
        for b in risks.blocks
    )


def test_the_cover_offers_the_boards_purposes_and_prints_other_in_the_authors_words(
    session: Session, tmp_path: Path
) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    board = _board(session, lead)
    _settings(
        session,
        lead,
        board,
        purposes=["For assurance", "For information", "Other (please specify)"],
    )
    report_id, document = _paper(session, lead, _item(session, lead, board.id))
    assert document.cover is not None
    offered = [(c.label, c.ticked) for c in document.cover.purpose_choices()]
    assert offered == [
        ("For assurance", False),
        ("For information", True),
        ("Other (please specify)", False),
    ]
    with pytest.raises(InvalidInput) as refused:
        service.update_cover(
            session,
            actor=lead,
            report_id=report_id,
            data=CoverIn(version=1, purpose="For decision"),
        )
    assert "For assurance" in refused.value.problems["purpose"]
    service.update_cover(
        session,
        actor=lead,
        report_id=report_id,
        data=CoverIn(
            version=1,
            purpose="Other (please specify)",
            purpose_text="To agree the winter plan's funding",
            summary="The plan is on track.",
        ),
    )
    document = service.document_of(session, actor=lead, report_id=report_id)
    printed = "Other (please specify): To agree the winter plan's funding"
    html = render(document, ReportFormat.HTML).decode()
    assert f"Ticked:</span> {printed}".replace("'", "&#39;") in html
    pdf = " ".join(pdf_text(render(document, ReportFormat.PDF), tmp_path).split())
    assert "☒ Other (please specify): To agree the winter plan's funding" in pdf
    assert "For other" not in pdf
    docx = word(render(document, ReportFormat.DOCX))
    cells = "\n".join(c.text for t in docx.tables for row in t.rows for c in row.cells)
    assert f"☒ {printed}" in cells
    assert "☐ For assurance" in cells
    assert "For other" not in cells


def test_the_paper_names_the_data_vintage_its_figures_came_from(session: Session) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    as_of = clock.today()
    report = service.generate(session, actor=lead, data=GenerateIn(area_code=OXFORDSHIRE))
    known = [v for v in metrics.list_vintages(session) if v.loaded_on <= as_of]
    assert known, "the demo world loads its indicator values as a vintage"
    latest = max(known, key=lambda v: (v.loaded_on, v.id))
    assert report.vintage_id == latest.id
    document = service.document_of(session, actor=lead, report_id=report.id)
    assert dict(document.facts)["Data vintage"].startswith(
        f"Loaded on {latest.loaded_on.day} {latest.loaded_on:%B %Y}"
    )
    framework = _section(document, "Evaluation Framework")
    note = next(b.text for b in framework.blocks if isinstance(b, Paragraph) and "Data:" in b.text)
    assert latest.checksum[:12] in note
    # A paper as at a day before any data was loaded records none.
    before = min(v.loaded_on for v in known) - timedelta(days=1)
    early = service.generate(
        session, actor=lead, data=GenerateIn(area_code=OXFORDSHIRE, as_of=before)
    )
    assert early.vintage_id is None
    facts = dict(service.document_of(session, actor=lead, report_id=early.id).facts)
    assert facts["Data vintage"] == "None loaded"
