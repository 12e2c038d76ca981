"""Funnel plots, the areas worse than England and getting worse, and an area's spine chart, as
people use them: pages, CSV downloads and the API, with figures made by hand."""

from __future__ import annotations

import csv
import io
from datetime import date

import pyarrow as pa
import pytest
from fastapi.testclient import TestClient

from joinedup import clock
from joinedup.access.rules import OPERATOR
from joinedup.metrics import service
from joinedup.metrics.periods import add_months
from joinedup.metrics.results import SCHEMA
from joinedup.metrics.statistics import proportion_interval
from joinedup.periods import period_end, period_label
from joinedup.store.database import Database
from joinedup.timeline import Timeline
from tests.conftest import COVENTRY, OXFORDSHIRE, demo_email, sign_in

ENGLAND = "E92000001"
WEEKEND = "weekend_discharges_emergency"  # a proportion; higher is better
# Five months after the demo world's data, made by hand: England steady at 20%; Oxfordshire
# falling from 20% to 10% (worse than England, and getting worse); Coventry steady at 12%
# (worse than England, no significant change).
FIRST = add_months(Timeline.as_at(clock.today()).last_complete_month, 1)
MONTHS = [add_months(FIRST, k) for k in range(5)]
LAST = MONTHS[-1]
COUNTS = {
    ENGLAND: ([20_000] * 5, [100_000] * 5),
    OXFORDSHIRE: ([40, 35, 30, 25, 20], [200] * 5),
    COVENTRY: ([24, 25, 24, 25, 24], [200] * 5),
}


