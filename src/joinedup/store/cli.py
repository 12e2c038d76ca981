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
    heads = ", ".join(migrate.current_revision(db.engine).split(","))
    # One line whatever the terminal's width: scripts read it.
    console.print(f"{mask_url_password(db.url)} is at revision {heads}", soft_wrap=True)
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


@app.command("maintenance")
def maintenance(
    state: Annotated[str, typer.Argument(help="on or off")],
    reason: Annotated[str, typer.Option(help="Why (kept with the flag).")] = "",
) -> None:
    """Put the database in maintenance (servers refuse changes with 503) or take it out."""
    from joinedup.store import presence

    if state not in ("on", "off"):
        raise typer.BadParameter("say on or off", param_hint="STATE")
    db = database()
    try:
        db.upgrade()
        with db.session() as session:
            presence.set_maintenance(session, on=state == "on", reason=reason[:500])
            servers = len(presence.live_servers(session))
    finally:
        db.dispose()
    if state == "on":
        console.print(
            f"In maintenance: {servers} running server(s) refuse changes within "
            f"{presence.HEARTBEAT_SECONDS} seconds; `joinedup restore --force` may now run."
        )
    else:
        console.print("Out of maintenance: servers accept changes again.")


def backup(
    file: Annotated[Path, typer.Argument(help="Where to write: .json for a portable export.")],
) -> None:
    """Back up the whole database (consistent while the app runs); a failure keeps the old file."""
    from joinedup.store import backup as backups

    db = database()
    try:
        form = backups.backup(db, file)
    finally:
        db.dispose()
    console.print(f"Backed up to {file} ({file.stat().st_size:,} bytes) in {form}")


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
