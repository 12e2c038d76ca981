"""Counting the SQL statements a page or a builder runs, to prove reads do not grow with data."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, event


@dataclass
class Statements:
    sql: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.sql)


@contextmanager
def counting(engine: Engine) -> Iterator[Statements]:
    """Every statement ``engine`` runs inside the block (savepoints and pragmas excluded)."""
    seen = Statements()

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        head = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
        if head not in ("SAVEPOINT", "RELEASE", "ROLLBACK", "PRAGMA"):
            seen.sql.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
