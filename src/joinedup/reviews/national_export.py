"""The national picture as CSV and as an Excel workbook, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from joinedup.reviews.national import NationalPicture, Table
from joinedup.spreadsheets import safe_cell

# A cell starting with one of these is run as a formula by spreadsheet programs.


def to_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([safe_cell(h) for h in table.header])
    writer.writerows([safe_cell(v) for v in row] for row in table.rows)
    return buffer.getvalue()


def to_xlsx(picture: NationalPicture) -> bytes:
    """One sheet per table, with a bold header row."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in picture.tables:
        sheet = workbook.create_sheet(_sheet_name(table.title))
        sheet.append([safe_cell(h) for h in table.header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([safe_cell(v) for v in row])
        for column, header in zip(sheet.columns, table.header, strict=False):
            widest = max([len(str(header)), *(len(str(c.value or "")) for c in column)])
            sheet.column_dimensions[column[0].column_letter].width = min(widest + 2, 80)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str) -> str:
    # Sheet names are at most 31 characters and may not hold []:*?/\
    cleaned = "".join(c for c in title if c not in "[]:*?/\\")
    return cleaned[:31]
