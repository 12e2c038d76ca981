# ruff: noqa: S608  (SQL is composed from the contract's names; file paths are quoted)
"""The DuckDB engine: embedded, reads Parquet and CSV where they lie."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from joinedup.metrics.contract import SourceFile, canonical_select, reader_sql
from joinedup.metrics.expressions import Dialect


class DuckDBDialect:
    name = "duckdb"

    def iso_weekday(self, date_sql: str) -> str:
        return f"isodow({date_sql})"

    def days_between(self, start_sql: str, end_sql: str) -> str:
        return f"date_diff('day', {start_sql}, {end_sql})"

    def month_start(self, date_sql: str) -> str:
        return f"CAST(date_trunc('month', {date_sql}) AS DATE)"


class DuckDBEngine:
    """Counts with DuckDB. Parquet is read in place; CSV is parsed once into a temporary table
    (parsing text is the slow part, and the tallies read some tables twice)."""

    dialect: Dialect = DuckDBDialect()

    def __init__(self, connection: duckdb.DuckDBPyConnection | None = None) -> None:
        self.con = connection if connection is not None else duckdb.connect()
        self._owned = connection is None

    def load(self, sources: dict[str, SourceFile]) -> None:
        for name, source in sources.items():
            select = (
                f"SELECT {canonical_select(source)} FROM {reader_sql(source.path, source.format)}"
            )
            kind = "VIEW" if source.format == "parquet" else "TEMP TABLE"
            self.con.execute(f"CREATE OR REPLACE {kind} {name} AS {select}")

    def register(self, name: str, table: pa.Table) -> None:
        self.con.register(name, table)

    def materialise(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")

    def query(self, sql: str) -> pa.Table:
        return self.con.sql(sql).to_arrow_table()

    def close(self) -> None:
        if self._owned:
            self.con.close()
