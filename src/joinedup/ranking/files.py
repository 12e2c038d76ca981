"""Files in and out of the ranking: indicator values in (CSV, Parquet, XLSX), rankings out.

Writing goes to a temporary file beside the target, renamed at the end: nothing is partially
written.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from joinedup.errors import InvalidInput, NotFound
from joinedup.files import replacing
from joinedup.ranking.values import check_columns
from joinedup.spreadsheets import check_xlsx

READ_SUFFIXES = (".csv", ".parquet", ".xlsx")
WRITE_SUFFIXES = (".csv", ".parquet", ".xlsx", ".json")


@dataclass(frozen=True)
class ValuesFile:
    """Rows of a values file, as read; ``first_row_number`` is how messages number them."""

    source: str
    rows: list[dict[str, object]]
    first_row_number: int


def read_values_file(path: Path) -> ValuesFile:
    """The rows of a file in the metrics output format; checks the columns."""
    if not path.is_file():
        raise NotFound(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            check_columns(reader.fieldnames or [], source=str(path))
            rows: list[dict[str, object]] = list(reader)
        return ValuesFile(str(path), rows, first_row_number=2)
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        try:
            table = pq.read_table(path)
        except Exception as error:  # pyarrow raises several kinds for a bad file
            raise InvalidInput.of(
                "values", f"{path}: not a readable Parquet file ({error})"
            ) from None
        check_columns(table.column_names, source=str(path))
        return ValuesFile(str(path), table.to_pylist(), first_row_number=1)
    if suffix == ".xlsx":
        return _read_xlsx(path)
    raise InvalidInput.of("values", f"{path}: expected one of {', '.join(READ_SUFFIXES)}")


def _read_xlsx(path: Path) -> ValuesFile:
    from openpyxl import load_workbook

    check_xlsx(path.read_bytes(), source=str(path))
    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    except Exception as error:  # openpyxl raises several kinds for a bad file
        raise InvalidInput.of("values", f"{path}: not a readable XLSX file ({error})") from None
    lines = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(lines, ())]
    check_columns(header, source=f"{path}, sheet {sheet.title}")
    rows = [
        dict(zip(header, line, strict=False)) for line in lines if any(c is not None for c in line)
    ]
    return ValuesFile(f"{path}, sheet {sheet.title}", rows, first_row_number=2)


def _cell(value: object) -> object:
    """Blank for missing numbers in the formats that have no null of their own."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return value


def write_table(path: Path, columns: Sequence[str], rows: Sequence[Mapping[str, object]]) -> None:
    """Write rows in the format named by the suffix, all or nothing."""
    suffix = path.suffix.lower()
    if suffix not in WRITE_SUFFIXES:
        raise InvalidInput.of("out", f"{path}: expected one of {', '.join(WRITE_SUFFIXES)}")
    if not path.parent.is_dir():
        raise NotFound(f"{path.parent}: no such folder")
    with replacing(path, suffix=suffix) as temporary:
        _write(temporary, suffix, columns, rows)


def _write(
    path: Path, suffix: str, columns: Sequence[str], rows: Sequence[Mapping[str, object]]
) -> None:
    if suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(columns))
            writer.writeheader()
            writer.writerows({c: _cell(row.get(c)) for c in columns} for row in rows)
    elif suffix == ".json":
        clean = [
            {c: (None if _cell(row.get(c)) == "" else row.get(c)) for c in columns} for row in rows
        ]
        path.write_text(json.dumps(clean, indent=1) + "\n", encoding="utf-8")
    elif suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        data = {
            c: [None if _cell(row.get(c)) == "" else row.get(c) for row in rows] for c in columns
        }
        pq.write_table(pa.table(data), path)
    else:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "ranking"
        sheet.append(list(columns))
        for row in rows:
            sheet.append([_cell(row.get(c)) for c in columns])
        book.save(path)
