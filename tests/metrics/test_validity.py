"""An indicator is computed only for the periods within its validity (valid_from to valid_to),
on both engines: a measure whose collection stopped has no figures after it stopped."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from joinedup.errors import InvalidInput
from joinedup.metrics import service
from joinedup.metrics.indicators import INDICATORS, indicator
from joinedup.metrics.periods import Period, PeriodKind
from joinedup.metrics.plan import valid_for
from joinedup.metrics.synth import synth

from .test_catalogue import GOOD
from .test_engines_agree import assert_same

WINDOWED = "emergency_readmissions_75plus"
DTOC = "delayed_days_per_day_18plus"  # the national collection stopped in February 2020


@pytest.fixture(autouse=True)
def windowed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A deployment's indicator valid from September to December 2019 only."""
    folder = tmp_path_factory.mktemp("windowed-catalogue")
    text = GOOD.replace("valid_from: 2015-04-01", "valid_from: 2019-09-01\nvalid_to: 2019-12-31")
    (folder / f"07-{WINDOWED}.yaml").write_text(text)
    service.use_catalogue(folder)
    yield
    INDICATORS.forget()


@pytest.fixture(scope="module")
def year_to_may_2020(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("june-2019-to-may-2020")
    synth(folder, spells=20_000, seed=5, start="2019-06", months=12)
    return folder


def months_of(table: Any, indicator_id: str) -> list[str]:
    return sorted(
        {f"{r['period_start']:%Y-%m}" for r in table.to_pylist() if r["indicator"] == indicator_id}
    )


def test_no_figures_outside_validity_on_either_engine(year_to_may_2020: Path, spark: Any) -> None:
    kinds = [PeriodKind.MONTH, PeriodKind.ROLLING12]
    duck = service.compute(year_to_may_2020, kinds)
    sparked = service.compute(year_to_may_2020, kinds, engine="spark", spark_session=spark)
    assert_same(duck, sparked)
    for table in (duck, sparked):
        assert months_of(table, WINDOWED) == ["2019-09", "2019-10", "2019-11", "2019-12"]
        # Delayed transfers: months to February 2020, and no rolling year (each of the one
        # year in range reaches past February 2020).
        dtoc = [r for r in table.to_pylist() if r["indicator"] == DTOC]
        assert max(r["period_end"] for r in dtoc) == date(2020, 2, 29)
        assert all(r["period_start"] == r["period_end"].replace(day=1) for r in dtoc)
        # A measure valid throughout has every month and the rolling year.
        weekend = months_of(table, "weekend_discharges_emergency")
        assert len(weekend) == 12
        years = {
            (r["period_start"], r["period_end"])
            for r in table.to_pylist()
            if r["indicator"] == "weekend_discharges_emergency"
            and r["period_start"] != r["period_end"].replace(day=1)
        }
        assert years == {(date(2019, 6, 1), date(2020, 5, 31))}


def test_asking_for_an_indicator_outside_its_validity_is_refused(year_to_may_2020: Path) -> None:
    with pytest.raises(InvalidInput, match="valid from 2019-09-01 to 2019-12-31") as refused:
        service.compute(
            year_to_may_2020,
            PeriodKind.MONTH,
            first=date(2020, 1, 1),
            last=date(2020, 5, 1),
            indicator_ids=[WINDOWED],
        )
    assert "--indicator" in refused.value.problems
    # Not asked for by name, it is simply left out.
    table = service.compute(
        year_to_may_2020, PeriodKind.MONTH, first=date(2020, 1, 1), last=date(2020, 5, 1)
    )
    assert months_of(table, WINDOWED) == []
    assert months_of(table, DTOC) == ["2020-01", "2020-02"]


def test_validity_moves_with_the_demo_timeline() -> None:
    dtoc = indicator(DTOC)
    march_2027 = Period(date(2027, 3, 1), date(2027, 3, 31))
    february_2027 = Period(date(2027, 2, 1), date(2027, 2, 28))
    assert not valid_for(dtoc, february_2027)
    # The story moved seven years on: its collection stops in February 2027 (no 29th).
    assert valid_for(dtoc, february_2027, years_moved=7)
    assert not valid_for(dtoc, march_2027, years_moved=7)
    early = Period(date(2010, 7, 1), date(2010, 7, 31))
    assert not valid_for(dtoc, early)  # valid from August 2010
