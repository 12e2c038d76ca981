"""Synthetic England: every area, realistic shapes, differences between areas, deterministic."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from joinedup.areas.service import reference_rows
from joinedup.metrics.periods import PeriodKind
from joinedup.metrics.service import compute
from joinedup.metrics.synth import synth

ENGLAND = "E92000001"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synthetic")
    synth(out, spells=120_000, seed=3, start="2018-04", months=24)
    return out


def one(con: duckdb.DuckDBPyConnection, sql: str) -> float:
    row = con.execute(sql).fetchone()
    assert row is not None
    return float(row[0])


def test_every_reference_area_has_spells_and_a_population_each_year(folder: Path) -> None:
    codes = {r.code for r in reference_rows()}
    with duckdb.connect() as con:
        spells = f"read_parquet('{folder / 'spells.parquet'}')"
        population = f"read_parquet('{folder / 'population.parquet'}')"
        seen = {r[0] for r in con.execute(f"SELECT DISTINCT resladst_ons FROM {spells}").fetchall()}
        assert codes <= seen
        years = con.execute(f"SELECT area_code, count(*) FROM {population} GROUP BY 1").fetchall()
        assert {a for a, _ in years} == codes | {ENGLAND}
        assert {n for _, n in years} == {3}  # 2018, 2019 and 2020
        # England's row is the sum of the areas.
        assert (
            one(
                con,
                f"SELECT sum(population_65plus) FILTER (area_code <> '{ENGLAND}') - "
                f"sum(population_65plus) FILTER (area_code = '{ENGLAND}') FROM {population} "
                "WHERE year = 2019",
            )
            == 0
        )
        # Volumes follow population: areas' spells correlate with their populations.
        correlation = one(
            con,
            f"SELECT corr(n, population_all) FROM (SELECT resladst_ons, count(*) AS n "
            f"FROM {spells} GROUP BY 1) s JOIN {population} p "
            "ON p.area_code = s.resladst_ons AND p.year = 2018",
        )
        assert correlation > 0.95


def test_national_values_look_like_the_published_dashboard(folder: Path) -> None:
    table = compute(folder, PeriodKind.FINANCIAL_YEAR)
    england = {
        r["indicator"]: r["value"]
        for r in table.to_pylist()
        if r["area_code"] == ENGLAND and r["period_start"].year == 2018
    }
    assert 12 <= england["los_p90_emergency_65plus"] <= 25  # days
    assert 8 <= england["delayed_days_per_day_18plus"] <= 20
    assert 70 <= england["reablement_at_home_91d_65plus"] <= 90  # %
    assert 1.5 <= england["reablement_offered_65plus"] <= 5  # %
    assert 15 <= england["weekend_discharges_emergency"] <= 25  # % (2/7 would be 28.6%)


def test_areas_differ_and_move_in_both_directions(folder: Path) -> None:
    table = compute(
        folder, PeriodKind.FINANCIAL_YEAR, indicator_ids=["delayed_days_per_day_18plus"]
    )
    values: dict[str, list[float]] = {}
    for r in table.to_pylist():
        if r["area_code"] != ENGLAND:
            values.setdefault(r["area_code"], []).append(r["value"])
    changes = [later - earlier for earlier, later in values.values()]
    assert sum(c < 0 for c in changes) >= 20  # improving
    assert sum(c > 0 for c in changes) >= 20  # worsening
    first_year = sorted(v[0] for v in values.values())
    assert first_year[-10] > 2 * first_year[10]  # genuine spread between areas


def test_winter_is_busier_and_weekends_are_quieter(folder: Path) -> None:
    with duckdb.connect() as con:
        spells = f"read_parquet('{folder / 'spells.parquet'}')"
        per_day = (
            f"SELECT count(*) / 31.0 FROM {spells} WHERE admimeth LIKE '2%' AND "
            "admidate BETWEEN DATE '{}' AND DATE '{}'"
        )
        january = one(con, per_day.format("2019-01-01", "2019-01-31"))
        july = one(con, per_day.format("2019-07-01", "2019-07-31"))
        assert january > 1.05 * july
        weekend_share = one(
            con,
            f"SELECT avg(CASE WHEN isodow(disdate) >= 6 THEN 1 ELSE 0 END) FROM {spells} "
            "WHERE admimeth LIKE '2%' AND disdate IS NOT NULL",
        )
        assert weekend_share < 2 / 7 - 0.05


def test_same_seed_same_files_and_csv_holds_the_same_rows(tmp_path: Path) -> None:
    first = synth(tmp_path / "a", spells=3_000, seed=11, months=3)
    again = synth(tmp_path / "b", spells=3_000, seed=11, months=3, fmt="csv")
    other = synth(tmp_path / "c", spells=3_000, seed=12, months=3)
    assert first.rows == again.rows
    assert first.rows != other.rows
    with duckdb.connect() as con:
        difference = con.execute(
            f"SELECT count(*) FROM (SELECT * EXCLUDE (admimeth, disdest, resladst_ons), "
            f"CAST(admimeth AS VARCHAR), CAST(disdest AS VARCHAR) "
            f"FROM read_parquet('{tmp_path / 'a' / 'spells.parquet'}') EXCEPT "
            f"SELECT * EXCLUDE (admimeth, disdest, resladst_ons), admimeth, disdest "
            f"FROM read_csv('{tmp_path / 'b' / 'spells.csv'}', all_varchar = true, "
            "types = {'spell_id': 'BIGINT', 'person_id': 'BIGINT', 'startage': 'SMALLINT', "
            "'admidate': 'DATE', 'disdate': 'DATE'}))"
        ).fetchone()
    assert difference == (0,)
