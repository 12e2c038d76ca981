"""The basis a target applies to, and the period every KPI figure is for.

A target is written for one kind of period: "24,550 or fewer" emergency admissions of people
aged 65+ per 100,000 is a rate for a year, not a month. A figure on another basis (a month's 71
per 100,000) cannot be judged against it: it is shown "not comparable with the target", never
met or not met. Every figure carries its period ("Apr-19", "May-18 to Apr-19").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from joinedup.periods import period_end


class Basis(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    FINANCIAL_YEAR = "financial_year"
    FINANCIAL_YEAR_TO_DATE = "financial_year_to_date"
    ROLLING12 = "rolling12"


BASIS_WORDS: dict[Basis, str] = {
    Basis.MONTH: "a month",
    Basis.QUARTER: "a quarter",
    Basis.FINANCIAL_YEAR: "a financial year",
    Basis.FINANCIAL_YEAR_TO_DATE: "the financial year to date",
    Basis.ROLLING12: "a rolling 12 months",
}
BASIS_LABELS: dict[Basis, str] = {
    Basis.MONTH: "Month",
    Basis.QUARTER: "Quarter",
    Basis.FINANCIAL_YEAR: "Financial year",
    Basis.FINANCIAL_YEAR_TO_DATE: "Financial year to date",
    Basis.ROLLING12: "Rolling 12 months",
}
DEFAULT_LAG = 3  # months a figure may trail the date it is read at before it is out of date
MAX_LAG = 36


def months_apart(earlier: date, later: date) -> int:
    """Whole calendar months from ``earlier``'s month to ``later``'s (negative if before)."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def on_basis(basis: Basis, start: date, months: int) -> bool:
    """Whether the period of ``months`` months from ``start`` is one of ``basis``'s periods."""
    if start.day != 1:
        return False
    if basis is Basis.MONTH:
        return months == 1
    if basis is Basis.QUARTER:
        return months == 3 and start.month in (1, 4, 7, 10)
    if basis is Basis.FINANCIAL_YEAR:
        return months == 12 and start.month == 4
    if basis is Basis.ROLLING12:
        return months == 12
    return start.month == 4 and 1 <= months <= 12  # the year to date starts in April


def basis_of_length(months: int) -> Basis:
    """The basis a stored length is read on when nothing else says (a year: rolling)."""
    return {1: Basis.MONTH, 3: Basis.QUARTER}.get(months, Basis.ROLLING12)


@dataclass(frozen=True)
class Figure:
    """A KPI's value for one period: its first day, its length in months, the value."""

    start: date
    months: int
    value: float

    @property
    def end(self) -> date:
        return period_end(self.start, self.months) if self.start.day == 1 else self.start

    @property
    def month(self) -> date:
        """The first day of the period's last month: the month the figure is "for"."""
        return self.end.replace(day=1)

    @property
    def label(self) -> str:
        """The period as a board paper heads it: "Apr-19", "May-18 to Apr-19", "2018-19"."""
        if self.start.day != 1:
            return f"{self.start.day} {self.start:%b-%y}"
        if self.months == 1:
            return f"{self.start:%b-%y}"
        if self.months == 12 and self.start.month == 4:
            return f"{self.start.year}-{self.end:%y}"
        return f"{self.start:%b-%y} to {self.end:%b-%y}"

    @property
    def month_label(self) -> str:
        """The month the figure is for ("Apr-19"), the column heading of seed 003's table."""
        return f"{self.month:%b-%y}"

    def out_of_date(self, as_of: date, lag_months: int) -> bool:
        """Older than expected when read on ``as_of``: more than ``lag_months`` whole months
        from the month it is for to the month of ``as_of``."""
        return months_apart(self.month, as_of) > lag_months
