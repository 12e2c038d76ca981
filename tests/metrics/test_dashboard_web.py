"""The national dashboard, area profiles and the indicator API, as people use them."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pyarrow as pa
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from joinedup import clock
from joinedup.access.rules import OPERATOR
from joinedup.metrics import service
from joinedup.metrics.periods import add_months
from joinedup.metrics.results import SCHEMA
from joinedup.periods import period_end, period_label
from joinedup.store.database import Database
from joinedup.timeline import Timeline
from tests.conftest import COVENTRY, OXFORDSHIRE, demo_email, sign_in

ENGLAND = "E92000001"
ADMISSIONS = "emergency_admissions_65plus"  # lower is better
WEEKEND = "weekend_discharges_emergency"  # higher is better
# A month after the demo world's data (which end at its timeline's last complete month), with
# values made by hand.
MONTH = add_months(Timeline.as_at(clock.today()).last_complete_month, 1)
HAND_MADE = [
    # area, indicator, value, 95% interval, 99.8% interval
    (ENGLAND, ADMISSIONS, 70.0, (69.0, 71.0), (68.0, 72.0)),
    (ENGLAND, WEEKEND, 20.0, (19.5, 20.5), (19.0, 21.0)),
    (OXFORDSHIRE, ADMISSIONS, 50.0, (45.0, 55.0), (40.0, 60.0)),  # better (99.8%)
    (OXFORDSHIRE, WEEKEND, 30.0, (21.9, 39.6), (18.1, 45.4)),  # better (95%)
    (COVENTRY, ADMISSIONS, 80.0, (71.5, 88.0), (66.0, 95.0)),  # worse (95%)
    (COVENTRY, WEEKEND, 19.0, (15.0, 23.0), (13.0, 25.0)),  # similar
    ("E06000001", ADMISSIONS, 95.0, (85.0, 105.0), (80.0, 110.0)),  # worse (99.8%)
]


def load_hand_made_month(database: Database) -> None:
    columns: dict[str, list[object]] = {name: [] for name in SCHEMA.names}
    for area, indicator, value, (lo95, up95), (lo998, up998) in HAND_MADE:
        row = {
            "area_code": area,
            "indicator": indicator,
            "period_start": MONTH,
            "period_end": period_end(MONTH, 1),
            "numerator": None,
            "denominator": None,
            "value": value,
            "lower_95": lo95,
            "upper_95": up95,
            "lower_998": lo998,
            "upper_998": up998,
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


def body_rows(html: str) -> list[str]:
    body = html.split('<tbody class="govuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr class=\"govuk-table__row[^\"]*\">(.*?)</tr>", body, re.S)


def row_of(html: str, name: str) -> str:
    return next(r for r in body_rows(html) if f">{name}</a>" in r)


def cells(row: str) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)


@pytest.fixture
def analyst(client: TestClient, database: Database) -> TestClient:
    load_hand_made_month(database)
    sign_in(client, demo_email("analyst"))
    return client


def test_england_first_and_each_area_marked_with_shape_and_words(analyst: TestClient) -> None:
    page = analyst.get(f"/dashboard?months=1&period_start={MONTH}")
    assert page.status_code == 200
    assert f'<h1 class="govuk-heading-l">{period_label(MONTH, 1)}</h1>' in page.text
    rows = body_rows(page.text)
    assert ">England</a>" in rows[0]
    assert len(rows) == 153  # England and 152 areas
    oxon = cells(row_of(page.text, "Oxfordshire"))
    assert "50.0" in oxon[0]
    assert "better than England (99.8% confidence)" in oxon[0]
    assert "▲▲" in oxon[0]
    assert "govuk-tag--green" in oxon[0]
    assert "30.0%" in oxon[5]
    assert "better than England (95% confidence)" in oxon[5]
    coventry = cells(row_of(page.text, "Coventry"))
    assert "worse than England (95% confidence)" in coventry[0]
    assert "▼" in coventry[0]
    assert "similar to England" in coventry[5]
    assert "●" in coventry[5]
    hartlepool = cells(row_of(page.text, "Hartlepool"))
    assert "worse than England (99.8% confidence)" in hartlepool[0]
    # Length of stay has no interval: not compared (and here no value either).
    assert "not compared with England" in oxon[1]
    # The key explains every marker; the words are there for screen readers.
    assert 'class="govuk-visually-hidden">better than England' in page.text
    for words in ("Similar to England", "Worse than England (99.8% confidence)"):
        assert words in page.text


def test_sorting_by_a_column_with_links_that_work_without_javascript(
    analyst: TestClient,
) -> None:
    worst_first = analyst.get(
        f"/dashboard?months=1&period_start={MONTH}&sort={ADMISSIONS}&dir=desc"
    )
    names = [re.search(r'">([^<]+)</a></th>', r).group(1) for r in body_rows(worst_first.text)]  # type: ignore[union-attr]
    assert names[:4] == ["England", "Hartlepool", "Coventry", "Oxfordshire"]
    best_first = analyst.get(f"/dashboard?months=1&period_start={MONTH}&sort={ADMISSIONS}&dir=asc")
    names = [re.search(r'">([^<]+)</a></th>', r).group(1) for r in body_rows(best_first.text)]  # type: ignore[union-attr]
    assert names[:4] == ["England", "Oxfordshire", "Coventry", "Hartlepool"]
    # The column's header says how it is sorted and links to the other direction.
    assert 'aria-sort="ascending"' in best_first.text
    assert f"sort={ADMISSIONS}&amp;dir=desc" in best_first.text


def test_filter_by_region_and_type(analyst: TestClient) -> None:
    west_midlands = analyst.get(f"/dashboard?months=1&period_start={MONTH}&region=E12000005")
    names = re.findall(r'href="/areas/E\d+[^"]*">([^<]+)</a>', west_midlands.text)
    assert "Coventry" in names
    assert "Oxfordshire" not in names
    assert names[0] == "England"
    counties = analyst.get(f"/dashboard?months=1&period_start={MONTH}&area_type=county")
    names = re.findall(r'href="/areas/E\d+[^"]*">([^<]+)</a>', counties.text)
    assert "Oxfordshire" in names
    assert "Coventry" not in names


def test_the_latest_year_by_default(analyst: TestClient) -> None:
    page = analyst.get("/dashboard")
    last = Timeline.as_at(clock.today()).last_complete_month  # the demo's data end there
    latest = date(last.year - 1 + last.month // 12, last.month % 12 + 1, 1)
    assert period_label(latest, 12) in page.text


def test_csv_download_of_the_table(analyst: TestClient) -> None:
    response = analyst.get(f"/dashboard.csv?months=1&period_start={MONTH}&sort=area")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["area_code"] == ENGLAND
    assert len(rows) == 153
    oxon = next(r for r in rows if r["area_code"] == OXFORDSHIRE)
    assert oxon[ADMISSIONS] == "50.0"
    assert oxon[f"{ADMISSIONS}_vs_england"] == "better than England (99.8% confidence)"


def test_bad_choices_are_explained(analyst: TestClient) -> None:
    assert analyst.get("/dashboard?months=7").status_code == 400
    assert analyst.get("/dashboard?sort=nothing").status_code == 400
    assert analyst.get("/dashboard?period_start=yesterday").status_code == 400


@pytest.mark.parametrize("role", ["system_lead", "viewer"])
def test_system_users_are_refused_the_dashboard(client: TestClient, role: str) -> None:
    sign_in(client, demo_email(role, OXFORDSHIRE))
    assert client.get("/dashboard").status_code == 403
    assert client.get("/dashboard.csv").status_code == 403
    nav = client.get("/").text
    assert 'href="/dashboard"' not in nav


def test_area_profile_charts_with_england_and_data_tables(analyst: TestClient) -> None:
    page = analyst.get(f"/areas/{OXFORDSHIRE}?months=1")
    assert page.status_code == 200
    assert page.text.count('role="img" width="100%"') == 6
    assert page.text.count("<desc id=") == 6
    assert page.text.count('class="govuk-details"') == 6
    assert f'href="/systems/{OXFORDSHIRE}"' in page.text
    # The latest month is the hand-made one: better than England at 99.8%.
    latest = page.text.split("Latest compared with England", 1)[1].split("</table>", 1)[0]
    admissions = latest.split("</tr>")[1]
    assert period_label(MONTH, 1) in admissions
    assert "50.0" in admissions
    assert "70.0" in admissions
    assert "Better than England (99.8% confidence)" in admissions


def test_area_profile_for_a_systems_own_people_only(client: TestClient) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    assert client.get(f"/areas/{OXFORDSHIRE}").status_code == 200
    other = client.get(f"/areas/{COVENTRY}")
    assert other.status_code == 404
    assert "Coventry" not in other.text
    assert client.get("/areas/E06000001").status_code == 404
    # The system overview links to the profile.
    assert f'href="/areas/{OXFORDSHIRE}"' in client.get(f"/systems/{OXFORDSHIRE}").text


def test_api_catalogue(analyst: TestClient) -> None:
    catalogue = analyst.get("/api/v1/indicators").json()
    assert [i["id"] for i in catalogue][:2] == [ADMISSIONS, "los_p90_emergency_65plus"]
    weekend = next(i for i in catalogue if i["id"] == WEEKEND)
    assert weekend["polarity"] == "higher_is_better"
    assert weekend["interval"] == "wilson"


def test_api_values_filtered_by_area_indicator_and_period(analyst: TestClient) -> None:
    response = analyst.get(
        f"/api/v1/indicator-values?indicator={ADMISSIONS}&period_start={MONTH}&months=1"
    )
    page = response.json()
    assert page["total"] == 3 + 1  # England, Oxfordshire, Coventry, Hartlepool
    assert {v["area_code"] for v in page["values"]} == {ENGLAND, OXFORDSHIRE, COVENTRY, "E06000001"}
    oxon = next(v for v in page["values"] if v["area_code"] == OXFORDSHIRE)
    assert oxon["value"] == 50.0
    assert oxon["lower_998"] == 40.0
    assert oxon["months"] == 1
    one_area = analyst.get(f"/api/v1/indicator-values?area_code={OXFORDSHIRE}&months=12").json()
    # six indicators, a rolling year ending at each month of the demo's data from its 12th
    timeline = Timeline.as_at(clock.today())
    first, last = timeline.on(2016, 4, 1), timeline.last_complete_month
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    assert one_area["total"] == 6 * (months - 11)
    assert {v["area_code"] for v in one_area["values"]} == {OXFORDSHIRE}
    paged = analyst.get(
        f"/api/v1/indicator-values?area_code={OXFORDSHIRE}&months=12&limit=10"
        f"&offset={one_area['total'] - 5}"
    ).json()
    assert paged["total"] == one_area["total"]
    assert len(paged["values"]) == 5
    assert analyst.get("/api/v1/indicator-values?limit=5000").status_code == 422
    assert analyst.get("/api/v1/indicator-values?indicator=nonsense").status_code == 400


def test_api_values_for_a_systems_people(client: TestClient, database: Database) -> None:
    load_hand_made_month(database)
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    page = client.get(f"/api/v1/indicator-values?period_start={MONTH}&months=1").json()
    assert {v["area_code"] for v in page["values"]} == {ENGLAND, OXFORDSHIRE}
    assert client.get(f"/api/v1/indicator-values?area_code={ENGLAND}").status_code == 200
    assert client.get(f"/api/v1/indicator-values?area_code={COVENTRY}").status_code == 404


def test_the_dashboard_reads_a_period_in_one_query(analyst: TestClient, database: Database) -> None:
    """Not per cell: the same few statements whether the table has 1 row or 152."""
    statements: list[str] = []

    def count(*args: object, **kwargs: object) -> None:
        statements.append(str(args[2]))

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        analyst.get("/dashboard?months=12&region=E12000001")  # North East: 12 areas
        few = len(statements)
        statements.clear()
        analyst.get("/dashboard?months=12")
        every = len(statements)
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
    assert every == few
    assert sum("FROM indicator_values" in s and "period_start =" in s for s in statements) == 1
