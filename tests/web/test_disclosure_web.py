"""Disclosure control as people meet it: a system's own area profile and API values, the
dashboard's publication download, and what the computations still read (SQLite and
PostgreSQL). Figures are loaded by hand for a month after the demo world's data."""

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
from joinedup.metrics.periods import add_months
from joinedup.metrics.results import SCHEMA
from joinedup.periods import period_end
from joinedup.settings import get_settings
from joinedup.store.database import Database
from joinedup.timeline import Timeline
from tests.conftest import COVENTRY, OXFORDSHIRE, demo_email, sign_in

ENGLAND = "E92000001"
HARTLEPOOL = "E06000001"
AT_HOME = "reablement_at_home_91d_65plus"  # a proportion of counted people
ADMISSIONS = "emergency_admissions_65plus"  # a rate of the ONS population
MONTH = add_months(Timeline.as_at(clock.today()).last_complete_month, 1)
MARKER = "[c] suppressed: fewer than 8 people or records"
# Worked by hand: England holds the three areas' counts.
#   area          at home  assessed   %       a system's people / a publication see
#   Oxfordshire         3        40    7.5    [c]
#   Hartlepool         12        30   40.0    10 of 30, 40.0% (held back in a national table)
#   Coventry           26        50   52.0    25 of 50, 52.0%
#   England            41       120   34.17   40 of 120, 34.2%
# Emergency admissions: Oxfordshire 23 of 40,000 aged 65+, 57.5 per 100,000 (not the 62.5
# that the rounded 25 would give); England 2,351 of 4,000,000, 58.775.
FIGURES = [
    (OXFORDSHIRE, AT_HOME, 3, 40),
    (HARTLEPOOL, AT_HOME, 12, 30),
    (COVENTRY, AT_HOME, 26, 50),
    (ENGLAND, AT_HOME, 41, 120),
    (OXFORDSHIRE, ADMISSIONS, 23, 40_000),
    (ENGLAND, ADMISSIONS, 2_351, 4_000_000),
]


def load_figures(database: Database) -> None:
    rows = []
    for area, indicator, numerator, denominator in FIGURES:
        per = 100.0 if indicator == AT_HOME else 100_000.0
        value = numerator / denominator * per
        rows.append(
            {
                "area_code": area,
                "indicator": indicator,
                "period_start": MONTH,
                "period_end": period_end(MONTH, 1),
                "numerator": float(numerator),
                "denominator": float(denominator),
                "value": value,
                "lower_95": value * 0.9,
                "upper_95": value * 1.1,
                "lower_998": value * 0.8,
                "upper_998": value * 1.2,
            }
        )
    with database.session() as session:
        service.load_values(
            session,
            actor=OPERATOR,
            table=pa.Table.from_pylist(rows, schema=SCHEMA),
            source="worked by hand",
            engine="test",
        )
        session.commit()


@pytest.fixture
def loaded(client: TestClient, database: Database) -> TestClient:
    load_figures(database)
    return client


