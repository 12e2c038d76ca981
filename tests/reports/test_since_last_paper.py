"""A paper as at its date, and "performance since last report" measured since the last paper.

Each highlight report compares its figures with those printed in the previous approved paper to
the same board (read from that paper's frozen snapshot), says so in a footnote in every format,
and says so too when there is no earlier paper. Every figure carries its period; one older than
its expected lag on the paper's date is marked out of date.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access.rules import OPERATOR
from joinedup.monitoring import service as monitoring
from joinedup.monitoring.schemas import ValueIn
from joinedup.reports import service
from joinedup.reports.document import Document, Paragraph, PrintedFigure, Table, walk
from joinedup.reports.highlight import build_highlight
from joinedup.reports.last_paper import change_since
from joinedup.reports.models import Report
from joinedup.reports.pdf import render_pdf
from joinedup.reports.schemas import ApproveIn, GenerateIn
from joinedup.reports.word import render_docx
from tests.conftest import OXFORDSHIRE
from tests.reports.reading import pdf_text, word

HIGHER = monitoring.Polarity.HIGHER_IS_BETTER
LOWER = monitoring.Polarity.LOWER_IS_BETTER


def printed(value: float) -> PrintedFigure:
    return PrintedFigure("1x", value, "", "Mar-19")


def test_percentages_change_in_points_counts_and_rates_in_relative_percent() -> None:
    # Seed 003, row 1c: delayed in hospital, lower is better, 114.5 to 95 is "↑ (17%)".
    assert change_since(printed(114.5), 95, proportion=False, polarity=LOWER) == "↑ (17%)"
    assert change_since(printed(1230), 1218, proportion=False, polarity=LOWER) == "↑ (1%)"
    assert change_since(printed(8040), 8842, proportion=False, polarity=HIGHER) == "↑ (10%)"
    # A percentage: 88.0% to 87.6% of people seen within 4 hours is down 0.4 points.
    assert change_since(printed(88.0), 87.6, proportion=True, polarity=HIGHER) == "↓ (0.4 pp)"
    assert change_since(printed(76.7), 73.7, proportion=True, polarity=HIGHER) == "↓ (3 pp)"
    # Unchanged at the precision printed, and no figure in the last paper.
    assert change_since(printed(92.0), 92.04, proportion=True, polarity=HIGHER) == "→"
    assert change_since(printed(1218), 1219, proportion=False, polarity=LOWER) == "→"
    assert change_since(None, 95, proportion=False, polarity=LOWER) == "-"


def _framework(document: Document) -> tuple[list[Table], list[str]]:
    section = next(s for _, s in walk(document.sections) if s.heading.startswith("3. "))
    tables = [b for b in section.blocks if isinstance(b, Table)]
    notes = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    return tables, notes


def _since_column(document: Document) -> dict[str, str]:
    tables, _ = _framework(document)
    column = tables[0].header.index("Performance since last report")
    return {row[0].text: row[column].text for table in tables for row in table.rows}


def _papers(session: Session) -> list[Report]:
    """The demo's approved or published highlight reports, oldest first."""
    query = (
        select(Report)
        .where(Report.kind == "highlight", Report.state.in_(("approved", "published")))
        .order_by(Report.as_of)
    )
    papers = list(session.scalars(query))
    assert papers, "the demo has a published paper"
    return papers


def _published(session: Session) -> Report:
    """The latest paper the board has read."""
    return _papers(session)[-1]


def _first(session: Session) -> Report:
    return _papers(session)[0]


def test_the_next_paper_measures_change_against_the_last_papers_figures(
    session: Session,
) -> None:
    last = _published(session)
    earlier = service.document_of(session, actor=OPERATOR, report_id=last.id)
    assert earlier.printed, "an approved paper keeps the figures it printed"
    was = {f.code: f for f in earlier.printed}
    as_of = date(last.as_of.year + 1, last.as_of.month, 1)
    document = build_highlight(session, actor=OPERATOR, area_code=OXFORDSHIRE, as_of=as_of)
    view = monitoring.values_as_at(
        session, actor=OPERATOR, area_code=OXFORDSHIRE, on=as_of, published=True
    )
    since = _since_column(document)
    for kpi in view.kpis:
        assert kpi.figure is not None
        expected = change_since(
            was.get(kpi.code), kpi.figure.value, proportion=kpi.proportion, polarity=kpi.polarity
        )
        if kpi.figure_withheld:  # disclosure control: the change would give the figure away
            expected = "[c]" if kpi.code in was else "-"
        assert since[kpi.code] == expected, kpi.code
    _, notes = _framework(document)
    meeting = last.meeting_date
    assert meeting is not None
    assert any(
        f"printed in the paper to the Board of {meeting.day} {meeting:%B %Y}" in n for n in notes
    )


