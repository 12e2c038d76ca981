"""How a reporting period is named on screen, in files and in reports: one home for every
capability (a period is its first day and its length in whole months)."""

from __future__ import annotations

from datetime import date, timedelta


def long_date(day: date) -> str:
    """A day as GOV.UK and board papers write it: 1 December 2026."""
    return f"{day.day} {day:%B %Y}"


def period_end(start: date, months: int) -> date:
    """The last day of the period of ``months`` months starting on ``start`` (a first day)."""
    following = start.year * 12 + start.month - 1 + months
    return date(following // 12, following % 12 + 1, 1) - timedelta(days=1)


def period_label(start: date, months: int) -> str:
    """In words: "April 2019", "April to June 2019", "April 2019 to March 2020 (financial year
    2019-20)", "July 2019 to June 2020"."""
    end = period_end(start, months)
    if months == 1:
        return f"{start:%B %Y}"
    if start.year == end.year:
        return f"{start:%B} to {end:%B %Y}"
    if months == 12 and start.month == 4:
        return f"{start:%B %Y} to {end:%B %Y} (financial year {start.year}-{end:%y})"
    return f"{start:%B %Y} to {end:%B %Y}"


def point_label(day: date, monthly: bool) -> str:
    """One point of a series, shortly: "Apr 2020" in a monthly series, else "3 Apr 2020"."""
    return f"{day:%b %Y}" if monthly else f"{day.day} {day:%b %Y}"
