"""Backups: a consistent online copy (SQLite), a logical dump (PostgreSQL), or portable JSON.

A backup is written to a temporary file beside the target and moved into place only when
complete, so a failed backup (a full disk, say) leaves the previous one intact.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import delete, func, inspect, select
from sqlalchemy.engine import make_url

from joinedup.errors import InvalidInput
from joinedup.files import replacing
from joinedup.store import presence
from joinedup.store.database import Database
from joinedup.store.portable import export_json, import_json
from joinedup.store.registry import metadata


class BackupFailed(InvalidInput):
    pass


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """A temporary path that replaces ``target`` only if the block succeeds (its folder made
    first, as a backup's place may be new)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InvalidInput.of(
            "file", f"Cannot write {target}: {error.strerror or error} (check the folder)"
        ) from None
    with replacing(target, field="file") as temporary:
        yield temporary


def _find_pg_tool(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _pg_tool(name: str) -> str:
    tool = _find_pg_tool(name)
    if not tool:
        raise BackupFailed(f"{name} is not installed (Debian package postgresql-client)")
    return tool


def _libpq(url: str) -> tuple[list[str], dict[str, str]]:
    parsed = make_url(url)
    args = ["-h", parsed.host or "localhost", "-p", str(parsed.port or 5432)]
    if parsed.username:
        args += ["-U", parsed.username]
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    return [*args, "-d", parsed.database or ""], env


def backup(database: Database, target: Path) -> str:
    """Write a backup of the whole application database to ``target``; says in which form.

    ``.json`` gives the portable whole-system export; otherwise SQLite's online backup or
    ``pg_dump --format=custom`` (the portable JSON when pg_dump is not installed: restore
    reads either, whatever the file is called).
    """
    postgres = database.engine.dialect.name == "postgresql"
    if target.suffix.lower() == ".json" or (postgres and _find_pg_tool("pg_dump") is None):
        form = "the portable JSON form"
        if target.suffix.lower() != ".json":
            form += " (pg_dump is not installed: install postgresql-client for a native dump)"
    else:
        form = "pg_dump's custom format" if postgres else "a SQLite database file"
    with atomic_target(target) as temporary:
        if form.startswith("the portable JSON"):
            export_json(database, temporary)
        elif database.engine.dialect.name == "sqlite":
            source_path = make_url(database.url).database or ""
            source = sqlite3.connect(source_path)
            copy = sqlite3.connect(temporary)
            try:
                source.backup(copy)  # consistent even while the app is writing
            finally:
                copy.close()
                source.close()
        else:
            args, env = _libpq(database.url)
            done = subprocess.run(
                [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "-f", str(temporary), *args],
                env=env,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                raise BackupFailed(f"pg_dump failed: {done.stderr.strip()}")
    return form


def _is_json(source: Path) -> bool:
    with open(source, "rb") as handle:
        return handle.read(1) == b"{"


def is_empty(database: Database) -> bool:
    """True when no table of the application holds a row (a fresh or new database)."""
    present = set(inspect(database.engine).get_table_names())
    with database.engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table.name in present and table.name not in presence.TRANSIENT_TABLES:
                count = connection.execute(select(func.count()).select_from(table)).scalar()
                if count:
                    return False
    return True


def _check_sqlite_backup(source: Path) -> None:
    """Refuse a damaged or truncated backup before anything of the database is touched."""
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as check:
            verdict = check.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as error:
        verdict = (str(error),)
    if not verdict or verdict[0] != "ok":
        raise InvalidInput.of(
            "file",
            f"The backup {source} is damaged or incomplete "
            f"({verdict[0] if verdict else 'unreadable'}); nothing was restored",
        )


def _in_use(database: Database) -> bool | None:
    """Refuse while a server is using the database, unless it is in maintenance; the
    maintenance state to keep after the restore (None for a database without the tables)."""
    if "server_presence" not in inspect(database.engine).get_table_names():
        return None
    with database.session() as session:
        servers = presence.live_servers(session)
        in_maintenance = presence.maintenance(session) is not None
        if servers and not in_maintenance:
            named = ", ".join(f"process {s.pid} on {s.host}" for s in servers)
            raise InvalidInput(
                f"A server is using this database ({named}, seen in the last "
                f"{presence.STALE_AFTER.seconds} seconds): restoring now would undo writes it "
                "has acknowledged. Stop it, or put the database in maintenance first "
                "(`joinedup db maintenance on`), then restore."
            )
    return in_maintenance


def _keep_transient(database: Database, in_maintenance: bool | None) -> None:
    """After a restore: no server rows from the backup's time; maintenance as it was."""
    if in_maintenance is None:
        return
    database.upgrade()
    with database.session() as session:
        session.execute(delete(presence.ServerPresence))
        session.execute(delete(presence.Maintenance))
        session.flush()
        presence.set_maintenance(session, on=in_maintenance, reason="restore")


def restore(database: Database, source: Path, *, force: bool = False) -> None:
    """Replace the database's content with a backup; refuses a non-empty one unless forced,
    and refuses while a server is using it unless it is in maintenance."""
    if not source.is_file():
        raise InvalidInput(f"{source}: no such backup file", field="file")
    in_maintenance = _in_use(database)
    _replace(database, source, force=force)
    _keep_transient(database, in_maintenance)


def _replace(database: Database, source: Path, *, force: bool) -> None:
    if not force and not is_empty(database):
        raise InvalidInput(
            f"the database at {make_url(database.url).render_as_string(hide_password=True)} "
            "is not empty: restoring would replace its content. Use --force to do so."
        )
    if source.suffix.lower() == ".json" or _is_json(source):
        import_json(database, source)
        return
    if database.engine.dialect.name == "sqlite":
        with open(source, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise InvalidInput(f"{source}: not a SQLite backup", field="file")
        _check_sqlite_backup(source)
        database.dispose()
        target = sqlite3.connect(make_url(database.url).database or "")
        backup_file = sqlite3.connect(source)
        try:
            backup_file.backup(target)
        finally:
            backup_file.close()
            target.close()
        return
    database.dispose()
    args, env = _libpq(database.url)
    done = subprocess.run(
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            str(source),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise BackupFailed(f"pg_restore failed: {done.stderr.strip()}")
