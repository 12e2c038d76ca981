"""The schema goes from empty to head and back on both databases, and matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from joinedup.store import migrate
from joinedup.store.database import Database
from joinedup.store.registry import metadata


def test_upgrade_to_head_and_back_to_empty(empty_database: Database) -> None:
    engine = empty_database.engine
    migrate.upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"users", "memberships", "systems", "areas", "audit_events"} <= tables
    assert migrate.current_revision(engine) == migrate.head_revision(engine)
    migrate.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine)  # and up again: downgrades leave nothing behind
    assert empty_database.is_current()


def test_migrations_match_the_models(empty_database: Database) -> None:
    empty_database.upgrade()
    with empty_database.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path) -> None:  # type: ignore[no-untyped-def]
    database = Database(f"sqlite:///{tmp_path / 'x.db'}")
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    database.dispose()
