"""One definition, two engines: DuckDB and Spark give the same numbers on the same files."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from joinedup.errors import InvalidInput
from joinedup.metrics.indicators import INDICATOR_IDS
from joinedup.metrics.periods import PeriodKind
from joinedup.metrics.service import compute
from joinedup.metrics.synth import synth

from .tiny import write_tiny

DTOC = "delayed_days_per_day_18plus"
NUMBERS = (
    "numerator", "denominator", "value", "lower_95", "upper_95", "lower_998", "upper_998",
)  # fmt: skip


def keyed(table: pa.Table) -> dict[tuple[Any, ...], dict[str, Any]]:
    return {
        (r["area_code"], r["indicator"], r["period_start"], r["period_end"]): r
        for r in table.to_pylist()
    }


def assert_same(duck: pa.Table, spark: pa.Table) -> None:
    left, right = keyed(duck), keyed(spark)
    assert left.keys() == right.keys()
    for key, row in left.items():
        for column in NUMBERS:
            a, b = row[column], right[key][column]
            if a is None or b is None:
                assert a is b, (key, column, a, b)
            else:
                assert math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12), (key, column, a, b)


@pytest.mark.spark
def test_every_indicator_agrees_on_synthetic_england(tmp_path: Path, spark: Any) -> None:
    # Parquet from the generator, CSV for the hand-built folder: both readers are exercised.
    folder = tmp_path / "synthetic"
    synth(folder, spells=30_000, seed=7, start="2019-01", months=14)
    kinds = [PeriodKind.MONTH, PeriodKind.ROLLING12, PeriodKind.FINANCIAL_YEAR]
    duck = compute(folder, kinds)
    sparked = compute(folder, kinds, engine="spark", spark_session=spark)
    assert {r["indicator"] for r in duck.to_pylist()} == set(INDICATOR_IDS)
    assert duck.num_rows == 6 * 153 * (14 + 3 + 0)  # 14 months, 3 rolling years, no whole FY
    assert_same(duck, sparked)
    # Weekend discharges are counted, not zero (a Sunday-first weekday would lose Sundays).
    weekend = [r for r in duck.to_pylist() if r["indicator"] == "weekend_discharges_emergency"]
    assert all(r["numerator"] > 0 for r in weekend if r["area_code"] == "E92000001")

    tiny = write_tiny(tmp_path / "tiny")
    assert_same(
        compute(tiny, PeriodKind.MONTH),
        compute(tiny, PeriodKind.MONTH, engine="spark", spark_session=spark),
    )


@pytest.mark.spark
def test_todays_measures_agree_on_both_engines(tmp_path: Path, spark: Any) -> None:
    from joinedup.metrics import service
    from joinedup.metrics.indicators import INDICATORS

    current = [
        "discharged_on_ready_date_18plus",
        "discharge_delay_days_18plus",
        "ltc_admissions_65plus",
        "discharged_usual_residence",
    ]
    service.use_catalogue("current")
    try:
        folder = tmp_path / "synthetic"
        synth(folder, sample=0.001, seed=8, start="2023-04", months=12)
        kinds = [PeriodKind.MONTH, PeriodKind.FINANCIAL_YEAR]
        duck = compute(folder, kinds)
        sparked = compute(folder, kinds, engine="spark", spark_session=spark)
        # Delayed transfers stopped in February 2020: not computed for 2023-24.
        assert {r["indicator"] for r in duck.to_pylist()} == {*INDICATOR_IDS} - {DTOC}
        assert set(current) <= set(INDICATOR_IDS)
        assert_same(duck, sparked)
        england = {
            r["indicator"]: r["value"]
            for r in duck.to_pylist()
            if r["area_code"] == "E92000001" and r["period_end"].month == 3
        }
        assert 80 <= england["discharged_on_ready_date_18plus"] <= 95  # %
        assert 2 <= england["discharge_delay_days_18plus"] <= 8  # days
        assert 400 <= england["ltc_admissions_65plus"] <= 700  # per 100,000 a year
        assert 80 <= england["discharged_usual_residence"] <= 95  # %
        # A folder without the new column and table: the measures needing them are left out
        # (discharges to usual residence need neither), and refused by name when asked for.
        tiny = write_tiny(tmp_path / "tiny")
        # Its world moved a year back, so that January 2021 falls within the validity of
        # discharges to usual residence (from April 2021); delayed transfers then fall outside.
        computed = compute(tiny, PeriodKind.MONTH, years_moved=-1).to_pylist()
        left_out = {*current[:3], DTOC}
        assert {r["indicator"] for r in computed} == set(INDICATOR_IDS) - left_out
        with pytest.raises(InvalidInput, match="needs ltc_admissions, which the folder lacks"):
            compute(tiny, PeriodKind.MONTH, indicator_ids=["ltc_admissions_65plus"])
        with pytest.raises(InvalidInput, match=r"needs spells\.discharge_ready_date"):
            compute(tiny, PeriodKind.MONTH, indicator_ids=["discharge_delay_days_18plus"])
    finally:
        INDICATORS.forget()
