"""Database triggers that refuse UPDATE and DELETE on append-only tables (journals, audit).

Used from migrations: the guarantee that history is never rewritten holds even for code that
bypasses the services.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Connection, text


def protect(table: str) -> None:
    protect_on(op.get_bind(), table)


def unprotect(table: str) -> None:
    unprotect_on(op.get_bind(), table)


def is_protected(connection: Connection, table: str) -> bool:
    if connection.dialect.name == "sqlite":
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = :name"
        name = f"{table}_append_only_update"
    else:
        sql, name = "SELECT 1 FROM pg_trigger WHERE tgname = :name", f"{table}_append_only"
    return connection.execute(text(sql), {"name": name}).first() is not None


def protect_on(connection: Connection, table: str) -> None:
    """Protect ``table`` on this connection (in its transaction: restoring a backup replaces
    history, as one unit of work, and protects it again before committing)."""
    dialect = connection.dialect.name
    execute = connection.exec_driver_sql
    if dialect == "sqlite":
        for event in ("UPDATE", "DELETE"):
            execute(
                f"CREATE TRIGGER {table}_append_only_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    elif dialect == "postgresql":
        execute(
            f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{table} is append-only'; END $$"
        )
        execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
        )


def unprotect_on(connection: Connection, table: str) -> None:
    dialect = connection.dialect.name
    execute = connection.exec_driver_sql
    if dialect == "sqlite":
        for event in ("update", "delete"):
            execute(f"DROP TRIGGER IF EXISTS {table}_append_only_{event}")
    elif dialect == "postgresql":
        execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        execute(f"DROP FUNCTION IF EXISTS {table}_append_only()")
