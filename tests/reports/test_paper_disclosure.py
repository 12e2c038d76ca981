"""A highlight report is for publication: an indicator-fed KPI's suppressed figure is held back
in every format, whoever prepares the paper (SQLite and PostgreSQL).

The figures are those of tests/monitoring/test_kpi_disclosure.py: Oxfordshire's KPI 2x, at
home 91 days after reablement, is 75%, 82.5% and 70% in three months and 3 of 7 (42.86%) in
the latest, which a paper prints as [c] with its reason, with [c] for its change since the
last paper, and leaves out of the chart in the appendix, the table behind it and the figures
kept for the next paper. An analyst, who sees 42.86% on the page, prepares it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.metrics.periods import add_months
from joinedup.monitoring import service as monitoring
from joinedup.reports.document import Document, Figure, Paragraph, Table, walk
from joinedup.reports.highlight import build_highlight
from joinedup.reports.render import render
from joinedup.reports.schemas import ReportFormat
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE
from tests.monitoring.test_kpi_disclosure import CODE, HELD_BACK, MONTHS, REASON, load
from tests.reports.reading import pdf_text, word
from tests.reports.test_workflow import person


@pytest.fixture
def paper(database: Database) -> Iterator[tuple[Session, Document]]:
    saved = clock.pinned()
    clock.pin(add_months(MONTHS[-1], 2))
    try:
        load(database)
        with database.session() as session:
            analyst = person(session, "analyst")
            document = build_highlight(
                session, actor=analyst, area_code=OXFORDSHIRE, as_of=clock.today()
            )
            yield session, document
    finally:
        clock.pin(saved)


def _blocks(document: Document) -> list[object]:
    return [block for _, section in walk(document.sections) for block in section.blocks]


def _row(document: Document) -> list[str]:
    for block in _blocks(document):
        if isinstance(block, Table) and block.caption.startswith("Part 2"):
            for row in block.rows:
                if row[0].text == CODE:
                    return [cell.text for cell in row]
    raise AssertionError("no row for the KPI")


def test_the_paper_holds_the_figure_back_though_an_analyst_prepares_it(
    paper: tuple[Session, Document],
) -> None:
    session, document = paper
    analyst = person(session, "analyst")
    page = monitoring.framework_view(
        session, actor=analyst, area_code=OXFORDSHIRE, as_of=clock.today()
    )
    shown = next(k for k in page.kpis if k.code == CODE)
    assert not shown.figure_withheld  # the analyst's page shows 42.86%
    row = _row(document)
    assert row[3].startswith("[c]")
    assert HELD_BACK not in " ".join(row)
    assert CODE not in {f.code for f in document.printed}  # never kept for the next paper
    notes = [b.text for b in _blocks(document) if isinstance(b, Paragraph)]
    assert any(n.startswith(f"[c]: {REASON}.") for n in notes)
    chart = next(
        b for b in _blocks(document) if isinstance(b, Figure) and b.caption.startswith(CODE)
    )
    assert HELD_BACK not in chart.image.svg
    assert HELD_BACK not in chart.summary
    assert chart.data is not None
    values = [r[1].text for r in chart.data.rows]
    assert values[-1] == "[c]"
    assert {r[2].text for r in chart.data.rows[-4:]} == {"[c]"}  # the mean gives it away


def test_every_format_prints_the_marker_and_never_the_value(
    paper: tuple[Session, Document], tmp_path: Path
) -> None:
    _, document = paper
    html = render(document, ReportFormat.HTML).decode()
    assert "[c]" in html
    assert HELD_BACK not in html
    pdf = pdf_text(render(document, ReportFormat.PDF), tmp_path)
    assert "[c]" in pdf
    assert HELD_BACK not in pdf
    assert REASON in " ".join(pdf.split())
    docx = word(render(document, ReportFormat.DOCX))
    cells = [c.text for t in docx.tables for row in t.rows for c in row.cells]
    text = "\n".join([*(p.text for p in docx.paragraphs), *cells])
    assert "[c]" in cells
    assert HELD_BACK not in text
    assert REASON in text
