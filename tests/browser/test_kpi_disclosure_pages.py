"""A system's lead reads Oxfordshire's evaluation framework in the demo world, whose monthly
reablement measures rest on small counts: a suppressed latest figure, and its change since the
last report, are marked [c], read out with their reason and linked to the key; the measure's
own page marks it too. Each page passes an axe scan at 1280 and 320 px. An analyst sees the
figures unrounded."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import demo_email

pytestmark = pytest.mark.browser
OXFORDSHIRE = "E10000025"
REASON = "suppressed: fewer than 8 people or records"


def test_a_system_lead_sees_held_back_kpi_figures_marked_with_a_key(
    page: Any, live_server: str
) -> None:
    sign_in(page, live_server, demo_email("system_lead", OXFORDSHIRE))
    page.goto(f"{live_server}/systems/{OXFORDSHIRE}/framework")
    page.wait_for_load_state()
    key = page.get_by_role("heading", name="Key: [c] suppressed figures")
    assert key.is_visible()
    marked = page.locator("table.app-framework a.app-suppressed")
    assert marked.count() > 0
    first = marked.first
    assert first.inner_text().startswith("[c]")
    assert REASON in first.text_content()
    row = first.locator("xpath=ancestor::tr")
    assert row.locator(".app-travel").inner_text() in {"[c]", "–"}
    code = row.get_attribute("data-code")
    first.click()
    assert page.url.endswith("#disclosure")
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert key.is_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server}/systems/{OXFORDSHIRE}/framework")
    page.locator(f'tr[data-code="{code}"] td a.govuk-link').first.click()
    page.wait_for_load_state()
    assert "[c]" in page.locator(".govuk-summary-list").first.inner_text()
    assert page.get_by_role("heading", name="Key: [c] suppressed figures").is_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert_accessible(page)


def test_an_analyst_sees_the_framework_unrounded(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("analyst"))
    page.goto(f"{live_server}/systems/{OXFORDSHIRE}/framework")
    page.wait_for_load_state()
    assert page.locator("a.app-suppressed").count() == 0
    assert page.get_by_role("heading", name="Key: [c] suppressed figures").count() == 0
