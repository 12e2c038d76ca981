"""The whole system as one JSON document, portable between SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, LargeBinary, delete, insert, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.schema import Table

from joinedup.errors import InvalidInput
from joinedup.store import migrate
from joinedup.store.append_only import is_protected, protect_on, unprotect_on
from joinedup.store.database import Database
from joinedup.store.presence import TRANSIENT_TABLES
from joinedup.store.registry import metadata

FORMAT = "joinedup-export"
VERSION = 1


def _data_tables() -> list[Table]:
    """Every table but those describing the running installation (servers, maintenance)."""
    return [t for t in metadata.sorted_tables if t.name not in TRANSIENT_TABLES]


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):  # stored documents (a report's rendered PDF)
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def export_json(database: Database, target: Path) -> None:
    tables: dict[str, list[dict[str, Any]]] = {}
    with database.engine.connect() as connection:
        for table in _data_tables():
            rows = connection.execute(select(table).order_by(*table.primary_key)).mappings()
            tables[table.name] = [{k: _encode(v) for k, v in row.items()} for row in rows]
    document = {
        "format": FORMAT,
        "version": VERSION,
        "schema": migrate.current_revision(database.engine),
        "tables": tables,
    }
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False)


def _decoder(table: Table) -> dict[str, Any]:
    decoders: dict[str, Any] = {}
    for column in table.columns:
        kind = column.type
        if isinstance(kind, DateTime) or isinstance(getattr(kind, "impl", None), DateTime):
            decoders[column.name] = datetime.fromisoformat
        elif isinstance(kind, Date):
            decoders[column.name] = date.fromisoformat
        elif isinstance(kind, LargeBinary):
            decoders[column.name] = base64.b64decode
    return decoders


def _parents_first(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of a table that refers to itself (a board's parent board) ordered so that each
    row's parent is inserted before it, whatever order the rows were exported in."""
    links = [
        (fk.parent.name, fk.column.name)
        for fk in table.foreign_keys
        if fk.column.table is table and fk.parent.name in table.columns
    ]
    if not links:
        return rows
    ordered: list[dict[str, Any]] = []
    present = {(column, row.get(column)) for _, column in links for row in rows}
    inserted: set[tuple[str, Any]] = set()
    waiting = rows
    while waiting:
        ready = [
            row
            for row in waiting
            if all(
                row.get(child) is None
                or (parent, row[child]) in inserted
                or (parent, row[child]) not in present
                for child, parent in links
            )
        ]
        if not ready:  # a cycle: let the database say which row is at fault
            return ordered + waiting
        ordered += ready
        inserted |= {(parent, row.get(parent)) for _, parent in links for row in ready}
        waiting = [row for row in waiting if row not in ready]
    return ordered


def _restore_problem(source: Path, table: Table, error: DBAPIError) -> InvalidInput:
    """A row the database refuses, in one line (not the driver's pages of SQL)."""
    reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
    return InvalidInput(
        f"{source}: the table {table.name} cannot be restored into this database: {reason}",
        field="file",
    )


def import_json(database: Database, source: Path) -> None:
    """Load an export into this database, replacing what it holds (all or nothing)."""
    try:
        document = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InvalidInput(f"{source}: not a Joined Up export ({error})", field="file") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput(f"{source}: not a Joined Up export", field="file")
    database.upgrade()
    if document.get("schema") != migrate.current_revision(database.engine):
        raise InvalidInput(
            f"{source}: exported at schema {document.get('schema')!r} but this version of "
            f"Joined Up is at {migrate.current_revision(database.engine)!r}"
        )
    tables: dict[str, list[dict[str, Any]]] = document.get("tables", {})
    # One transaction: what the database held is replaced whole, or kept if any row is
    # refused. Append-only tables refuse DELETE by design, so their protection is lifted
    # inside it and put back before it commits.
    with database.engine.begin() as connection:
        protected = [t.name for t in metadata.sorted_tables if is_protected(connection, t.name)]
        for name in protected:
            unprotect_on(connection, name)
        for table in reversed(_data_tables()):
            connection.execute(delete(table))
        for table in _data_tables():
            rows = tables.get(table.name, [])
            if not rows:
                continue
            decoders = _decoder(table)
            decoded = _parents_first(
                table,
                [
                    {
                        k: (decoders[k](v) if k in decoders and v is not None else v)
                        for k, v in r.items()
                    }
                    for r in rows
                ],
            )
            try:
                for start in range(0, len(decoded), 5000):
                    connection.execute(insert(table), decoded[start : start + 5000])
            except DBAPIError as error:
                raise _restore_problem(source, table, error) from None
            if connection.dialect.name == "postgresql" and "id" in table.columns:
                # Table names come from our own metadata, never from the file.
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                        f"(SELECT COALESCE(MAX(id), 1) FROM {table.name}))"
                    )
                )
        for name in protected:
            protect_on(connection, name)
