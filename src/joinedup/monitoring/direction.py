"""Direction of travel as a board paper shows it (seed 003): target met, arrow and change in %.

The arrow follows polarity, not the raw value: for "reduce the number delayed" a fall from 114.5
to 95 is an improvement, shown "↑ (17%)". The percentage is the relative change since the last
report, |current - previous| / |previous|, shown as a whole number (halves rounded up). A change
that rounds to 0% (under 0.5%) is "unchanged", shown "→" with no percentage, as seed 003 shows
row 1d.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from joinedup.errors import InvalidInput
from joinedup.monitoring.targets import Target

UNCHANGED_BELOW_PERCENT = 0.5


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    NEUTRAL = "neutral"  # neither direction is better: the arrow only says up or down

    @classmethod
    def implied_by(cls, target: Target) -> Polarity:
        """The polarity a target's wording implies ("83 or fewer": lower is better)."""
        lower = target.lower_is_better
        if lower is None:
            return cls.NEUTRAL
        return cls.LOWER_IS_BETTER if lower else cls.HIGHER_IS_BETTER


class Travel(StrEnum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    UNCHANGED = "unchanged"
    HIGHER = "higher"  # neutral polarity only
    LOWER = "lower"  # neutral polarity only


_ARROWS = {
    Travel.IMPROVING: "↑",
    Travel.WORSENING: "↓",
    Travel.UNCHANGED: "→",
    Travel.HIGHER: "↑",
    Travel.LOWER: "↓",
}
_WORDS = {
    Travel.IMPROVING: "improved",
    Travel.WORSENING: "worsened",
    Travel.HIGHER: "went up",
    Travel.LOWER: "went down",
}


@dataclass(frozen=True)
class DirectionOfTravel:
    """Performance since the last report."""

    travel: Travel
    previous: float
    current: float
    # Signed relative change of the raw value in %, (current - previous) / |previous| x 100;
    # None when the previous value was 0 and a relative change has no meaning.
    change_percent: float | None

    @property
    def arrow(self) -> str:
        return _ARROWS[self.travel]

    @property
    def shown_percent(self) -> int | None:
        """The size of the change as a board paper prints it: a whole number, halves up."""
        if self.change_percent is None or self.travel is Travel.UNCHANGED:
            return None
        return _round_half_up(abs(self.change_percent))

    @property
    def shown(self) -> str:
        """ "↑ (17%)", "↓ (1%)" or "→", as in seed 003's last column."""
        if self.shown_percent is None:
            return self.arrow
        return f"{self.arrow} ({self.shown_percent}%)"

    @property
    def words(self) -> str:
        """The same in words, for screen readers and plain-English summaries."""
        if self.travel is Travel.UNCHANGED:
            return "unchanged since the last report"
        size = "" if self.shown_percent is None else f" by {self.shown_percent}%"
        return f"{_WORDS[self.travel]}{size} since the last report"


def direction_of_travel(previous: float, current: float, polarity: Polarity) -> DirectionOfTravel:
    """Compare the value at the last report with the current one, following polarity."""
    for name, value in (("previous", previous), ("current", current)):
        if not math.isfinite(value):
            raise InvalidInput.of(name, f"{name} value {value!r} is not a finite number")
    if previous == 0:
        change = None
        unchanged = current == 0
    else:
        change = (current - previous) / abs(previous) * 100
        unchanged = abs(change) < UNCHANGED_BELOW_PERCENT
        if not math.isfinite(change):  # beyond what a float holds: up or down, no percentage
            change = None
    if unchanged:
        travel = Travel.UNCHANGED
    elif polarity is Polarity.NEUTRAL:
        travel = Travel.HIGHER if current > previous else Travel.LOWER
    else:
        better = current < previous if polarity is Polarity.LOWER_IS_BETTER else current > previous
        travel = Travel.IMPROVING if better else Travel.WORSENING
    return DirectionOfTravel(travel, previous, current, change)


@dataclass(frozen=True)
class LatestPerformance:
    """One row of an evaluation framework for the latest period."""

    value: float
    target: Target | None
    since_last_report: DirectionOfTravel | None  # None before the second report

    @property
    def target_met(self) -> bool | None:
        """Met or not; None when the KPI has no target."""
        return None if self.target is None else self.target.met(self.value)


def latest_performance(
    current: float,
    *,
    previous: float | None,
    target: Target | None,
    polarity: Polarity | None = None,
) -> LatestPerformance:
    """The framework row for the latest period; polarity defaults to what the target implies."""
    if polarity is None:
        polarity = Polarity.implied_by(target) if target is not None else Polarity.NEUTRAL
    travel = None if previous is None else direction_of_travel(previous, current, polarity)
    return LatestPerformance(current, target, travel)


def _round_half_up(x: float) -> int:
    # Board papers round 2.5% to 3%, not to the even 2% that round() gives.
    return math.floor(x + 0.5)
