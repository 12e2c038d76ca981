"""What every capability's command line shares: the database, progress, errors.

Cheap to import: the database layer is imported when a command first needs it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer
from rich.console import Console

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from joinedup.store.database import Database

console = Console()
err_console = Console(stderr=True)


def database() -> Database:
    from joinedup.settings import get_settings
    from joinedup.store.database import Database

    return Database(get_settings().database_url)


@contextmanager
def cli_session() -> Iterator[Session]:
    """A session on the configured database, brought up to date first."""
    db = database()
    try:
        db.upgrade()
        with db.session() as session:
            yield session
    finally:
        db.dispose()


def fail(message: str, code: int = 1) -> typer.Exit:
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False)
    return typer.Exit(code)
