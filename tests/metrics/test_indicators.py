"""Each indicator on the hand-built folder of tiny.py, against values worked out by hand.

January 2021 (31 days), spells by hand (✓ = counted):
  emergency admissions 65+ (admidate in January): A s1 s2 s3 s6 = 4, B s9 s10 = 2 (s11 is 64),
    England adds s8 (no residence) = 7. Populations 65+: A 2,000 (2021 row), B 1,000 (its only
    row, 2020), England has no row so 3,000. Rates: A 4/2000 = 200, B 200, England 233.33 per
    100,000. 7 events < 10, so exact: Garwood (2.814, 14.423) x 100,000 / 3,000 = 93.81, 480.8.
  length of stay, emergency 65+ discharged in January: A s1 5, s2 1, s3 15 (died: still a stay)
    -> [1, 5, 15], h = 0.9 x 2 = 1.8 -> 5 + 0.8 x 10 = 13. B s9 2, s10 10 ('2A' is emergency)
    -> h = 0.9 -> 2 + 0.9 x 8 = 9.2. England adds s8 0 -> [0,1,2,5,10,15], h = 4.5 -> 12.5.
  delayed days: A 100 + 55 = 155 over 31 x 8,000 / 100,000 = 2.48 -> 62.5; B 31 / 1.24 = 25;
    England 186 / 3.72 = 50.
  at home 91 days (reablement 65+, known): A p1 yes, p2 no -> 1/2; B 1/1; England adds p8 -> 3/4.
  reablement offered: A reablement 65+ 2 (p4 is 60) over live 65+ discharges s1 s2 s5 = 3
    (s3 died); B 1 over s9 s10 = 2; England 4 over 3 + 2 + s8 = 6.
  weekend discharges (emergency, alive, any age): A s1 Sat ✓, s2 Mon, s4 Sun ✓ (s3 died) = 2/3;
    B s9 Sun ✓, s10 Thu, s11 Wed = 1/3; England adds s8 Sat ✓ = 4/7.
February 2021: A admits s7 (no discharge yet) = 1; A discharges s6 (LOS 6, Wednesday, no
  destination recorded = alive); delayed days A 28 over 28 x 8,000 / 100,000 = 2.24 -> 12.5.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from joinedup.metrics.periods import PeriodKind
from joinedup.metrics.service import compute

from .tiny import MOVED, POPULATION, A, B, write_tiny

ENGLAND = "E92000001"
JAN, FEB, MAR = date(2021, 1, 1), date(2021, 2, 1), date(2021, 3, 1)


def row(table: pa.Table, indicator: str, area: str, start: date) -> dict[str, object]:
    found = [
        r
        for r in table.to_pylist()
        if r["indicator"] == indicator and r["area_code"] == area and r["period_start"] == start
    ]
    assert len(found) == 1, (indicator, area, start)
    return found[0]


@pytest.fixture(scope="module")
def months(tmp_path_factory: pytest.TempPathFactory) -> pa.Table:
    folder = write_tiny(tmp_path_factory.mktemp("tiny"))
    return compute(folder, PeriodKind.MONTH, first=JAN, last=MAR, years_moved=MOVED)


def values(table: pa.Table, indicator: str, start: date = JAN) -> dict[str, object]:
    return {a: row(table, indicator, a, start)["value"] for a in (A, B, ENGLAND)}


def test_every_area_gets_every_indicator_and_month(months: pa.Table) -> None:
    assert months.num_rows == 3 * 6 * 3  # areas (with England) x indicators x months
    assert months.column_names == [
        "area_code", "indicator", "period_start", "period_end", "numerator", "denominator",
        "value", "lower_95", "upper_95", "lower_998", "upper_998",
    ]  # fmt: skip


def test_emergency_admissions(months: pa.Table) -> None:
    assert values(months, "emergency_admissions_65plus") == pytest.approx(
        {A: 200.0, B: 200.0, ENGLAND: 7 / 3000 * 100_000}
    )
    england = row(months, "emergency_admissions_65plus", ENGLAND, JAN)
    assert (england["numerator"], england["denominator"]) == (7, 3000)
    assert england["lower_95"] == pytest.approx(93.81, abs=0.01)
    assert england["upper_95"] == pytest.approx(480.76, abs=0.01)
    assert row(months, "emergency_admissions_65plus", A, FEB)["value"] == pytest.approx(50.0)


def test_length_of_stay_p90(months: pa.Table) -> None:
    assert values(months, "los_p90_emergency_65plus") == pytest.approx(
        {A: 13.0, B: 9.2, ENGLAND: 12.5}
    )
    assert row(months, "los_p90_emergency_65plus", ENGLAND, JAN)["denominator"] == 6
    assert row(months, "los_p90_emergency_65plus", A, FEB)["value"] == pytest.approx(6.0)
    empty = row(months, "los_p90_emergency_65plus", B, FEB)
    assert empty["value"] is None
    assert empty["denominator"] == 0
    assert empty["lower_95"] is None


def test_delayed_days(months: pa.Table) -> None:
    assert values(months, "delayed_days_per_day_18plus") == pytest.approx(
        {A: 62.5, B: 25.0, ENGLAND: 50.0}
    )
    february = row(months, "delayed_days_per_day_18plus", A, FEB)
    assert february["denominator"] == pytest.approx(2.24)
    assert february["value"] == pytest.approx(12.5)


def test_reablement(months: pa.Table) -> None:
    assert values(months, "reablement_at_home_91d_65plus") == pytest.approx(
        {A: 50.0, B: 100.0, ENGLAND: 75.0}
    )
    assert values(months, "reablement_offered_65plus") == pytest.approx(
        {A: 200 / 3, B: 50.0, ENGLAND: 400 / 6}
    )
    unknown = row(months, "reablement_at_home_91d_65plus", A, FEB)
    assert (unknown["numerator"], unknown["denominator"], unknown["value"]) == (0, 0, None)


def test_weekend_discharges(months: pa.Table) -> None:
    assert values(months, "weekend_discharges_emergency") == pytest.approx(
        {A: 200 / 3, B: 100 / 3, ENGLAND: 400 / 7}
    )
    # Wilson 2 of 3 at 95%: 4x(1 - p) = 8/3, z² + 8/3 = 6.508126, √ = 2.551103, z·√ = 5.000071;
    # 2x + z² = 7.841459, 2(n + z²) = 13.682918: lower 0.207660, upper 0.938508.
    weekend = row(months, "weekend_discharges_emergency", A, JAN)
    assert weekend["lower_95"] == pytest.approx(20.766, abs=1e-3)
    assert weekend["upper_95"] == pytest.approx(93.851, abs=1e-3)


def test_a_quarter_pools_its_months(tmp_path: Path) -> None:
    # Q1 2021 for A: stays [1, 5, 15] in January and [6] in February -> [1, 5, 6, 15],
    # h = 0.9 x 3 = 2.7 -> 6 + 0.7 x 9 = 12.3. Delayed days 183 over 90 x 0.08 = 7.2.
    table = compute(
        write_tiny(tmp_path), PeriodKind.QUARTER, first=JAN, last=MAR, years_moved=MOVED
    )
    assert row(table, "los_p90_emergency_65plus", A, JAN)["value"] == pytest.approx(12.3)
    assert row(table, "delayed_days_per_day_18plus", A, JAN)["value"] == pytest.approx(183 / 7.2)
    assert row(table, "emergency_admissions_65plus", A, JAN)["numerator"] == 5


def test_england_uses_its_own_population_row_when_given(tmp_path: Path) -> None:
    population = POPULATION + "E92000001,2021,60000,48000,5000\n"
    table = compute(
        write_tiny(tmp_path, population=population),
        PeriodKind.MONTH,
        indicator_ids=["emergency_admissions_65plus"],
    )
    assert {r["indicator"] for r in table.to_pylist()} == {"emergency_admissions_65plus"}
    assert row(table, "emergency_admissions_65plus", ENGLAND, JAN)["value"] == pytest.approx(140)
    # By default the range runs from the first discharge to the last admission: Jan to Feb.
    assert sorted({r["period_start"] for r in table.to_pylist()}) == [JAN, FEB]


def test_percentile_equals_duckdb_quantile_cont_over_records(tmp_path: Path) -> None:
    # The histogram route must give exactly what an exact percentile over the records gives.
    folder = write_tiny(tmp_path)
    table = compute(folder, PeriodKind.MONTH, indicator_ids=["los_p90_emergency_65plus"])
    with duckdb.connect() as con:
        expected = con.execute(
            f"SELECT quantile_cont(date_diff('day', CAST(admidate AS DATE), "
            f"CAST(disdate AS DATE)), 0.9) FROM read_csv('{folder / 'spells.csv'}', "
            "all_varchar = true) WHERE admimeth LIKE '2%' AND CAST(startage AS INT) >= 65 "
            "AND disdate LIKE '2021-01%'"
        ).fetchone()
    assert expected is not None
    assert row(table, "los_p90_emergency_65plus", ENGLAND, JAN)["value"] == expected[0]
