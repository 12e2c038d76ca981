"""What every capability's command line shares: the database, progress, errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from sqlalchemy.orm import Session

from joinedup.settings import get_settings
from joinedup.store.database import Database

console = Console()
err_console = Console(stderr=True)


def database() -> Database:
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
