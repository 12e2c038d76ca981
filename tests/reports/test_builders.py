"""The reports built from the demo world's live data, read as the board would read them.

The demo plan follows seed 003: Green A, C, D, F, I, L, M; Amber B, E, G, H, J, K, N, O; and
the CQC's areas of future focus quoted under B, H, J and O."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access.rules import OPERATOR
from joinedup.plans import service as plans
from joinedup.plans.schemas import RagIn
from joinedup.reports import document as doc_json
from joinedup.reports import service
from joinedup.reports.document import BulletList, Document, Figure, Quote, Section, Table, walk
from joinedup.reports.highlight import build_highlight
from joinedup.reports.review import build_review, compared_with_england
from joinedup.reports.schemas import ApproveIn, GenerateIn, PublishIn, ReportFormat
from joinedup.reports.word import render_docx
from joinedup.timeline import Timeline
from tests.conftest import OXFORDSHIRE
from tests.reports.reading import headings, pdf_text, word

GREEN = ["A", "C", "D", "F", "I", "L", "M"]
AMBER = ["B", "E", "G", "H", "J", "K", "N", "O"]


def _latest(session: Session) -> date:
    """The day seed 003's paper is as at (31 May 2019), moved into the demo world's timeline:
    the ratings then are the seed's."""
    return Timeline.as_at(clock.today()).on(2019, 5, 31)


def _section(document: Document, prefix: str) -> Section:
    return next(s for _, s in walk(document.sections) if s.heading.startswith(prefix))


def _codes(column: list[str]) -> list[str]:
    return [name.split(" - ")[0] for name in column if name]


