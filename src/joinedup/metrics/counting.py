"""Running a plan on an engine: monthly tallies, then period totals and percentiles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pyarrow as pa

from joinedup.metrics.engines import Engine
from joinedup.metrics.plan import (
    PERIOD_MONTHS,
    Plan,
    histogram_sql,
    monthly_sql,
    period_months,
    totals_sql,
)
from joinedup.metrics.results import Floats, Grid, PeriodTotals, Populations
from joinedup.metrics.statistics import histogram_percentile

Step = Callable[[str], None]


def count_periods(engine: Engine, plan: Plan, grid: Grid, step: Step | None = None) -> PeriodTotals:
    """Every tally of the plan summed over each period, for each area and England."""
    engine.register(PERIOD_MONTHS, period_months(grid.periods))
    sums: dict[str, Floats] = {}
    percentiles: dict[str, tuple[Floats, Floats]] = {}
    for scan in plan.scans:
        if step:
            step(f"Counting {scan.table} by month of {scan.date}")
        engine.materialise(scan.name, monthly_sql(scan, engine.dialect, plan.first, plan.last))
        totals = engine.query(totals_sql(scan))
        for tally in scan.tallies:
            sums[tally.name] = grid.scatter(totals, tally.name, 0.0)
        histogram = scan.histogram
        if histogram is not None and histogram.name in plan.percentiles:
            table = engine.query(histogram_sql(scan))
            where = grid.positions(table)
            inside = where >= 0
            percentiles[histogram.name] = histogram_percentile(
                where[inside],
                table.column("bucket").cast(pa.int64()).to_numpy()[inside],
                table.column("n").cast(pa.float64()).to_numpy()[inside],
                plan.percentiles[histogram.name],
                grid.size,
            )
    return PeriodTotals(sums, percentiles)


def read_populations(engine: Engine) -> Populations:
    table = engine.query(
        "SELECT area_code, year, population_all, population_18plus, population_65plus "
        "FROM population"
    )
    rows: dict[tuple[str, int], dict[str, float]] = {}
    for row in table.to_pylist():
        key = (str(row.pop("area_code")), int(row.pop("year")))
        rows[key] = {k: float(v) for k, v in row.items()}
    return Populations(rows)


def data_months(engine: Engine) -> tuple[date, date] | None:
    """The months the spells cover: from the earliest discharge to the latest admission."""
    row = engine.query("SELECT MIN(disdate) AS first, MAX(admidate) AS last FROM spells")
    first, last = row.column("first")[0].as_py(), row.column("last")[0].as_py()
    if first is None or last is None:
        return None
    return first.replace(day=1), last.replace(day=1)
