"""Geometry of the caterpillar plot: each area's rank and 5-95% rank interval as a line.

Pure: numbers in, coordinates out; the page draws them as SVG (with a table alternative).
Selected areas, and areas whose rank lies outside their own interval, are labelled by name in
a column on the right, spaced so that labels never overlap and joined to their line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 920
PLOT_RIGHT = 620  # the rank axis ends here; labels take the column to its right
LABEL_X = 640
LEFT = 24
RIGHT = WIDTH - PLOT_RIGHT
TOP = 40
ROW = 7  # pixels per area
LABEL_GAP = 14  # pixels between labels (13px text)
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
    rank: int = 0
    rank_p05: int = 0
    rank_p95: int = 0
    label_y: float | None = None  # where its name is written, if it is labelled

    @property
    def outside(self) -> bool:
        """The rank lies outside the 5-95% interval of the ranks over the draws."""
        return not self.rank_p05 <= self.rank <= self.rank_p95

    @property
    def labelled(self) -> bool:
        return self.label_y is not None

    @property
    def label(self) -> str:
        """The name written beside the plot, with why it is named."""
        what = [self.selected] if self.selected else []
        if self.outside:
            what.append("outside")
        return f"{self.area_name} ({', '.join(what)})" if what else self.area_name

    @property
    def description(self) -> str:
        """What a screen reader says, and a tooltip shows, for this area."""
        text = (
            f"{self.area_name}: rank {self.rank}, 5 to 95% interval {self.rank_p05} "
            f"to {self.rank_p95}"
        )
        if self.selected:
            text += f", selected for review ({self.selected})"
        if self.outside:
            text += f". {outside_explanation(self)}"
        return text


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
    label_x: int = LABEL_X
    plot_right: int = PLOT_RIGHT

    @property
    def outside(self) -> tuple[Bar, ...]:
        return tuple(b for b in self.bars if b.outside)


@dataclass(frozen=True)
class Line:
    """What the plot needs of one ranked area."""

    area_code: str
    area_name: str
    rank: int
    rank_p05: int
    rank_p95: int
    selected: str | None


def outside_explanation(bar: Bar | Line) -> str:
    """Why a rank can lie outside its own interval, in plain words."""
    side = "better" if bar.rank < bar.rank_p05 else "worse"
    return (
        f"Its rank ({bar.rank}) is {side} than most of the draws give "
        f"({bar.rank_p05} to {bar.rank_p95}): the rank comes from the score with the chosen "
        "weights and method, while the interval comes from the ranks over many draws that vary "
        "them, and here the chosen settings put this area further "
        f"{'up' if side == 'better' else 'down'} than most other reasonable settings do"
    )


def tick_ranks(count: int) -> list[int]:
    """1, then round steps, then the last rank (without crowding it)."""
    step = 25 if count > 100 else 10 if count > 30 else 5 if count > 10 else 1
    ranks = [1, *(r for r in range(step, count, step) if r > 1)]
    if count - ranks[-1] < step / 2 and len(ranks) > 1:
        ranks.pop()
    return [*ranks, count] if count > 1 else [1]


def spread_labels(wanted: Sequence[float], *, top: float, bottom: float) -> list[float]:
    """Label positions as near as possible to ``wanted`` (ascending), at least LABEL_GAP apart
    and between ``top`` and ``bottom`` when there is room."""
    placed: list[float] = []
    for y in wanted:
        placed.append(max(y, top, placed[-1] + LABEL_GAP if placed else top))
    limit = bottom
    for k in range(len(placed) - 1, -1, -1):  # push back up what ran past the bottom
        placed[k] = min(placed[k], limit)
        limit = placed[k] - LABEL_GAP
    return [round(y, 1) for y in placed]


def caterpillar(lines: Sequence[Line], *, ranked: int) -> Caterpillar:
    """Areas top to bottom in the order given; x runs from rank 1 (best) to ``ranked``."""
    span = PLOT_RIGHT - LEFT

    def x(rank: float) -> float:
        return round(LEFT + span * (rank - 1) / max(ranked - 1, 1), 1)

    height = TOP + ROW * max(len(lines), 1) + BOTTOM
    ys = [TOP + ROW * k + ROW / 2 for k in range(len(lines))]
    named = [
        k
        for k, line in enumerate(lines)
        if line.selected or not line.rank_p05 <= line.rank <= line.rank_p95
    ]
    label_ys = dict(
        zip(
            named,
            spread_labels([ys[k] for k in named], top=TOP, bottom=height - BOTTOM),
            strict=True,
        )
    )
    bars = tuple(
        Bar(
            area_code=line.area_code,
            area_name=line.area_name,
            y=ys[k],
            x_rank=x(line.rank),
            x_low=x(line.rank_p05),
            x_high=x(line.rank_p95),
            selected=line.selected,
            rank=line.rank,
            rank_p05=line.rank_p05,
            rank_p95=line.rank_p95,
            label_y=label_ys.get(k),
        )
        for k, line in enumerate(lines)
    )
    ticks = tuple(Tick(x(r), str(r)) for r in tick_ranks(ranked))
    return Caterpillar(
        width=WIDTH,
        height=height,
        left=LEFT,
        right=RIGHT,
        top=TOP,
        bars=bars,
        ticks=ticks,
    )