def test_the_highlight_report_groups_workstreams_as_seed_003(session: Session) -> None:
    document = build_highlight(
        session, actor=OPERATOR, area_code=OXFORDSHIRE, as_of=_latest(session)
    )
    table = next(b for b in _section(document, "2. Highlight").blocks if isinstance(b, Table))
    assert table.header == ("Green", "Amber", "Red")
    columns = [[row[i].text for row in table.rows] for i in range(3)]
    assert (_codes(columns[0]), _codes(columns[1]), _codes(columns[2])) == (GREEN, AMBER, [])
    amber = _section(document, "2.2. Amber")
    assert [s.heading.split(" - ")[0] for s in amber.subsections] == AMBER
    for workstream in amber.subsections:
        mitigation = [b for b in workstream.blocks if isinstance(b, BulletList)]
        assert mitigation, workstream.heading
        assert mitigation[0].items[0].startswith("Mitigation – "), workstream.heading
    quoted = {
        s.heading[0]
        for _, s in walk(document.sections)
        if any(isinstance(b, Quote) for b in s.blocks)
    }
    # Quoted under the workstreams whose actions answer an area of future focus.
    plan = plans.current_plan(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    coverage = plans.coverage(session, actor=OPERATOR, plan_id=plan.id)
    answering = {
        ref[0]
        for f in coverage.findings
        if f.kind == "area_of_future_focus"
        for ref in coverage.covered_by.get(f.id, [])
    }
    assert quoted == answering
    assert {"B", "H"} <= quoted  # as seed 003 quotes them


def test_the_highlight_report_has_the_framework_and_its_charts(session: Session) -> None:
    document = build_highlight(
        session, actor=OPERATOR, area_code=OXFORDSHIRE, as_of=_latest(session)
    )
    tables = [b for b in _section(document, "3. Evaluation").blocks if isinstance(b, Table)]
    codes = [row[0].text for t in tables for row in t.rows]
    assert codes == ["1a", "1b", "1c", "1d", "1e", "1f", "1g", "2a", "2b", "2c", "2d", "2e", "2f"]
    assert tables[1].rows[2][1].text.startswith("Total delayed days per day")
    assert tables[1].rows[2][2].text == "83 or fewer"
    assert tables[0].header[-4:] == (
        "Met",
        "Performance since last report",
        "Variation",
        "Assurance",
    )
    figures = [b for b in _section(document, "Appendix").blocks if isinstance(b, Figure)]
    assert len(figures) == 13
    # Charts travel as SVG only: Word's pictures are rasterised when the DOCX is rendered.
    assert all(f.image.svg.startswith("<svg") and not f.image.png for f in figures)
    assert 'png_base64": ""' in doc_json.dumps(document)
    assert "iVBORw0KGgo" not in doc_json.dumps(document)  # no PNG anywhere in the stored JSON
    changes = _section(document, "4. Changes since the last report")
    assert changes.blocks


def test_the_highlight_report_in_word_has_every_workstream_as_a_heading(session: Session) -> None:
    document = build_highlight(
        session, actor=OPERATOR, area_code=OXFORDSHIRE, as_of=_latest(session)
    )
    found = headings(word(render_docx(document)))
    level3 = [text.split(" - ")[0] for style, text in found if style == "Heading 3"]
    assert level3 == GREEN + AMBER
    assert ("Heading 1", "Appendix: SPC charts") in found
    assert len(word(render_docx(document)).inline_shapes) >= 13


def test_an_approved_report_stays_as_approved_when_the_plan_changes(
    session: Session, tmp_path: Path
) -> None:
    latest = _latest(session)
    report = service.generate(
        session, actor=OPERATOR, data=GenerateIn(area_code=OXFORDSHIRE, as_of=latest)
    )
    service.approve(
        session, actor=OPERATOR, report_id=report.id, data=ApproveIn(version=report.version)
    )
    service.publish(
        session, actor=OPERATOR, report_id=report.id, data=PublishIn(version=report.version)
    )
    plan = plans.current_plan(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    workstream_a = plans.workstream_by_code(session, actor=OPERATOR, plan_id=plan.id, code="A")
    plans.record_rag(
        session,
        actor=OPERATOR,
        workstream_id=workstream_a.id,
        change=RagIn(
            rating="red",
            rationale="The governance board has stopped meeting.",
            mitigation="The chairs will agree new terms of reference.",
            override_reason="Judgement of the lead",
            reported_on=latest,
        ),
    )
    session.flush()
    assert report.slug is not None
    _, published = service.published_document(session, report.slug)
    pdf = service.published_download(session, slug=report.slug, report_format=ReportFormat.PDF)
    text = pdf_text(pdf.content, tmp_path)
    assert "The governance board has stopped meeting." not in text
    table = next(b for b in _section(published, "2. Highlight").blocks if isinstance(b, Table))
    assert _codes([row[0].text for row in table.rows]) == GREEN
    # Built afresh, the report shows the change: A is now Red.
    fresh = build_highlight(session, actor=OPERATOR, area_code=OXFORDSHIRE, as_of=latest)
    table = next(b for b in _section(fresh, "2. Highlight").blocks if isinstance(b, Table))
    assert _codes([row[2].text for row in table.rows]) == ["A"]


def test_the_review_report_has_the_data_profile_and_findings_by_key_question(
    session: Session,
) -> None:
    document = build_review(session, actor=OPERATOR, review_id=1)
    profile = next(b for b in _section(document, "2. Data profile").blocks if isinstance(b, Table))
    assert len(profile.rows) == 6
    assert profile.header[2:4] == ("Oxfordshire", "England")
    improvement = _section(document, "4. Areas for improvement")
    assert improvement.subsections  # grouped under key questions
    assert all(isinstance(s.blocks[0], BulletList) for s in improvement.subsections)
    next_steps = [s for _, s in walk(document.sections) if s.heading.endswith("Next steps")]
    assert len(next_steps) == 1
    assert "improvement plan" in next_steps[0].blocks[0].text  # type: ignore[union-attr]


def test_england_comparison_follows_the_interval_and_polarity() -> None:
    # England inside the area's interval: similar, whichever way is better.
    assert compared_with_england(10.0, 8.0, 12.0, 11.0, lower_is_better=True) == "Similar"
    # Outside: lower is better and the area is lower -> better; higher -> worse.
    assert compared_with_england(10.0, 9.0, 11.0, 14.0, lower_is_better=True) == "Better"
    assert compared_with_england(10.0, 9.0, 11.0, 14.0, lower_is_better=False) == "Worse"
    assert compared_with_england(None, None, None, 14.0, lower_is_better=False) == "Not compared"


def test_the_demo_published_report_is_public_and_frozen(session: Session) -> None:
    report, document = service.published_document(session, "oxfordshire-highlight-report-1")
    assert report.state == "published"
    assert [e.name for e in document.sign_off][:2] == ["Lara Knight", "Jon Reading"]
    assert document.cover is not None
    assert document.cover.meeting_date == (report.meeting_date or date.min).isoformat()
    assert report.meeting_date is not None
    assert report.as_of < report.meeting_date <= report.as_of + timedelta(days=31)
