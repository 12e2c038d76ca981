"""Monte Carlo rank intervals and sensitivity indices."""

from __future__ import annotations

import numpy as np
import pytest
from ranking_examples import (
    AT_HOME,
    DELAYED,
    EMERGENCY,
    FOUR_AREAS,
    FOUR_ENGLAND,
    A,
    B,
    C,
    Cell,
    D,
    make_values,
)

from joinedup.errors import InvalidInput
from joinedup.ranking.schemas import Aggregation, Normalisation
from joinedup.ranking.uncertainty import Assumptions, rank_uncertainty

WEIGHTS = np.array([1.0, 2.0, 1.0])
FIXED = Assumptions(
    weight_range=(1.0, 1.0),
    normalisations=(Normalisation.RANK,),
    aggregations=(Aggregation.ARITHMETIC,),
)


def with_intervals() -> dict[str, dict[str, Cell]]:
    """The four areas with wide intervals on emergency admissions and at home."""
    table: dict[str, dict[str, Cell]] = {}
    for area, cells in FOUR_AREAS.items():
        emergency, delayed, at_home = (cells[k] for k in (EMERGENCY, DELAYED, AT_HOME))
        assert emergency is not None
        assert delayed is not None
        assert at_home is not None
        table[area] = {
            EMERGENCY: (emergency, emergency - 150, emergency + 150),
            DELAYED: (delayed, delayed, delayed),
            AT_HOME: (at_home, at_home - 15, at_home + 10),
        }
    return table


def test_same_seed_same_draws_other_seed_other_draws() -> None:
    values = make_values(with_intervals(), FOUR_ENGLAND)
    first = rank_uncertainty(values, weights=WEIGHTS, draws=400, seed=7)
    again = rank_uncertainty(values, weights=WEIGHTS, draws=400, seed=7)
    other = rank_uncertainty(values, weights=WEIGHTS, draws=400, seed=8)
    assert np.array_equal(first.rank_draws, again.rank_draws)
    assert first.first_order == again.first_order
    assert not np.array_equal(first.rank_draws, other.rank_draws)
    assert first.rank_draws.shape == (400, 4)


def test_nothing_uncertain_gives_zero_width_intervals() -> None:
    # No intervals, fixed weights, one normalisation and one aggregation: every draw is the
    # hand-worked composite (B 1, A 2, C 3, D 4).
    values = make_values(FOUR_AREAS)
    result = rank_uncertainty(values, weights=WEIGHTS, assumptions=FIXED, draws=50, seed=1)
    expected = {A: 2, B: 1, C: 3, D: 4}
    for stat in (result.median_rank, result.rank_p05, result.rank_p95):
        assert dict(zip(result.area_codes, stat.tolist(), strict=True)) == expected
    assert all(index == 0 for index in result.first_order.values())
    assert result.most_influential() is None


def test_zero_width_intervals_also_give_zero_width_rank_intervals() -> None:
    table: dict[str, dict[str, Cell]] = {
        area: {k: (v, v, v) for k, v in cells.items() if v is not None}
        for area, cells in FOUR_AREAS.items()
    }
    result = rank_uncertainty(
        make_values(table), weights=WEIGHTS, assumptions=FIXED, draws=50, seed=3
    )
    assert np.array_equal(result.rank_p05, result.rank_p95)


def test_only_weights_matter() -> None:
    # Two indicators pulling opposite ways, equally spaced: rank, z-score, min-max and distance
    # to England (England 25 on both) are the same linear map of each, so the normalisation
    # cannot change any rank; there are no intervals. Only the weights can reorder the areas.
    los = "los_p90_emergency_65plus"
    values = make_values(
        {
            A: {EMERGENCY: 10, los: 40},
            B: {EMERGENCY: 20, los: 30},
            C: {EMERGENCY: 30, los: 20},
            D: {EMERGENCY: 40, los: 10},
        },
        england={EMERGENCY: 25.0, los: 25.0},
    )
    assumptions = Assumptions(aggregations=(Aggregation.ARITHMETIC,))
    result = rank_uncertainty(
        values, weights=np.array([1.0, 1.0]), assumptions=assumptions, draws=2000, seed=5
    )
    assert result.most_influential() == "weights"
    assert result.first_order["weights"] > 0.9
    assert result.first_order["normalisation"] == pytest.approx(0.0, abs=0.05)
    assert result.first_order["values"] == 0.0  # held fixed: no intervals
    assert result.first_order["aggregation"] == 0.0  # held fixed
    # Under equal weights every area ties; perturbed weights send A and D anywhere from 1 to 4.
    assert result.rank_p05[0] == 1
    assert result.rank_p95[0] == 4


def test_wide_intervals_make_values_the_largest_influence() -> None:
    values = make_values(with_intervals())
    assumptions = Assumptions(
        weight_range=(0.9, 1.1),
        normalisations=(Normalisation.RANK,),
        aggregations=(Aggregation.ARITHMETIC,),
    )
    result = rank_uncertainty(values, weights=WEIGHTS, assumptions=assumptions, draws=2000, seed=11)
    assert result.most_influential() == "values"
    # A (2.25) and C (2.5) are close and their intervals wide: they swap places in many draws;
    # B (1.25) stays first, D (worst on every indicator, and on delayed days, weight 2) last.
    a, c = result.area_codes.index(A), result.area_codes.index(C)
    assert (result.rank_p05[a], result.rank_p95[a]) == (2, 3)
    assert (result.rank_p05[c], result.rank_p95[c]) == (2, 3)
    assert result.rank_p95[result.area_codes.index(B)] <= 2
    assert result.rank_p05[result.area_codes.index(D)] >= 3


def test_bad_settings_are_refused() -> None:
    values = make_values(FOUR_AREAS)
    with pytest.raises(InvalidInput) as refused:
        rank_uncertainty(values, weights=WEIGHTS, assumptions=Assumptions(weight_range=(0, 1)))
    assert set(refused.value.problems) == {"weight_range"}
    with pytest.raises(InvalidInput, match="E92000001"):
        rank_uncertainty(values, weights=WEIGHTS, assumptions=Assumptions(), draws=10)
