"""Reporting periods, checked against the calendar by hand."""

from __future__ import annotations

from datetime import date

import pytest

from joinedup.errors import InvalidInput
from joinedup.metrics.periods import Period, PeriodKind, parse_month, periods_between


def test_months_include_a_leap_february() -> None:
    months = periods_between(PeriodKind.MONTH, date(2024, 1, 1), date(2024, 3, 1))
    assert months == [
        Period(date(2024, 1, 1), date(2024, 1, 31)),
        Period(date(2024, 2, 1), date(2024, 2, 29)),
        Period(date(2024, 3, 1), date(2024, 3, 31)),
    ]
    assert [p.days for p in months] == [31, 29, 31]
    assert periods_between(PeriodKind.MONTH, date(2023, 2, 1), date(2023, 2, 1))[0].days == 28


def test_quarters_are_calendar_quarters_and_only_whole_ones() -> None:
    # February 2019 to December 2019: Q1 is incomplete, so Q2, Q3 and Q4 only.
    quarters = periods_between(PeriodKind.QUARTER, date(2019, 2, 1), date(2019, 12, 1))
    assert [(p.start, p.end) for p in quarters] == [
        (date(2019, 4, 1), date(2019, 6, 30)),
        (date(2019, 7, 1), date(2019, 9, 30)),
        (date(2019, 10, 1), date(2019, 12, 31)),
    ]
    assert quarters[0].days == 91


def test_financial_years_run_april_to_march() -> None:
    # January 2019 to March 2021 holds FY 2019/20 and FY 2020/21 whole; 2018/19 is partial.
    years = periods_between(PeriodKind.FINANCIAL_YEAR, date(2019, 1, 1), date(2021, 3, 1))
    assert [(p.start, p.end) for p in years] == [
        (date(2019, 4, 1), date(2020, 3, 31)),
        (date(2020, 4, 1), date(2021, 3, 31)),
    ]
    # 2019/20 holds 29 February 2020: 366 days; 2020/21 has 365.
    assert [p.days for p in years] == [366, 365]
    # Ending in February 2021, FY 2020/21 is not whole yet.
    assert len(periods_between(PeriodKind.FINANCIAL_YEAR, date(2019, 4, 1), date(2021, 2, 1))) == 1


def test_rolling_windows_end_each_month_once_12_months_are_covered() -> None:
    windows = periods_between(PeriodKind.ROLLING12, date(2019, 1, 1), date(2020, 3, 1))
    # 15 months of data: windows end December 2019, January, February and March 2020.
    assert [(p.start, p.end) for p in windows] == [
        (date(2019, 1, 1), date(2019, 12, 31)),
        (date(2019, 2, 1), date(2020, 1, 31)),
        (date(2019, 3, 1), date(2020, 2, 29)),
        (date(2019, 4, 1), date(2020, 3, 31)),
    ]
    assert all(len(w.months) == 12 for w in windows)
    assert windows[2].days == 366


def test_36_months_give_36_months_and_25_rolling_windows() -> None:
    first, last = date(2017, 4, 1), date(2020, 3, 1)
    assert len(periods_between(PeriodKind.MONTH, first, last)) == 36
    assert len(periods_between(PeriodKind.ROLLING12, first, last)) == 25
    assert len(periods_between(PeriodKind.QUARTER, first, last)) == 12
    assert len(periods_between(PeriodKind.FINANCIAL_YEAR, first, last)) == 3


def test_months_are_written_yyyy_mm() -> None:
    assert parse_month("2019-04") == date(2019, 4, 1)
    with pytest.raises(InvalidInput) as refused:
        parse_month("2019-13", option="--from")
    assert refused.value.problems["--from"].startswith("'2019-13' is not a month")
    with pytest.raises(InvalidInput, match="YYYY-MM"):
        parse_month("April 2019")


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidInput, match="before"):
        periods_between(PeriodKind.MONTH, date(2020, 1, 1), date(2019, 1, 1))
