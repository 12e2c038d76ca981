"""Choosing the most challenged areas for review and saying how robust each choice is."""

from __future__ import annotations

import numpy as np
import pytest

from joinedup.errors import InvalidInput
from joinedup.ranking.selection import Robustness, select_reviews

CODES = ("E1", "E2", "E3", "E4", "E5")
RANK = np.array([1, 2, 3, 4, 5])


def draws_with(share_of_e4_in_worst_two: float, total: int = 100) -> np.ndarray:
    """E5 is always last; E4 is 4th except in some draws where E3 and E4 swap."""
    swapped = round(total * (1 - share_of_e4_in_worst_two))
    rows = [[1, 2, 3, 4, 5]] * (total - swapped) + [[1, 2, 4, 3, 5]] * swapped
    return np.array(rows, dtype=np.int32)


def test_robust_and_borderline() -> None:
    chosen = select_reviews(CODES, RANK, draws_with(0.85), 2)
    assert [(s.area_code, s.rank, s.robustness) for s in chosen.selected] == [
        ("E5", 5, Robustness.ROBUST),
        ("E4", 4, Robustness.BORDERLINE),
    ]
    assert chosen.selected[1].share_in_worst == pytest.approx(0.85)
    assert chosen.contenders == (("E3", pytest.approx(0.15)),)


def test_ninety_percent_is_robust() -> None:
    chosen = select_reviews(CODES, RANK, draws_with(0.9), 2)
    assert [s.robustness for s in chosen.selected] == [Robustness.ROBUST, Robustness.ROBUST]


def test_size_must_fit() -> None:
    with pytest.raises(InvalidInput, match="between 1 and 5"):
        select_reviews(CODES, RANK, draws_with(1.0), 6)