def test_two_successive_papers_on_the_same_figures_show_no_change(session: Session) -> None:
    """The second paper is measured against the first, not against the data's previous month."""
    last = _published(session)
    as_of = date(last.as_of.year + 1, last.as_of.month, 1)
    first = service.generate(
        session, actor=OPERATOR, data=GenerateIn(area_code=OXFORDSHIRE, as_of=as_of)
    )
    service.approve(session, actor=OPERATOR, report_id=first.id, data=ApproveIn(version=1))
    second = build_highlight(
        session, actor=OPERATOR, area_code=OXFORDSHIRE, as_of=date(as_of.year, as_of.month, 2)
    )
    printed = {
        f.code for f in service.document_of(session, actor=OPERATOR, report_id=first.id).printed
    }
    since = _since_column(second)
    assert {since[code] for code in printed} == {"→"}
    # A figure held back by disclosure control was not printed, so has nothing to change from.
    assert {since[code] for code in set(since) - printed} <= {"-"}
    assert any(f"as at 1 {as_of:%B %Y}" in n for n in _framework(second)[1])


def test_a_paper_with_no_earlier_paper_says_so_in_every_format(
    session: Session, tmp_path: Path
) -> None:
    first = _first(session)
    document = build_highlight(session, actor=OPERATOR, area_code=OXFORDSHIRE, as_of=first.as_of)
    assert set(_since_column(document).values()) == {"-"}
    note = "there is no earlier approved paper to this Board"
    assert any(note in n for n in _framework(document)[1])
    docx_text = "\n".join(p.text for p in word(render_docx(document)).paragraphs)
    assert note in docx_text
    assert note in " ".join(pdf_text(render_pdf(document), tmp_path).split())
    assert note in service.report_html(document)


def test_every_figure_carries_its_period_and_old_figures_are_marked(session: Session) -> None:
    last = _published(session)
    view = monitoring.framework_view(
        session, actor=OPERATOR, area_code=OXFORDSHIRE, as_of=last.as_of
    )
    latest = max(k.figure.end for k in view.kpis if k.figure is not None)
    # Two years after the last data: every figure is older than its expected lag.
    late = date(latest.year + 2, latest.month, 1)
    document = build_highlight(session, actor=OPERATOR, area_code=OXFORDSHIRE, as_of=late)
    tables, notes = _framework(document)
    for table in tables:
        column = 3
        assert table.header[column] != ""
        for row in table.rows:
            text = row[column].text
            assert text.endswith("– out of date"), text
            # The period is in the cell, or heads the column for every figure of the part.
            assert "(" in text or table.header[column] != "Latest", text
    assert any(n.startswith("Marked out of date: 1a, 1b") for n in notes)
    # As at the last paper's own date, nothing it printed was out of date.
    on_time = build_highlight(session, actor=OPERATOR, area_code=OXFORDSHIRE, as_of=last.as_of)
    cells = [row[3].text for t in _framework(on_time)[0] for row in t.rows]
    assert not [c for c in cells if "out of date" in c]


def test_an_old_snapshot_without_printed_figures_still_reads() -> None:
    from joinedup.reports import document as doc_json

    stored = doc_json.to_json(Document(kind="highlight", title="Old"))
    del stored["printed"]
    assert doc_json.from_json(stored) == replace(Document(kind="highlight", title="Old"))


def _cell(document: Document, code: str) -> str:
    tables, _ = _framework(document)
    return next(row[3].text for t in tables for row in t.rows if row[0].text == code)


def test_a_paper_as_at_a_day_prints_the_values_as_they_stood_that_day(session: Session) -> None:
    """A correction entered after the paper's date changes later papers, never that one."""
    day = clock.today()
    before = build_highlight(session, actor=OPERATOR, area_code=OXFORDSHIRE, as_of=day)
    view = monitoring.values_as_at(session, actor=OPERATOR, area_code=OXFORDSHIRE, on=day)
    kpi = next(k for k in view.kpis if k.code == "1a")
    assert kpi.figure is not None
    detail = monitoring.kpi_detail(session, actor=OPERATOR, kpi_id=kpi.id)
    version = next(h.current.version for h in detail.history if h.period == kpi.figure.start)
    later = day + timedelta(days=5)
    saved = clock.pinned()
    clock.pin(later)  # the correction is entered five days after the paper's date
    try:
        corrected = monitoring.record_value(
            session,
            actor=OPERATOR,
            kpi_id=kpi.id,
            entry=ValueIn(period=kpi.figure.start, value=424242, version=version, note="Fix"),
        )
    finally:
        clock.pin(saved)
    assert corrected is not None
    session.flush()
    again = build_highlight(session, actor=OPERATOR, area_code=OXFORDSHIRE, as_of=day)
    assert _cell(again, "1a") == _cell(before, "1a")
    assert "424,242" not in _cell(again, "1a")
    after = build_highlight(session, actor=OPERATOR, area_code=OXFORDSHIRE, as_of=later)
    assert "424,242" in _cell(after, "1a")
