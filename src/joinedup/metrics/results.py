"""Indicator values with their intervals, from the engines' period totals.

This is the one place where values and confidence intervals are made, whichever engine
counted. Every area of the population table and England get a row for every indicator and
period; a value that cannot be defined (no denominator) is left blank, never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from joinedup.areas.rules import ENGLAND
from joinedup.metrics.indicators import Indicator, IntervalMethod, Population, Statistic, Tally
from joinedup.metrics.periods import Period
from joinedup.metrics.statistics import (
    CONFIDENCE_LEVELS,
    Interval,
    proportion_interval,
    rate_interval,
)

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
Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


def choose_year(years: list[int], wanted: int) -> int | None:
    """The population year used for a period starting in ``wanted``.

    That year's row when there is one; otherwise the latest earlier year (the most recent
    estimate published before the period); otherwise the earliest later year.
    """
    if not years:
        return None
    earlier = [y for y in years if y <= wanted]
    return max(earlier) if earlier else min(years)


def _period_keys(table: pa.Table) -> pa.Array:
    """One whole number per (period_start, period_end): days since 1970, start then end."""
    start = pc.cast(table.column("period_start"), pa.int32()).cast(pa.int64())
    end = pc.cast(table.column("period_end"), pa.int32()).cast(pa.int64())
    return pc.add(pc.multiply(start, 1 << 20), end).combine_chunks()


class Grid:
    """Every area (England first) by every period: the rows of each indicator, in order."""

    def __init__(self, areas: list[str], periods: list[Period]) -> None:
        self.areas = areas
        self.periods = periods
        self.size = len(areas) * len(periods)
        self._area_codes = pa.array(areas, pa.string())
        self._period_keys = _period_keys(
            pa.table(
                {
                    "period_start": pa.array([p.start for p in periods], pa.date32()),
                    "period_end": pa.array([p.end for p in periods], pa.date32()),
                }
            )
        )

    def positions(self, table: pa.Table) -> Ints:
        """Each row's place in the grid (area, period_start, period_end); -1 if not in it."""
        if table.num_rows == 0:
            return np.zeros(0, dtype=np.int64)
        area = pc.index_in(table.column("area_code"), value_set=self._area_codes)
        period = pc.index_in(_period_keys(table), value_set=self._period_keys)
        area_at = area.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        period_at = period.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        inside = (area_at >= 0) & (period_at >= 0)
        return np.where(inside, area_at * len(self.periods) + period_at, -1)

    def scatter(self, table: pa.Table, column: str, fill: float) -> Floats:
        """A column of ``table`` laid out on the grid; ``fill`` where the table has no row."""
        out = np.full(self.size, fill, dtype=np.float64)
        where = self.positions(table)
        values = table.column(column).cast(pa.float64()).fill_null(fill).to_numpy()
        out[where[where >= 0]] = values[where >= 0]
        return out

    def area_column(self) -> pa.Array:
        indices = np.repeat(np.arange(len(self.areas), dtype=np.int32), len(self.periods))
        return pa.DictionaryArray.from_arrays(indices, pa.array(self.areas)).cast(pa.string())

    def date_column(self, which: str) -> pa.Array:
        dates = pa.array([getattr(p, which) for p in self.periods], pa.date32())
        return pc.take(dates, np.tile(np.arange(len(self.periods)), len(self.areas)))

    def days(self) -> Floats:
        return np.tile(np.array([p.days for p in self.periods], dtype=np.float64), len(self.areas))


class Populations:
    """The population table: counts by area, year and column."""

    def __init__(self, rows: Mapping[tuple[str, int], Mapping[str, float]]) -> None:
        self.rows = rows
        self.years: dict[str, list[int]] = {}
        for area, year in rows:
            self.years.setdefault(area, []).append(year)
        self.areas = sorted(a for a in self.years if a != ENGLAND)

    def count(self, area: str, column: str, year: int) -> float:
        """The area's count for a period starting in ``year``; NaN when it has no row."""
        if area == ENGLAND and ENGLAND not in self.years:
            parts = [self.count(a, column, year) for a in self.areas]
            known = [p for p in parts if not np.isnan(p)]
            return float(sum(known)) if known else float("nan")
        chosen = choose_year(self.years.get(area, []), year)
        return float("nan") if chosen is None else float(self.rows[(area, chosen)][column])

    def on(self, grid: Grid, column: str) -> Floats:
        starts = [p.start.year for p in grid.periods]
        return np.array(
            [self.count(a, column, y) for a in grid.areas for y in starts], dtype=np.float64
        )


@dataclass(frozen=True)
class PeriodTotals:
    """What the engine counted, laid out on the grid: tally sums, and for histograms the
    number of records and the percentile."""

    sums: Mapping[str, Floats]
    percentiles: Mapping[str, tuple[Floats, Floats]]


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
    item: Indicator, grid: Grid, totals: PeriodTotals, populations: Populations
) -> pa.Table:
    """One row per area and period for one indicator."""
    nan = np.full(grid.size, np.nan)

    def tally(part: Tally) -> Floats:
        return np.asarray(totals.sums.get(part.name, np.zeros(grid.size)), dtype=np.float64)

    numerator = tally(item.numerator) if isinstance(item.numerator, Tally) else nan
    if item.statistic is Statistic.PERCENTILE:
        assert isinstance(item.denominator, Tally)
        empty = (np.zeros(grid.size), nan)
        denominator, value = totals.percentiles.get(item.denominator.name, empty)
    else:
        if isinstance(item.denominator, Population):
            denominator = populations.on(grid, item.denominator.column)
        else:
            denominator = tally(item.denominator)
        scale = item.per
        if item.statistic is Statistic.PER_DAY_RATE:
            denominator = grid.days() * denominator / item.per
            scale = 1.0
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(denominator > 0, numerator / denominator * scale, np.nan)
    bounds: list[Floats] = []
    for interval in _limits(item, numerator, denominator):
        bounds += [nan, nan] if interval is None else [interval.lower, interval.upper]
    return pa.table(
        [
            grid.area_column(),
            pa.array(np.full(grid.size, item.id), pa.string()),
            grid.date_column("start"),
            grid.date_column("end"),
            _column(numerator),
            _column(denominator),
            _column(value),
            *(_column(b) for b in bounds),
        ],
        schema=SCHEMA,
    )


def assemble(
    indicators: tuple[Indicator, ...], grid: Grid, totals: PeriodTotals, populations: Populations
) -> pa.Table:
    """All rows: indicator by indicator, England first, then the areas by code."""
    tables = [indicator_rows(i, grid, totals, populations) for i in indicators]
    return pa.concat_tables(tables) if tables else SCHEMA.empty_table()
