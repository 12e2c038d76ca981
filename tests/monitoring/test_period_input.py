"""A KPI value's period is typed as a month and a year (the GOV.UK date input without a day):
saved as that month, a correction link fills both parts, and a part left out or out of range
is named and highlighted on its own, on both databases."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from httpx import Response

from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in
from tests.monitoring.test_framework_pages import kpi_url


def _post(client: TestClient, url: str, **fields: str) -> Response:
    token = csrf_from(client.get(url).text)
    data = {"csrf_token": token, "value": "10.5", "version": "0", **fields}
    return client.post(f"{url}/values", data=data, follow_redirects=False)


def test_a_value_is_entered_for_a_month_and_a_year(client: TestClient, database: Database) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    url = kpi_url(database, "1e")
    form = client.get(url).text
    assert 'name="period-month"' in form
    assert 'name="period-year"' in form
    assert 'name="period-day"' not in form
    saved = _post(client, url, **{"period-month": "4", "period-year": "2020"})
    assert saved.status_code == 303
    page = client.get(url).text
    assert "Apr 2020" in page or "April 2020" in page
    # The correction link opens the form on that month, both parts filled.
    corrected = client.get(f"{url}?period=2020-04").text
    assert re.search(r'name="period-month"[^>]*value="4"', corrected)
    assert re.search(r'name="period-year"[^>]*value="2020"', corrected)
    # The person who entered it is named, not their email address.
    assert "Lucy Barton" in page


def test_a_missing_month_is_named_and_only_the_month_is_highlighted(
    client: TestClient, database: Database
) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    url = kpi_url(database, "1e")
    refused = _post(client, url, **{"period-month": "", "period-year": "2020", "value": "lots"})
    assert refused.status_code == 400
    text = refused.text
    assert "The period must include a month" in text
    assert "Enter the value as a number" in text  # every problem at once
    month = re.search(r'<input[^>]*name="period-month"[^>]*>', text)
    year = re.search(r'<input[^>]*name="period-year"[^>]*>', text)
    assert month
    assert "govuk-input--error" in month.group(0)
    assert year
    assert "govuk-input--error" not in year.group(0)
    assert re.search(r'name="period-year"[^>]*value="2020"', text)  # what was typed is kept


def test_a_month_out_of_range_or_in_the_future_is_refused(
    client: TestClient, database: Database
) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    url = kpi_url(database, "1e")
    refused = _post(client, url, **{"period-month": "13", "period-year": "2020"})
    assert refused.status_code == 400
    assert "give the month as a number from 1 to 12" in refused.text
    future = _post(client, url, **{"period-month": "1", "period-year": "2999"})
    assert future.status_code == 400
    year = re.search(r'<input[^>]*name="period-year"[^>]*>', future.text)
    assert year
    assert "govuk-input--error" in year.group(0)


def test_a_linked_kpi_names_its_indicator_by_title(client: TestClient, database: Database) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    page = client.get(kpi_url(database, "2b")).text
    assert "los_p90_emergency_65plus" not in page.split('id="main-content"', 1)[1]
    assert "loaded values: " in page
