"""A KPI's charts as at a date: the XmR chart (always, from 2 points), the p-chart beside it for a
proportion whose every denominator is known, the warning when those denominators are small, and
whether the target belongs on the chart (only when the chart is on the target's basis).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from joinedup.errors import InvalidInput
from joinedup.monitoring.basis import Basis
from joinedup.monitoring.direction import DirectionOfTravel, Polarity, direction_of_travel
from joinedup.monitoring.models import Kpi
from joinedup.monitoring.pchart import EXPECTED_AT_LEAST, p_chart, small
from joinedup.monitoring.plain_words import WITHHELD, number
from joinedup.monitoring.series import LENGTHS, SOURCE_INDICATOR, SeriesPoint, basis_of
from joinedup.monitoring.spc import (
    TOO_LARGE_FOR_LIMITS,
    Direction,
    Rebase,
    SpcChart,
    all_finite,
    xmr_chart,
)
from joinedup.monitoring.targets import Target, parse_target

DIRECTION_OF: dict[Polarity, Direction] = {
    Polarity.HIGHER_IS_BETTER: Direction.INCREASE,
    Polarity.LOWER_IS_BETTER: Direction.DECREASE,
    Polarity.NEUTRAL: Direction.NEUTRAL,
}
TOO_LARGE = TOO_LARGE_FOR_LIMITS


@dataclass(frozen=True)
class KpiCharts:
    xmr: SpcChart | None
    problem: str  # why there is no chart, or why settings were set aside
    p: SpcChart | None = None
    small_numbers: str = ""
    shows_target: bool = True


def target_of(kpi: Kpi) -> Target | None:
    return parse_target(kpi.target_text) if kpi.target_text else None


def rebases_of(kpi: Kpi) -> tuple[Rebase, ...]:
    return tuple(Rebase(date.fromisoformat(r["at"]), r["reason"]) for r in kpi.rebases or [])


def is_proportion(unit: str, target: Target | None) -> bool:
    """A percentage: it cannot go below 0% or above 100%."""
    return unit.strip() == "%" or (target is not None and target.percent)


def travel_between(previous: float, current: float, polarity: Polarity) -> DirectionOfTravel:
    return direction_of_travel(previous, current, polarity)


def _shows_target(kpi: Kpi, series: Sequence[SeriesPoint], comparable: bool) -> bool:
    """The target is drawn only on a chart of figures on its own basis."""
    if kpi.source != SOURCE_INDICATOR:
        return True
    basis = basis_of(kpi)
    if not comparable or basis is Basis.FINANCIAL_YEAR_TO_DATE or not series:
        return False
    return series[0].months == LENGTHS[basis][0]


def _xmr(kpi: Kpi, series: Sequence[SeriesPoint], target: Target | None) -> KpiCharts:
    if len(series) < 2:
        return KpiCharts(None, f"{len(series)} value(s): an SPC chart needs at least 2")
    dates = [p.period for p in series]
    values = [p.value for p in series]
    usable = [r for r in rebases_of(kpi) if r.at in dates[1:]]
    fix_after = kpi.fix_after if kpi.fix_after and kpi.fix_after >= 2 else None
    direction = DIRECTION_OF[Polarity(kpi.polarity)]
    problem = ""
    with np.errstate(all="ignore"):  # huge values: answered below, not warned about
        try:
            chart = xmr_chart(
                dates,
                values,
                direction=direction,
                target=target,
                screen_outliers=kpi.screen_outliers,
                fix_after=fix_after,
                rebase=usable,
            )
        except InvalidInput as error:
            # Rebases that leave a period of 1 point up to this date: chart without them.
            chart = xmr_chart(
                dates,
                values,
                direction=direction,
                target=target,
                screen_outliers=kpi.screen_outliers,
                fix_after=fix_after,
            )
            problem = f"rebasing set aside up to this date: {error}"
    if not all_finite(chart):
        return KpiCharts(None, TOO_LARGE)
    return KpiCharts(chart, problem)


def _denominators(series: Sequence[SeriesPoint]) -> list[tuple[float, float]] | None:
    """Each point's numerator and denominator, when every point has them."""
    out = []
    for p in series:
        if p.numerator is None or p.denominator is None or p.denominator <= 0:
            return None
        out.append((float(p.numerator), float(p.denominator)))
    return out


def _small_numbers(series: Sequence[SeriesPoint], counts: list[tuple[float, float]]) -> str:
    total = sum(d for _, d in counts)
    if not math.isfinite(total) or total <= 0:
        return ""
    centre = sum(n / total for n, _ in counts)
    few = [(p, d) for p, (_, d) in zip(series, counts, strict=True) if small(d, centre)]
    if not few:
        return ""
    latest = series[-1]
    # As the reader may see them: held back, or the count rounded (disclosure control).
    value = WITHHELD if latest.suppressed else number(latest.value, "%")
    people = counts[-1][1] if latest.shown_denominator is None else latest.shown_denominator
    of = WITHHELD if latest.suppressed else f"{people:,.0f}"
    return (
        f"{len(few)} of {len(series)} values rest on so few people that a proportion moves a "
        f"long way by chance (fewer than {EXPECTED_AT_LEAST:.0f} expected either way); the "
        f"latest, {value}, is of {of}"
    )


def kpi_charts(kpi: Kpi, series: Sequence[SeriesPoint], *, comparable: bool) -> KpiCharts:
    """The charts of `series` (already cut at the date read)."""
    shows_target = _shows_target(kpi, series, comparable)
    target = target_of(kpi) if shows_target else None
    xmr = _xmr(kpi, series, target)
    if not is_proportion(kpi.unit, target_of(kpi)) or len(series) < 2:
        return KpiCharts(xmr.xmr, xmr.problem, shows_target=shows_target)
    counts = _denominators(series)
    if counts is None:
        return KpiCharts(xmr.xmr, xmr.problem, shows_target=shows_target)
    try:
        with np.errstate(all="ignore"):
            p = p_chart(
                [s.period for s in series],
                [n for n, _ in counts],
                [d for _, d in counts],
                direction=DIRECTION_OF[Polarity(kpi.polarity)],
                target=target,
            )
        chart: SpcChart | None = p if all_finite(p) else None
    except InvalidInput:
        chart = None  # counts that are not a proportion: the XmR chart stands alone
    return KpiCharts(
        xmr.xmr,
        xmr.problem,
        p=chart,
        small_numbers=_small_numbers(series, counts),
        shows_target=shows_target,
    )
