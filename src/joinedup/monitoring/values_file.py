"""KPI values from a CSV or XLSX file (columns `date` and `value`), checked before anything is
written: a problem names the file, sheet, row, column and value, and the whole file is refused.
Problems belong to the import form's field: ``file`` for an upload, ``pasted`` for pasted text."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from joinedup import clock
from joinedup.errors import InvalidInput
from joinedup.inputs import EARLIEST, clean_text
from joinedup.monitoring.series_csv import parse_date, parse_value
from joinedup.spreadsheets import check_xlsx

COLUMNS = ("date", "value")
SUFFIXES = (".csv", ".xlsx")
FILE, PASTED = "file", "pasted"


@dataclass(frozen=True)
class PeriodValue:
    """A value to record for a period; `version` is the period's version the editor saw (0 for
    a period with no value yet; None: whatever is current, as for an import). A world built as
    at a day gives `recorded_at`, so that its history reads as it would have stood."""

    period: date
    value: float | None
    version: int | None = None
    note: str = ""
    recorded_at: datetime | None = None  # when it was entered (None: now)


def read_values(name: str, data: bytes, *, max_bytes: int) -> list[PeriodValue]:
    """Parse an uploaded file; `name` (its file name) decides the format and names errors."""
    if not data:
        raise InvalidInput(f"{name}: the file is empty", field=FILE)
    if len(data) > max_bytes:
        raise InvalidInput(
            f"{name}: the file is {len(data):,} bytes; the largest accepted is {max_bytes:,}",
            field=FILE,
        )
    lowered = name.lower()
    if lowered.endswith(".csv"):
        return _csv(name, data)
    if lowered.endswith(".xlsx"):
        return _xlsx(name, data)
    raise InvalidInput(f"{name}: expected a .csv or .xlsx file", field=FILE)


def read_pasted(text: str) -> list[PeriodValue]:
    """Values pasted as CSV text (a header row `date,value`, then one row per period)."""
    try:
        text = str(clean_text(text))
    except ValueError as error:
        raise InvalidInput(f"pasted values: {error}", field=PASTED) from None
    if not text.strip():
        raise InvalidInput(
            "pasted values: paste a header row date,value and one row per period", field=PASTED
        )
    return _rows("pasted values", _csv_lines("pasted values", text, PASTED), PASTED)


def _csv(name: str, data: bytes) -> list[PeriodValue]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            f"{name}: not a UTF-8 text file; save it as CSV UTF-8", field=FILE
        ) from None
    return _rows(name, _csv_lines(name, text, FILE), FILE)


Lines = list[tuple[int, list[object]]]  # (row number as a spreadsheet shows it, cells)


def _csv_lines(source: str, text: str, field: str) -> Lines:
    # newline="" lets the reader take a lone carriage return as a line end (found by fuzzing).
    rows = enumerate(csv.reader(io.StringIO(text, newline="")), start=1)
    try:
        return [(n, list(row)) for n, row in rows if any(c.strip() for c in row)]
    except csv.Error as error:
        raise InvalidInput(f"{source}: not a readable CSV file ({error})", field=field) from None


def _xlsx(name: str, data: bytes) -> list[PeriodValue]:
    from openpyxl import load_workbook

    check_xlsx(data, source=name)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several kinds for a bad file
        raise InvalidInput(
            f"{name}: not a readable XLSX file ({type(error).__name__})", field=FILE
        ) from None
    sheet = book.worksheets[0]
    lines = [
        (n, list(line))
        for n, line in enumerate(sheet.iter_rows(values_only=True), start=1)
        if any(c is not None and str(c).strip() for c in line)
    ]
    return _rows(f"{name}, sheet {sheet.title}", lines, FILE)


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _rows(source: str, lines: Lines, field: str) -> list[PeriodValue]:
    if not lines:
        raise InvalidInput(
            f"{source}: no rows; the first row must name the columns date,value", field=field
        )
    header_row, header_cells = lines[0]
    header = [_text(c).lower() for c in header_cells]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        found = ", ".join(repr(h) for h in header) or "nothing"
        raise InvalidInput(
            f"{source}, row {header_row}: missing column(s) {', '.join(missing)}; the first "
            f"row must name the columns date,value (found {found})",
            field=field,
        )
    at = {column: header.index(column) for column in COLUMNS}
    values: list[PeriodValue] = []
    first_row: dict[date, int] = {}
    for number, line in lines[1:]:
        cells = {c: _text(line[i]) if i < len(line) else "" for c, i in at.items()}
        where = f"{source}, row {number}"
        day = parse_date(cells["date"], where=f"{where}, column date", field=field)
        if not EARLIEST <= day <= clock.today():
            raise InvalidInput(
                f"{where}, column date: {cells['date']!r} is not between "
                f"{EARLIEST:%d %B %Y} and today ({clock.today():%d %B %Y}); a value is for a "
                "period that has begun",
                field=field,
            )
        if day in first_row:
            raise InvalidInput(
                f"{where}, column date: {cells['date']!r} is also on row {first_row[day]}; "
                "give one value per period",
                field=field,
            )
        first_row[day] = number
        value = parse_value(cells["value"], where=f"{where}, column value", field=field)
        values.append(PeriodValue(day, value, None, ""))
    if not values:
        raise InvalidInput(f"{source}: no values under the header row", field=field)
    return values
