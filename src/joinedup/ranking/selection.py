"""Choosing reviews: the N most challenged areas, and how robust each choice is."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from joinedup.errors import InvalidInput

ROBUST_SHARE = 0.9


class Robustness(StrEnum):
    ROBUST = "robust"  # in the worst N in at least 90% of the draws
    BORDERLINE = "borderline"


@dataclass(frozen=True)
class Selection:
    area_code: str
    rank: int
    share_in_worst: float  # share of draws in which the area is among the worst N
    robustness: Robustness


@dataclass(frozen=True)
class ReviewSelection:
    size: int
    selected: tuple[Selection, ...]  # most challenged first
    # Not selected, yet among the worst N in some draws: the areas a borderline choice competes
    # with, most often worst first.
    contenders: tuple[tuple[str, float], ...]


def select_reviews(
    area_codes: tuple[str, ...],
    rank: npt.NDArray[np.int64],
    rank_draws: npt.NDArray[np.int32],
    size: int,
    *,
    robust_share: float = ROBUST_SHARE,
) -> ReviewSelection:
    """The ``size`` areas with the highest composite rank (1 = best; ties: area code order).

    ``rank_draws`` is ``(draws, areas)`` with rank 1 = best, so an area is among the worst N of
    a draw when its rank is above (areas - N).
    """
    count = len(area_codes)
    if not 1 <= size <= count:
        raise InvalidInput.of("select", f"{size}: choose between 1 and {count} (the areas ranked)")
    worst_first = sorted(range(count), key=lambda a: (-rank[a], area_codes[a]))
    share = (rank_draws > count - size).mean(axis=0)
    chosen = worst_first[:size]
    selected = tuple(
        Selection(
            area_code=area_codes[a],
            rank=int(rank[a]),
            share_in_worst=float(share[a]),
            robustness=(Robustness.ROBUST if share[a] >= robust_share else Robustness.BORDERLINE),
        )
        for a in chosen
    )
    others = sorted(
        (a for a in range(count) if a not in chosen and share[a] > 0),
        key=lambda a: (-share[a], area_codes[a]),
    )
    return ReviewSelection(
        size=size,
        selected=selected,
        contenders=tuple((area_codes[a], float(share[a])) for a in others),
    )
