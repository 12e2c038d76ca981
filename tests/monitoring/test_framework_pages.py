"""The framework and KPI pages as people use them: seed 003's table with arrows and icons, the
chart with its rules in plain words, values entered and corrected, and edits refused with what
changed when someone else got there first."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from joinedup.monitoring.models import Kpi
from joinedup.store.database import Database
from tests.conftest import COVENTRY, OXFORDSHIRE, csrf_from, demo_email, sign_in
from tests.monitoring.story import LAST_PAPER, REPORT, on

FRAMEWORK = f"/systems/{OXFORDSHIRE}/framework"


def kpi_url(database: Database, code: str) -> str:
    with database.session() as session:
        found = session.scalar(select(Kpi.id).where(Kpi.code == code))
    return f"{FRAMEWORK}/kpis/{found}"


def table_row(html: str, code: str) -> str:
    match = re.search(rf'<tr class="govuk-table__row" data-code="{code}">(.*?)</tr>', html, re.S)
    assert match, f"no row {code}"
    return match.group(1)


def test_the_framework_table_reads_like_the_board_paper(client: TestClient) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    page = client.get(f"{FRAMEWORK}?as_of={REPORT}&since={LAST_PAPER}")
    assert page.status_code == 200
    assert "Part 1 – Joint Health and Wellbeing Strategy" in page.text
    assert "Part 2 – NHS Social Care Interface Dashboard" in page.text
    delays = table_row(page.text, "1c")
    assert "83 or fewer" in delays
    assert "95" in delays
    assert f"{on(2019, 4):%b-%y}" in delays  # every figure carries its period ("Apr-19")
    assert "Not met" in delays
    assert "↑ (17%)" in delays
    assert "improved by 17% since the last report" in delays
    # Icons carry their meaning in words for screen readers.
    assert 'aria-label="Special cause variation: improvement, with lower values"' in delays
    assert 'aria-label="The target will be missed consistently' in delays
    assert "<svg" in delays  # the sparkline
    cqc = table_row(page.text, "1d")
    assert "→" in cqc
    assert "Met" in cqc
    weekend = table_row(page.text, "2f")
    assert "18.86% or above" in weekend


def test_the_system_overview_links_to_the_framework(client: TestClient) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    page = client.get(f"/systems/{OXFORDSHIRE}")
    assert f'href="{FRAMEWORK}"' in page.text


def test_the_kpi_page_explains_the_chart(client: TestClient, database: Database) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    page = client.get(kpi_url(database, "1c"))
    assert page.status_code == 200
    assert 'role="img"' in page.text
    assert "The chart as a table" in page.text
    assert "7 points in a row, each higher than the one before, or each lower" in page.text
    # The correction of February 2020 is on record with the figure it replaced.
    assert "Was 112" in page.text
    assert "Validated figure from the discharge team" in page.text
    # A viewer reads, and is offered no forms.
    assert "Enter or correct a value" not in page.text
    # The breadcrumbs end with the measure's title, not its number in the framework.
    crumbs = page.text.split('class="govuk-breadcrumbs', 1)[1].split("</nav>", 1)[0]
    last = re.findall(r'govuk-breadcrumbs__list-item"[^>]*>\s*([^<]+?)\s*<', crumbs)[-1]
    with database.session() as session:
        assert last == session.scalar(select(Kpi.name).where(Kpi.code == "1c"))


def test_the_lead_enters_a_value_and_a_stale_correction_keeps_what_was_typed(
    client: TestClient, database: Database
) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    url = kpi_url(database, "1e")
    token = csrf_from(client.get(url).text)
    saved = client.post(
        f"{url}/values",
        data={"csrf_token": token, "period": "2020-04", "value": "10.5", "version": "0"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    # Someone who opened the form before that value existed types another one.
    refused = client.post(
        f"{url}/values",
        data={"csrf_token": token, "period": "2020-04", "value": "9.75", "version": "0"},
    )
    assert refused.status_code == 409
    assert "Somebody else changed this first" in refused.text
    assert "it is now 10.5" in refused.text
    assert 'value="9.75"' in refused.text  # what they typed is kept
    assert 'name="version" value="1"' in refused.text  # saving again replaces 10.5


def test_a_bad_value_is_shown_against_its_field(client: TestClient, database: Database) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    url = kpi_url(database, "1e")
    token = csrf_from(client.get(url).text)
    response = client.post(
        f"{url}/values",
        data={"csrf_token": token, "period": "April", "value": "lots", "version": "0"},
    )
    assert response.status_code == 400
    assert 'href="#period"' in response.text
    assert "Enter the value as a number" in response.text


def test_a_stale_settings_edit_shows_what_changed(client: TestClient, database: Database) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    url = kpi_url(database, "1b")
    token = csrf_from(client.get(url).text)
    form = {
        "csrf_token": token,
        "name": "People who spend less than 4 hours in total in A&E",
        "unit": "%",
        "polarity": "higher_is_better",
        "target": "95% or above",
        "screen_outliers": "yes",
        "fix_after": "",
        "rebases": "",
        "version": "1",
    }
    first = client.post(url, data={**form, "target": "92% or above"}, follow_redirects=False)
    assert first.status_code == 303
    stale = client.post(url, data={**form, "fix_after": "12"})
    assert stale.status_code == 409
    assert "Target is now: 92% or above" in stale.text
    assert 'value="12"' in stale.text
    unknown = client.post(url, data={**form, "version": "2", "target": "mostly"})
    assert unknown.status_code == 400
    assert "is not understood" in unknown.text


def test_the_api_gives_a_kpi_with_its_chart_and_refuses_stale_values(
    client: TestClient, database: Database
) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    kpi_id = int(kpi_url(database, "1c").rsplit("/", 1)[1])
    body = client.get(f"/api/v1/kpis/{kpi_id}").json()
    assert body["kpi"]["target"] == "83 or fewer"
    assert body["kpi"]["figure"]["value"] == body["kpi"]["latest"]["value"]
    framework = client.get(
        f"/api/v1/systems/{OXFORDSHIRE}/framework?as_of={REPORT}&since={LAST_PAPER}"
    ).json()
    delays = next(k for part in framework["parts"] for k in part["kpis"] if k["code"] == "1c")
    assert delays["since_last_report"]["shown"] == "↑ (17%)"
    assert delays["variation"] == "improvement_low"
    assert delays["figure"]["label"] == f"{on(2019, 4):%b-%y}"
    assert delays["target_status"] == "not_met"
    token = csrf_from(client.get(FRAMEWORK).text)
    stale = client.post(
        f"/api/v1/kpis/{kpi_id}/values",
        json={"period": on(2019, 1).isoformat(), "value": 110, "version": 1},
        headers={"x-csrf-token": token},
    )
    assert stale.status_code == 409
    assert stale.json()["current"]["value"] == 114.5


def test_a_lead_starts_a_framework_and_adds_a_measure(client: TestClient) -> None:
    sign_in(client, demo_email("system_lead", COVENTRY))
    framework = f"/systems/{COVENTRY}/framework"
    empty = client.get(framework)
    assert empty.status_code == 200
    assert "has no evaluation framework yet" in empty.text
    started = client.post(
        framework, data={"csrf_token": csrf_from(empty.text), "title": ""}, follow_redirects=True
    )
    assert started.status_code == 200
    assert "Coventry evaluation framework" in started.text
    # Part 2 holds the six interface indicators, linked, with no targets yet.
    for code in ("2a", "2b", "2c", "2d", "2e", "2f"):
        assert "No target" in table_row(started.text, code)
    refused = client.post(
        f"{framework}/kpis",
        data={
            "csrf_token": csrf_from(started.text),
            "part": "1",
            "code": "1a",
            "name": "Hours of home care",
            "polarity": "higher_is_better",
            "target": "lots",
        },
    )
    assert refused.status_code == 400
    assert 'href="#target"' in refused.text
    assert 'value="Hours of home care"' in refused.text
    added = client.post(
        f"{framework}/kpis",
        data={
            "csrf_token": csrf_from(started.text),
            "part": "1",
            "code": "1a",
            "name": "Hours of home care",
            "polarity": "higher_is_better",
            "target": "5750 or above",
        },
        follow_redirects=True,
    )
    assert added.status_code == 200
    assert "1a Hours of home care" in added.text
    assert "5750 or above" in added.text


def test_changes_are_measured_from_the_last_report_date(client: TestClient) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    page = client.get(f"{FRAMEWORK}?as_of={REPORT}&since={on(2018, 12, 31)}")
    # 1c was 119 in December 2018 and is 95 in April 2019: (119 - 95) / 119 = 20.2%.
    assert "↑ (20%)" in table_row(page.text, "1c")
    wrong = client.get(f"{FRAMEWORK}?since=last%20time")
    assert wrong.status_code == 400
    assert 'href="#since"' in wrong.text


def test_the_lead_rebases_with_a_date_input_and_a_reason(
    client: TestClient, database: Database
) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    url = kpi_url(database, "1b")
    page = client.get(url).text
    assert 'name="rebase-1-day"' in page  # an empty row to add a rebase
    assert "Add a rebase: first month of the new process" in page
    form = {
        "csrf_token": csrf_from(page),
        "name": "People who spend less than 4 hours in total in A&E",
        "unit": "%",
        "polarity": "higher_is_better",
        "target": "95% or above",
        "screen_outliers": "yes",
        "fix_after": "",
        "version": "1",
    }
    row = {"rebase-1-day": "1", "rebase-1-month": "4", "rebase-1-year": "2019"}
    # A missing part and a missing reason are each named against their own box.
    refused = client.post(url, data={**form, **row, "rebase-1-month": ""})
    assert refused.status_code == 400
    assert "The date of rebase 1 must include a month" in refused.text
    assert 'href="#rebase-1"' in refused.text
    assert "Rebase 1: give the reason for rebasing" in refused.text
    assert 'href="#rebase-1-reason"' in refused.text
    assert 'value="2019"' in refused.text  # what was typed is kept
    saved = client.post(url, data={**form, **row, "rebase-1-reason": "New reablement contract"})
    assert saved.status_code == 200  # followed to the page
    assert "from 1 April 2019: New reablement contract" in saved.text
    assert 'name="rebase-1-reason" type="text" value="New reablement contract"' in saved.text
    assert 'name="rebase-2-day"' in saved.text  # and a row to add another
    # Two rebases on one day are refused; clearing a row removes its rebase.
    twice = {**row, "rebase-1-reason": "x", **{k.replace("-1-", "-2-"): v for k, v in row.items()}}
    refused = client.post(url, data={**form, "version": "2", **twice, "rebase-2-reason": "y"})
    assert "Rebase 2 is on the same day as rebase 1" in refused.text
    cleared = dict.fromkeys(("rebase-1-day", "rebase-1-month", "rebase-1-year"), "")
    removed = client.post(url, data={**form, "version": "2", **cleared, "rebase-1-reason": ""})
    assert removed.status_code == 200
    assert "from 1 April 2019" not in removed.text


def test_the_frameworks_dates_are_taken_as_people_in_the_uk_write_them(client: TestClient) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    iso = client.get(f"{FRAMEWORK}?as_of={REPORT}&since={LAST_PAPER}")
    uk = client.get(f"{FRAMEWORK}?as_of={REPORT:%d/%m/%Y}&since={LAST_PAPER:%d %B %Y}")
    assert uk.status_code == 200
    assert table_row(uk.text, "1c") == table_row(iso.text, "1c")
    refused = client.get(f"{FRAMEWORK}?as_of=31/02/2019")
    assert refused.status_code == 400
    assert "Enter a real date" in refused.text
