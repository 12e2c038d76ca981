"""The words of an SPC chart: which way is improvement, point types, the variation and assurance
icons' meanings, the special-cause rules, rebases, and the chart itself as computed by `spc`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from joinedup.errors import InvalidInput
from joinedup.monitoring.targets import Target

SHORT = 12  # fewer points than this in a period draws a warning


class ChartKind(StrEnum):
    """An XmR chart (limits from the moving ranges) or a p-chart (limits from each point's
    denominator)."""

    XMR = "xmr"
    P = "p"


class Direction(StrEnum):
    """Which way is improvement."""

    INCREASE = "increase"
    DECREASE = "decrease"
    NEUTRAL = "neutral"

    @property
    def sign(self) -> int:
        return {Direction.INCREASE: 1, Direction.DECREASE: -1, Direction.NEUTRAL: 0}[self]


class PointType(StrEnum):
    COMMON_CAUSE = "common_cause"
    SPECIAL_CAUSE_IMPROVEMENT = "special_cause_improvement"
    SPECIAL_CAUSE_CONCERN = "special_cause_concern"
    SPECIAL_CAUSE_NEUTRAL_HIGH = "special_cause_neutral_high"
    SPECIAL_CAUSE_NEUTRAL_LOW = "special_cause_neutral_low"


class Variation(StrEnum):
    """The variation icon: what the latest point says."""

    COMMON_CAUSE = "common_cause"
    IMPROVEMENT_HIGH = "improvement_high"
    IMPROVEMENT_LOW = "improvement_low"
    CONCERN_HIGH = "concern_high"
    CONCERN_LOW = "concern_low"
    NEUTRAL_HIGH = "neutral_high"
    NEUTRAL_LOW = "neutral_low"


class Assurance(StrEnum):
    """The assurance icon: whether the process, as it runs, will meet the target."""

    CONSISTENT_PASS = "consistent_pass"  # noqa: S105 (a label, not a password)
    CONSISTENT_FAIL = "consistent_fail"
    INCONSISTENT = "inconsistent"
    NONE = "none"


class Rule(StrEnum):
    """The special-cause rules, in the order that decides a point's direction."""

    OUTSIDE_LIMITS = "outside_limits"
    TREND = "trend"
    TWO_IN_THREE = "two_in_three"
    SHIFT = "shift"


@dataclass(frozen=True)
class Rebase:
    """Limits recalculated from this date on (a new process), and why."""

    at: date
    reason: str

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise InvalidInput.of(
                "rebases", f"rebase at {self.at.isoformat()}: give the reason for rebasing"
            )


@dataclass(frozen=True)
class Segment:
    """A period with its own limits: the whole chart, or the part from one rebase to the next."""

    start: date
    end: date
    points: int
    points_used: int  # the first points, from which the limits were computed (fix_after)
    mean: float
    mean_moving_range: float
    lpl: float
    upl: float
    screened_moving_ranges: int
    rebase: Rebase | None  # what started this period; None for the first

    @property
    def short(self) -> bool:
        return self.points < SHORT


@dataclass(frozen=True)
class SpcPoint:
    date: date
    value: float
    mean: float
    lpl: float
    upl: float
    point_type: PointType
    rules: tuple[Rule, ...]  # every rule that flags the point, deciding one first
    segment: int

    @property
    def special_cause(self) -> bool:
        return self.point_type is not PointType.COMMON_CAUSE


@dataclass(frozen=True)
class SpcChart:
    points: tuple[SpcPoint, ...]
    segments: tuple[Segment, ...]
    direction: Direction
    target: float | Target | None
    screen_outliers: bool
    fix_after: int | None
    variation: Variation
    assurance: Assurance
    warnings: tuple[str, ...]
    kind: ChartKind = field(default_factory=lambda: ChartKind.XMR)

    @property
    def latest(self) -> SpcPoint:
        return self.points[-1]
