"""p-charts for proportions with known denominators, checked against limits worked out by hand,
and percentages drawn within what is possible (0% to 100%) on every chart."""

from __future__ import annotations

import math
import re
from datetime import date

import pytest

from joinedup.errors import InvalidInput
from joinedup.monitoring.chart import sparkline_svg, spc_chart_svg
from joinedup.monitoring.chart_table import data_table
from joinedup.monitoring.pchart import p_chart
from joinedup.monitoring.spc import ChartKind, Direction, PointType, Rule, xmr_chart
from joinedup.monitoring.targets import parse_target

MONTHS = [date(2019, 1, 1), date(2019, 2, 1), date(2019, 3, 1)]


def test_limits_come_from_each_points_denominator() -> None:
    # 5 of 10, 10 of 40 and 45 of 50 people: p̄ = 60 / 100 = 0.6, p̄ (1 - p̄) = 0.24.
    # n = 10: √(0.24 / 10) = √0.024 = 0.154919; 3 × that = 0.464758, so limits
    #   0.6 - 0.464758 = 0.135242 (13.5242%) and 0.6 + 0.464758 = 1.064758, kept at 100%.
    # n = 40: √0.006 = 0.0774597; 3 × = 0.232379: 36.7621% to 83.2379%.
    # n = 50: √0.0048 = 0.0692820; 3 × = 0.207846: 39.2154% to 80.7846%.
    chart = p_chart(MONTHS, [5, 10, 45], [10, 40, 50], direction=Direction.INCREASE)
    assert chart.kind is ChartKind.P
    assert [p.mean for p in chart.points] == pytest.approx([60.0] * 3)
    assert [p.value for p in chart.points] == pytest.approx([50.0, 25.0, 90.0])
    assert [p.lpl for p in chart.points] == pytest.approx([13.5242, 36.7621, 39.2154], abs=1e-4)
    assert [p.upl for p in chart.points] == pytest.approx([100.0, 83.2379, 80.7846], abs=1e-4)
    # 25% lies below its own limit (36.76%): a concern when higher is better; 90% above 80.78%.
    assert [p.point_type for p in chart.points] == [
        PointType.COMMON_CAUSE,
        PointType.SPECIAL_CAUSE_CONCERN,
        PointType.SPECIAL_CAUSE_IMPROVEMENT,
    ]
    assert chart.points[1].rules == (Rule.OUTSIDE_LIMITS,)
    # The same 25% on an XmR chart is common cause: its limits do not know how many people.
    xmr = xmr_chart(MONTHS, [50.0, 25.0, 90.0], direction=Direction.INCREASE)
    assert xmr.points[1].point_type is PointType.COMMON_CAUSE


def test_a_month_of_few_people_draws_a_warning() -> None:
    # n = 10 with p̄ = 0.6: 10 × 0.4 = 4 expected "not at home", under 5.
    chart = p_chart(MONTHS, [5, 10, 45], [10, 40, 50], direction=Direction.INCREASE)
    assert len(chart.warnings) == 1
    assert chart.warnings[0].startswith("1 of 3 points rest on so few people")
    busy = p_chart(MONTHS, [500, 520, 480], [1000, 1000, 1000], direction=Direction.INCREASE)
    assert busy.warnings == ()


def test_the_assurance_reads_the_latest_points_limits() -> None:
    # n = 1000 each, p̄ = 0.5: 3 √(0.25 / 1000) = 0.047434, limits 45.26% to 54.74%.
    chart = p_chart(
        MONTHS,
        [500, 510, 490],
        [1000, 1000, 1000],
        direction=Direction.INCREASE,
        target=parse_target("85% or above"),
    )
    assert chart.segments[0].lpl == pytest.approx(45.2566, abs=1e-4)
    assert chart.assurance.value == "consistent_fail"


@pytest.mark.parametrize(
    ("numerators", "denominators"),
    [([1, 2], [0, 5]), ([6, 2], [5, 5]), ([math.nan, 1], [5, 5]), ([1, 1], [math.inf, 5])],
)
def test_counts_that_are_not_a_proportion_are_refused(
    numerators: list[float], denominators: list[float]
) -> None:
    with pytest.raises(InvalidInput, match="is not a proportion"):
        p_chart(MONTHS[:2], numerators, denominators, direction=Direction.INCREASE)


def _line_ys(svg: str) -> list[float]:
    """The heights of the chart's titled lines (mean, limits, target; not the legend's)."""
    return [float(y) for y in re.findall(r'<line [^>]*?y1="([-0-9.]+)"[^>]*><title>', svg)]


def test_a_percentage_is_drawn_within_0_and_100() -> None:
    # Seed 003's complaint: limits from -29% to 177%. Mean 74, moving ranges 100 and 100 (no
    # screening: 100 < 3.267 × 100): limits 74 ± 266, calculated -192% and 340%.
    chart = xmr_chart(MONTHS, [100.0, 0.0, 100.0], direction=Direction.INCREASE)
    assert chart.segments[0].lpl < 0 < 100 < chart.segments[0].upl  # the calculation stays
    svg = spc_chart_svg(chart, title="2d", unit="%")
    ticks = re.findall(r'text-anchor="end" fill="#0b0c0c">([-0-9.,]+%)</text>', svg)
    assert ticks[0] == "0%"
    assert ticks[-1] == "100%"
    plot_top, plot_bottom = 56, 360 - 78
    assert len(_line_ys(svg)) == 3
    for y in _line_ys(svg):
        assert plot_top - 0.01 <= y <= plot_bottom + 0.01
    rows = data_table(chart, unit="%")
    assert rows[0].lower_limit.startswith("0% (calculated -")
    assert rows[0].upper_limit.startswith("100% (calculated ")
    assert "<svg" in sparkline_svg(chart, title="2d", unit="%")


def test_the_target_is_drawn_only_where_it_fits() -> None:
    # Monthly rates near 70 per 100,000 against an annual target of 24,550: drawing it would
    # flatten the data onto the axis, so the chart says where it lies instead.
    far = xmr_chart(
        MONTHS,
        [70.0, 72.0, 69.0],
        direction=Direction.DECREASE,
        target=parse_target("24550 or fewer"),
    )
    svg = spc_chart_svg(far, title="2a")
    assert 'stroke-dasharray="8 4"><title>target' not in svg
    assert "Target 24550 or fewer: above this chart" in svg
    assert ">Target</text>" not in svg  # not in the legend either
    near = xmr_chart(
        MONTHS, [70.0, 72.0, 69.0], direction=Direction.DECREASE, target=parse_target("68 or fewer")
    )
    assert 'stroke-dasharray="8 4"><title>target 68 or fewer' in spc_chart_svg(near, title="2a")


def test_a_p_chart_draws_its_stepped_limits() -> None:
    chart = p_chart(MONTHS, [5, 10, 45], [10, 40, 50], direction=Direction.INCREASE)
    svg = spc_chart_svg(chart, title="2d (p-chart)", unit="%")
    assert svg.count("from each point's denominator") == 2
    assert "overall proportion 60%" in svg
