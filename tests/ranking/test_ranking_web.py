"""The ranking pages and API as people use them: run, read, filter, download."""

from __future__ import annotations

import csv
import io
import re

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from ranking_examples import D
from sqlalchemy.orm import Session
from stored_examples import store_four_areas
from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in

from joinedup import clock
from joinedup.ranking.demo import latest_complete_year, run_name
from joinedup.spreadsheets import safe_cell
from joinedup.timeline import Timeline

FORM = {
    "name": "Four areas, web",
    "period_start": "2030-04-01",
    "months": "12",
    "normalisation": "rank",
    "aggregation": "arithmetic",
    "missing": "reweight",
    "draws": "200",
    "seed": "3",
    "select": "1",
}


def run_from_the_form(client: TestClient, **changes: str) -> str:
    page = client.get("/rankings")
    response = client.post(
        "/rankings",
        data={**FORM, **changes, "csrf_token": csrf_from(page.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def test_an_analyst_runs_and_reads_a_ranking(client: TestClient, session: Session) -> None:
    store_four_areas(session)
    sign_in(client, demo_email("analyst"))
    location = run_from_the_form(client)
    page = client.get(location).text
    assert "Four areas, web" in page
    assert 'role="group"' in page
    assert '<title id="caterpillar-title">Caterpillar plot of 4 areas' in page
    # D is worst on every indicator: last whatever the assumptions, so a robust selection.
    assert re.search(r"Robust</strong>", page)
    assert "/reviews/new?area_code=" + D in page
    assert 'Start a review<span class="govuk-visually-hidden"> of Stockton-on-Tees' in page
    # The settings used and the missing-value report are shown with the ranking.
    assert "200 draws, seed 3" in page
    assert "No missing values" in page
    listing = client.get("/rankings").text
    assert "Four areas, web" in listing
    assert run_name(latest_complete_year(Timeline.as_at(clock.today()))) in listing


def test_filters_by_region_and_type(client: TestClient) -> None:
    sign_in(client, demo_email("reviewer"))
    london = client.get("/rankings/1?region=E12000007").text
    assert "Showing 33 of 152 areas" in london
    assert london.count("Start a review<span") == 33 + 12  # the table and the selection
    counties = client.get("/rankings/1?area_type=county").text
    assert "Showing 27 of 152 areas" in counties
    both = client.get("/rankings/1?area_type=county&region=E12000008").text
    # South East counties: Buckinghamshire, East Sussex, Hampshire, Kent, Oxfordshire,
    # Surrey, West Sussex.
    assert "Showing 7 of 152 areas" in both
    assert f'href="/systems/{OXFORDSHIRE}"' in both  # a system links to its overview


def test_form_errors_say_what_and_keep_the_form(client: TestClient) -> None:
    sign_in(client, demo_email("analyst"))
    page = client.get("/rankings")
    response = client.post(
        "/rankings",
        data={
            **FORM,
            "name": "Kept",
            "draws": "lots",
            "weight_delayed_days_per_day_18plus": "-1",
            "csrf_token": csrf_from(page.text),
        },
    )
    assert response.status_code == 400
    assert 'href="#draws"' in response.text
    assert "Draws must be a whole number" in response.text
    assert "must be 0 or more" in response.text
    assert 'value="Kept"' in response.text
    wrong_period = client.post(
        "/rankings",
        data={**FORM, "period_start": "2031-01-01", "csrf_token": csrf_from(page.text)},
    )
    assert wrong_period.status_code == 400
    assert "No stored values for a 12-month period starting 2031-01-01" in wrong_period.text
    assert 'href="#period_start"' in wrong_period.text


def test_downloads_have_every_area_and_no_formulas(client: TestClient, session: Session) -> None:
    store_four_areas(session)
    sign_in(client, demo_email("analyst"))
    location = run_from_the_form(client, name='=HYPERLINK("http://example.test")')
    text = client.get(f"{location}/download.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["area_code"] for r in rows][-1] == D
    assert rows[-1]["selected"] == "robust"
    assert float(rows[-1]["score"]) == 4.0
    book = load_workbook(io.BytesIO(client.get(f"{location}/download.xlsx").content))
    sheet = book["ranking"]
    assert sheet.cell(row=5, column=1).value == D
    settings = {r[0]: r[1] for r in book["settings"].iter_rows(values_only=True)}
    assert settings["name"] == '\'=HYPERLINK("http://example.test")'


def test_text_that_would_be_a_formula_is_neutralised() -> None:
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("+44 20") == "'+44 20"
    assert safe_cell("-x") == "'-x"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("Hackney") == "Hackney"
    assert safe_cell(-1.5) == -1.5  # numbers stay numbers


def test_the_api_runs_lists_and_reads(client: TestClient, session: Session) -> None:
    store_four_areas(session)
    sign_in(client, demo_email("analyst"))
    token_page = client.get("/rankings")
    headers = {"x-csrf-token": csrf_from(token_page.text)}
    created = client.post(
        "/api/v1/rankings",
        json={"name": "API run", "period_start": "2030-04-01", "draws": 200, "select": 1},
        headers=headers,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert [r["area_code"] for r in body["rows"]][-1] == D
    assert body["rows"][-1]["rank"] == 4
    assert body["settings"]["weights"]["delayed_days_per_day_18plus"] == 2.0
    listed = client.get("/api/v1/rankings").json()
    assert listed[0]["name"] == "API run"
    detail = client.get(f"/api/v1/rankings/{body['id']}").json()
    assert detail["rows"] == body["rows"]
    bad = client.post(
        "/api/v1/rankings",
        json={"name": "x", "period_start": "2031-01-01", "draws": 200},
        headers=headers,
    )
    assert bad.status_code == 400
    assert "2031-01-01" in bad.json()["detail"]


def test_system_users_do_not_see_rankings(client: TestClient) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    assert client.get("/rankings").status_code == 403
    assert client.get("/rankings/1").status_code == 403
    assert client.get("/api/v1/rankings/1").status_code == 403
    assert ">Rankings<" not in client.get("/").text


def test_excluded_areas_are_reported_on_the_page(client: TestClient) -> None:
    # In the demo year some areas have no value for people still at home 91 days after
    # reablement (too few people), so the exclude rule leaves them out.
    sign_in(client, demo_email("admin"))
    location = run_from_the_form(
        client,
        name="Exclude rule",
        period_start=latest_complete_year(Timeline.as_at(clock.today())).isoformat(),
        missing="exclude",
        select="",
        min_population="0",  # the small-area rule off: only the missing-value rule excludes
    )
    page = client.get(location).text
    # which areas lack a value depends on the year's synthetic data: the page agrees with itself
    left_out = re.search(r"Not ranked: ([^<]+)\.</p>", page)
    assert left_out is not None
    assert not re.search(r"\b[EWSN]\d{8}\b", left_out.group(1))  # areas by name
    n = len(left_out.group(1).split("; "))
    assert f"{152 - n} areas ranked" in page
    assert page.count(">Not ranked<") == n
    assert f"Caterpillar plot of {152 - n} areas" in page


def test_form_and_api_refuse_the_same_input_by_field(client: TestClient, session: Session) -> None:
    store_four_areas(session)
    sign_in(client, demo_email("analyst"))
    page = client.get("/rankings")
    headers = {"x-csrf-token": csrf_from(page.text)}
    # A period with no stored values is refused against period_start by both doors.
    api = client.post(
        "/api/v1/rankings",
        json={"name": "x", "period_start": "2031-01-01", "draws": 200},
        headers=headers,
    )
    assert api.status_code == 400
    assert set(api.json()["problems"]) == {"period_start"}
    form = client.post(
        "/rankings",
        data={**FORM, "period_start": "2031-01-01", "csrf_token": csrf_from(page.text)},
    )
    assert form.status_code == 400
    assert api.json()["problems"]["period_start"] in form.text
    assert 'href="#period_start"' in form.text


def test_the_period_start_is_typed_as_a_day_month_and_year(
    client: TestClient, session: Session
) -> None:
    store_four_areas(session)
    sign_in(client, demo_email("analyst"))
    page = client.get("/rankings").text
    for part in ("day", "month", "year"):
        assert f'name="period_start-{part}"' in page
    assert "2030-04-01" not in page  # the stored periods' starts are written the UK way
    boxes = {"period_start-day": "1", "period_start-month": "4", "period_start-year": "2030"}
    form = {k: v for k, v in FORM.items() if k != "period_start"}
    location = run_from_the_form(client, **form, **boxes)
    assert "April 2030 to March 2031" in client.get(location).text
    # A missing part is named, that box alone is marked, and what was typed is kept.
    response = client.post(
        "/rankings",
        data={**form, **boxes, "period_start-month": "", "csrf_token": csrf_from(page)},
    )
    assert response.status_code == 400
    assert "Period start must include a month" in response.text
    assert 'href="#period_start"' in response.text
    assert re.search(
        r'class="govuk-input govuk-date-input__input govuk-input--width-2 '
        r'govuk-input--error" id="period_start-month"',
        response.text,
    )
    assert 'value="2030"' in response.text
    # A script may still send one field, written the UK way.
    location = run_from_the_form(client, period_start="1/4/2030", name="UK form")
    assert "UK form" in client.get(location).text
