"""`joinedup db ...`: the application database's schema."""

from __future__ import annotations

import typer

from joinedup.cli_support import console, database
from joinedup.settings import mask_url_password
from joinedup.store import migrate

app = typer.Typer(help="The application database.", no_args_is_help=True)


@app.command("upgrade")
def upgrade() -> None:
    """Bring the database schema up to date (safe to run at any time)."""
    db = database()
    db.upgrade()
    console.print(
        f"{mask_url_password(db.url)} is at revision {migrate.current_revision(db.engine)}"
    )
    db.dispose()


@app.command("current")
def current() -> None:
    """Show the schema revision of the database and the newest one available."""
    db = database()
    console.print(
        f"current: {migrate.current_revision(db.engine)}  head: {migrate.head_revision(db.engine)}"
    )
    db.dispose()
