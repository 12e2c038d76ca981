# ruff: noqa: S608  (SQL is composed from declared indicator names and engine dialects only)
"""From indicator declarations to the SQL every engine runs, in two steps.

1. **Monthly tallies** (one query per table and date column, the only pass over the records):
   the declared tallies per area and month, with a histogram of length of stay where a
   percentile needs it. Filters are restricted to the requested months.
2. **Period totals**: the monthly tallies summed into each reporting period, for each area and
   for England (every record, whichever area), and the histograms of each period, from which
   the exact percentile follows (``statistics.histogram_percentile``).

Both steps are plain SQL that DuckDB and Spark run alike; what differs between them (weekday
numbering, date arithmetic) comes from the engine's dialect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pyarrow as pa

from joinedup.areas.rules import ENGLAND
from joinedup.metrics.expressions import Dialect, Expr
from joinedup.metrics.indicators import Indicator, Statistic, Tally
from joinedup.metrics.periods import Period, last_day

PERIOD_MONTHS = "period_months"


@dataclass(frozen=True)
class Scan:
    """The tallies read from one table by the month of one date column."""

    table: str
    area: str
    date: str
    tallies: tuple[Tally, ...]

    @property
    def name(self) -> str:
        return f"tally_{self.table}_{self.date}"

    @property
    def histogram(self) -> Tally | None:
        """The tally whose bucket is kept (at most one per scan)."""
        found = [t for t in self.tallies if t.bucket is not None]
        if len(found) > 1:
            raise ValueError(f"{self.name}: only one histogram per scan")
        return found[0] if found else None


def scans(tallies: tuple[Tally, ...]) -> list[Scan]:
    """Group tallies so that each (table, area, date) is read once."""
    groups: dict[tuple[str, str, str], list[Tally]] = {}
    for tally in tallies:
        groups.setdefault((tally.table, tally.area, tally.date), []).append(tally)
    return [Scan(t, a, d, tuple(items)) for (t, a, d), items in groups.items()]


def _date_literal(day: date) -> str:
    return f"DATE '{day:%Y-%m-%d}'"


def _summand(tally: Tally, dialect: Dialect) -> str:
    total = tally.total_of
    value = total.sql(dialect) if isinstance(total, Expr) else total or "1"
    return f"SUM(CASE WHEN {tally.where.sql(dialect)} THEN {value} ELSE 0 END) AS {tally.name}"


def monthly_sql(scan: Scan, dialect: Dialect, first: date, last: date) -> str:
    """Step 1: the scan's tallies per area and month (and length-of-stay bucket)."""
    columns = [
        f"{scan.area} AS area_code",
        f"{dialect.month_start(scan.date)} AS month",
    ]
    histogram = scan.histogram
    if histogram is not None:
        assert histogram.bucket is not None
        bucket: Expr = histogram.bucket
        columns.append(
            f"CASE WHEN {histogram.where.sql(dialect)} THEN {bucket.sql(dialect)} END AS bucket"
        )
    columns += [_summand(t, dialect) for t in scan.tallies]
    keys = ", ".join(str(i + 1) for i in range(3 if histogram is not None else 2))
    return (
        f"SELECT {', '.join(columns)} FROM {scan.table} "
        f"WHERE {scan.date} >= {_date_literal(first)} "
        f"AND {scan.date} <= {_date_literal(last_day(last))} GROUP BY {keys}"
    )


def period_months(periods: list[Period]) -> pa.Table:
    """Which months make up each period: the table step 2 joins on."""
    starts, ends, months = [], [], []
    for period in periods:
        for month in period.months:
            starts.append(period.start)
            ends.append(period.end)
            months.append(month)
    return pa.table(
        {
            "period_start": pa.array(starts, pa.date32()),
            "period_end": pa.array(ends, pa.date32()),
            "month": pa.array(months, pa.date32()),
        }
    )


def _areas_and_england(select: str, source: str, group: str) -> str:
    """The same aggregate per area (records with one) and for England (all records)."""
    return (
        f"SELECT CASE WHEN g.england = 1 THEN '{ENGLAND}' ELSE g.grouped_area END AS area_code, "
        f"g.* FROM (SELECT f.area_code AS grouped_area, grouping(f.area_code) AS england, "
        f"{select} FROM {source} GROUP BY GROUPING SETS ((f.area_code, {group}), ({group}))) g "
        "WHERE g.england = 1 OR g.grouped_area IS NOT NULL"
    )


