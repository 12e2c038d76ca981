"""A report's tables as XLSX, one sheet per table, for people who work the numbers further.

Spreadsheet formula injection is neutralised: any text that a spreadsheet would read as a
formula (starting with = + - @, or a tab or carriage return) is written with a leading
apostrophe, and every cell is written as a string, never as a formula.
"""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Font, PatternFill

from joinedup.reports.document import Cell, Document, SignOffRole, Table, tables_of
from joinedup.reports.html import short_date
from joinedup.spreadsheets import safe_text

RAG_FILL = {"green": "CCE2D8", "amber": "FFF7BF", "red": "F4CDC6"}
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def _put(cell: SheetCell, text: str) -> None:
    cell.value = safe_text(text)
    cell.data_type = "s"


def _sheet_title(wanted: str, taken: set[str]) -> str:
    base = _BAD_TITLE.sub(" ", wanted).strip().strip("'")[:28] or "Table"
    title, n = base, 2
    while title.lower() in taken:
        title = f"{base[:25]} ({n})"
        n += 1
    taken.add(title.lower())
    return title


def _write_table(sheet: object, header: tuple[str, ...], rows: list[tuple[Cell, ...]]) -> None:
    for column, text in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=column)  # type: ignore[attr-defined]
        _put(cell, text)
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for column, content in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)  # type: ignore[attr-defined]
            _put(cell, content.text or (content.rag.label if content.rag else ""))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if content.rag is not None:
                cell.fill = PatternFill("solid", fgColor=RAG_FILL[content.rag.value])
                cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"  # type: ignore[attr-defined]
    for column in range(1, len(header) + 1):
        width = max(
            [len(header[column - 1])]
            + [len(r[column - 1].text) for r in rows if len(r) >= column]
            + [8]
        )
        letter = sheet.cell(row=1, column=column).column_letter  # type: ignore[attr-defined]
        sheet.column_dimensions[letter].width = min(width + 2, 60)  # type: ignore[attr-defined]


def render_xlsx(document: Document) -> bytes:
    """A contents sheet naming every table, then one sheet per table (and the sign-off)."""
    book = Workbook()
    contents = book.active
    contents.title = "Contents"
    _put(contents.cell(row=1, column=1), "Sheet")
    _put(contents.cell(row=1, column=2), "Table")
    contents.cell(row=1, column=1).font = contents.cell(row=1, column=2).font = Font(bold=True)
    _put(contents.cell(row=2, column=1), "Report")
    _put(contents.cell(row=2, column=2), document.title)
    taken = {"contents"}
    listing: list[tuple[str, str]] = []
    tables: list[Table] = tables_of(document)
    for table in tables:
        title = _sheet_title(table.name or table.caption, taken)
        _write_table(book.create_sheet(title), table.header, list(table.rows))
        listing.append((title, table.caption))
    if document.sign_off:
        title = _sheet_title("Sign-off", taken)
        header = (
            "Role",
            "Name",
            "Title",
            "Directorate or organisation",
            "Date doc sent out",
            "Date response received or approved",
        )
        rows = [
            tuple(
                Cell(t)
                for t in (
                    "Contributor" if e.role is SignOffRole.CONTRIBUTOR else "Approver",
                    e.name,
                    e.title,
                    e.organisation,
                    short_date(e.sent_on),
                    short_date(e.received_on),
                )
            )
            for e in document.sign_off
        ]
        _write_table(book.create_sheet(title), header, rows)
        listing.append((title, "Sign-off"))
    for row_number, (title, caption) in enumerate(listing, start=3):
        _put(contents.cell(row=row_number, column=1), title)
        _put(contents.cell(row=row_number, column=2), caption)
    contents.column_dimensions["A"].width = 32
    contents.column_dimensions["B"].width = 90
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
