"""The table that stands in for an SPC chart: one row of words per point."""

from __future__ import annotations

import math
from dataclasses import dataclass

from joinedup.monitoring import plain_words
from joinedup.monitoring.spc import SpcChart
from joinedup.periods import point_label


@dataclass(frozen=True)
class DataTableRow:
    """One row of the table that stands in for the chart."""

    period: str
    value: str
    mean: str
    lower_limit: str
    upper_limit: str
    variation: str
    rules: str


DATA_TABLE_HEADINGS = (
    "Period",
    "Value",
    "Mean",
    "Lower process limit",
    "Upper process limit",
    "Variation",
    "Why",
)


def _limit(value: float, unit: str) -> str:
    """A limit as drawn; for a percentage, within 0% and 100%, with the calculated value when
    that lies beyond what is possible."""
    if math.isnan(value) or unit.strip() != "%" or 0 <= value <= 100:
        return plain_words.number(value, unit)
    drawn = min(max(value, 0.0), 100.0)
    return f"{plain_words.number(drawn, unit)} (calculated {plain_words.number(value, unit)})"


def data_table(chart: SpcChart, *, unit: str = "") -> list[DataTableRow]:
    """The chart as rows of text, for a table shown with or instead of the picture."""
    monthly = all(p.date.day == 1 for p in chart.points)
    rows = []
    for point in chart.points:
        segment = chart.segments[point.segment]
        why = "; ".join(plain_words.RULE_NAMES[r] for r in point.rules)
        if segment.rebase is not None and point.date == segment.start:
            why = "; ".join(filter(None, [f"rebased: {segment.rebase.reason}", why]))
        rows.append(
            DataTableRow(
                period=point_label(point.date, monthly),
                value=plain_words.number(point.value, unit),
                mean=plain_words.number(point.mean, unit),
                lower_limit=_limit(point.lpl, unit),
                upper_limit=_limit(point.upl, unit),
                variation=plain_words.POINT_TYPES[point.point_type],
                rules=why,
            )
        )
    return rows
