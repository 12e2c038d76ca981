"""The whole system as one JSON document, portable between SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, LargeBinary, insert, select, text
from sqlalchemy.sql.schema import Table

from joinedup.errors import InvalidInput
from joinedup.store import migrate
from joinedup.store.database import Database
from joinedup.store.registry import metadata

FORMAT = "joinedup-export"
VERSION = 1


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):  # stored documents (a report's rendered PDF)
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def export_json(database: Database, target: Path) -> None:
    tables: dict[str, list[dict[str, Any]]] = {}
    with database.engine.connect() as connection:
        for table in metadata.sorted_tables:
            rows = connection.execute(select(table)).mappings()
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
    # Start from an empty schema: append-only tables refuse DELETE, by design.
    migrate.downgrade(database.engine, "base")
    database.upgrade()
    tables: dict[str, list[dict[str, Any]]] = document.get("tables", {})
    with database.engine.begin() as connection:
        for table in metadata.sorted_tables:
            rows = tables.get(table.name, [])
            if not rows:
                continue
            decoders = _decoder(table)
            decoded = [
                {
                    k: (decoders[k](v) if k in decoders and v is not None else v)
                    for k, v in r.items()
                }
                for r in rows
            ]
            for start in range(0, len(decoded), 5000):
                connection.execute(insert(table), decoded[start : start + 5000])
            if connection.dialect.name == "postgresql" and "id" in table.columns:
                # Table names come from our own metadata, never from the file.
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                        f"(SELECT COALESCE(MAX(id), 1) FROM {table.name}))"
                    )
                )
