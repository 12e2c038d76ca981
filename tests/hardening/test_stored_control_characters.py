"""Text stored before input was checked (or written by hand into the database) may hold control
characters. Exports and renderers drop them instead of failing for every reader."""

from __future__ import annotations

import io

import docx
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import text

from joinedup.reports.word import render_docx
from joinedup.spreadsheets import safe_cell, safe_text
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE, demo_email, sign_in
from tests.reports.sample import sample_document

HOSTILE = "Slipped\x0b because of\x07 the\x1b winter"  # PostgreSQL text cannot hold NUL


def test_a_plan_with_control_characters_still_exports(
    client: TestClient, database: Database
) -> None:
    with database.engine.begin() as connection:
        connection.execute(
            text("UPDATE plan_actions SET description = :d WHERE id = 1"), {"d": HOSTILE}
        )
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    download = client.get("/plans/1/export.xlsx")
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(download.content)).active
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert "Slipped because of the winter" in texts


def test_a_report_with_control_characters_still_renders_as_word() -> None:
    document = sample_document(summary=HOSTILE + "\x00")
    word = docx.Document(io.BytesIO(render_docx(document)))
    shown = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        c.text for t in word.tables for row in t.rows for c in row.cells
    )
    assert "Slipped because of the winter" in shown


def test_spreadsheet_text_is_never_a_formula_nor_a_control_character() -> None:
    assert safe_text("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_text("\x0b=1") == "'=1"
    assert safe_cell(3) == 3
