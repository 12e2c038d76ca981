"""A new indicator declared in a file, followed with no code change through everything Joined Up
does with an indicator: computed on both engines, shown on the dashboard and the area profile,
ranked, linked to a framework KPI with its SPC chart, and reported to the board."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient

from joinedup import clock
from joinedup.access import service as access
from joinedup.access.rules import OPERATOR
from joinedup.metrics import service
from joinedup.metrics.indicators import INDICATORS
from joinedup.metrics.periods import PeriodKind, add_months
from joinedup.metrics.synth import synth
from joinedup.monitoring import service as monitoring
from joinedup.monitoring.schemas import KpiIn
from joinedup.ranking import service as ranking
from joinedup.ranking.schemas import RankingOptions
from joinedup.reports.document import Figure, Table, walk
from joinedup.reports.highlight import build_highlight
from joinedup.store.database import Database
from joinedup.timeline import Timeline
from tests.conftest import OXFORDSHIRE, demo_email, sign_in

from .test_catalogue import GOOD

NEW = "emergency_readmissions_75plus"
ENGLAND = "E92000001"


def as_of() -> date:
    """Seed 003's as-at day (31 May 2019) in the demo world's timeline."""
    return Timeline.as_at(clock.today()).on(2019, 5, 31)


@pytest.fixture(autouse=True)
def declared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    folder = tmp_path_factory.mktemp("deployment-catalogue")
    (folder / f"07-{NEW}.yaml").write_text(GOOD)
    service.use_catalogue(folder)
    yield
    INDICATORS.forget()


@pytest.fixture(scope="module")
def england(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("england")
    first = add_months(as_of().replace(day=1), -24)
    synth(folder, sample=0.0005, seed=17, start=f"{first:%Y-%m}", months=24)
    return folder


def rows_of(table: Any, indicator_id: str) -> list[dict[str, Any]]:
    return [r for r in table.to_pylist() if r["indicator"] == indicator_id]


def test_computed_alike_on_both_engines_and_as_counted_by_hand(england: Path, spark: Any) -> None:
    on_duckdb = service.compute(england, PeriodKind.MONTH, indicator_ids=[NEW])
    on_spark = service.compute(
        england, PeriodKind.MONTH, indicator_ids=[NEW], engine="spark", spark_session=spark
    )
    assert rows_of(on_duckdb, NEW) == rows_of(on_spark, NEW)
    with duckdb.connect() as con:
        by_hand = dict(
            con.execute(
                f"SELECT date_trunc('month', admidate)::DATE, count(*) FROM "
                f"read_parquet('{england / 'spells.parquet'}') WHERE admimeth LIKE '2%' AND "
                "startage >= 75 GROUP BY 1"
            ).fetchall()
        )
    england_rows = [r for r in rows_of(on_duckdb, NEW) if r["area_code"] == ENGLAND]
    assert england_rows
    for row in england_rows:
        assert row["numerator"] == by_hand[row["period_start"]]
        assert row["value"] == pytest.approx(row["numerator"] / row["denominator"] * 100_000)


def test_shown_ranked_monitored_and_reported(
    england: Path, database: Database, client: TestClient
) -> None:
    table = service.compute(england, [PeriodKind.MONTH, PeriodKind.ROLLING12])
    with database.session() as session:
        # Known by the paper's day: the highlight report reads the vintages loaded by then.
        service.load_values(
            session,
            actor=OPERATOR,
            table=table,
            source="test",
            engine="duckdb",
            loaded_on=as_of(),
        )
    monthly = sorted({r["period_start"] for r in rows_of(table, NEW)})
    yearly = [r for r in rows_of(table, NEW) if (r["period_end"] - r["period_start"]).days > 300]
    year_start = max(r["period_start"] for r in yearly)

    # The dashboard and the area profile.
    sign_in(client, demo_email("analyst"))
    page = client.get(f"/dashboard?months=1&period_start={monthly[-1]}")
    assert page.status_code == 200
    assert "Emergency admissions 75+" in page.text
    declared = next(i for i in client.get("/api/v1/indicators").json() if i["id"] == NEW)
    assert (declared["version"], declared["statistic"]) == (2, "rate")
    assert declared["definition"].startswith("Emergency spells of people aged 75 or over")
    values = client.get(f"/api/v1/indicator-values?indicator={NEW}&months=1").json()
    assert values["total"] > 0
    profile = client.get(f"/areas/{OXFORDSHIRE}")
    assert profile.status_code == 200
    assert "Emergency admissions (75+) per 100,000 of the 65+ population" in profile.text

    # Ranked with the others.
    with database.session() as session:
        result = ranking.rank_stored(
            session, period_start=year_start, months=12, options=RankingOptions(draws=20)
        )
    assert NEW in result.indicator_ids

    # A framework KPI linked to it, with its SPC chart, in the highlight report.
    with database.session() as session:
        lead = access.principal_for(
            access.get_user(session, demo_email("system_lead", OXFORDSHIRE))
        )
        kpi = monitoring.add_kpi(
            session,
            actor=lead,
            area_code=OXFORDSHIRE,
            kpi=KpiIn(
                part=2,
                code="2g",
                name="Emergency admissions 75+",
                unit="per 100,000 aged 65+",
                polarity="lower_is_better",
                indicator_id=NEW,
                indicator_months=1,
            ),
        )
        kpi_id = kpi.id
        view = monitoring.framework_view(session, actor=lead, area_code=OXFORDSHIRE, as_of=as_of())
        row = next(k for k in view.kpis if k.code == "2g")
        assert len(row.series) >= 12
        assert row.spc is not None
        document = build_highlight(session, actor=OPERATOR, area_code=OXFORDSHIRE, as_of=as_of())
    chart = client.get(f"/systems/{OXFORDSHIRE}/framework/kpis/{kpi_id}")
    assert chart.status_code == 200
    assert "<svg" in chart.text
    blocks = [b for _, s in walk(document.sections) for b in s.blocks]
    codes = [r[0].text for b in blocks if isinstance(b, Table) for r in b.rows]
    assert "2g" in codes
    captions = [b.caption for b in blocks if isinstance(b, Figure)]
    assert any("Emergency admissions 75+" in c for c in captions)
