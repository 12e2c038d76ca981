"""A system's lead reads their area's monthly indicators in the demo world (a fiftieth of
England, so a month holds small counts): suppressed figures are marked [c], read out with
their reason, explained in a key, and the page passes an axe scan at 1280 and 320 px. An
analyst sees the same figures unrounded."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_dashboard_pages import shot
from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import demo_email

pytestmark = pytest.mark.browser
OXFORDSHIRE = "E10000025"
REASON = "suppressed: fewer than 8 people or records"


def test_a_system_lead_sees_suppressed_figures_marked_with_a_key(
    page: Any, live_server: str
) -> None:
    sign_in(page, live_server, demo_email("system_lead", OXFORDSHIRE))
    page.goto(f"{live_server}/areas/{OXFORDSHIRE}?months=1")
    page.wait_for_load_state()
    key = page.get_by_role("heading", name="Key: [c] suppressed figures")
    assert key.is_visible()
    marked = page.locator("a.app-suppressed")
    assert marked.count() > 0
    first = marked.first
    # Seen as [c]; read out as its reason; a link to the key.
    assert first.inner_text().startswith("[c]")
    assert REASON in first.text_content()
    first.click()
    assert page.url.endswith("#disclosure")
    assert_accessible(page)
    shot(page, "area-profile-suppressed")
    page.set_viewport_size({"width": 320, "height": 800})
    assert key.is_visible()
    assert_accessible(page)


def test_an_analyst_sees_the_same_profile_unrounded(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("analyst"))
    page.goto(f"{live_server}/areas/{OXFORDSHIRE}?months=1")
    page.wait_for_load_state()
    assert page.locator("a.app-suppressed").count() == 0
    assert page.get_by_role("heading", name="Key: [c] suppressed figures").count() == 0
