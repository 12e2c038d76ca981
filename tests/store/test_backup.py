"""Backups and restores round-trip on both databases; a failed backup keeps the previous one."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from joinedup.access import service as access
from joinedup.access.models import AuditEvent, User
from joinedup.access.rules import OPERATOR
from joinedup.errors import InvalidInput
from joinedup.metrics.models import IndicatorValue
from joinedup.store.backup import backup, is_empty, restore
from joinedup.store.database import Database


def _counts(database: Database) -> tuple[int, int, int]:
    with database.session() as session:
        return (
            session.scalar(select(func.count(User.id))) or 0,
            session.scalar(select(func.count(AuditEvent.id))) or 0,
            session.scalar(select(func.count(IndicatorValue.id))) or 0,
        )


@pytest.mark.parametrize("suffix", ["native", "json"])
def test_backup_then_restore_into_an_empty_database(
    database: Database, empty_database: Database, tmp_path: Path, suffix: str
) -> None:
    before = _counts(database)
    target = tmp_path / ("joinedup.json" if suffix == "json" else "joinedup.backup")
    backup(database, target)
    if suffix == "native" and empty_database.engine.dialect.name == "postgresql":
        empty_database.upgrade()  # pg_restore --clean needs nothing; an empty schema is fine too
    restore(empty_database, target)
    assert _counts(empty_database) == before
    # The restored system works: people can still sign in with their passwords.
    with empty_database.session() as session:
        result = access.sign_in(
            session,
            email="admin@demo.joinedup.test",
            password="joined-up-demo",
            session_hours=1,
            max_failures=5,
            window_minutes=15,
        )
        assert result.principal.email == "admin@demo.joinedup.test"


def test_restore_refuses_a_database_that_holds_data(database: Database, tmp_path: Path) -> None:
    target = tmp_path / "joinedup.json"
    backup(database, target)
    assert not is_empty(database)
    with pytest.raises(InvalidInput, match=r"is not empty.*--force"):
        restore(database, target)


def test_forced_json_restore_replaces_the_content(database: Database, tmp_path: Path) -> None:
    target = tmp_path / "joinedup.json"
    backup(database, target)
    with database.session() as session:
        access.add_user(
            session,
            actor=OPERATOR,
            email="late@x.test",
            name="Late",
            role="analyst",
            area_code=None,
            password="a long enough passphrase",
        )
    restore(database, target, force=True)
    with database.session() as session:
        assert session.scalar(select(User).where(User.email == "late@x.test")) is None


def test_a_json_backup_moves_between_sqlite_and_postgresql(
    backend,
    database: Database,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """The portable export restores into the other kind of database."""
    target = tmp_path / "portable.json"
    backup(database, target)
    other = Database(f"sqlite:///{tmp_path / 'other.db'}")
    restore(other, target)
    assert _counts(other) == _counts(database)
    other.dispose()


def test_a_failed_backup_leaves_the_previous_backup_intact(
    database: Database, tmp_path: Path
) -> None:
    target = tmp_path / "nightly.backup"
    backup(database, target)
    previous = target.read_bytes()

    def small_disk() -> None:  # writes past 64 KiB fail, as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    code = (
        "import sys; from pathlib import Path; from joinedup.store.database import Database; "
        "from joinedup.store.backup import backup; backup(Database(sys.argv[1]), Path(sys.argv[2]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, database.url, str(target)],
        preexec_fn=small_disk,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert target.read_bytes() == previous
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
