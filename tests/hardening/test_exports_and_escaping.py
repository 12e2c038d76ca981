"""Hostile text: formulas never run from an export, and HTML or script typed into any text field
is shown as the characters typed, in pages, PDF and DOCX alike."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import docx
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pypdf import PdfReader

from joinedup.access import service as access
from joinedup.plans import service as plans
from joinedup.plans.schemas import RagIn
from joinedup.reports import service as reports
from joinedup.reports.schemas import CoverIn, RegenerateIn
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE, demo_email
from tests.hardening.hostile import DANGEROUS_START, FORMULA, IMAGE, SCRIPT, execute, signed_in

HOSTILE = f"{SCRIPT}{IMAGE}"


def _admin(database: Database):  # type: ignore[no-untyped-def]
    with database.session() as session:
        return access.principal_for(access.get_user(session, demo_email("admin")))


def _put_everywhere(database: Database, value: str) -> None:
    """The value in the text fields of Oxfordshire's plan, reviews, framework and reports."""
    execute(database, "UPDATE plans SET title = :v WHERE id = 1", v=value)
    execute(database, "UPDATE plan_workstreams SET title = :v WHERE id = 1", v=value)
    execute(database, "UPDATE plan_actions SET description = :v WHERE id = 1", v=value)
    execute(
        database, "UPDATE findings SET theme = :v, text = :w WHERE id IN (3, 17)", v=value, w=value
    )
    execute(
        database,
        "UPDATE evidence_items SET source = :v, summary = :w WHERE id = 1",
        v=value,
        w=value,
    )
    execute(database, "UPDATE monitoring_kpis SET name = :v WHERE id = 1", v=value)
    actor = _admin(database)
    with database.session() as session:
        plans.record_rag(
            session,
            actor=actor,
            workstream_id=1,
            change=RagIn(rating="red", rationale=value, mitigation=value, override_reason=value),
        )
    with database.session() as session:
        report = reports.get_report(session, actor=actor, report_id=3)
        rebuild = RegenerateIn(version=report.version)
        reports.regenerate(session, actor=actor, report_id=3, data=rebuild)
    with database.session() as session:
        report = reports.get_report(session, actor=actor, report_id=3)
        cover = CoverIn(  # the report's own fields, typed on its cover sheet
            version=report.version,
            authors=f"{value} (authors)",
            presenters=value,
            summary=value,
            purpose="decision",
            meeting_date=date(2026, 8, 26),
        )
        reports.update_cover(session, actor=actor, report_id=3, data=cover)


# --- formulas in exports -----------------------------------------------------------------------


def _xlsx_texts(data: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(data))
    texts: list[str] = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


def _csv_texts(data: bytes) -> list[str]:
    return [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for c in row]


def _is_number(text: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?(e-?\d+)?", text) is not None


def _assert_neutralised(texts: list[str], what: str) -> None:
    assert "'" + FORMULA in texts, f"{what}: the hostile text is not in the export"
    dangerous = [t for t in texts if t.startswith(DANGEROUS_START) and not _is_number(t)]
    assert dangerous == [], f"{what}: cells a spreadsheet would run: {dangerous[:5]}"


def test_every_export_neutralises_formulas(database: Database, tmp_path: Path) -> None:
    _put_everywhere(database, FORMULA)
    execute(database, "UPDATE areas SET name = :v WHERE code = :c", v=FORMULA, c=OXFORDSHIRE)
    # Ranking rows are append-only: add one more row to the demo run, named with a formula.
    execute(
        database,
        "INSERT INTO ranking_rows (run_id, position, area_code, area_name, score, rank, "
        "median_rank, rank_p05, rank_p95, contributions, selected, share_in_worst, "
        "missing_indicators) SELECT run_id, position + 1000, area_code, :v, score, rank, "
        "median_rank, rank_p05, rank_p95, contributions, selected, share_in_worst, "
        "missing_indicators FROM ranking_rows WHERE run_id = 1 AND position = 1",
        v=FORMULA,
    )
    with signed_in(database, demo_email("admin"), data_dir=tmp_path) as client:
        spreadsheets = {
            "plan export": "/plans/1/export.xlsx",
            "ranking download": "/rankings/1/download.xlsx",
            "national picture": "/reviews/programmes/1/national.xlsx",
            "report": "/reports/3/download.xlsx",
        }
        for what, url in spreadsheets.items():
            response = client.get(url)
            assert response.status_code == 200, (what, response.status_code)
            _assert_neutralised(_xlsx_texts(response.content), what)
        texts = {
            "ranking CSV": "/rankings/1/download.csv",
            "national picture CSV": "/reviews/programmes/1/national.csv?table=findings",
            "dashboard CSV": "/dashboard.csv?months=3&sort=area",
        }
        for what, url in texts.items():
            response = client.get(url)
            assert response.status_code == 200, (what, response.status_code)
            _assert_neutralised(_csv_texts(response.content), what)


# --- HTML and script ---------------------------------------------------------------------------

PAGES = (
    "/plans/1",
    "/plans/1/workstreams/A",
    "/actions/1",
    "/reviews/1",
    "/reviews/2",
    "/reviews/evidence/1/edit",
    "/reviews/findings/3/edit",
    "/reviews/programmes/1/national",
    f"/systems/{OXFORDSHIRE}/framework",
    f"/systems/{OXFORDSHIRE}/framework/kpis/1",
    f"/systems/{OXFORDSHIRE}/plan",
    "/reports/3",
)
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def hostile_client(database: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    _put_everywhere(database, HOSTILE)
    with signed_in(database, demo_email("admin"), data_dir=tmp_path) as client:
        yield client


def test_script_typed_into_text_fields_is_escaped_on_every_page(
    hostile_client: TestClient,
) -> None:
    for url in PAGES:
        response = hostile_client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        page = response.text
        assert SCRIPT not in page, url
        assert "<img src=x" not in page, url
        assert ESCAPED_SCRIPT in page, f"{url} does not show the text typed"


def test_pdf_and_docx_show_the_characters_typed(hostile_client: TestClient) -> None:
    pdf = hostile_client.get("/reports/3/download.pdf")
    assert pdf.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    flat = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", SCRIPT) in flat, "the PDF does not show the script as text"
    assert "onerror=alert(1)>" in flat
    word = hostile_client.get("/reports/3/download.docx")
    assert word.status_code == 200
    document = docx.Document(io.BytesIO(word.content))
    paragraphs = [p.text for p in document.paragraphs]
    paragraphs += [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any(HOSTILE in p for p in paragraphs), "the DOCX does not hold the literal text"
    assert any(f"{HOSTILE} (authors)" in p for p in paragraphs), "the cover sheet's authors"
    assert re.sub(r"\s+", "", f"{HOSTILE} (authors)") in flat, "the PDF cover sheet's authors"
