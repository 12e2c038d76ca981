"""Geometry of the caterpillar plot: each area's rank and 5-95% rank interval as a line.

Pure: numbers in, coordinates out; the page draws them as SVG (with a table alternative).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 680
LEFT = 24
RIGHT = 24
TOP = 40
ROW = 7  # pixels per area
BOTTOM = 16


@dataclass(frozen=True)
class Bar:
    area_code: str
    area_name: str
    y: float
    x_rank: float
    x_low: float
    x_high: float
    selected: str | None


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Caterpillar:
    width: int
    height: int
    left: int
    right: int
    top: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]


@dataclass(frozen=True)
class Line:
    """What the plot needs of one ranked area."""

    area_code: str
    area_name: str
    rank: int
    rank_p05: int
    rank_p95: int
    selected: str | None


def tick_ranks(count: int) -> list[int]:
    """1, then round steps, then the last rank (without crowding it)."""
    step = 25 if count > 100 else 10 if count > 30 else 5 if count > 10 else 1
    ranks = [1, *(r for r in range(step, count, step) if r > 1)]
    if count - ranks[-1] < step / 2 and len(ranks) > 1:
        ranks.pop()
    return [*ranks, count] if count > 1 else [1]


def caterpillar(lines: Sequence[Line], *, ranked: int) -> Caterpillar:
    """Areas top to bottom in the order given; x runs from rank 1 (best) to ``ranked``."""
    span = WIDTH - LEFT - RIGHT

    def x(rank: float) -> float:
        return round(LEFT + span * (rank - 1) / max(ranked - 1, 1), 1)

    bars = tuple(
        Bar(
            area_code=line.area_code,
            area_name=line.area_name,
            y=TOP + ROW * k + ROW / 2,
            x_rank=x(line.rank),
            x_low=x(line.rank_p05),
            x_high=x(line.rank_p95),
            selected=line.selected,
        )
        for k, line in enumerate(lines)
    )
    ticks = tuple(Tick(x(r), str(r)) for r in tick_ranks(ranked))
    return Caterpillar(
        width=WIDTH,
        height=TOP + ROW * max(len(lines), 1) + BOTTOM,
        left=LEFT,
        right=RIGHT,
        top=TOP,
        bars=bars,
        ticks=ticks,
    )
