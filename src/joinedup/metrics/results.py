"""Indicator values with their intervals, from the engines' period totals.

This is the one place where values and confidence intervals are made, whichever engine
counted. Every area of the population table and England get a row for every indicator and
period; a value that cannot be defined (no denominator) is left blank, never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from joinedup.metrics.indicators import Indicator, IntervalMethod, Population, Statistic, Tally
from joinedup.metrics.periods import Period
from joinedup.metrics.statistics import (
    CONFIDENCE_LEVELS,
    Interval,
    proportion_interval,
    rate_interval,
)

ENGLAND = "E92000001"
SCHEMA = pa.schema(
    [
        ("area_code", pa.string()),
        ("indicator", pa.string()),
        ("period_start", pa.date32()),
        ("period_end", pa.date32()),
        ("numerator", pa.float64()),
        ("denominator", pa.float64()),
        ("value", pa.float64()),
        ("lower_95", pa.float64()),
        ("upper_95", pa.float64()),
        ("lower_998", pa.float64()),
        ("upper_998", pa.float64()),
    ]
)
COLUMNS: tuple[str, ...] = tuple(SCHEMA.names)
Key = tuple[str, date, date]  # (area code, period start, period end)
Floats = npt.NDArray[np.float64]


def choose_year(years: list[int], wanted: int) -> int | None:
    """The population year used for a period starting in ``wanted``.

    That year's row when there is one; otherwise the latest earlier year (the most recent
    estimate published before the period); otherwise the earliest later year.
    """
    if not years:
        return None
    earlier = [y for y in years if y <= wanted]
    return max(earlier) if earlier else min(years)


class Populations:
    """The population table: counts by area, year and column."""

    def __init__(self, rows: Mapping[tuple[str, int], Mapping[str, float]]) -> None:
        self.rows = rows
        self.years: dict[str, list[int]] = {}
        for area, year in rows:
            self.years.setdefault(area, []).append(year)
        self.areas = sorted(a for a in self.years if a != ENGLAND)

    def count(self, area: str, column: str, period: Period) -> float | None:
        """The area's count for the period; England's is the sum of areas when not given."""
        if area == ENGLAND and ENGLAND not in self.years:
            parts = [self.count(a, column, period) for a in self.areas]
            known = [p for p in parts if p is not None]
            return float(sum(known)) if known else None
        year = choose_year(self.years.get(area, []), period.start.year)
        return None if year is None else float(self.rows[(area, year)][column])


@dataclass(frozen=True)
class PeriodTotals:
    """What the engine counted: tally sums, and percentiles with their counts, per area/period."""

    sums: Mapping[str, Mapping[Key, float]]
    percentiles: Mapping[str, Mapping[Key, tuple[float, float]]]


def _limits(item: Indicator, numerator: Floats, denominator: Floats) -> list[Interval | None]:
    limits: list[Interval | None] = []
    for level in CONFIDENCE_LEVELS:
        if item.interval is IntervalMethod.BYAR_EXACT:
            limits.append(rate_interval(numerator, denominator, level, item.per))
        elif item.interval is IntervalMethod.WILSON:
            # A numerator above its denominator (inconsistent sources) has no Wilson interval.
            fits = numerator <= denominator
            interval = proportion_interval(
                np.where(fits, numerator, 0), np.where(fits, denominator, 0), level, item.per
            )
            limits.append(interval)
        else:
            limits.append(None)
    return limits


def _column(values: Floats) -> pa.Array:
    return pa.array(values, type=pa.float64(), mask=np.isnan(values))


def indicator_rows(
    item: Indicator,
    areas: list[str],
    periods: list[Period],
    totals: PeriodTotals,
    populations: Populations,
) -> pa.Table:
    """One row per area and period for one indicator."""
    keys = [(a, p) for a in areas for p in periods]

    def tally(part: Tally) -> Floats:
        found = totals.sums.get(part.name, {})
        return np.array([found.get((a, p.start, p.end), 0.0) for a, p in keys], dtype=np.float64)

    def population(part: Population) -> Floats:
        counts = [populations.count(a, part.column, p) for a, p in keys]
        return np.array([np.nan if c is None else c for c in counts], dtype=np.float64)

    nan = np.full(len(keys), np.nan)
    numerator = tally(item.numerator) if isinstance(item.numerator, Tally) else nan
    if item.statistic is Statistic.PERCENTILE:
        assert isinstance(item.denominator, Tally)
        found = totals.percentiles.get(item.denominator.name, {})
        pairs = [found.get((a, p.start, p.end), (0.0, np.nan)) for a, p in keys]
        denominator = np.array([n for n, _ in pairs], dtype=np.float64)
        value = np.array([v for _, v in pairs], dtype=np.float64)
    else:
        if isinstance(item.denominator, Population):
            denominator = population(item.denominator)
        else:
            denominator = tally(item.denominator)
        if item.statistic is Statistic.PER_DAY_RATE:
            days = np.array([p.days for _, p in keys], dtype=np.float64)
            denominator = days * denominator / item.per
            scale = 1.0
        else:
            scale = item.per
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(denominator > 0, numerator / denominator * scale, np.nan)
    limits = _limits(item, numerator, denominator)
    bounds: list[Floats] = []
    for interval in limits:
        bounds += [nan, nan] if interval is None else [interval.lower, interval.upper]
    return pa.table(
        [
            pa.array([a for a, _ in keys], pa.string()),
            pa.array([item.id] * len(keys), pa.string()),
            pa.array([p.start for _, p in keys], pa.date32()),
            pa.array([p.end for _, p in keys], pa.date32()),
            _column(numerator),
            _column(denominator),
            _column(value),
            *(_column(b) for b in bounds),
        ],
        schema=SCHEMA,
    )


def assemble(
    indicators: tuple[Indicator, ...],
    periods: list[Period],
    totals: PeriodTotals,
    populations: Populations,
) -> pa.Table:
    """All rows: England first, then the areas of the population table by code."""
    areas = [ENGLAND, *populations.areas]
    tables = [indicator_rows(i, areas, periods, totals, populations) for i in indicators]
    return pa.concat_tables(tables) if tables else SCHEMA.empty_table()
