"""Small hand-made indicator values shared by the ranking tests."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from joinedup.ranking.values import IndicatorValues, values_for_period

PERIOD = date(2018, 4, 1)
Cell = float | tuple[float, float, float] | None  # value, or (value, lower_95, upper_95)


def rows_from(
    table: Mapping[str, Mapping[str, Cell]], england: Mapping[str, float] | None = None
) -> list[dict[str, object]]:
    """Rows of the metrics output format from {area: {indicator: cell}}."""
    rows: list[dict[str, object]] = []
    cells = dict(table)
    if england:
        cells["E92000001"] = dict(england)
    for area, by_indicator in cells.items():
        for indicator, cell in by_indicator.items():
            value: object = ""
            lower: object = ""
            upper: object = ""
            if isinstance(cell, tuple):
                value, lower, upper = cell
            elif cell is not None:
                value = cell
            rows.append(
                {
                    "area_code": area,
                    "indicator": indicator,
                    "period_start": PERIOD.isoformat(),
                    "period_end": "2019-03-31",
                    "numerator": "",
                    "denominator": "",
                    "value": value,
                    "lower_95": lower,
                    "upper_95": upper,
                    "lower_998": lower,
                    "upper_998": upper,
                }
            )
    return rows


def make_values(
    table: Mapping[str, Mapping[str, Cell]], england: Mapping[str, float] | None = None
) -> IndicatorValues:
    return values_for_period(rows_from(table, england), period_start=PERIOD, source="test")


# The 4-area x 3-indicator example worked by hand in test_ranking_composite.py.
EMERGENCY = "emergency_admissions_65plus"  # lower is better, weight 1
DELAYED = "delayed_days_per_day_18plus"  # lower is better, weight 2
AT_HOME = "reablement_at_home_91d_65plus"  # higher is better, weight 1
A, B, C, D = "E06000001", "E06000002", "E06000003", "E06000004"
FOUR_AREAS: dict[str, dict[str, Cell]] = {
    A: {EMERGENCY: 100, DELAYED: 30, AT_HOME: 80},
    B: {EMERGENCY: 200, DELAYED: 10, AT_HOME: 90},
    C: {EMERGENCY: 300, DELAYED: 20, AT_HOME: 70},
    D: {EMERGENCY: 400, DELAYED: 40, AT_HOME: 60},
}
FOUR_ENGLAND = {EMERGENCY: 250.0, DELAYED: 25.0, AT_HOME: 75.0}
