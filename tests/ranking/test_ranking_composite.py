"""The composite index on a 4-area x 3-indicator example worked by hand.

Values (emergency and delayed days: lower is better; at home after 91 days: higher is better):

    area  emergency  delayed  at_home   ranks (1 = best)
    A        100       30       80      1, 3, 2
    B        200       10       90      2, 1, 1
    C        300       20       70      3, 2, 3
    D        400       40       60      4, 4, 4

Default weights 1, 2, 1 -> shares 1/4, 1/2, 1/4:
    A = 1/4 + 3/2 + 2/4 = 2.25, B = 2/4 + 1/2 + 1/4 = 1.25, C = 3/4 + 1 + 3/4 = 2.5, D = 4.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
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
from joinedup.ranking.composite import (
    aggregate,
    apply_missing_rule,
    composite_index,
    composite_scores,
    tied_ranks,
)
from joinedup.ranking.schemas import Aggregation, MissingRule, Normalisation


def weights(emergency: float = 1, delayed: float = 2, at_home: float = 1) -> np.ndarray:
    return np.array([emergency, delayed, at_home], dtype=float)


def by_area(codes: tuple[str, ...], numbers: np.ndarray) -> dict[str, float]:
    return {code: float(x) for code, x in zip(codes, numbers, strict=True)}


def test_default_composite_by_hand() -> None:
    values = make_values(FOUR_AREAS)
    assert values.indicator_ids == (EMERGENCY, DELAYED, AT_HOME)
    result = composite_index(values, weights=weights())
    assert by_area(result.area_codes, result.score) == pytest.approx(
        {A: 2.25, B: 1.25, C: 2.5, D: 4.0}
    )
    assert by_area(result.area_codes, result.rank) == {A: 2, B: 1, C: 3, D: 4}


def test_contributions_explain_the_score() -> None:
    result = composite_index(make_values(FOUR_AREAS), weights=weights())
    a = result.area_codes.index(A)
    # A: emergency rank 1 x 1/4, delayed rank 3 x 1/2, at home rank 2 x 1/4.
    assert list(result.contributions[a]) == pytest.approx([0.25, 1.5, 0.5])
    assert result.contributions.sum(axis=1) == pytest.approx(result.score)


def test_weights_change_the_ranks_and_ties_share_the_lowest_rank() -> None:
    # Weights 3, 1, 1 -> shares 3/5, 1/5, 1/5: A = 3/5 + 3/5 + 2/5 = 1.6,
    # B = 6/5 + 1/5 + 1/5 = 1.6, C = 9/5 + 2/5 + 3/5 = 2.8, D = 4: A and B tie for first.
    result = composite_index(make_values(FOUR_AREAS), weights=weights(3, 1, 1))
    assert by_area(result.area_codes, result.score) == pytest.approx(
        {A: 1.6, B: 1.6, C: 2.8, D: 4.0}
    )
    assert by_area(result.area_codes, result.rank) == {A: 1, B: 1, C: 3, D: 4}


def test_min_max_by_hand() -> None:
    # emergency (x - 100) / 300; delayed (x - 10) / 30; at home (90 - x) / 30.
    # A = 0/4 + (2/3)/2 + (1/3)/4 = 5/12; B = (1/3)/4 = 1/12; C = 1/6 + 1/6 + 1/6; D = 1.
    result = composite_index(
        make_values(FOUR_AREAS), weights=weights(), normalisation=Normalisation.MINMAX
    )
    assert by_area(result.area_codes, result.score) == pytest.approx(
        {A: 5 / 12, B: 1 / 12, C: 0.5, D: 1.0}
    )
    assert by_area(result.area_codes, result.rank) == {A: 2, B: 1, C: 3, D: 4}


def test_distance_to_england_by_hand() -> None:
    # England 250, 25, 75. A: (100-250)/250 = -0.6, (30-25)/25 = 0.2, (75-80)/75 = -1/15
    # -> -0.15 + 0.1 - 1/60; B: -0.2, -0.6, -0.2 -> -0.4; C: 0.2, -0.2, 1/15; D: 0.6, 0.6, 0.2.
    result = composite_index(
        make_values(FOUR_AREAS, FOUR_ENGLAND),
        weights=weights(),
        normalisation=Normalisation.DISTANCE_TO_ENGLAND,
    )
    assert by_area(result.area_codes, result.score) == pytest.approx(
        {A: -0.15 + 0.1 - 1 / 60, B: -0.4, C: 0.05 - 0.1 + 1 / 60, D: 0.5}
    )
    assert by_area(result.area_codes, result.rank) == {A: 2, B: 1, C: 3, D: 4}


def test_distance_to_england_needs_england() -> None:
    with pytest.raises(InvalidInput, match=r"E92000001.*emergency_admissions_65plus"):
        composite_index(
            make_values(FOUR_AREAS),
            weights=weights(),
            normalisation=Normalisation.DISTANCE_TO_ENGLAND,
        )


def test_zscore_centres_each_indicator() -> None:
    # Emergency 100..400: mean 250, population SD sqrt(12500); A is (100 - 250) / 111.80.
    result = composite_index(
        make_values(FOUR_AREAS), weights=weights(1, 0, 0), normalisation=Normalisation.ZSCORE
    )
    assert result.score[result.area_codes.index(A)] == pytest.approx(-150 / math.sqrt(12500))
    assert result.score.sum() == pytest.approx(0.0)


def test_geometric_by_hand() -> None:
    # Ranks already start at 1, so no shift: A = 1^(1/4) 3^(1/2) 2^(1/4), B = 2^(1/4),
    # C = 3^(1/4) 2^(1/2) 3^(1/4) = sqrt(6), D = 4. Contributions are w ln(rank).
    result = composite_index(
        make_values(FOUR_AREAS), weights=weights(), aggregation=Aggregation.GEOMETRIC
    )
    assert by_area(result.area_codes, result.score) == pytest.approx(
        {A: math.sqrt(3) * 2**0.25, B: 2**0.25, C: math.sqrt(6), D: 4.0}
    )
    a = result.area_codes.index(A)
    assert list(result.contributions[a]) == pytest.approx([0.0, math.log(3) / 2, math.log(2) / 4])
    assert np.exp(result.contributions.sum(axis=1)) == pytest.approx(result.score)


def with_d_missing_delayed() -> dict[str, dict[str, Cell]]:
    table = {a: dict(v) for a, v in FOUR_AREAS.items()}
    table[D][DELAYED] = None
    return table


def test_missing_exclude_drops_the_area_and_says_so() -> None:
    values = make_values(with_d_missing_delayed())
    rows, report = apply_missing_rule(values, MissingRule.EXCLUDE)
    assert report.excluded_areas == (D,)
    assert report.missing_cells == ((D, DELAYED),)
    result = composite_index(values.subset(rows), weights=weights())
    # The three left rank as before (D was last on the other indicators).
    assert by_area(result.area_codes, result.score) == pytest.approx({A: 2.25, B: 1.25, C: 2.5})
    assert any("E06000004 has no delayed_days_per_day_18plus" in line for line in report.describe())


def test_missing_reweight_shares_weights_over_what_the_area_has() -> None:
    values = make_values(with_d_missing_delayed())
    rows, report = apply_missing_rule(values, MissingRule.REWEIGHT)
    assert report.excluded_areas == ()
    assert report.missing_cells == ((D, DELAYED),)
    result = composite_index(values.subset(rows), weights=weights())
    d = result.area_codes.index(D)
    # D: emergency rank 4 and at home rank 4, weights 1 and 1 -> 1/2 each: score 4.
    assert result.score[d] == pytest.approx(4.0)
    assert math.isnan(result.contributions[d, 1])
    assert np.nansum(result.contributions[d]) == pytest.approx(4.0)
    assert result.rank[d] == 4


def test_area_with_no_value_is_never_ranked() -> None:
    table = {a: dict(v) for a, v in FOUR_AREAS.items()}
    table["E06000005"] = {EMERGENCY: None, DELAYED: None, AT_HOME: None}
    _, report = apply_missing_rule(make_values(table), MissingRule.REWEIGHT)
    assert report.excluded_areas == ("E06000005",)


def test_tied_ranks_by_hand() -> None:
    x = np.array([10.0, 20.0, 20.0, np.nan, 5.0])
    assert list(tied_ranks(x, average=True)[[0, 1, 2, 4]]) == [2.0, 3.5, 3.5, 1.0]
    assert list(tied_ranks(x, average=False)[[0, 1, 2, 4]]) == [2.0, 3.0, 3.0, 1.0]
    assert math.isnan(tied_ranks(x, average=True)[3])


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(st.lists(finite, min_size=2, max_size=30, unique=True))
def test_distinct_values_rank_as_a_permutation(xs: list[float]) -> None:
    ranks = tied_ranks(np.array(xs), average=True)
    assert sorted(ranks) == list(range(1, len(xs) + 1))


@given(st.lists(st.integers(0, 5), min_size=2, max_size=30), st.floats(-100, 100))
def test_rank_normalisation_ignores_a_shift(xs: list[int], shift: float) -> None:
    x = np.array(xs, dtype=float)
    ranks = tied_ranks(x, average=True)
    assert ranks.sum() == pytest.approx(len(xs) * (len(xs) + 1) / 2)
    assert list(tied_ranks(x + shift, average=True)) == list(ranks)


@given(
    st.lists(st.lists(st.floats(0.1, 100), min_size=3, max_size=3), min_size=3, max_size=8),
    st.lists(st.floats(0.1, 5), min_size=3, max_size=3),
    st.sampled_from(list(Aggregation)),
    st.integers(0, 2),
)
def test_fast_scores_match_the_explained_scores(
    table: list[list[float]], w: list[float], method: Aggregation, hole: int
) -> None:
    normalised = np.array(table).T  # (indicators, areas)
    available = np.ones(normalised.shape, dtype=bool)
    available[hole, 0] = False
    weights_ = np.array(w)
    fast = composite_scores(normalised, weights_, method, available=available)
    explained, _ = aggregate(normalised, weights_, method, available=available)
    assert fast == pytest.approx(explained)
