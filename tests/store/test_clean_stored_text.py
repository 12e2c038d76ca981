"""Text stored before the door checked it loses its control characters when the database is
upgraded: in ordinary and append-only tables, in text and in JSON; history stays protected."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from joinedup.store import migrate
from joinedup.store.database import Database

DIRTY = "Slipped\x0b because of\x07 the\x1b winter\r\nnext\tline\x7f"
CLEAN = "Slipped because of the winter\nnext\tline"


def _one(database: Database, sql: str) -> object:
    with database.engine.connect() as connection:
        return connection.execute(text(sql)).scalar_one()


def _rows(database: Database, sql: str) -> list[tuple[object, ...]]:
    with database.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def test_the_upgrade_strips_control_characters_from_every_table(database: Database) -> None:
    while "store_" in migrate.current_revision(database.engine):  # to before the cleaning
        migrate.downgrade(database.engine, "store@-1")
    history = _rows(database, "SELECT id, note, after FROM audit_events ORDER BY id")
    with database.engine.begin() as connection:
        connection.execute(
            text("UPDATE systems SET partners = :p WHERE area_code = 'E10000025'"), {"p": DIRTY}
        )
        connection.execute(
            text(
                "INSERT INTO audit_events (at, actor, action, entity_type, entity_id, after, note)"
                " VALUES (CURRENT_TIMESTAMP, 'a', 'x.y', 'system', '1', :after, :note)"
            ),
            {"after": json.dumps({"partners": DIRTY, "list": [DIRTY, 1]}), "note": DIRTY},
        )
    migrate.upgrade(database.engine)

    assert _one(database, "SELECT partners FROM systems WHERE area_code = 'E10000025'") == CLEAN
    assert _one(database, "SELECT note FROM audit_events WHERE action = 'x.y'") == CLEAN
    after = _one(database, "SELECT after FROM audit_events WHERE action = 'x.y'")
    after = json.loads(after) if isinstance(after, str) else after
    assert after == {"partners": CLEAN, "list": [CLEAN, 1]}
    # Text that was clean is as it was, and history is protected again.
    assert _rows(database, "SELECT id, note, after FROM audit_events ORDER BY id")[:-1] == history
    with pytest.raises(DBAPIError, match="append-only"), database.engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET note = 'rewritten'"))
    assert database.is_current()
