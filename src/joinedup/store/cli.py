"""`joinedup db ...`: the application database's schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from joinedup.cli_support import console, database

app = typer.Typer(help="The application database.", no_args_is_help=True)


@app.command("upgrade")
def upgrade() -> None:
    """Bring the database schema up to date (safe to run at any time)."""
    from joinedup.settings import mask_url_password
    from joinedup.store import migrate

    db = database(create=True)
    db.upgrade()
    console.print(
        f"{mask_url_password(db.url)} is at revision {migrate.current_revision(db.engine)}"
    )
    db.dispose()


@app.command("current")
def current() -> None:
    """Show the schema revision of the database and the newest one available."""
    from joinedup.store import migrate

    db = database()
    console.print(
        f"current: {migrate.current_revision(db.engine)}  head: {migrate.head_revision(db.engine)}"
    )
    db.dispose()


def backup(
    file: Annotated[Path, typer.Argument(help="Where to write: .json for a portable export.")],
) -> None:
    """Back up the whole database (consistent while the app runs); a failure keeps the old file."""
    from joinedup.store import backup as backups

    db = database()
    try:
        backups.backup(db, file)
    finally:
        db.dispose()
    console.print(f"Backed up to {file} ({file.stat().st_size:,} bytes)")


def restore(
    file: Annotated[Path, typer.Argument(help="A file written by `joinedup backup`.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace the content of a database that is not empty.")
    ] = False,
) -> None:
    """Restore a backup; refuses to overwrite a database that holds data unless --force."""
    from joinedup.store import backup as backups

    db = database(create=True)
    try:
        backups.restore(db, file, force=force)
    finally:
        db.dispose()
    console.print(f"Restored from {file}")
