"""Read one time series (a date column and a value column) from a CSV file.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first value row 2.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from joinedup.errors import InvalidInput

FILE = "file"  # the field a problem of a read file belongs to
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Series:
    dates: tuple[date, ...]
    values: tuple[float, ...]


def read_series(path: Path, *, date_col: str = "date", value_col: str = "value") -> Series:
    """Read `path`; any problem raises InvalidInput naming the file, row, column and value
    (the problem of field ``file``, its message kept as written so the path reads exactly)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file", field=FILE) from None
    except OSError as error:
        raise InvalidInput(f"{path}: {error.strerror}", field=FILE) from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path}: not a UTF-8 text file", field=FILE) from None
    return parse_series(text, source=str(path), date_col=date_col, value_col=value_col)


def parse_series(
    text: str, *, source: str, date_col: str = "date", value_col: str = "value"
) -> Series:
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip() for c in reader.fieldnames or []]
    reader.fieldnames = columns
    for wanted in (date_col, value_col):
        if wanted not in columns:
            listed = ", ".join(columns) if columns else "none: the file is empty"
            raise InvalidInput(
                f"{source}: no column {wanted!r} (the columns are {listed})", field=FILE
            )
    dates: list[date] = []
    values: list[float] = []
    first_row: dict[date, int] = {}
    for row_number, row in enumerate(reader, start=2):
        if not any((v or "").strip() for v in row.values()):
            continue  # blank lines, as spreadsheets often leave at the end
        where = f"{source}, row {row_number}"
        day = parse_date(row.get(date_col) or "", where=f"{where}, column {date_col}")
        if day in first_row:
            raise InvalidInput(
                f"{where}, column {date_col}: {day.isoformat()!r} is also on row "
                f"{first_row[day]}; give one value per date",
                field=FILE,
            )
        first_row[day] = row_number
        dates.append(day)
        values.append(parse_value(row.get(value_col) or "", where=f"{where}, column {value_col}"))
    if len(dates) < 2:
        raise InvalidInput(
            f"{source}: an SPC chart needs at least 2 rows of values; found {len(dates)}",
            field=FILE,
        )
    return Series(tuple(dates), tuple(values))


def parse_date(text: str, *, where: str, field: str = FILE) -> date:
    """An ISO date (2020-04-01) or month (2020-04, read as its first day)."""
    match = _DATE.match(text.strip())
    if match:
        year, month, day = match.groups()
        try:
            return date(int(year), int(month), int(day or 1))
        except ValueError:
            pass
    raise InvalidInput(
        f"{where}: {text!r} is not a date like 2020-04-01 or a month like 2020-04", field=field
    )


def parse_value(text: str, *, where: str, field: str = FILE) -> float:
    """A number as written in a spreadsheet: 1218, 1,218, 18.86 or 18.86%."""
    cleaned = text.strip().replace(",", "").removesuffix("%").strip()
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not cleaned or not math.isfinite(value):
        shown = "empty" if not text.strip() else f"{text!r} is not a number"
        raise InvalidInput(f"{where}: {shown}; every date needs a numeric value", field=field)
    return value
