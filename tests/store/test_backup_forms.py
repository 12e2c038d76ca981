"""A backup says in which form it was written; without pg_dump a PostgreSQL backup is the
portable JSON (and restore reads it whatever the file is called); the portable form carries the
whole system from SQLite to PostgreSQL and back unchanged."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from joinedup.store import backup as backups
from joinedup.store.backup import backup, restore
from joinedup.store.database import Database


def _tables(path: Path) -> dict[str, object]:
    return dict(json.loads(path.read_text(encoding="utf-8"))["tables"])


def _empty_postgres(server: str) -> str:
    name = f"round_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return f"{server}/{name}"


def test_sqlite_to_postgresql_and_back_through_the_portable_form(
    database: Database, postgres_server_url: str, tmp_path: Path
) -> None:
    if database.engine.dialect.name != "sqlite":
        pytest.skip("starts from SQLite")
    first = tmp_path / "from-sqlite.json"
    assert backup(database, first) == "the portable JSON form"
    postgres = Database(_empty_postgres(postgres_server_url))
    back = Database(f"sqlite:///{tmp_path / 'back.db'}")
    try:
        restore(postgres, first)
        second = tmp_path / "from-postgresql.json"
        backup(postgres, second)
        restore(back, second)
        third = tmp_path / "back-in-sqlite.json"
        backup(back, third)
    finally:
        postgres.dispose()
        back.dispose()
    assert _tables(second) == _tables(first)
    assert _tables(third) == _tables(first)


def test_without_pg_dump_postgresql_is_backed_up_in_the_portable_form(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backups, "_find_pg_tool", lambda name: None)
    target = tmp_path / "nightly.backup"
    form = backup(database, target)
    if database.engine.dialect.name == "postgresql":
        assert form.startswith("the portable JSON form (pg_dump is not installed")
        assert target.read_bytes().startswith(b"{")
        restore(database, target, force=True)  # read as JSON, whatever the name
    else:
        assert form == "a SQLite database file"
