"""XmR charts as NHSRplotthedots implements Making Data Count, checked on small series whose
limits were worked out by hand (the arithmetic is in the comments)."""

from __future__ import annotations

from datetime import date

import pytest

from joinedup.errors import InvalidInput
from joinedup.monitoring.spc import (
    Assurance,
    Direction,
    PointType,
    Rebase,
    Rule,
    SpcChart,
    Variation,
    xmr_chart,
)
from joinedup.monitoring.targets import parse_target

C = PointType.COMMON_CAUSE
IMP = PointType.SPECIAL_CAUSE_IMPROVEMENT
CON = PointType.SPECIAL_CAUSE_CONCERN


def months(n: int, start_year: int = 2020) -> list[date]:
    return [date(start_year + (m // 12), m % 12 + 1, 1) for m in range(n)]


def chart(
    values: list[float], direction: Direction = Direction.INCREASE, **options: object
) -> SpcChart:
    return xmr_chart(months(len(values)), values, direction=direction, **options)  # type: ignore[arg-type]


def types(result: SpcChart) -> list[PointType]:
    return [p.point_type for p in result.points]


# Alternating 8 and 12 around the mean, then a jump to 30.
#   mean = (5 x 8 + 4 x 12 + 30) / 10 = 118 / 10 = 11.8
#   moving ranges: eight of |12 - 8| = 4, then |30 - 8| = 22; mean = (32 + 22) / 9 = 6
#   screening: 22 >= 3.267 x 6 = 19.602, so 22 is screened out; mean moving range = 32 / 8 = 4
#   limits: 11.8 -/+ 2.66 x 4 = 1.16 and 22.44; two-thirds lines 11.8 -/+ 7.0933 (8 and 12 are
#   well inside); 8 is below the mean and 12 above, so no run of 7 on one side and no trend.
OUTSIDE = [8, 12, 8, 12, 8, 12, 8, 12, 8, 30]


def test_limits_with_moving_range_screening() -> None:
    result = chart(OUTSIDE)
    segment = result.segments[0]
    assert segment.mean == pytest.approx(11.8)
    assert segment.mean_moving_range == pytest.approx(4)
    assert segment.screened_moving_ranges == 1
    assert (segment.lpl, segment.upl) == (pytest.approx(1.16), pytest.approx(22.44))
    assert all(p.mean == pytest.approx(11.8) for p in result.points)


def test_limits_without_screening() -> None:
    # Without screening the mean moving range stays 6: limits 11.8 -/+ 15.96 = -4.16 and 27.76.
    result = chart(OUTSIDE, screen_outliers=False)
    segment = result.segments[0]
    assert segment.mean_moving_range == pytest.approx(6)
    assert segment.screened_moving_ranges == 0
    assert (segment.lpl, segment.upl) == (pytest.approx(-4.16), pytest.approx(27.76))


def test_a_point_above_the_upper_limit_is_improvement_when_increase_is_better() -> None:
    result = chart(OUTSIDE)
    assert types(result) == [C] * 9 + [IMP]
    assert result.latest.rules == (Rule.OUTSIDE_LIMITS,)
    assert result.variation is Variation.IMPROVEMENT_HIGH


def test_the_same_point_is_concern_when_decrease_is_better() -> None:
    result = chart(OUTSIDE, Direction.DECREASE)
    assert types(result) == [C] * 9 + [CON]
    assert result.variation is Variation.CONCERN_HIGH


def test_neutral_measures_say_high_or_low() -> None:
    result = chart(OUTSIDE, Direction.NEUTRAL)
    assert result.latest.point_type is PointType.SPECIAL_CAUSE_NEUTRAL_HIGH
    assert result.variation is Variation.NEUTRAL_HIGH


# The mirror image 20 - y: mean 8.2, limits -2.44 and 18.84; the last point, -10, is below.
MIRRORED = [20 - v for v in OUTSIDE]


@pytest.mark.parametrize(
    ("direction", "point_type", "variation"),
    [
        (Direction.INCREASE, CON, Variation.CONCERN_LOW),
        (Direction.DECREASE, IMP, Variation.IMPROVEMENT_LOW),
        (Direction.NEUTRAL, PointType.SPECIAL_CAUSE_NEUTRAL_LOW, Variation.NEUTRAL_LOW),
    ],
)
def test_a_point_below_the_lower_limit(
    direction: Direction, point_type: PointType, variation: Variation
) -> None:
    result = chart(MIRRORED, direction)
    assert (result.segments[0].lpl, result.segments[0].upl) == (
        pytest.approx(-2.44),
        pytest.approx(18.84),
    )
    assert result.latest.point_type is point_type
    assert result.variation is variation


# Seven rising points (2 to 8) among wide swings between 0 and 10.
#   mean = (0+10+0+10+0+10 + 2+3+4+5+6+7+8 + 0+10+0) / 16 = 75 / 16 = 4.6875
#   moving ranges: five 10s, 8, six 1s, 8, 10, 10 = 92 over 15 = 6.1333 (none >= 20.04)
#   limits -11.63 and 21.00; two-thirds lines -6.19 and 15.56: nothing outside or close;
#   2, 3, 4 are below the mean and 5 to 8 above, so no run of 7 on one side.
TREND = [0, 10, 0, 10, 0, 10, 2, 3, 4, 5, 6, 7, 8, 0, 10, 0]


def test_seven_points_rising_are_a_trend() -> None:
    result = chart(TREND)
    assert result.segments[0].mean == pytest.approx(4.6875)
    assert result.segments[0].upl == pytest.approx(4.6875 + 2.66 * 92 / 15)
    assert types(result) == [C] * 6 + [IMP] * 7 + [C] * 3
    assert all(result.points[i].rules == (Rule.TREND,) for i in range(6, 13))
    assert result.variation is Variation.COMMON_CAUSE  # the latest point, 0, is common cause


def test_a_rising_trend_is_concern_when_decrease_is_better() -> None:
    assert types(chart(TREND, Direction.DECREASE)) == [C] * 6 + [CON] * 7 + [C] * 3


def test_a_tie_breaks_a_trend_and_six_points_are_not_enough() -> None:
    tie = [0, 10, 0, 10, 0, 10, 2, 3, 4, 4, 6, 7, 8, 0, 10, 0]
    six = [0, 10, 0, 10, 0, 10, 0, 10, 3, 4, 5, 6, 7, 8, 0, 10]
    # Limits stay wide (about -12 to 21) and no 7 points sit on one side, so nothing else fires.
    assert types(chart(tie)) == [C] * 16
    assert types(chart(six)) == [C] * 16


# Two points of 10 next to each other in a series alternating 4 and 6.
#   mean = (9 x 4 + 9 x 6 + 2 x 10) / 20 = 110 / 20 = 5.5
#   moving ranges: seven 2s, |10-6| = 4, 0, 4, nine 2s = 40 over 19; mean 40/19 = 2.1053
#   upper limit 5.5 + 2.66 x 40/19 = 5.5 + 5.6 = 11.1; two-thirds line 5.5 + 1.7733 x 40/19
#   = 9.2333: both 10s lie between, and with the 6s either side all 3 are above the mean.
TWO_IN_THREE = [4, 6, 4, 6, 4, 6, 4, 6, 10, 10, 6, 4, 6, 4, 6, 4, 6, 4, 6, 4]


def test_two_of_three_points_near_a_limit_on_the_same_side() -> None:
    result = chart(TWO_IN_THREE)
    assert result.segments[0].upl == pytest.approx(11.1)
    # Only the two points beyond the two-thirds line are marked, not the third of the three.
    assert types(result) == [C] * 8 + [IMP, IMP] + [C] * 10
    assert result.points[8].rules == (Rule.TWO_IN_THREE,)


def test_two_of_three_needs_all_three_on_the_same_side_of_the_mean() -> None:
    # 11, 4, 11: mean (9 x 4 + 9 x 6 + 22) / 20 = 5.6; moving ranges sum 54, mean 54/19 = 2.842;
    # two-thirds line 5.6 + 5.04 = 10.64 and upper limit 5.6 + 7.56 = 13.16, so both 11s are
    # near the limit, but the 4 between them is below the mean: no signal.
    values = [4, 6, 4, 6, 4, 6, 4, 6, 11, 4, 11, 6, 4, 6, 4, 6, 4, 6, 4, 6]
    result = chart(values)
    assert result.segments[0].upl == pytest.approx(13.16)
    assert types(result) == [C] * 20


# Seven points (7 and 6.5) above the mean among 4s and 8s.
#   mean = (7 x 4 + 6 x 8 + 4 x 7 + 3 x 6.5) / 20 = 123.5 / 20 = 6.175, so 6.5 and 7 are above
#   moving ranges: six 4s, 3, six 0.5s, 3, five 4s = 53 over 19 = 2.7895
#   limits 6.175 -/+ 7.42 = -1.245 and 13.595; two-thirds lines 1.23 and 11.12: nothing near.
SHIFT = [4, 8, 4, 8, 4, 8, 4, 7, 6.5, 7, 6.5, 7, 6.5, 7, 4, 8, 4, 8, 4, 8]


def test_seven_points_on_one_side_of_the_mean_are_a_shift() -> None:
    result = chart(SHIFT)
    assert result.segments[0].mean == pytest.approx(6.175)
    assert (result.segments[0].lpl, result.segments[0].upl) == (
        pytest.approx(-1.245),
        pytest.approx(13.595),
    )
    assert types(result) == [C] * 7 + [IMP] * 7 + [C] * 6
    assert result.points[7].rules == (Rule.SHIFT,)


def test_six_points_on_one_side_are_not_a_shift() -> None:
    # Replacing the last 7 by 4 leaves six above; limits stay near -1 and 13.
    values = [*SHIFT[:13], 4, 4, 8, 4, 8, 4, 8]
    assert types(chart(values)) == [C] * 20


# A jump to 40 that starts a 7-point fall: 12 points alternating 10 and 14, then 40, 13, 12.5,
# 12, 11.5, 11, 10.5, then 14, 10, 14.
#   mean = (6 x 10 + 6 x 14 + 40 + 70.5 + 38) / 22 = 292.5 / 22 = 13.2955
#   moving ranges: eleven 4s, 26, 27, five 0.5s, 3.5, 4, 4 = 111 over 21 = 5.2857; 26 and 27 are
#   at or above 3.267 x 5.2857 = 17.27 and are screened: 58 over 19 = 3.0526
#   limits 13.2955 -/+ 8.12 = 5.18 and 21.42: 40 is outside; the fall from 40 to 10.5 is a trend.
PRIORITY = [10, 14] * 6 + [40, 13, 12.5, 12, 11.5, 11, 10.5, 14, 10, 14]


def test_outside_the_limits_decides_over_a_trend() -> None:
    result = chart(PRIORITY)
    assert result.segments[0].screened_moving_ranges == 2
    assert result.segments[0].upl == pytest.approx(292.5 / 22 + 2.66 * 58 / 19)
    jump = result.points[12]
    assert jump.rules == (Rule.OUTSIDE_LIMITS, Rule.TREND)
    assert jump.point_type is IMP  # above the upper limit, although it starts a falling trend
    assert types(result)[13:19] == [CON] * 6  # the rest of the fall
    assert types(result)[:12] == [C] * 12


# Fixing limits: 10, 12, 10, 12 then 20, 22, 20, 22.
#   fixed after 4: mean 11, moving ranges 2, 2, 2, mean 2; limits 11 -/+ 5.32 = 5.68 and 16.32,
#   so the four later points are all above the upper limit.
#   not fixed: mean 16, moving ranges 2, 2, 2, 8, 2, 2, 2 = 20/7 (8 < 3.267 x 2.857 = 9.33 is
#   kept); limits 16 -/+ 2.66 x 20/7 = 8.4 and 23.6, nothing outside; two-thirds lines
#   16 -/+ 1.7733 x 20/7 = 10.93 and 21.07: the 10s in 10, 12, 10 (all below the mean) and the
#   22s in 22, 20, 22 (all above) are two in three.
STEP = [10, 12, 10, 12, 20, 22, 20, 22]


def test_limits_fixed_after_n_points() -> None:
    fixed = chart(STEP, fix_after=4)
    assert fixed.segments[0].points_used == 4
    assert (fixed.segments[0].lpl, fixed.segments[0].upl) == (
        pytest.approx(5.68),
        pytest.approx(16.32),
    )
    assert all(p.upl == pytest.approx(16.32) for p in fixed.points)
    assert types(fixed) == [C] * 4 + [IMP] * 4
    free = chart(STEP)
    assert free.segments[0].upl == pytest.approx(23.6)
    assert types(free) == [CON, C, CON, C, C, IMP, C, IMP]


def test_rebasing_recomputes_limits_per_period_and_records_why() -> None:
    # 10/12 six times then 20/22 six times, rebased at the 7th point: each period has mean 11 or
    # 21 and moving ranges all 2 (the jump of 8 between periods belongs to neither), so limits
    # are 5.68 to 16.32, then 15.68 to 26.32.
    values = [10, 12] * 3 + [20, 22] * 3
    dates = months(12)
    why = Rebase(dates[6], "new discharge-to-assess pathway from July")
    result = xmr_chart(dates, values, direction=Direction.INCREASE, rebase=[why])
    first, second = result.segments
    assert (first.mean, first.lpl, first.upl) == (11, pytest.approx(5.68), pytest.approx(16.32))
    assert (second.mean, second.lpl, second.upl) == (
        21,
        pytest.approx(15.68),
        pytest.approx(26.32),
    )
    assert second.rebase == why
    assert first.rebase is None
    assert [p.segment for p in result.points] == [0] * 6 + [1] * 6
    assert types(result) == [C] * 12


def test_fewer_than_12_points_in_a_period_warns() -> None:
    assert len(chart(OUTSIDE).warnings) == 1
    assert "10 points" in chart(OUTSIDE).warnings[0]
    assert chart([8, 12] * 6).warnings == ()


@pytest.mark.parametrize(
    ("direction", "target", "assurance"),
    [
        # OUTSIDE's limits are 1.16 and 22.44.
        (Direction.INCREASE, 25, Assurance.CONSISTENT_FAIL),
        (Direction.INCREASE, 0, Assurance.CONSISTENT_PASS),
        (Direction.INCREASE, 10, Assurance.INCONSISTENT),
        (Direction.DECREASE, 25, Assurance.CONSISTENT_PASS),
        (Direction.DECREASE, 0, Assurance.CONSISTENT_FAIL),
        (Direction.NEUTRAL, 25, Assurance.NONE),
        (Direction.INCREASE, None, Assurance.NONE),
    ],
)
def test_assurance_against_a_number(
    direction: Direction, target: float | None, assurance: Assurance
) -> None:
    assert chart(OUTSIDE, direction, target=target).assurance is assurance


@pytest.mark.parametrize(
    ("target", "assurance"),
    [
        ("25 or above", Assurance.CONSISTENT_FAIL),
        ("1 or above", Assurance.CONSISTENT_PASS),
        ("10 or above", Assurance.INCONSISTENT),
        ("25 or fewer", Assurance.CONSISTENT_PASS),
        ("less than 1", Assurance.CONSISTENT_FAIL),
        ("between 0 and 30", Assurance.CONSISTENT_PASS),
        ("between 23 and 30", Assurance.CONSISTENT_FAIL),
        ("between 5 and 15", Assurance.INCONSISTENT),
    ],
)
def test_assurance_against_a_worded_target(target: str, assurance: Assurance) -> None:
    # A worded target decides by its own wording, whatever the improvement direction.
    result = chart(OUTSIDE, Direction.NEUTRAL, target=parse_target(target))
    assert result.assurance is assurance


def test_assurance_uses_the_limits_of_the_latest_period() -> None:
    # After the rebase the limits are 15.68 to 26.32: a target of 15 or above is now always met.
    values = [10, 12] * 3 + [20, 22] * 3
    dates = months(12)
    result = xmr_chart(
        dates,
        values,
        direction=Direction.INCREASE,
        target=15,
        rebase=[Rebase(dates[6], "new service")],
    )
    assert result.assurance is Assurance.CONSISTENT_PASS


def test_points_are_taken_in_date_order() -> None:
    dates = months(10)
    result = xmr_chart(dates[::-1], OUTSIDE[::-1], direction=Direction.INCREASE)
    assert [p.date for p in result.points] == dates
    assert result.latest.value == 30


def test_a_flat_series_has_limits_on_the_mean_and_no_signal() -> None:
    result = chart([5] * 8)
    assert (result.segments[0].lpl, result.segments[0].upl) == (5, 5)
    assert types(result) == [C] * 8


@pytest.mark.parametrize(
    ("dates", "values", "options", "message"),
    [
        (months(1), [1.0], {}, "at least 2 points"),
        (months(3), [1.0, 2.0], {}, "3 dates but 2 values"),
        ([date(2020, 1, 1)] * 2, [1.0, 2.0], {}, "Two values for 2020-01-01"),
        (months(3), [1.0, float("nan"), 2.0], {}, "not a finite number"),
        (months(3), [1.0, 2.0, 3.0], {"fix_after": 1}, "at least 2 points"),
        (months(4), [1.0] * 4, {"rebase": [Rebase(date(2021, 5, 5), "x")]}, "no point has"),
        (months(4), [1.0] * 4, {"rebase": [Rebase(date(2020, 1, 1), "x")]}, "first point"),
        (months(4), [1.0] * 4, {"rebase": [Rebase(date(2020, 4, 1), "x")]}, "only 1 point"),
    ],
)
def test_bad_input_is_refused_clearly(
    dates: list[date], values: list[float], options: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        xmr_chart(dates, values, direction=Direction.INCREASE, **options)  # type: ignore[arg-type]


def test_a_rebase_needs_a_reason() -> None:
    with pytest.raises(InvalidInput, match="reason"):
        Rebase(date(2020, 1, 1), "  ")


def test_a_peak_shared_by_a_rise_and_a_fall_goes_with_the_fall() -> None:
    # Swings between 0 and 20, then 8 up to 14 and back down to 8, then 20, 0, 20.
    #   mean = (60 + 77 + 63 + 40) / 22 = 10.909; moving ranges: five 20s, 12, twelve 1s, 12,
    #   20, 20 = 176 over 21 = 8.381; limits 10.909 -/+ 22.29 and two-thirds lines -/+ 14.86:
    #   nothing outside or near. The peak, 14, ends the rise and starts the fall; like
    #   NHSRplotthedots it takes the later trend's direction.
    values = [0, 20] * 3 + [8, 9, 10, 11, 12, 13, 14, 13, 12, 11, 10, 9, 8] + [20, 0, 20]
    result = chart(values)
    assert result.segments[0].mean_moving_range == pytest.approx(176 / 21)
    assert types(result) == [C] * 6 + [IMP] * 6 + [CON] * 7 + [C] * 3


def test_a_trend_point_followed_by_an_equal_value_keeps_its_trend_direction() -> None:
    # 1 to 7, then 7 again and on to 13: two rising trends with a tie between them.
    #   mean = (60 + 28 + 70 + 20) / 22 = 8.09; moving ranges: five 20s, 19, six 1s, 0, six 1s,
    #   13, 20 = 164 over 21 = 7.81; limits 8.09 -/+ 20.8, two-thirds lines -/+ 13.85: nothing
    #   outside or near. NHSRplotthedots would call the first 7 "decreasing" (the next step is
    #   flat); here it stays part of the rise it ends.
    values = [0, 20] * 3 + [1, 2, 3, 4, 5, 6, 7, 7, 8, 9, 10, 11, 12, 13] + [0, 20]
    result = chart(values)
    assert result.segments[0].mean_moving_range == pytest.approx(164 / 21)
    assert types(result) == [C] * 6 + [IMP] * 14 + [C] * 2
