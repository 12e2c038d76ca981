"""Reading a contract CSV strictly, and saying in one line what is wrong with one that cannot be
read (the file, the row as a spreadsheet numbers it, and the problem), never the reader's own
diagnostics.

DuckDB reads each CSV with the dialect the contract fixes (comma, double quote, a header row)
and the columns the header names, so a row with too many or too few values is an error rather
than a reason to guess another dialect. When reading fails, the file is scanned again here to
find the first row at fault; that slower scan runs only on the way to an error.
"""

from __future__ import annotations

import csv
from pathlib import Path

from joinedup.errors import InvalidInput

CHUNK = 16 * 1024 * 1024
HEADER_LIMIT = 64 * 1024


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def header(path: Path) -> list[str]:
    """The column names of the header row (row 1)."""
    with path.open("rb") as stream:
        first = stream.readline(HEADER_LIMIT)
    try:
        line = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput.of("folder", f"{path}, row 1: is not UTF-8 text") from None
    names = next(csv.reader([line]), [])
    if not names or not any(n.strip() for n in names):
        raise InvalidInput.of("folder", f"{path}, row 1: is empty; a header row names the columns")
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise InvalidInput.of(
            "folder", f"{path}, row 1: names column {repeated[0]!r} more than once"
        )
    return names


def reader_sql(path: Path) -> str:
    """A DuckDB table function reading every column of the CSV as text."""
    columns = ", ".join(f"{_quoted(name)}: 'VARCHAR'" for name in header(path))
    return (
        f"read_csv({_quoted(str(path))}, header = true, auto_detect = false, delim = ',', "
        f"quote = '\"', escape = '\"', strict_mode = true, columns = {{{columns}}})"
    )


def refuse_nul(path: Path) -> None:
    """A NUL byte is never part of text a person typed: refuse the file at the row holding it."""
    rows_before = 0
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            at = chunk.find(b"\0")
            if at >= 0:
                row = rows_before + chunk.count(b"\n", 0, at) + 1
                raise InvalidInput.of(
                    "folder",
                    f"{path}, row {row}: holds a NUL character (byte 0); "
                    "save the file again as plain UTF-8 text; nothing was computed",
                )
            rows_before += chunk.count(b"\n")


def first_problem(path: Path) -> str | None:
    """The first row that cannot be read, as 'row N: what is wrong', if one is found."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as stream:
        rows = csv.reader(stream, strict=True)
        try:
            names = next(rows, [])
            for number, row in enumerate(rows, start=2):
                if any("\ufffd" in value for value in row):
                    return f"row {number}: is not UTF-8 text"
                if row and len(row) != len(names):
                    return (
                        f"row {number}: has {len(row)} values where the header names "
                        f"{len(names)} columns"
                    )
        except csv.Error as error:
            return f"row {rows.line_num}: {error}"
    return None


def unreadable(path: Path, error: Exception) -> InvalidInput:
    """The one-line refusal of a CSV the reader failed on."""
    found = first_problem(path)
    if found is None:
        lines = str(error).strip().splitlines() or ["unknown problem"]
        found = f"cannot be read as CSV ({lines[0].split(': ', 1)[-1]})"
    return InvalidInput.of("folder", f"{path}, {found}; nothing was computed")
