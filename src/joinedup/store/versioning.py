"""Versioned rows: a stale save is refused by the database itself, whatever the interleaving.

Every versioned table maps its ``version`` column as SQLAlchemy's ``version_id_col`` with the
generator switched off (``VERSIONED``). A use case that changes such a row first calls
:func:`expect_version` with the version the editor loaded. That pins the version the ORM believes
the row has to the editor's, and sets the next one, so the flush issues

    UPDATE t SET ..., version = :loaded + 1 WHERE t.id = :id AND t.version = :loaded

and SQLAlchemy raises ``StaleDataError`` when no row matched. :func:`flush_versioned` turns that
into :class:`~joinedup.errors.StaleEdit` with what the row holds now. The comparison in Python
before it only answers sooner; the guarantee is the ``WHERE`` clause, checked by the database
under its own row lock (PostgreSQL) or write lock (SQLite). Journal and audit rows are written
in the same transaction, so a refused save leaves neither behind.

Numbers that must be unique within a parent (action references, report numbers) are allocated
after :func:`claim`, which takes the parent row's write lock for the rest of the transaction, and
are guarded by a unique constraint as well.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from joinedup.errors import StaleEdit

# mapper arguments of a versioned table: ``__mapper_args__ = versioned(version)``


def versioned(version_column: Any) -> dict[str, Any]:
    """The mapper arguments that make ``version_column`` checked by every UPDATE."""
    return {"version_id_col": version_column, "version_id_generator": False}


class HasVersion(Protocol):
    version: int


def expect_version(row: HasVersion, loaded: int, *, stale: Callable[[], StaleEdit]) -> None:
    """Make the next flush of ``row`` succeed only if the database still holds ``loaded``.

    ``stale`` builds the error (with the current values) when it does not."""
    if row.version != loaded:
        raise stale()
    set_committed_value(row, "version", loaded)
    row.version = loaded + 1


def flush_versioned(session: Session, *, stale: Callable[[], StaleEdit]) -> None:
    """Flush now; a versioned UPDATE that matched no row becomes ``stale()``.

    The transaction is rolled back first, so ``stale`` reads what the winner saved."""
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        raise stale() from None


def claim(session: Session, table: Any, row_id: int) -> None:
    """Hold ``table``'s row ``row_id`` for writing until the transaction ends.

    A no-op UPDATE takes the row lock on PostgreSQL and the database write lock on SQLite, so
    whoever claims second waits, then reads what the first committed."""
    session.execute(update(table).where(table.c.id == row_id).values(id=table.c.id))
