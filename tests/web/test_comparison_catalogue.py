"""An indicator declared in a deployment's catalogue file, with no code change, has a funnel
plot, a place in the list of areas worse than England and getting worse, a spine chart row and
a recent trend."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pyarrow as pa
import pytest
from fastapi.testclient import TestClient

from joinedup import clock
from joinedup.access.rules import OPERATOR
from joinedup.metrics import service
from joinedup.metrics.indicators import INDICATORS
from joinedup.metrics.periods import add_months
from joinedup.metrics.results import SCHEMA
from joinedup.metrics.statistics import rate_interval
from joinedup.periods import period_end
from joinedup.store.database import Database
from joinedup.timeline import Timeline
from tests.conftest import COVENTRY, OXFORDSHIRE, demo_email, sign_in
from tests.metrics.test_catalogue import GOOD

NEW = "emergency_readmissions_75plus"  # a rate per 100,000; lower is better
ENGLAND = "E92000001"
FIRST = add_months(Timeline.as_at(clock.today()).last_complete_month, 1)
MONTHS = [add_months(FIRST, k) for k in range(5)]
# Oxfordshire's rate rises from 200 to 330 per 100,000 (England steady at 250): worse and
# getting worse. Coventry is steady at 300: worse, but no significant change.
EVENTS = {
    ENGLAND: ([25_000] * 5, 10_000_000),
    OXFORDSHIRE: ([200, 230, 260, 290, 330], 100_000),
    COVENTRY: ([300] * 5, 100_000),
}


@pytest.fixture
def declared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    folder = tmp_path_factory.mktemp("deployment-catalogue")
    (folder / f"07-{NEW}.yaml").write_text(GOOD)
    service.use_catalogue(folder)
    yield
    INDICATORS.forget()


def load(database: Database) -> None:
    columns: dict[str, list[object]] = {name: [] for name in SCHEMA.names}
    for area, (events, people) in EVENTS.items():
        for start, r in zip(MONTHS, events, strict=True):
            i95, i998 = (rate_interval(r, people, level) for level in (0.95, 0.998))
            row = {
                "area_code": area,
                "indicator": NEW,
                "period_start": start,
                "period_end": period_end(start, 1),
                "numerator": float(r),
                "denominator": float(people),
                "value": r / people * 100_000,
                "lower_95": float(i95.lower),
                "upper_95": float(i95.upper),
                "lower_998": float(i998.lower),
                "upper_998": float(i998.upper),
            }
            for name in SCHEMA.names:
                columns[name].append(row[name])
    with database.session() as session:
        service.load_values(
            session,
            actor=OPERATOR,
            table=pa.table(columns, schema=SCHEMA),
            source="hand-made",
            engine="test",
        )
        session.commit()


def test_a_declared_indicator_is_compared_everywhere(
    declared: None, client: TestClient, database: Database
) -> None:
    load(database)
    sign_in(client, demo_email("analyst"))
    last = MONTHS[-1].isoformat()
    funnel = client.get(f"/funnel?indicator={NEW}&months=1&period_start={last}")
    assert funnel.status_code == 200
    assert "Emergency admissions (75+) per 100,000 of the 65+ population" in funnel.text
    assert 'aria-label="Oxfordshire: 330.0, population 100,000, above the' in funnel.text

    # Oxfordshire by hand: R = 1310, N = 500,000, Σrt = 4250, Σnt = 1.5e6, Σnt² = 5.5e6:
    # (NΣrt - RΣnt)² / (R(NΣnt² - (Σnt)²)) = (1.6e8)² / (1310 × 5e11) = 39.0840.
    worse = client.get(f"/worse-than-england.csv?months=1&period_start={last}")
    rows = list(csv.DictReader(io.StringIO(worse.content.decode("utf-8-sig"))))
    ours = [r for r in rows if r["indicator"] == NEW]
    assert [r["area_code"] for r in ours] == [OXFORDSHIRE]
    assert ours[0]["recent_trend"] == "Increasing and getting worse"
    assert float(ours[0]["trend_chi_square"]) == pytest.approx(39.0840, abs=1e-3)
    assert ours[0]["trend_test"] == "Poisson test for trend in rates"

    spine = client.get(f"/api/v1/areas/{OXFORDSHIRE}/comparison?months=1").json()
    row = next(r for r in spine["indicators"] if r["indicator"] == NEW)
    assert row["value"] == pytest.approx(330.0)
    assert row["england"] == pytest.approx(250.0)
    assert (row["worst"], row["best"]) == (pytest.approx(330.0), pytest.approx(300.0))
    assert row["trend"]["label"] == "Increasing and getting worse"
    assert row["trend"]["period_starts"] == [m.isoformat() for m in MONTHS]
    page = client.get(f"/areas/{OXFORDSHIRE}?months=1")
    assert "Emergency admissions 75+" in page.text
