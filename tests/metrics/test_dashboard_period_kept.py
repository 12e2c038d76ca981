"""The period chosen on the national dashboard is kept when an area is opened from it: the
area's profile opens on that period length, as it stood for that period, and leads back to the
dashboard on the same period."""

from __future__ import annotations

import html
import re
from datetime import date

from fastapi.testclient import TestClient

from joinedup.periods import period_label
from tests.conftest import OXFORDSHIRE
from tests.metrics.test_dashboard_web import analyst  # noqa: F401 (a fixture)


def _profile_link(page: str, name: str) -> str:
    found = re.search(rf'href="(/areas/[^"]+)">{name}</a>', page)
    assert found, f"no link to {name}"
    return html.unescape(found.group(1))


def _months_loaded(client: TestClient) -> list[date]:
    """The monthly periods the dashboard offers, latest first."""
    page = client.get("/dashboard?months=1").text
    found = re.findall(r'<option value="(\d{4}-\d\d-\d\d)"', page)
    return [date.fromisoformat(f) for f in found]


def _latest_row(profile: str) -> str:
    return profile.split("Latest compared with England", 1)[1].split("</table>", 1)[0]


def test_an_earlier_month_chosen_on_the_dashboard_opens_the_area_on_that_month(
    analyst: TestClient,  # noqa: F811
) -> None:
    latest, earlier = _months_loaded(analyst)[:2]
    dashboard = analyst.get(f"/dashboard?months=1&period_start={earlier}").text
    link = _profile_link(dashboard, "Oxfordshire")
    assert link == f"/areas/{OXFORDSHIRE}?months=1&period_start={earlier}"
    profile = analyst.get(link)
    assert profile.status_code == 200
    shown = _latest_row(profile.text)
    assert period_label(earlier, 1) in shown
    assert period_label(latest, 1) not in shown  # the later month is left out
    assert (
        f"As it stood for the period chosen on the dashboard, {period_label(earlier, 1)}"
        in profile.text
    )
    assert f'href="/dashboard?months=1&amp;period_start={earlier}"' in profile.text


def test_the_latest_period_opens_the_area_on_the_latest(analyst: TestClient) -> None:  # noqa: F811
    latest = _months_loaded(analyst)[0]
    dashboard = analyst.get(f"/dashboard?months=1&period_start={latest}").text
    link = _profile_link(dashboard, "Oxfordshire")
    assert link == f"/areas/{OXFORDSHIRE}?months=1"
    profile = analyst.get(link).text
    assert period_label(latest, 1) in _latest_row(profile)
    assert "As it stood for the period chosen" not in profile


def test_a_period_typed_the_uk_way_is_read_and_nonsense_is_refused(
    analyst: TestClient,  # noqa: F811
) -> None:
    earlier = _months_loaded(analyst)[1]
    typed = analyst.get(
        f"/areas/{OXFORDSHIRE}?months=1&period_start={earlier.day}/{earlier.month}/{earlier.year}"
    )
    assert typed.status_code == 200
    assert f"the dashboard, {period_label(earlier, 1)}" in typed.text
    refused = analyst.get(f"/areas/{OXFORDSHIRE}?months=1&period_start=yesterday")
    assert refused.status_code == 400
    assert "is not a date like 1/4/2019" in refused.text