@pytest.fixture
def rule_off(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("JOINEDUP_DISCLOSURE_CONTROL", "false")
    get_settings.cache_clear()
    yield
    monkeypatch.delenv("JOINEDUP_DISCLOSURE_CONTROL")
    get_settings.cache_clear()


def _value(client: TestClient, area: str, indicator: str) -> dict[str, object]:
    page = client.get(
        f"/api/v1/indicator-values?area_code={area}&indicator={indicator}"
        f"&period_start={MONTH}&months=1"
    ).json()
    (value,) = page["values"]
    return dict(value)


def test_a_systems_people_get_controlled_values_from_the_api(loaded: TestClient) -> None:
    sign_in(loaded, demo_email("system_lead", OXFORDSHIRE))
    small = _value(loaded, OXFORDSHIRE, AT_HOME)
    assert small["status"] == "suppressed"
    assert small["status_reason"] == "suppressed: fewer than 8 people or records"
    assert small["counts"] == "rounded to the nearest 5"
    assert (small["numerator"], small["denominator"], small["value"]) == (None, 40.0, None)
    assert (small["lower_95"], small["upper_998"]) == (None, None)
    rate = _value(loaded, OXFORDSHIRE, ADMISSIONS)
    assert (rate["status"], rate["numerator"], rate["denominator"]) == ("shown", 25.0, 40_000.0)
    assert rate["value"] == pytest.approx(57.5)
    england = _value(loaded, ENGLAND, AT_HOME)
    assert (england["numerator"], england["denominator"]) == (40.0, 120.0)
    assert england["value"] == pytest.approx(100 * 41 / 120)


def test_national_roles_get_the_unrounded_values(loaded: TestClient) -> None:
    sign_in(loaded, demo_email("analyst"))
    small = _value(loaded, OXFORDSHIRE, AT_HOME)
    assert (small["numerator"], small["denominator"], small["value"]) == (3.0, 40.0, 7.5)
    assert (small["status"], small["counts"]) == ("shown", "unrounded")


def test_a_deployment_may_turn_the_rule_off(loaded: TestClient, rule_off: None) -> None:
    sign_in(loaded, demo_email("system_lead", OXFORDSHIRE))
    small = _value(loaded, OXFORDSHIRE, AT_HOME)
    assert (small["numerator"], small["value"], small["status"]) == (3.0, 7.5, "shown")
    assert "Key: [c] suppressed figures" not in loaded.get(f"/areas/{OXFORDSHIRE}?months=1").text


def test_the_area_profile_marks_a_suppressed_figure_for_a_systems_people(
    loaded: TestClient,
) -> None:
    sign_in(loaded, demo_email("viewer", OXFORDSHIRE))
    page = loaded.get(f"/areas/{OXFORDSHIRE}?months=1").text
    assert "Key: [c] suppressed figures" in page
    assert "a count of 1 to 7 people or records is not shown" in page
    latest = page.split("Latest compared with England", 1)[1].split("</table>", 1)[0]
    at_home = next(r for r in latest.split("<tr") if f'href="#{AT_HOME}"' in r)
    assert '<span aria-hidden="true">[c]</span>' in at_home
    assert "suppressed: fewer than 8 people or records" in at_home
    assert "7.5%" not in at_home
    assert "34.2%" in at_home  # England's, from its unrounded counts
    admissions = next(r for r in latest.split("<tr") if f'href="#{ADMISSIONS}"' in r)
    assert "57.5" in admissions


def test_national_roles_see_the_profile_unrounded_and_without_the_key(loaded: TestClient) -> None:
    sign_in(loaded, demo_email("analyst"))
    page = loaded.get(f"/areas/{OXFORDSHIRE}?months=1").text
    assert "Key: [c] suppressed figures" not in page
    latest = page.split("Latest compared with England", 1)[1].split("</table>", 1)[0]
    at_home = next(r for r in latest.split("<tr") if f'href="#{AT_HOME}"' in r)
    assert "7.5%" in at_home


def _table(client: TestClient, query: str) -> dict[str, dict[str, str]]:
    response = client.get(f"/dashboard.csv?months=1&period_start={MONTH}{query}")
    assert response.status_code == 200, response.text
    rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    return {r["area_code"]: r for r in rows}


def test_the_dashboard_downloads_unrounded_and_for_publication(loaded: TestClient) -> None:
    sign_in(loaded, demo_email("analyst"))
    page = loaded.get(f"/dashboard?months=1&period_start={MONTH}").text
    assert "Download this table for publication" in page
    whole = _table(loaded, "")
    assert whole[OXFORDSHIRE][f"{AT_HOME}_numerator"] == "3.0"
    assert whole[OXFORDSHIRE][f"{AT_HOME}_status"] == "shown"
    published = _table(loaded, "&for=publication")
    oxon, hartlepool, coventry = (published[c] for c in (OXFORDSHIRE, HARTLEPOOL, COVENTRY))
    assert oxon[f"{AT_HOME}_status"] == MARKER
    assert oxon[AT_HOME] == oxon[f"{AT_HOME}_numerator"] == oxon[f"{AT_HOME}_lower_95"] == ""
    assert oxon[f"{AT_HOME}_vs_england"] == ""
    # Hartlepool, the next smallest, is held back too; Coventry is rounded.
    assert hartlepool[f"{AT_HOME}_status"] == MARKER
    assert hartlepool[AT_HOME] == hartlepool[f"{AT_HOME}_numerator"] == ""
    assert (coventry[f"{AT_HOME}_numerator"], coventry[AT_HOME]) == ("25.0", "52.0")
    england = published[ENGLAND]
    assert (england[f"{AT_HOME}_numerator"], england[AT_HOME]) == ("40.0", "34.2")
    # Subtraction: England's 40 (from 38 to 42) less Coventry's 25 (from 23 to 27) leaves from
    # 11 to 19 for Oxfordshire and Hartlepool together: any of 1 to 7 for Oxfordshire.
    shown = [
        r
        for code, r in published.items()
        if code != ENGLAND and r[f"{AT_HOME}_status"] == "shown" and r[f"{AT_HOME}_numerator"]
    ]
    assert [r["area_code"] for r in shown] == [COVENTRY]
    low = float(england[f"{AT_HOME}_numerator"]) - 2 - (float(coventry[f"{AT_HOME}_numerator"]) + 2)
    assert low > 7  # the two held back together hold more than any one small count


def test_a_bad_download_choice_is_explained(loaded: TestClient) -> None:
    sign_in(loaded, demo_email("analyst"))
    response = loaded.get("/dashboard.csv?months=1&for=everyone")
    assert response.status_code == 400
    assert "for" in response.text
    assert "publication" in response.text


def test_computations_read_the_unrounded_values_whoever_asks(
    loaded: TestClient, database: Database
) -> None:
    # A KPI's SPC chart and p-chart read a system's values through find_values: unrounded.
    from joinedup.access.service import get_user, principal_for

    with database.session() as session:
        lead = principal_for(get_user(session, demo_email("system_lead", OXFORDSHIRE)))
        page = service.find_values(
            session, actor=lead, area_code=OXFORDSHIRE, indicator_id=AT_HOME, months=1
        )
    small = next(v for v in page.values if v.period_start == MONTH)
    assert (small.numerator, small.value) == (3.0, 7.5)


def test_a_kpi_fed_by_an_indicator_marks_what_a_systems_people_may_not_see(
    loaded: TestClient, database: Database
) -> None:
    # The mark is for what is shown; the value the chart and its limits use stays unrounded.
    from sqlalchemy import select

    from joinedup.access.service import get_user, principal_for
    from joinedup.monitoring.models import Framework, Kpi
    from joinedup.monitoring.series import read_series

    with database.session() as session:
        kpi = session.scalars(
            select(Kpi)
            .join(Framework, Framework.id == Kpi.framework_id)
            .where(Framework.area_code == OXFORDSHIRE, Kpi.indicator_id == AT_HOME)
        ).first()
        if kpi is None:
            pytest.skip("the demo world links no KPI of Oxfordshire to this indicator")
        kpi.indicator_months = 1
        session.flush()
        for role, suppressed in (("system_lead", True), ("analyst", False)):
            email = demo_email(role, OXFORDSHIRE if role == "system_lead" else None)
            actor = principal_for(get_user(session, email))
            series = read_series(session, actor, OXFORDSHIRE, [kpi])[kpi.id]
            point = next(p for p in series.chart if p.period == MONTH)
            assert (point.value, point.numerator, point.suppressed) == (7.5, 3.0, suppressed)
