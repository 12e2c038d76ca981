"""Where a funnel plot draws its points, England's line, its limits and its ticks."""

from __future__ import annotations

import math

import pytest

from joinedup.metrics.funnel import Place, funnel_of
from joinedup.metrics.funnel_plot import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, plot
from joinedup.metrics.indicators import Statistic

ROWS: list[tuple[str, float | None, float | None]] = [
    ("E92000001", 20.0, 1_000_000.0),
    ("A", 21.0, 1_000.0),
    ("B", 35.0, 10_000.0),  # far above at a size where the limits are narrow
    ("C", 19.5, 100_000.0),
    ("D", None, 500.0),  # no value: left out
]
NAMES = {"A": "Ashby", "B": "Bexley", "C": "Calder"}


def test_points_lie_in_the_plot_by_size_across_and_value_up() -> None:
    made = plot(funnel_of("x", Statistic.PROPORTION, 100, ROWS, "E92000001"), NAMES)
    by_code = {p.area_code: p for p in made.points}
    assert set(by_code) == {"A", "B", "C"}
    assert [p.area_name for p in made.points] == ["Ashby", "Bexley", "Calder"]
    for point in made.points:
        assert LEFT <= point.x <= WIDTH - RIGHT
        assert TOP <= point.y <= HEIGHT - BOTTOM
    # Sizes on a logarithmic scale: 1,000 at the left edge, 100,000 at the right, 10,000 midway.
    assert by_code["A"].x == pytest.approx(LEFT)
    assert by_code["C"].x == pytest.approx(WIDTH - RIGHT)
    assert by_code["B"].x == pytest.approx((LEFT + WIDTH - RIGHT) / 2, abs=0.1)
    # Higher values are higher up (smaller y); England's line lies between.
    assert by_code["B"].y < made.centre_y < by_code["C"].y + 1
    assert by_code["B"].place is Place.ABOVE_998
    assert by_code["B"].fill == "#0b0c0c"


def test_limits_narrow_towards_the_largest_areas() -> None:
    made = plot(funnel_of("x", Statistic.PROPORTION, 100, ROWS, "E92000001"), NAMES)
    upper = [tuple(map(float, xy.split(","))) for xy in made.lines["upper_95"].split()]
    lower = [tuple(map(float, xy.split(","))) for xy in made.lines["lower_95"].split()]
    assert len(upper) == len(lower) == 60
    first_gap, last_gap = lower[0][1] - upper[0][1], lower[-1][1] - upper[-1][1]
    assert first_gap > last_gap > 0
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in upper + lower)


def test_ticks_are_round_sizes_and_values() -> None:
    made = plot(funnel_of("x", Statistic.PROPORTION, 100, ROWS, "E92000001"), NAMES)
    assert [t.label for t in made.x_ticks][:3] == ["1,000", "2,000", "5,000"]
    assert all(TOP <= t.at <= HEIGHT - BOTTOM for t in made.y_ticks)
    assert len(made.y_ticks) >= 3
