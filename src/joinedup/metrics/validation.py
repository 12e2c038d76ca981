# ruff: noqa: S608  (SQL is composed from the contract's own names; file paths are quoted)
"""Checking a data-contract folder before anything is computed from it.

Every check is set-based SQL run by DuckDB: one counting pass per file, and only when something
is wrong a second pass that fetches the first problems with their row numbers. Rows are counted
as a person sees them: in a CSV the header is row 1 and the first record row 2; in Parquet the
first record is row 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from joinedup.areas.rules import ENGLAND
from joinedup.errors import InvalidInput
from joinedup.metrics import csv_files
from joinedup.metrics.contract import (
    SPELLS,
    TABLES,
    Column,
    Kind,
    SourceFile,
    Storage,
    canonical_expr,
    expected,
    find_file,
    reader_sql,
    sql_string,
    storage_of,
    unreadable_condition,
)

#: How many problems a message lists; the total is always given.
SHOWN_PROBLEMS = 20


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        place = [self.file]
        if self.row is not None:
            place.append(f"row {self.row}")
        if self.column is not None:
            place.append(f"column {self.column}")
        value = "" if self.value is None else f"{self.value!r} "
        return f"{', '.join(place)}: {value}{self.message}"


@dataclass(frozen=True)
class Check:
    column: str
    condition: str  # DuckDB SQL over the raw columns: true where the row is wrong
    message: str  # SQL string expression describing the problem
    # How to count the wrong rows fast: "rows" evaluates the condition on every row; "nulls"
    # counts missing values (Parquet statistics answer it); "values" evaluates the condition
    # once per distinct value (area codes: few values, a costly lookup).
    counting: str = "rows"


def _text(message: str) -> str:
    return sql_string(message)


def _present(column: Column, storage: Storage) -> str:
    if storage is Storage.TEXT:
        return f"NULLIF(TRIM({column.name}), '') IS NOT NULL"
    return f"{column.name} IS NOT NULL"


def column_checks(source: SourceFile) -> list[Check]:
    """The row-level checks of one file, in the order its columns are declared."""
    checks: list[Check] = []
    known = "contract_known_areas" if source.table.name == "population" else "contract_areas"
    for column in source.table.columns:
        storage = source.storage[column.name]
        if storage is Storage.ABSENT:
            continue
        value = canonical_expr(column, storage)
        unreadable = unreadable_condition(column, storage)
        if unreadable is not None:
            checks.append(Check(column.name, unreadable, _text(f"is not {expected(column)}")))
        if column.required:
            counting = "rows" if storage is Storage.TEXT else "nulls"
            checks.append(
                Check(
                    column.name, f"NOT ({_present(column, storage)})", _text("is empty"), counting
                )
            )
        if column.kind in (Kind.INTEGER, Kind.COUNT):
            checks.append(Check(column.name, f"{value} < 0", _text("is negative")))
        if column.kind is Kind.AREA:
            checks.append(
                Check(
                    column.name,
                    f"{value} IS NOT NULL AND {value} NOT IN (SELECT code FROM {known})",
                    _text("is not a known area code (see `joinedup areas list`)"),
                    counting="values",
                )
            )
        if column.choices:
            allowed = ", ".join(sql_string(c) for c in column.choices)
            checks.append(
                Check(
                    column.name,
                    f"{value} IS NOT NULL AND {value} NOT IN ({allowed})",
                    _text(f"is not one of {', '.join(column.choices)}"),
                )
            )
    if source.table is SPELLS:
        admitted = canonical_expr(SPELLS.column("admidate"), source.storage["admidate"])
        discharged = canonical_expr(SPELLS.column("disdate"), source.storage["disdate"])
        checks.append(
            Check(
                "disdate",
                f"{discharged} < {admitted}",
                f"'is before admidate ' || CAST({admitted} AS VARCHAR)",
            )
        )
    return checks


def _unreadable(path: Path, fmt: str, error: Exception) -> InvalidInput:
    """One line naming the file (and for a CSV the row) that the reader failed on."""
    if fmt == "csv":
        return csv_files.unreadable(path, error)
    lines = str(error).strip().splitlines() or ["unknown problem"]
    return InvalidInput.of(
        "folder", f"{path}: cannot be read as {fmt.title()} ({lines[0].split(': ', 1)[-1]})"
    )


def _describe(con: duckdb.DuckDBPyConnection, path: Path, fmt: str) -> dict[str, str]:
    if fmt == "csv":
        csv_files.refuse_nul(path)
    try:
        rows = con.execute(f"DESCRIBE SELECT * FROM {reader_sql(path, fmt)}").fetchall()
    except duckdb.Error as error:
        raise _unreadable(path, fmt, error) from None
    return {str(name): str(kind) for name, kind, *_ in rows}


def open_sources(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, SourceFile]:
    """Find the four files and their columns; missing files or columns are refused together."""
    if not folder.is_dir():
        raise InvalidInput.of("folder", f"{folder}: not a folder")
    problems: list[Problem] = []
    sources: dict[str, SourceFile] = {}
    for table in TABLES:
        try:
            path, fmt = find_file(folder, table)
        except InvalidInput as error:
            if table.optional and "missing" in str(error):
                continue  # an optional table left out: its measures are not computed
            problems.append(Problem(str(folder), None, None, None, str(error).split(": ", 1)[1]))
            continue
        physical = _describe(con, path, fmt)
        missing = [c.name for c in table.columns if c.name not in physical and not c.optional]
        for name in missing:
            problems.append(Problem(path.name, 1 if fmt == "csv" else None, name, None, "missing"))
        if not missing:
            storage = {
                c.name: storage_of(physical[c.name]) if c.name in physical else Storage.ABSENT
                for c in table.columns
            }
            sources[table.name] = SourceFile(table, path, fmt, storage)
    if problems:
        raise InvalidInput.of("folder", _summary(folder, problems, len(problems)))
    return sources


def _numbered(source: SourceFile) -> str:
    reader = reader_sql(source.path, source.format, row_numbers=True)
    if source.format == "parquet":
        return f"SELECT *, file_row_number + 1 AS contract_row FROM {reader}"
    return f"SELECT *, row_number() OVER () + 1 AS contract_row FROM {reader}"


def _count_statements(checks: list[Check], reader: str) -> list[str]:
    """Statements each returning one row of problem counts: one pass for the row checks, one
    (answered from Parquet statistics) for missing values, one per lookup of distinct values."""
    statements: list[str] = []
    per_row = [f"count_if(COALESCE({c.condition}, FALSE))" for c in checks if c.counting == "rows"]
    if per_row:
        statements.append(f"SELECT {', '.join(per_row)} FROM {reader}")
    nulls = [f"count(*) - count({c.column})" for c in checks if c.counting == "nulls"]
    if nulls:
        statements.append(f"SELECT {', '.join(nulls)} FROM {reader}")
    for check in checks:
        if check.counting == "values":
            statements.append(
                f"SELECT COALESCE(SUM(contract_n), 0) FROM (SELECT {check.column}, "
                f"count(*) AS contract_n FROM {reader} GROUP BY 1) "
                f"WHERE COALESCE({check.condition}, FALSE)"
            )
    return statements


def _count(con: duckdb.DuckDBPyConnection, source: SourceFile, checks: list[Check]) -> int:
    """How many rows fail the checks (a row failing two checks counts twice)."""
    total = 0
    for statement in _count_statements(checks, reader_sql(source.path, source.format)):
        try:
            row = con.execute(statement).fetchone()
        except duckdb.Error as error:
            raise _unreadable(source.path, source.format, error) from None
        total += sum(int(n or 0) for n in row or ())
    return total


def _first(
    con: duckdb.DuckDBPyConnection, source: SourceFile, checks: list[Check], limit: int
) -> list[Problem]:
    parts = [
        f"SELECT contract_row, {i} AS check_no, {sql_string(c.column)} AS col, "
        f"CAST({c.column} AS VARCHAR) AS val, {c.message} AS msg "
        f"FROM numbered WHERE COALESCE({c.condition}, FALSE)"
        for i, c in enumerate(checks)
    ]
    query = (
        f"WITH numbered AS ({_numbered(source)}) SELECT * FROM ({' UNION ALL '.join(parts)}) "
        f"ORDER BY contract_row, check_no LIMIT {limit}"
    )
    rows = con.execute(query).fetchall()
    return [Problem(source.label, int(r[0]), str(r[2]), r[3], str(r[4])) for r in rows]


def _duplicates(con: duckdb.DuckDBPyConnection, source: SourceFile) -> tuple[int, list[Problem]]:
    """Rows repeating a key that must be unique (an area's population for a year)."""
    key = source.table.unique
    if not key:
        return 0, []
    values = [canonical_expr(source.table.column(k), source.storage[k]) for k in key]
    partition = ", ".join(values)
    shown = " || ' ' || ".join(f"CAST({v} AS VARCHAR)" for v in values)
    query = (
        f"SELECT contract_row, shown FROM (SELECT contract_row, {shown} AS shown, "
        f"row_number() OVER (PARTITION BY {partition} ORDER BY contract_row) AS nth "
        f"FROM ({_numbered(source)})) WHERE nth > 1 ORDER BY contract_row"
    )
    rows = con.execute(query).fetchall()
    message = f"repeats the {' and '.join(key)} of an earlier row"
    problems = [Problem(source.label, int(r[0]), key[0], str(r[1]), message) for r in rows]
    return len(problems), problems[:SHOWN_PROBLEMS]


def _summary(folder: Path, problems: list[Problem], total: int) -> str:
    shown = problems[:SHOWN_PROBLEMS]
    head = f"{folder}: {total} problem{'s' if total != 1 else ''} found; nothing was computed."
    if total > len(shown):
        head += f" The first {len(shown)}:"
    return "\n".join([head, *(f"  {p}" for p in shown)])


def register_areas(con: duckdb.DuckDBPyConnection, areas: Iterable[str]) -> None:
    """Make the reference area codes known to the connection's checks."""
    codes = sorted(set(areas) - {ENGLAND})
    con.register("contract_areas", pa.table({"code": pa.array(codes, pa.string())}))
    con.register("contract_known_areas", pa.table({"code": pa.array([*codes, ENGLAND])}))


def validate(
    con: duckdb.DuckDBPyConnection, folder: Path, areas: Iterable[str]
) -> dict[str, SourceFile]:
    """Check the folder against the contract; raise InvalidInput listing the problems."""
    sources = open_sources(con, folder)
    register_areas(con, areas)
    problems: list[Problem] = []
    total = 0
    for source in sources.values():
        checks = column_checks(source)
        found = _count(con, source, checks)
        if found:
            total += found
            problems.extend(_first(con, source, checks, SHOWN_PROBLEMS))
        repeated, examples = _duplicates(con, source)
        total += repeated
        problems.extend(examples)
    if total:
        raise InvalidInput.of("folder", _summary(folder, problems, total))
    return sources
