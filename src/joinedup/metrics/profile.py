"""An area's profile: the six indicators over time with England alongside, and the latest
comparison with England. Pure: built from the stored values of the area and England."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from joinedup.areas.rules import ENGLAND
from joinedup.metrics.charts import Point, line_chart
from joinedup.metrics.comparison import NOT_COMPARED, Comparison, compare_with_england
from joinedup.metrics.dashboard import number
from joinedup.metrics.indicators import INDICATORS, Indicator, IntervalMethod
from joinedup.metrics.schemas import SHORT_TITLES
from joinedup.metrics.stored import StoredValue
from joinedup.periods import period_label


@dataclass(frozen=True)
class SeriesRow:
    period_start: date
    area: StoredValue | None
    england: StoredValue | None


@dataclass(frozen=True)
class IndicatorProfile:
    indicator: Indicator
    short_title: str
    rows: tuple[SeriesRow, ...]  # oldest first
    latest: SeriesRow | None  # the latest period with a value for the area
    comparison: Comparison  # of the latest period
    description: str
    svg: str


@dataclass(frozen=True)
class AreaProfile:
    area_code: str
    area_name: str
    months: int
    indicators: tuple[IndicatorProfile, ...]


def _value(stored: StoredValue | None) -> float | None:
    return stored.value if stored is not None else None


def _suppressed(stored: StoredValue | None) -> bool:
    """Held back by disclosure control (a disclosure.ShownValue marked suppressed)."""
    return bool(getattr(stored, "suppressed", False))


def _words(stored: StoredValue | None, unit: str) -> str:
    return "[c] (suppressed)" if _suppressed(stored) else number(_value(stored), unit)


def describe(
    item: Indicator, area_name: str, rows: tuple[SeriesRow, ...], months: int, latest: SeriesRow
) -> str:
    """The chart in words: the range shown, the latest values and the comparison."""
    first = rows[0]
    unit = item.unit
    parts = [
        f"{item.title}, {area_name} and England, {len(rows)} periods from "
        f"{period_label(first.period_start, months)} to "
        f"{period_label(rows[-1].period_start, months)}.",
        f"{area_name}: {_words(first.area, unit)} in the first period, "
        f"{_words(latest.area, unit)} in {period_label(latest.period_start, months)}.",
        f"England: {_words(first.england, unit)} in the first period, "
        f"{_words(latest.england, unit)} in {period_label(latest.period_start, months)}.",
    ]
    if latest.area is not None and latest.area.lower_95 is not None:
        parts.append(
            f"The shaded band is {area_name}'s 95% confidence interval "
            f"({number(latest.area.lower_95, unit)} to {number(latest.area.upper_95, unit)} "
            "in the latest period)."
        )
    return " ".join(parts)


def build_profile(
    values: Iterable[StoredValue], *, area_code: str, area_name: str, months: int
) -> AreaProfile:
    """Charts and latest comparisons from the area's and England's values of one length."""
    series: dict[tuple[str, str], dict[date, StoredValue]] = {}
    for value in values:
        series.setdefault((value.indicator, value.area_code), {})[value.period_start] = value
    profiles = []
    for item in INDICATORS:
        mine = series.get((item.id, area_code), {})
        england = series.get((item.id, ENGLAND), {})
        starts = sorted(set(mine) | set(england))
        rows = tuple(SeriesRow(s, mine.get(s), england.get(s)) for s in starts)
        # A figure suppressed by disclosure control is still the latest: it is shown marked.
        with_value = [
            r
            for r in rows
            if r.area is not None and (r.area.value is not None or _suppressed(r.area))
        ]
        latest = with_value[-1] if with_value else None
        comparison = NOT_COMPARED
        comparable = area_code != ENGLAND and item.interval is not IntervalMethod.NONE
        if comparable and latest is not None and latest.area and not _suppressed(latest.area):
            comparison = compare_with_england(
                lower_95=latest.area.lower_95,
                upper_95=latest.area.upper_95,
                lower_998=latest.area.lower_998,
                upper_998=latest.area.upper_998,
                england=_value(latest.england),
                polarity=item.polarity,
            )
        if rows and latest is not None:
            description = describe(item, area_name, rows, months, latest)
            if comparison is not NOT_COMPARED:
                description += f" Latest: {comparison.style.words}."
        else:
            description = f"{item.title}: no values are loaded for {area_name}."
        svg = line_chart(
            chart_id=f"chart-{item.id}",
            title=f"{item.title}: {area_name} and England",
            description=description,
            unit=item.unit,
            area_name=area_name,
            area=[
                Point(r.period_start, _value(r.area), *_interval(r.area))
                for r in rows
                if r.area is not None
            ],
            england=[Point(r.period_start, _value(r.england)) for r in rows if r.england],
        )
        profiles.append(
            IndicatorProfile(
                item, SHORT_TITLES[item.id], rows, latest, comparison, description, svg
            )
        )
    return AreaProfile(area_code, area_name, months, tuple(profiles))


def _interval(stored: StoredValue | None) -> tuple[float | None, float | None]:
    if stored is None:
        return None, None
    return stored.lower_95, stored.upper_95