def load_hand_made(
    database: Database,
    counts: dict[str, tuple[list[int], list[int]]] = COUNTS,
    months: list[date] = MONTHS,
) -> None:
    columns: dict[str, list[object]] = {name: [] for name in SCHEMA.names}
    for area, (events, totals) in counts.items():
        for start, r, n in zip(months, events, totals, strict=True):
            i95, i998 = (proportion_interval(r, n, level) for level in (0.95, 0.998))
            row = {
                "area_code": area,
                "indicator": WEEKEND,
                "period_start": start,
                "period_end": period_end(start, 1),
                "numerator": float(r),
                "denominator": float(n),
                "value": 100 * r / n,
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


@pytest.fixture
def analyst(client: TestClient, database: Database) -> TestClient:
    load_hand_made(database)
    sign_in(client, demo_email("analyst"))
    return client


def test_an_area_falling_behind_england_is_listed_and_a_steady_one_is_not(
    analyst: TestClient,
) -> None:
    # Oxfordshire by hand: N = 1000, R = 150, Σrt = 40 + 70 + 90 + 100 + 100 = 400,
    # Σnt = 3000, Σnt² = 11000: 1000 (1000 × 400 - 150 × 3000)² / (150 × 850 × 2,000,000)
    # = 9.8039, above 9.5495: decreasing, and for a higher-is-better measure getting worse.
    page = analyst.get(f"/worse-than-england?months=1&period_start={LAST.isoformat()}")
    assert page.status_code == 200
    assert period_label(LAST, 1) in page.text
    assert "Oxfordshire" in page.text
    assert "Decreasing and getting worse" in page.text
    assert "Coventry</a>" not in page.text
    # Each compared indicator leads to its funnel plot of the same period.
    assert f'href="/funnel?indicator={WEEKEND}&amp;months=1&amp;period_start={LAST}"' in page.text
    download = analyst.get(f"/worse-than-england.csv?months=1&period_start={LAST.isoformat()}")
    rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert [(r["area_name"], r["indicator"]) for r in rows] == [("Oxfordshire", WEEKEND)]
    assert float(rows[0]["trend_chi_square"]) == pytest.approx(9.803922, abs=1e-5)
    assert rows[0]["trend_first_period_start"] == FIRST.isoformat()
    assert rows[0]["period_end"] == period_end(LAST, 1).isoformat()
    api = analyst.get(f"/api/v1/worse-than-england?months=1&period_start={LAST.isoformat()}")
    body = api.json()
    weekend = next(t for t in body["indicators"] if t["indicator"] == WEEKEND)
    assert (weekend["worse"], weekend["listed"]) == (2, 1)
    assert body["rows"][0]["trend"]["label"] == "Decreasing and getting worse"


def test_the_funnel_plot_page_names_every_area_and_offers_its_figures(
    analyst: TestClient,
) -> None:
    page = analyst.get(f"/funnel?indicator={WEEKEND}&months=1&period_start={LAST.isoformat()}")
    assert page.status_code == 200
    assert 'aria-label="Oxfordshire: 10.0%, denominator 200, below the 99.8% limit"' in page.text
    assert "Coventry" in page.text
    download = analyst.get(
        f"/funnel.csv?indicator={WEEKEND}&months=1&period_start={LAST.isoformat()}"
    )
    rows = {
        r["area_code"]: r for r in csv.DictReader(io.StringIO(download.content.decode("utf-8-sig")))
    }
    assert set(rows) == {OXFORDSHIRE, COVENTRY}
    # Wilson limits around England's 20% at a size of 200 (x = 40 expected), z = 1.959964:
    # (2x + z² - z√(z² + 4x(1 - x/n))) / (2(n + z²)) = (83.841459 - 22.504700) / 407.682918
    # = 15.0452%.
    assert float(rows[OXFORDSHIRE]["lower_95"]) == pytest.approx(15.0452, abs=1e-3)
    # At 99.8% (z = 3.090232): (83.549534 - 36.242377) / 419.099068 = 12.7194%, above 12%.
    assert float(rows[COVENTRY]["lower_998"]) == pytest.approx(12.7194, abs=1e-3)
    assert rows[COVENTRY]["place"] == "below the 99.8% limit"
    api = analyst.get(f"/api/v1/funnel?indicator={WEEKEND}&months=1")
    assert api.json()["england"] == pytest.approx(20.0)


def test_bad_choices_are_named(analyst: TestClient) -> None:
    page = analyst.get("/funnel?indicator=los_p90_emergency_65plus")
    assert page.status_code == 400
    assert "not a rate or proportion" in page.text
    assert analyst.get("/worse-than-england?months=7").status_code == 400
    assert analyst.get("/funnel?period_start=yesterday").status_code == 400
    assert analyst.get("/api/v1/funnel?indicator=nope").status_code in (400, 422)


def test_a_systems_people_see_their_own_spine_chart_only(
    client: TestClient, database: Database
) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    page = client.get(f"/areas/{OXFORDSHIRE}?months=3")
    assert page.status_code == 200
    assert "Spine chart: Oxfordshire against every area" in page.text
    assert "Recent trend:" in page.text
    api = client.get(f"/api/v1/areas/{OXFORDSHIRE}/comparison?months=1").json()
    weekend = next(r for r in api["indicators"] if r["indicator"] == WEEKEND)
    assert weekend["worst"] <= weekend["q25"] <= weekend["q75"] <= weekend["best"]
    assert weekend["trend"]["label"]
    assert client.get(f"/api/v1/areas/{COVENTRY}/comparison").status_code == 404
    assert client.get("/funnel").status_code == 403
    assert client.get("/worse-than-england").status_code == 403


def test_a_suppressed_value_is_neither_shown_to_a_system_nor_in_the_range(
    client: TestClient, database: Database
) -> None:
    # One month: Oxfordshire 5 of 200 (a count of 1 to 7, suppressed outside the national
    # roles), Coventry 30 of 200.
    month = add_months(LAST, 1)
    small = {
        ENGLAND: ([20_000], [100_000]),
        OXFORDSHIRE: ([5], [200]),
        COVENTRY: ([30], [200]),
    }
    load_hand_made(database, small, [month])
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    api = client.get(f"/api/v1/areas/{OXFORDSHIRE}/comparison?months=1").json()
    weekend = next(r for r in api["indicators"] if r["indicator"] == WEEKEND)
    assert weekend["period_start"] == month.isoformat()
    assert weekend["value"] is None
    assert weekend["compared_with_england"] == "not compared with England"
    assert (weekend["areas"], weekend["worst"], weekend["best"]) == (1, 15.0, 15.0)
    page = client.get(f"/areas/{OXFORDSHIRE}?months=1")
    assert "[c]" in page.text
    download = client.get(f"/areas/{OXFORDSHIRE}/spine.csv?months=1")
    rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r["indicator"] == WEEKEND)
    assert (row["value"], row["status"], row["worst"]) == ("", "suppressed", "15.0")
    assert row["period_end"] == period_end(month, 1).isoformat()
    assert client.get(f"/areas/{COVENTRY}/spine.csv").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/worse-than-england?months=12", "/funnel?months=12", f"/areas/{OXFORDSHIRE}?months=12"],
)
def test_the_period_length_chosen_is_the_one_ticked(analyst: TestClient, path: str) -> None:
    page = analyst.get(path).text
    ticked = [m for m in ("1", "3", "12") if f'value="{m}" checked' in page]
    assert ticked == ["12"]
