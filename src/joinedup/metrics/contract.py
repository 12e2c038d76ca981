"""The data contract: the four record-level tables, their columns, and how each is read.

A folder holds ``spells``, ``reablement``, ``dtoc`` and ``population``, each as ``NAME.parquet``
or ``NAME.csv``. Every column is read into one canonical type whatever the file's own typing
says: codes such as ``admimeth`` 21 or ``disdest`` 79 become text even when a CSV reader or a
Parquet writer took them for numbers. The canonical expressions are plain SQL that DuckDB and
Spark both understand, so the two engines see the same values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from joinedup.errors import InvalidInput
from joinedup.metrics import csv_files


class Kind(StrEnum):
    TEXT = "text"
    CODE = "code"  # a code from a list (HES admimeth, disdest): always text
    AREA = "area"  # an ONS area code from the reference table
    INTEGER = "integer"  # a whole number that cannot be negative (ages, years)
    COUNT = "count"  # a whole number of people or days: cannot be negative
    DATE = "date"  # ISO YYYY-MM-DD
    MONTH = "month"  # YYYY-MM
    BOOLEAN = "boolean"


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = False
    choices: tuple[str, ...] = ()  # allowed values of a CODE column, when the contract fixes them
    optional: bool = False  # a file may leave the column out: it is then read as empty


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    unique: tuple[str, ...] = field(default=())  # columns that identify a row, if any
    optional: bool = False  # a folder may leave the table out: its measures are not computed

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


SPELLS = Table(
    "spells",
    (
        Column("spell_id", Kind.TEXT, required=True),
        Column("person_id", Kind.TEXT, required=True),
        Column("startage", Kind.INTEGER),
        Column("admidate", Kind.DATE, required=True),
        Column("disdate", Kind.DATE),
        Column("admimeth", Kind.CODE),
        Column("disdest", Kind.CODE),
        Column("resladst_ons", Kind.AREA),
        # SUS "Hospital Provider Spell Discharge Ready Date": the day the person was clinically
        # ready to leave (collected from 2022).
        Column("discharge_ready_date", Kind.DATE, optional=True),
    ),
)
REABLEMENT = Table(
    "reablement",
    (
        Column("person_id", Kind.TEXT, required=True),
        Column("area_code", Kind.AREA),
        Column("startage", Kind.INTEGER),
        Column("hospital_disdate", Kind.DATE, required=True),
        Column("at_home_day91", Kind.BOOLEAN),
    ),
)
DTOC = Table(
    "dtoc",
    (
        Column("area_code", Kind.AREA, required=True),
        Column("month", Kind.MONTH, required=True),
        Column("delayed_days", Kind.COUNT, required=True),
        Column("attribution", Kind.CODE, required=True, choices=("NHS", "social_care", "both")),
    ),
)
POPULATION = Table(
    "population",
    (
        Column("area_code", Kind.AREA, required=True),
        Column("year", Kind.INTEGER, required=True),
        Column("population_all", Kind.COUNT, required=True),
        Column("population_18plus", Kind.COUNT, required=True),
        Column("population_65plus", Kind.COUNT, required=True),
    ),
    unique=("area_code", "year"),
)
# Admissions to long-term residential or nursing care, shaped like the adult social care client
# level data (CLD): one row per person admitted, by local authority and event start date.
LTC_ADMISSIONS = Table(
    "ltc_admissions",
    (
        Column("person_id", Kind.TEXT, required=True),
        Column("area_code", Kind.AREA),
        Column("startage", Kind.INTEGER),
        Column("event_start_date", Kind.DATE, required=True),
        Column("setting", Kind.CODE, choices=("residential", "nursing")),
    ),
    optional=True,
)
TABLES: tuple[Table, ...] = (SPELLS, REABLEMENT, DTOC, POPULATION, LTC_ADMISSIONS)
FORMATS = ("parquet", "csv")

_SQL_TYPES = {
    Kind.TEXT: "STRING",
    Kind.CODE: "STRING",
    Kind.AREA: "STRING",
    Kind.INTEGER: "BIGINT",
    Kind.COUNT: "BIGINT",
    Kind.DATE: "DATE",
    Kind.MONTH: "DATE",
    Kind.BOOLEAN: "BOOLEAN",
}
_TRUE = ("true", "t", "yes", "y", "1")
_FALSE = ("false", "f", "no", "n", "0")


class Storage(StrEnum):
    """How a file stores a column, which decides how it is read."""

    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"
    TIMESTAMP = "timestamp"
    BOOLEAN = "boolean"
    OTHER = "other"
    ABSENT = "absent"  # an optional column the file leaves out


def storage_of(physical: str) -> Storage:
    """Classify a DuckDB type name (as DESCRIBE reports it)."""
    upper = physical.upper()
    if upper in ("VARCHAR", "STRING", "TEXT") or upper.startswith("VARCHAR"):
        return Storage.TEXT
    if re.fullmatch(r"U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)", upper):
        return Storage.INTEGER
    if upper in ("FLOAT", "DOUBLE", "REAL") or upper.startswith("DECIMAL"):
        return Storage.DECIMAL
    if upper == "DATE":
        return Storage.DATE
    if upper.startswith("TIMESTAMP"):
        return Storage.TIMESTAMP
    if upper == "BOOLEAN":
        return Storage.BOOLEAN
    return Storage.OTHER


@dataclass(frozen=True)
class SourceFile:
    """One contract table as found in a folder, with the storage of each of its columns."""

    table: Table
    path: Path
    format: str
    storage: dict[str, Storage]

    @property
    def label(self) -> str:
        return self.path.name

    def row_number_offset(self) -> int:
        """Add to a 0-based data row index to get the row a person sees (CSV header is row 1)."""
        return 2 if self.format == "csv" else 1


def find_file(folder: Path, table: Table) -> tuple[Path, str]:
    """The one file holding ``table``; a missing or doubled file is refused."""
    found = [(folder / f"{table.name}.{fmt}", fmt) for fmt in FORMATS]
    present = [(p, fmt) for p, fmt in found if p.is_file()]
    if not present:
        raise InvalidInput.of(
            "folder", f"{folder}: missing {table.name}.parquet or {table.name}.csv"
        )
    if len(present) > 1:
        raise InvalidInput.of(
            "folder", f"{folder}: both {table.name}.parquet and {table.name}.csv; keep only one"
        )
    return present[0]


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def reader_sql(path: Path, fmt: str, *, row_numbers: bool = False) -> str:
    """A DuckDB table function reading the file; CSV columns are all read as text."""
    if fmt == "parquet":
        extra = ", file_row_number = true" if row_numbers else ""
        return f"read_parquet({sql_string(str(path))}{extra})"
    return csv_files.reader_sql(path)


def canonical_expr(column: Column, storage: Storage) -> str:
    """SQL (DuckDB and Spark alike) giving the column its contract type; NULL when unreadable."""
    if storage is Storage.ABSENT:
        return f"CAST(NULL AS {_SQL_TYPES[column.kind]})"
    x = column.name
    text = f"NULLIF(TRIM({x}), '')"
    if column.kind in (Kind.TEXT, Kind.CODE, Kind.AREA):
        if storage is Storage.TEXT:
            return text
        if storage is Storage.DECIMAL:
            return f"CAST(TRY_CAST({x} AS BIGINT) AS STRING)"
        return f"CAST({x} AS STRING)"
    if column.kind in (Kind.INTEGER, Kind.COUNT):
        if storage is Storage.TEXT:
            return f"TRY_CAST({text} AS BIGINT)"
        if storage in (Storage.INTEGER, Storage.DECIMAL):
            return f"TRY_CAST({x} AS BIGINT)"
        return "CAST(NULL AS BIGINT)"
    if column.kind is Kind.DATE:
        if storage is Storage.TEXT:
            return f"TRY_CAST({text} AS DATE)"
        if storage in (Storage.DATE, Storage.TIMESTAMP):
            return f"CAST({x} AS DATE)"
        return "CAST(NULL AS DATE)"
    if column.kind is Kind.MONTH:
        if storage is Storage.TEXT:
            return f"TRY_CAST(CONCAT(TRIM({x}), '-01') AS DATE)"
        if storage in (Storage.DATE, Storage.TIMESTAMP):
            return f"MAKE_DATE(YEAR({x}), MONTH({x}), 1)"
        return "CAST(NULL AS DATE)"
    # BOOLEAN
    if storage is Storage.BOOLEAN:
        return x
    if storage is Storage.INTEGER:
        return f"CASE WHEN {x} = 1 THEN TRUE WHEN {x} = 0 THEN FALSE END"
    if storage is Storage.TEXT:
        yes = ", ".join(sql_string(v) for v in _TRUE)
        no = ", ".join(sql_string(v) for v in _FALSE)
        low = f"LOWER(TRIM({x}))"
        return f"CASE WHEN {low} IN ({yes}) THEN TRUE WHEN {low} IN ({no}) THEN FALSE END"
    return "CAST(NULL AS BOOLEAN)"


def canonical_select(source: SourceFile) -> str:
    """The select list turning a raw file into the contract's columns and types."""
    return ", ".join(
        f"{canonical_expr(c, source.storage[c.name])} AS {c.name}" for c in source.table.columns
    )


