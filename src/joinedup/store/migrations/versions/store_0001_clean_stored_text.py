"""store: text already stored loses the control characters the door now refuses

Revision ID: store_0001
Revises: 0001

Every text and JSON column of every table there is is read (it needs no other revision first: a
table created after this one starts empty, or from text already cleaned); control characters other than tab and new
line are removed and carriage returns become new lines, as the shared field types do for new
input. Append-only tables (journals, audit, frozen reports) are unprotected for the cleaning
only and protected again in the same transaction. Nothing else changes. The downgrade leaves
the text clean: the characters removed cannot be put back, and nothing needs them.
"""

from __future__ import annotations

import json
import re
from typing import Any

import sqlalchemy as sa
from alembic import op

from joinedup.store.append_only import protect, unprotect

revision = "store_0001"
down_revision = "0001"
branch_labels = ("store",)
depends_on = None

# Frozen here (not imported) so that the migration means the same whatever the code becomes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_UNCLEAN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # \r too: it becomes \n
_POSTGRES_UNCLEAN = r"[\x01-\x08\x0b-\x1f\x7f-\x9f]"  # PostgreSQL text cannot hold NUL


def clean(text: str) -> str:
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _clean_json(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_clean_json(item) for item in value]
    if isinstance(value, dict):
        return {clean(key): _clean_json(item) for key, item in value.items()}
    return value


def _is_protected(connection: sa.Connection, table: str) -> bool:
    if connection.dialect.name == "sqlite":
        found = connection.execute(
            sa.text("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
            {"name": f"{table}_append_only_update"},
        )
    else:
        found = connection.execute(
            sa.text("SELECT 1 FROM pg_trigger WHERE tgname = :name"),
            {"name": f"{table}_append_only"},
        )
    return found.first() is not None


def _unclean(connection: sa.Connection, column: sa.ColumnElement[Any]) -> sa.ColumnElement[bool]:
    """Rows worth reading: the database finds them (a regular expression on PostgreSQL, a
    function registered on this connection on SQLite)."""
    if connection.dialect.name == "postgresql":
        return column.op("~")(sa.literal(_POSTGRES_UNCLEAN))
    return sa.func.joinedup_unclean(column) == 1


def _text_changes(
    connection: sa.Connection, table: sa.TableClause, keys: list[sa.ColumnClause[Any]], name: str
) -> list[tuple[dict[str, Any], Any]]:
    column = table.c[name]
    rows = connection.execute(sa.select(*keys, column).where(_unclean(connection, column)))
    return [({k.name: row[i] for i, k in enumerate(keys)}, clean(row[-1])) for row in rows]


def _json_changes(
    connection: sa.Connection, table: sa.TableClause, keys: list[sa.ColumnClause[Any]], name: str
) -> list[tuple[dict[str, Any], Any]]:
    text_form = sa.cast(table.c[name], sa.Text)  # as stored: a JSON string stays a string
    rows = connection.execute(sa.select(*keys, text_form).where(table.c[name].is_not(None)))
    changes = []
    for row in rows:
        value = json.loads(row[-1])
        cleaned = _clean_json(value)
        if cleaned != value:
            changes.append(({k.name: row[i] for i, k in enumerate(keys)}, cleaned))
    return changes


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        raw = connection.connection.dbapi_connection
        assert raw is not None
        raw.create_function(
            "joinedup_unclean",
            1,
            lambda text: int(isinstance(text, str) and _UNCLEAN.search(text) is not None),
            deterministic=True,
        )
    inspector = sa.inspect(connection)
    for name in inspector.get_table_names():
        if name == "alembic_version":
            continue
        columns = inspector.get_columns(name)
        key_names = inspector.get_pk_constraint(name)["constrained_columns"]
        if not key_names:
            continue
        table = sa.table(name, *(sa.column(c["name"], c["type"]) for c in columns))
        keys = [table.c[k] for k in key_names]
        changes: list[tuple[str, dict[str, Any], Any]] = []
        for column in columns:
            kind = column["type"]
            if isinstance(kind, sa.JSON):
                found = _json_changes(connection, table, keys, column["name"])
            elif isinstance(kind, sa.String):
                found = _text_changes(connection, table, keys, column["name"])
            else:
                continue
            changes += [(column["name"], key, value) for key, value in found]
        if not changes:
            continue
        protected = _is_protected(connection, name)
        if protected:
            unprotect(name)
        for column_name, key, value in changes:
            condition = sa.and_(*(table.c[k] == v for k, v in key.items()))
            connection.execute(table.update().where(condition).values({column_name: value}))
        if protected:
            protect(name)


def downgrade() -> None:
    pass
