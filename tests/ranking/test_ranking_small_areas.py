"""The small-area rule: areas with too few residents aged 65 and over are listed, not ranked;
the threshold is a setting of the run, saved and shown with it and in its downloads."""

from __future__ import annotations

from datetime import date

import pytest
from ranking_examples import FOUR_AREAS, FOUR_ENGLAND, A, B, C, D, rows_from
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.ranking import service
from joinedup.ranking.compute import RankingResult
from joinedup.ranking.demo import latest_complete_year
from joinedup.ranking.schemas import SMALL_AREA_MIN_65PLUS, RankingOptions, RankingRunIn
from joinedup.ranking.small_areas import apply_small_area_rule, populations_65plus
from joinedup.timeline import Timeline

SCILLY, CITY = "E06000053", "E09000001"


def first_on(result: RankingResult, area_code: str) -> list[str]:
    """The indicators on which ``area_code`` is first, alone or tied (the lowest normalised
    value: higher is more challenged)."""
    ranked = [a for a in result.areas if a.rank is not None]
    firsts: list[str] = []
    for indicator in result.indicator_ids:
        values = {a.area_code: a.contributions.get(indicator) for a in ranked}
        known = [v for v in values.values() if v is not None]
        if values.get(area_code) is not None and values[area_code] == min(known):
            firsts.append(indicator)
    return firsts


def test_the_rule_names_the_smallest_areas() -> None:
    populations = populations_65plus()
    rule = apply_small_area_rule(
        list(populations), min_population=SMALL_AREA_MIN_65PLUS, populations=populations
    )
    # Isles of Scilly (576 aged 65 and over) and City of London (1,564): nobody else is near.
    assert rule.excluded == (SCILLY, CITY)
    assert "fewer than 5,000 residents aged 65 and over" in rule.describe()
    off = apply_small_area_rule(list(populations), min_population=0, populations=populations)
    assert off.excluded == ()
    assert off.describe() == "Every area is ranked, however small."


def test_an_area_of_unknown_population_is_ranked() -> None:
    rule = apply_small_area_rule(["E99999999", A], min_population=10, populations={A: 5})
    assert rule.excluded == (A,)


def test_the_rule_changes_which_areas_are_ranked(session: Session) -> None:
    year = latest_complete_year(Timeline.as_at(clock.today()))
    everyone = service.rank_stored(
        session, period_start=year, options=RankingOptions(draws=100, min_population=0)
    )
    default = service.rank_stored(session, period_start=year, options=RankingOptions(draws=100))
    # With every area ranked, the two smallest areas' few hundred older people put one or the
    # other first on most indicators (five of the six in the demo year); the default rule
    # lists them, unranked.
    small_firsts = {*first_on(everyone, SCILLY), *first_on(everyone, CITY)}
    assert len(small_firsts) >= 4
    assert first_on(everyone, SCILLY)
    assert first_on(default, SCILLY) == []
    by_code = {a.area_code: a for a in default.areas}
    assert by_code[SCILLY].rank is None
    assert by_code[CITY].rank is None
    assert (
        sum(a.rank is not None for a in default.areas)
        == sum(a.rank is not None for a in everyone.areas) - 2
    )
    assert len(default.areas) == len(everyone.areas)  # still listed
    assert default.settings["min_population_65plus"] == SMALL_AREA_MIN_65PLUS
    assert default.settings["small_areas"] == [SCILLY, CITY]
    assert everyone.settings["small_areas"] == []


def test_a_smaller_threshold_for_invented_areas() -> None:
    rows = rows_from(FOUR_AREAS, FOUR_ENGLAND)
    populations = {A: 100, B: 20_000, C: 30_000, D: 40_000}
    result = service.rank_values(
        rows,
        period_start=date(2018, 4, 1),
        options=RankingOptions(draws=100, min_population=1_000),
        populations=populations,
    )
    assert [a.area_code for a in result.areas if a.rank is None] == [A]
    assert result.settings["small_areas"] == [A]


@pytest.mark.parametrize("bad", [-1, 10_000_001])
def test_the_threshold_is_checked_at_the_door(bad: int) -> None:
    with pytest.raises(ValueError, match="min_population"):
        RankingRunIn(name="x", period_start=date(2019, 4, 1), min_population=bad)
