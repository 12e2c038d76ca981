"""Synthetic England: every area, realistic shapes, differences between areas, deterministic."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from joinedup.areas.service import reference_rows
from joinedup.errors import InvalidInput
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
    assert 20_000 <= england["emergency_admissions_65plus"] <= 30_000  # per 100,000 a year
    assert 12 <= england["los_p90_emergency_65plus"] <= 25  # days
    assert 8 <= england["delayed_days_per_day_18plus"] <= 20
    assert 70 <= england["reablement_at_home_91d_65plus"] <= 90  # %
    assert 2 <= england["reablement_offered_65plus"] <= 4  # % (2.8% in 2018-19)
    assert 15 <= england["weekend_discharges_emergency"] <= 25  # % (2/7 would be 28.6%)


def test_areas_differ_and_move_in_both_directions(folder: Path) -> None:
    # The first rolling year against the last before the collection stopped (February 2020):
    # the financial year 2019-20 reaches past it and is not computed.
    table = compute(folder, PeriodKind.ROLLING12, indicator_ids=["delayed_days_per_day_18plus"])
    values: dict[str, list[float]] = {}
    for r in sorted(table.to_pylist(), key=lambda r: r["period_start"]):
        if r["area_code"] != ENGLAND:
            values.setdefault(r["area_code"], []).append(r["value"])
    changes = [years[-1] - years[0] for years in values.values()]
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
            "'admidate': 'DATE', 'disdate': 'DATE', 'discharge_ready_date': 'DATE'}))"
        ).fetchone()
    assert difference == (0,)


@pytest.mark.parametrize("sample", [0.0003, 0.002])
def test_a_small_sample_has_published_rates_because_populations_shrink_alike(
    tmp_path: Path, sample: float
) -> None:
    summary = synth(tmp_path, sample=sample, seed=5, start="2018-04", months=12)
    assert summary.sample == sample
    # A real-size year is about 16 million spells; the sample writes its share of them.
    assert 0.8 * 16e6 * sample <= summary.rows["spells"] <= 1.2 * 16e6 * sample
    table = compute(tmp_path, PeriodKind.FINANCIAL_YEAR)
    rows = [r for r in table.to_pylist() if r["indicator"] == "emergency_admissions_65plus"]
    england = next(r["value"] for r in rows if r["area_code"] == ENGLAND)
    assert 20_000 <= england <= 30_000  # per 100,000 aged 65+ a year, as published
    areas = sorted(r["value"] for r in rows if r["area_code"] != ENGLAND)
    assert 15_000 <= areas[len(areas) // 2] <= 35_000
    with duckdb.connect() as con:
        people = one(
            con,
            f"SELECT population_65plus FROM read_parquet('{tmp_path / 'population.parquet'}') "
            f"WHERE area_code = '{ENGLAND}'",
        )
    assert people == pytest.approx(10_179_253 * sample, rel=0.02)


def test_a_number_of_spells_is_the_sample_it_makes(tmp_path: Path) -> None:
    summary = synth(tmp_path, spells=20_000, seed=5, start="2018-04", months=12)
    assert summary.rows["spells"] >= 20_000
    assert summary.sample == pytest.approx(20_000 / 16e6, rel=0.2)
    table = compute(
        tmp_path, PeriodKind.FINANCIAL_YEAR, indicator_ids=["emergency_admissions_65plus"]
    )
    england = next(r["value"] for r in table.to_pylist() if r["area_code"] == ENGLAND)
    assert 20_000 <= england <= 30_000


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"sample": 0.0}, "more than 0"),
        ({"sample": 11.0}, "at most 10"),
        ({"sample": 1e-9}, "less than one spell"),
        ({"sample": 0.01, "spells": 100}, "not both"),
        ({"spells": 0}, "at least 1"),
    ],
)
def test_a_size_that_makes_no_sense_is_refused(
    tmp_path: Path, kwargs: dict[str, float], problem: str
) -> None:
    with pytest.raises(InvalidInput, match=problem):
        synth(tmp_path, months=12, **kwargs)  # type: ignore[arg-type]
    assert not (tmp_path / "spells.parquet").exists()
