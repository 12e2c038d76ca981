"""What every capability's command line shares: the database, progress, errors.

Cheap to import: the database layer is imported when a command first needs it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from joinedup.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from joinedup.store.database import Database

console = Console()
err_console = Console(stderr=True)


def database(*, create: bool = False) -> Database:
    """The configured database. Only ``db upgrade`` and ``restore`` (and the demo, on its own
    file) may ``create`` one: any other command refuses, naming the database it would have used,
    rather than leave an empty database where a mistyped setting pointed."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import DBAPIError

    from joinedup.settings import get_settings, mask_url_password
    from joinedup.store.database import Database

    url = get_settings().database_url
    shown = mask_url_password(url)
    file = make_url(url).database if url.startswith("sqlite") else None
    if create:
        return Database(url)
    if not (file and file != ":memory:" and not Path(file).exists()):
        db = Database(url)
        try:
            if not db.is_empty():
                return db
        except DBAPIError as error:
            db.dispose()
            reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
            raise NotFound(f"Cannot open the database at {shown}: {reason}") from None
        db.dispose()
    raise NotFound(
        f"There is no Joined Up database at {shown} (JOINEDUP_DATABASE_URL). Create it with "
        "`joinedup db upgrade`, or restore a backup with `joinedup restore`."
    )


@contextmanager
def cli_session() -> Iterator[Session]:
    """A session on the configured database (which must exist), brought up to date first."""
    db = database()
    try:
        db.upgrade()
        with db.session() as session:
            yield session
    finally:
        db.dispose()


def read_text_file(file: Path) -> str:
    """A text file a command was given (UTF-8, a byte order mark allowed); a file that cannot be
    read, or is not text, is refused in one line naming it."""
    try:
        return file.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise InvalidInput.of("file", f"{file}: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise InvalidInput.of(
            "file",
            f"{file}: not UTF-8 text (byte 0x{error.object[error.start]:02X} at position "
            f"{error.start + 1:,}); save it as CSV UTF-8 or plain UTF-8 text",
        ) from None


def fail(message: str, code: int = 1) -> typer.Exit:
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False)
    return typer.Exit(code)