def totals_sql(scan: Scan) -> str:
    """Step 2: each tally of the scan summed over each period's months."""
    sums = ", ".join(f"SUM(f.{t.name}) AS {t.name}" for t in scan.tallies)
    source = f"{scan.name} f JOIN {PERIOD_MONTHS} p ON f.month = p.month"
    return _areas_and_england(
        f"p.period_start, p.period_end, {sums}", source, "p.period_start, p.period_end"
    )


def histogram_sql(scan: Scan) -> str:
    """Step 2 for a histogram: records per bucket (day of stay) in each period.

    The percentile itself follows from these counts (``statistics.histogram_percentile``)."""
    tally = scan.histogram
    assert tally is not None
    source = (
        f"{scan.name} f JOIN {PERIOD_MONTHS} p ON f.month = p.month "
        f"WHERE f.bucket IS NOT NULL AND f.{tally.name} > 0"
    )
    return _areas_and_england(
        f"p.period_start, p.period_end, f.bucket AS bucket, SUM(f.{tally.name}) AS n",
        source,
        "p.period_start, p.period_end, f.bucket",
    )


@dataclass(frozen=True)
class Plan:
    """Everything an engine runs for a set of indicators over a range of months."""

    scans: list[Scan]
    first: date
    last: date
    percentiles: dict[str, float]  # histogram tally name -> percentile

    @classmethod
    def build(cls, indicators: tuple[Indicator, ...], first: date, last: date) -> Plan:
        tallies: dict[str, Tally] = {}
        percentiles: dict[str, float] = {}
        for item in indicators:
            for part in (item.numerator, item.denominator):
                if isinstance(part, Tally):
                    tallies.setdefault(part.name, part)
            if item.statistic is Statistic.PERCENTILE:
                assert isinstance(item.denominator, Tally)
                assert item.percentile is not None
                percentiles[item.denominator.name] = item.percentile
        plain = tuple(
            t
            if t.name in percentiles
            else Tally(t.name, t.table, t.area, t.date, t.where, t.total_of)
            for t in tallies.values()
        )
        return cls(scans(plain), first, last, percentiles)


# --- validity ------------------------------------------------------------------------------


def _moved(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def valid_for(item: Indicator, period: Period, years_moved: int = 0) -> bool:
    """Whether ``period`` lies wholly within the indicator's validity (valid_from to valid_to).

    A period reaching past either end is not computed: a rolling year ending in March 2020
    holds a month of delayed transfers after the collection stopped, and its value would be
    understated. ``years_moved``: the data's dates are real ones moved by this many years (the
    demo's timeline), so the validity moves with them.
    """
    if item.valid_from is not None and period.start < _moved(item.valid_from, years_moved):
        return False
    return item.valid_to is None or period.end <= _moved(item.valid_to, years_moved)


def in_force(
    indicators: tuple[Indicator, ...], periods: list[Period], years_moved: int = 0
) -> tuple[Indicator, ...]:
    """The indicators valid for at least one of the periods (the others are not counted)."""
    return tuple(i for i in indicators if any(valid_for(i, p, years_moved) for p in periods))


def within_validity(
    table: pa.Table, indicators: tuple[Indicator, ...], years_moved: int = 0
) -> pa.Table:
    """The rows of ``table`` whose period lies within their indicator's validity."""
    import pyarrow.compute as pc

    keep = None
    for item in indicators:
        mask = pc.equal(table.column("indicator"), item.id)
        if item.valid_from is not None:
            since = pa.scalar(_moved(item.valid_from, years_moved), pa.date32())
            mask = pc.and_(mask, pc.greater_equal(table.column("period_start"), since))
        if item.valid_to is not None:
            until = pa.scalar(_moved(item.valid_to, years_moved), pa.date32())
            mask = pc.and_(mask, pc.less_equal(table.column("period_end"), until))
        keep = mask if keep is None else pc.or_(keep, mask)
    return table if keep is None else table.filter(keep)
