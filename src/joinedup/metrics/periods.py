"""Reporting periods: calendar months, quarters, UK financial years and rolling 12 months.

A period is a run of whole calendar months, first day to last day inclusive. The periods of a
range are those lying wholly inside it, so a partial quarter or year is never reported as if it
were complete; a rolling 12-month window is reported for each month that ends 12 months of data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from joinedup.errors import InvalidInput

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    FINANCIAL_YEAR = "financial_year"
    ROLLING12 = "rolling12"


@dataclass(frozen=True, order=True)
class Period:
    """Whole months from ``start`` (a first of the month) to ``end`` (a last of the month)."""

    start: date
    end: date

    @property
    def months(self) -> list[date]:
        """The first day of each month in the period."""
        return month_range(self.start, first_of_month(self.end))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        return (
            f"{self.start:%Y-%m} to {self.end:%Y-%m}"
            if len(self.months) > 1
            else f"{self.start:%Y-%m}"
        )


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    """The first of the month ``count`` months after ``month`` (before, when negative)."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def last_day(month: date) -> date:
    return add_months(first_of_month(month), 1) - timedelta(days=1)


def month_range(first: date, last: date) -> list[date]:
    """First days of the months from ``first`` to ``last`` inclusive."""
    months: list[date] = []
    current = first_of_month(first)
    while current <= last:
        months.append(current)
        current = add_months(current, 1)
    return months


def parse_month(text: str, *, option: str = "month") -> date:
    """``YYYY-MM`` to the first day of that month; anything else is refused with its value."""
    match = _MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
        raise InvalidInput.of(option, f"{text!r} is not a month written YYYY-MM (e.g. 2019-04)")
    return date(int(match.group(1)), int(match.group(2)), 1)


def _block(month: date, kind: PeriodKind) -> date:
    """The first month of the quarter or financial year holding ``month``."""
    if kind is PeriodKind.QUARTER:
        return date(month.year, (month.month - 1) // 3 * 3 + 1, 1)
    return date(month.year if month.month >= 4 else month.year - 1, 4, 1)


def periods_between(kind: PeriodKind, first: date, last: date) -> list[Period]:
    """Every period of ``kind`` lying wholly within the months ``first`` to ``last``."""
    first, last = first_of_month(first), first_of_month(last)
    if last < first:
        raise InvalidInput.of("--to", f"{last:%Y-%m} is before --from {first:%Y-%m}")
    months = month_range(first, last)
    if kind is PeriodKind.MONTH:
        return [Period(m, last_day(m)) for m in months]
    if kind is PeriodKind.ROLLING12:
        return [
            Period(add_months(m, -11), last_day(m)) for m in months if add_months(m, -11) >= first
        ]
    length = 3 if kind is PeriodKind.QUARTER else 12
    found: list[Period] = []
    for month in months:
        start = _block(month, kind)
        end_month = add_months(start, length - 1)
        if start == month and end_month <= last:
            found.append(Period(start, last_day(end_month)))
    return found
