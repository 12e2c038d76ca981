"""An analyst uses the national dashboard and opens an area's profile; a system's lead sees
their own area's profile; every page passes an axe scan."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

import pytest

from joinedup import clock
from joinedup.timeline import Timeline
from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import demo_email

pytestmark = pytest.mark.browser
SCREENSHOTS = os.environ.get("JOINEDUP_SCREENSHOTS")
OXFORDSHIRE = "E10000025"


def shot(page: Any, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def test_an_analyst_sorts_the_dashboard_and_opens_a_profile(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("analyst"))
    page.get_by_role("link", name="Dashboard").first.click()
    page.wait_for_load_state()
    heading = page.get_by_role("heading", level=1).inner_text()
    # The latest 12 months of the demo's data, which runs to the last complete month.
    last = Timeline.as_at(clock.today()).last_complete_month
    assert f"to {last:%B %Y}" in heading
    first_row = page.locator("table.app-dashboard tbody tr").first
    assert first_row.locator("th").inner_text() == "England"
    assert_accessible(page)
    shot(page, "dashboard")

    # Sort by weekend discharges, highest first: the link works without JavaScript.
    page.get_by_role("link", name="Weekend discharges").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Weekend discharges").click()
    page.wait_for_load_state()
    assert "dir=desc" in page.url
    values = page.locator("table.app-dashboard tbody tr td:last-child").all_inner_texts()
    numbers = [float(v.split("%")[0]) for v in values[1:] if "%" in v]
    assert numbers == sorted(numbers, reverse=True)

    # Choose the quarter view for one region.
    page.get_by_label("Period length").select_option("3")
    page.get_by_label("Region").select_option(label="South East")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert "Quarter" in page.locator(".govuk-caption-l").inner_text()
    page.get_by_role("link", name="Oxfordshire", exact=True).click()
    page.wait_for_load_state()
    # The profile opens on the dashboard's period length (kept in its address).
    assert urlsplit(page.url).path == f"/areas/{OXFORDSHIRE}"
    assert "months=3" in urlsplit(page.url).query
    assert page.locator("svg.app-chart").count() == 6
    page.locator(".govuk-details__summary").first.click()
    assert page.locator(".govuk-details table").first.is_visible()
    assert_accessible(page)
    shot(page, "area-profile")


def test_a_system_lead_sees_their_areas_profile(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("system_lead", OXFORDSHIRE))
    assert page.get_by_role("link", name="Dashboard").count() == 0
    page.goto(f"{live_server}/systems/{OXFORDSHIRE}")
    page.get_by_role("link", name="see the area profile").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Oxfordshire", level=1).is_visible()
    assert_accessible(page)