def unreadable_condition(column: Column, storage: Storage) -> str | None:
    """DuckDB SQL true where a present value cannot be read as the column's type."""
    if storage is Storage.ABSENT:
        return None
    x = column.name
    text = f"NULLIF(TRIM({x}), '')"
    if column.kind in (Kind.TEXT, Kind.CODE, Kind.AREA):
        if storage is Storage.DECIMAL:
            return f"{x} IS NOT NULL AND {x} <> ROUND({x})"
        return None
    if column.kind in (Kind.INTEGER, Kind.COUNT):
        if storage is Storage.TEXT:
            return f"{text} IS NOT NULL AND NOT regexp_full_match(TRIM({x}), '-?[0-9]{{1,15}}')"
        if storage is Storage.DECIMAL:
            return f"{x} IS NOT NULL AND ({x} <> ROUND({x}) OR abs({x}) > 1e15)"
        return None if storage is Storage.INTEGER else f"{x} IS NOT NULL"
    if column.kind is Kind.DATE:
        if storage is Storage.TEXT:
            return (
                f"{text} IS NOT NULL AND (NOT regexp_full_match(TRIM({x}), "
                f"'[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') OR TRY_CAST(TRIM({x}) AS DATE) IS NULL)"
            )
        return None if storage in (Storage.DATE, Storage.TIMESTAMP) else f"{x} IS NOT NULL"
    if column.kind is Kind.MONTH:
        if storage is Storage.TEXT:
            return (
                f"{text} IS NOT NULL AND (NOT regexp_full_match(TRIM({x}), '[0-9]{{4}}-[0-9]{{2}}')"
                f" OR TRY_CAST(CONCAT(TRIM({x}), '-01') AS DATE) IS NULL)"
            )
        return None if storage in (Storage.DATE, Storage.TIMESTAMP) else f"{x} IS NOT NULL"
    if storage is Storage.BOOLEAN:
        return None
    if storage is Storage.TEXT:  # blank text is missing, in Parquet as in CSV
        return f"{text} IS NOT NULL AND ({canonical_expr(column, storage)}) IS NULL"
    if storage is Storage.INTEGER:
        return f"{x} IS NOT NULL AND ({canonical_expr(column, storage)}) IS NULL"
    return f"{x} IS NOT NULL"


def expected(column: Column) -> str:
    """How the contract describes a column's type, for messages."""
    return {
        Kind.TEXT: "text",
        Kind.CODE: "a code",
        Kind.AREA: "an area code",
        Kind.INTEGER: "a whole number",
        Kind.COUNT: "a whole number",
        Kind.DATE: "a date written YYYY-MM-DD",
        Kind.MONTH: "a month written YYYY-MM",
        Kind.BOOLEAN: "true or false",
    }[column.kind]
