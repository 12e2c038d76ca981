"""A small expression language for indicator filters, rendered by each engine's SQL dialect.

Indicators are declared once with these nodes; the two things DuckDB and Spark spell
differently (the ISO day of the week and the days between two dates) are nodes of their own,
so no engine can quietly number weekdays from Sunday.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class Dialect(Protocol):
    """What an engine supplies to turn expressions into its SQL."""

    name: str

    def iso_weekday(self, date_sql: str) -> str:
        """Monday = 1 ... Sunday = 7."""
        ...

    def days_between(self, start_sql: str, end_sql: str) -> str:
        """Whole days from ``start`` to ``end``."""
        ...

    def month_start(self, date_sql: str) -> str:
        """The first day of the date's month, as a DATE."""
        ...


class Expr:
    """Base of expression nodes; ``&`` and ``~`` build conjunctions and negations."""

    def sql(self, dialect: Dialect) -> str:
        raise NotImplementedError

    def columns(self) -> set[str]:
        """The columns the expression reads."""
        found: set[str] = set()
        for value in vars(self).values():
            parts = value if isinstance(value, tuple) else (value,)
            for part in parts:
                if isinstance(part, Expr):
                    found |= part.columns()
        return found

    def __and__(self, other: Expr) -> Expr:
        return And((self, other))

    def __invert__(self) -> Expr:
        return Not(self)


def _literal(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return repr(value)


@dataclass(frozen=True)
class Col(Expr):
    name: str

    def sql(self, dialect: Dialect) -> str:
        return self.name

    def columns(self) -> set[str]:
        return {self.name}

    def __ge__(self, other: int) -> Expr:
        return Compare(">=", self, Lit(other))

    def starts_with(self, prefix: str) -> Expr:
        return StartsWith(self, prefix)

    def differs_from(self, value: str) -> Expr:
        """True also when the column is empty: an unknown destination is not a death."""
        return DistinctFrom(self, value)

    def is_true(self) -> Expr:
        return IsTrue(self)

    def is_known(self) -> Expr:
        return NotNull(self)

    def is_missing(self) -> Expr:
        return Not(NotNull(self))

    def one_of(self, values: tuple[str | int | float, ...]) -> Expr:
        return OneOf(self, values)


@dataclass(frozen=True)
class Lit(Expr):
    value: str | int | float | bool

    def sql(self, dialect: Dialect) -> str:
        return _literal(self.value)


@dataclass(frozen=True)
class Compare(Expr):
    op: str
    left: Expr
    right: Expr

    def sql(self, dialect: Dialect) -> str:
        return f"({self.left.sql(dialect)} {self.op} {self.right.sql(dialect)})"


@dataclass(frozen=True)
class StartsWith(Expr):
    column: Expr
    prefix: str

    def sql(self, dialect: Dialect) -> str:
        return f"({self.column.sql(dialect)} LIKE {_literal(self.prefix + '%')})"


@dataclass(frozen=True)
class DistinctFrom(Expr):
    column: Expr
    value: str

    def sql(self, dialect: Dialect) -> str:
        return f"({self.column.sql(dialect)} IS DISTINCT FROM {_literal(self.value)})"


@dataclass(frozen=True)
class OneOf(Expr):
    column: Expr
    values: tuple[str | int | float, ...]

    def sql(self, dialect: Dialect) -> str:
        listed = ", ".join(_literal(v) for v in self.values)
        return f"({self.column.sql(dialect)} IN ({listed}))"


@dataclass(frozen=True)
class IsTrue(Expr):
    column: Expr

    def sql(self, dialect: Dialect) -> str:
        return f"({self.column.sql(dialect)} IS TRUE)"


@dataclass(frozen=True)
class NotNull(Expr):
    column: Expr

    def sql(self, dialect: Dialect) -> str:
        return f"({self.column.sql(dialect)} IS NOT NULL)"


@dataclass(frozen=True)
class And(Expr):
    items: tuple[Expr, ...]

    def sql(self, dialect: Dialect) -> str:
        return "(" + " AND ".join(item.sql(dialect) for item in self.items) + ")"


@dataclass(frozen=True)
class Not(Expr):
    item: Expr

    def sql(self, dialect: Dialect) -> str:
        return f"(NOT {self.item.sql(dialect)})"


@dataclass(frozen=True)
class Always(Expr):
    def sql(self, dialect: Dialect) -> str:
        return "TRUE"


@dataclass(frozen=True)
class IsoWeekday(Expr):
    """Monday = 1 ... Sunday = 7, whatever the engine's own numbering."""

    date: Expr

    def sql(self, dialect: Dialect) -> str:
        return dialect.iso_weekday(self.date.sql(dialect))

    def __ge__(self, other: int) -> Expr:
        return Compare(">=", self, Lit(other))


@dataclass(frozen=True)
class DaysBetween(Expr):
    start: Expr
    end: Expr

    def sql(self, dialect: Dialect) -> str:
        return dialect.days_between(self.start.sql(dialect), self.end.sql(dialect))
