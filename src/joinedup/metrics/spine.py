"""An area's spine chart: each indicator's latest value against the range of every area's.

As in public-health profiles (PHE Fingertips): England's value is the centre line; a light bar
runs from the worst area's value to the best's, a darker one from the 25th to the 75th
percentile (linear interpolation, as a spreadsheet's PERCENTILE); the area is a marker
coloured and shaped by its comparison with England. Each indicator is scaled on its own so
that England sits in the middle and the end furthest from England touches the edge, with
better always to the right. Pure: built from stored values.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from joinedup.areas.rules import ENGLAND
from joinedup.metrics.comparison import Comparison
from joinedup.metrics.indicators import Indicator, Polarity
from joinedup.metrics.stored import StoredValue
from joinedup.metrics.trend import Trend
from joinedup.periods import period_label

#: Marker fill by comparison (GOV.UK colours); the shape tells the same without colour.
FILLS = {
    "better": "#00703c",
    "similar": "#ffdd00",
    "worse": "#d4351c",
    "not compared": "#ffffff",
}


@dataclass(frozen=True)
class Spread:
    """Every area's values of one indicator and period (England left out)."""

    areas: int
    worst: float
    q25: float
    q75: float
    best: float


def spread(values: Iterable[float | None], polarity: Polarity) -> Spread | None:
    """Worst, 25th and 75th percentiles and best of the known values; None without any."""
    known = np.array([v for v in values if v is not None and not math.isnan(v)], dtype=float)
    if known.size == 0:
        return None
    low, q25, q75, high = (float(x) for x in np.percentile(known, [0, 25, 75, 100]))
    if polarity is Polarity.HIGHER_IS_BETTER:
        return Spread(int(known.size), low, q25, q75, high)
    return Spread(int(known.size), high, q75, q25, low)


@dataclass(frozen=True)
class SpineRow:
    indicator: Indicator
    short_title: str
    months: int
    period_start: date | None
    value: StoredValue | None
    england: float | None
    spread: Spread | None
    comparison: Comparison
    trend: Trend

    @property
    def period(self) -> str:
        return "" if self.period_start is None else period_label(self.period_start, self.months)

    def _x(self, v: float) -> float:
        """Where ``v`` lies across the chart, 0 to 1 (England at 0.5, better to the right)."""
        assert self.spread is not None
        assert self.england is not None
        half = max(abs(self.spread.worst - self.england), abs(self.spread.best - self.england))
        if half == 0:
            return 0.5
        towards = 1 if self.indicator.polarity is Polarity.HIGHER_IS_BETTER else -1
        return min(1.0, max(0.0, 0.5 + towards * (v - self.england) / (2 * half)))

    @property
    def drawn(self) -> bool:
        return self.spread is not None and self.england is not None

    @property
    def geometry(self) -> dict[str, float | None]:
        """x of the range's ends, the middle half and the area's value, 0 to 1."""
        if not self.drawn:
            return {}
        assert self.spread is not None
        value = self.value.value if self.value is not None else None
        return {
            "worst": self._x(self.spread.worst),
            "q25": self._x(self.spread.q25),
            "q75": self._x(self.spread.q75),
            "best": self._x(self.spread.best),
            "value": None if value is None else self._x(value),
        }

    @property
    def fill(self) -> str:
        return FILLS[self.comparison.verdict.value]

    @property
    def shape(self) -> str:
        """circle, up (better), down (worse) or diamond (not compared)."""
        return {"better": "up", "worse": "down", "similar": "circle"}.get(
            self.comparison.verdict.value, "diamond"
        )


@dataclass(frozen=True)
class SpineChart:
    area_code: str
    area_name: str
    months: int
    rows: tuple[SpineRow, ...]


def others(values: Iterable[StoredValue], indicator_id: str, period_start: date) -> list[float]:
    """The values of every area but England for one indicator and period."""
    return [
        v.value
        for v in values
        if v.indicator == indicator_id
        and v.period_start == period_start
        and v.area_code != ENGLAND
        and v.value is not None
    ]
