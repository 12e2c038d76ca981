"""The funnel plot and the list of areas worse than England and getting worse, as CSV files.

Both are for national roles only, so they carry the figures as stored (full precision, counts
unrounded); every row names its period and the basis of each reading.
"""

from __future__ import annotations

import csv
import io
import math

from joinedup.metrics.benchmarking import FunnelView, WorseList
from joinedup.metrics.spine import SpineChart
from joinedup.metrics.trend import SIGNIFICANCE
from joinedup.periods import period_end
from joinedup.spreadsheets import safe_text


def _n(value: float | None) -> str:
    return "" if value is None or math.isnan(value) else repr(float(value))


def funnel_csv(view: FunnelView) -> str:
    """One row per area: its value and size, England's value, the limits at its size, and
    where it lies."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "indicator",
            "period_start",
            "period_end",
            "area_code",
            "area_name",
            "value",
            "denominator",
            "england",
            "lower_998",
            "lower_95",
            "upper_95",
            "upper_998",
            "place",
        ]
    )
    from joinedup.metrics.funnel import funnel_limits

    made = view.funnel
    points = sorted(made.points, key=lambda p: view.names.get(p.area_code, p.area_code))
    limits = funnel_limits(
        made.england,
        [p.denominator for p in points],
        view.indicator.statistic,
        view.indicator.per,
    )
    end = period_end(view.period_start, view.months)
    for i, point in enumerate(points):
        writer.writerow(
            [
                view.indicator.id,
                view.period_start.isoformat(),
                end.isoformat(),
                safe_text(point.area_code),
                safe_text(view.names.get(point.area_code, point.area_code)),
                _n(point.value),
                _n(point.denominator),
                _n(made.england),
                _n(limits.lower_998[i]),
                _n(limits.lower_95[i]),
                _n(limits.upper_95[i]),
                _n(limits.upper_998[i]),
                point.place.value,
            ]
        )
    return buffer.getvalue()


def worse_csv(worse: WorseList) -> str:
    """One row per area and indicator listed, with the comparison and the trend behind it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "indicator",
            "period_start",
            "period_end",
            "area_code",
            "area_name",
            "value",
            "lower_95",
            "upper_95",
            "england",
            "compared_with_england",
            "recent_trend",
            "trend_first_period_start",
            "trend_chi_square",
            "trend_test",
            "trend_significance",
        ]
    )
    end = period_end(worse.period_start, worse.months)
    for row in worse.rows:
        writer.writerow(
            [
                row.indicator.id,
                worse.period_start.isoformat(),
                end.isoformat(),
                safe_text(row.area.code),
                safe_text(row.area.name),
                _n(row.value.value),
                _n(row.value.lower_95),
                _n(row.value.upper_95),
                _n(row.england),
                row.comparison.style.words,
                row.trend.label.value,
                row.trend.first_start.isoformat() if row.trend.first_start else "",
                _n(row.trend.chi_square),
                row.trend.method,
                SIGNIFICANCE,
            ]
        )
    return buffer.getvalue()


def spine_csv(chart: SpineChart) -> str:
    """One row per indicator of an area's spine chart: its latest value, England's, the range of
    every area's values and the recent trend. Figures are as the reader may see them (a
    system's people get disclosure-controlled ones: a suppressed value is blank with its
    status)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "area_code",
            "area_name",
            "indicator",
            "period_start",
            "period_end",
            "value",
            "status",
            "england",
            "worst",
            "q25",
            "q75",
            "best",
            "areas_in_range",
            "compared_with_england",
            "recent_trend",
            "trend_first_period_start",
            "trend_test",
        ]
    )
    for row in chart.rows:
        start = row.period_start
        status = getattr(row.value, "status", "shown") if row.value is not None else ""
        spread = row.spread
        writer.writerow(
            [
                safe_text(chart.area_code),
                safe_text(chart.area_name),
                row.indicator.id,
                start.isoformat() if start else "",
                period_end(start, chart.months).isoformat() if start else "",
                _n(row.value.value if row.value is not None else None),
                status,
                _n(row.england),
                _n(spread.worst if spread else None),
                _n(spread.q25 if spread else None),
                _n(spread.q75 if spread else None),
                _n(spread.best if spread else None),
                spread.areas if spread else 0,
                row.comparison.style.words,
                row.trend.label.value,
                row.trend.first_start.isoformat() if row.trend.first_start else "",
                row.trend.method,
            ]
        )
    return buffer.getvalue()
