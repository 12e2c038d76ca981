"""The Python API the CLI and the web call."""

from __future__ import annotations

import pyarrow as pa
import pytest
from ranking_examples import (
    DELAYED,
    EMERGENCY,
    FOUR_AREAS,
    FOUR_ENGLAND,
    PERIOD,
    A,
    B,
    C,
    D,
    rows_from,
)

from joinedup.errors import InvalidInput
from joinedup.ranking.benchmarking import ThreeLevel
from joinedup.ranking.schemas import INDICATORS, RankingOptions
from joinedup.ranking.service import benchmark_period, peer_groups, rank_values


def test_arrow_table_and_rows_rank_alike() -> None:
    rows = rows_from(FOUR_AREAS, FOUR_ENGLAND)
    options = RankingOptions(draws=100, seed=2, select=1)
    from_rows = rank_values(rows, period_start=PERIOD, options=options)
    from_arrow = rank_values(pa.Table.from_pylist(rows), period_start=PERIOD, options=options)
    assert from_rows.table() == from_arrow.table()
    assert [a.area_code for a in from_rows.areas] == [B, A, C, D]
    assert from_rows.settings["weights"][DELAYED] == 2.0
    assert from_rows.settings["seed"] == 2


def test_weight_for_an_indicator_without_values_is_reported() -> None:
    result = rank_values(
        rows_from(FOUR_AREAS, FOUR_ENGLAND),
        period_start=PERIOD,
        options=RankingOptions(draws=20, weights={"weekend_discharges_emergency": 3}),
    )
    title = INDICATORS["weekend_discharges_emergency"].title.lower()
    assert any(f"weight was given for {title}" in note for note in result.notes)


def test_without_england_the_monte_carlo_leaves_distance_out() -> None:
    result = rank_values(
        rows_from(FOUR_AREAS), period_start=PERIOD, options=RankingOptions(draws=20)
    )
    assert "distance_to_england" not in result.settings["monte_carlo_normalisations"]
    assert any("leaves out the distance to England normalisation" in n for n in result.notes)


def test_unknown_weight_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"Unknown indicator.*happiness"):
        rank_values(
            rows_from(FOUR_AREAS),
            period_start=PERIOD,
            options=RankingOptions(draws=20, weights={"happiness": 1}),
        )


def test_benchmark_period_against_england_and_given_peers() -> None:
    table = {A: {EMERGENCY: (100, 90, 110)}, B: {EMERGENCY: (300, 280, 320)}}
    rows = rows_from(table, {EMERGENCY: 200.0})
    found = benchmark_period(rows, period_start=PERIOD, peers={A: [B], B: [A]})
    by_area = {b.area_code: b for b in found}
    assert by_area[A].vs_england is ThreeLevel.BETTER
    assert by_area[B].vs_england is ThreeLevel.WORSE
    assert by_area[A].peer_mean == pytest.approx(300.0)
    assert by_area[A].vs_peers is ThreeLevel.BETTER


def test_reference_peers_by_default() -> None:
    rows = rows_from({A: {EMERGENCY: (100, 90, 110)}}, {EMERGENCY: 200.0})
    (only,) = benchmark_period(rows, period_start=PERIOD)
    assert only.peers_with_value == 0  # none of Hartlepool's 15 peers has a value here
    assert only.vs_peers is ThreeLevel.NOT_COMPARED
    assert len(peer_groups()[A]) == 15
