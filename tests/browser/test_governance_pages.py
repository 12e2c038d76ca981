"""Governance pages in a real Chromium: a system lead goes from the boards to a meeting, records
a resolution, refuses an empty one with the error summary, and every page passes axe at 1280 px
and 320 px without scrolling sideways; the public minutes too, signed out."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import OXFORDSHIRE, demo_email

pytestmark = pytest.mark.browser

PAGES = (
    f"/systems/{OXFORDSHIRE}/boards",
    "/boards/1",
    "/meetings/2",
    "/actions-arising/3/plan",
    f"/systems/{OXFORDSHIRE}/oversight",
    f"/systems/{OXFORDSHIRE}/engagement",
    "/plans/1/risks",
    "/risks/2",
    "/agenda-items/2/sign-off",
    "/my-sign-offs",
)


def assert_fits(page: Any) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth")
    seen = page.evaluate("document.documentElement.clientWidth")
    assert wide <= seen, f"{page.url} scrolls sideways: {wide} px in {seen} px"


@pytest.mark.parametrize("width", [1280, 320])
def test_every_governance_page_is_accessible(page: Any, live_server: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, demo_email("system_lead", OXFORDSHIRE))
    for path in PAGES:
        page.goto(f"{live_server}{path}")
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
        assert_fits(page)


def test_a_lead_records_a_resolution_and_is_told_what_is_missing(
    page: Any, live_server: str
) -> None:
    sign_in(page, live_server, demo_email("system_lead", OXFORDSHIRE))
    page.goto(f"{live_server}/systems/{OXFORDSHIRE}/boards")
    page.get_by_role("link", name="Integrated System Delivery Board").click()
    page.locator("table a.govuk-link").first.click()
    assert "Draft minutes" in page.locator("main").inner_text()
    page.get_by_role("button", name="Add resolution").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter what the board resolved" in summary.inner_text()
    assert_accessible(page)
    page.get_by_label("RESOLVED that").fill("the ratings be reported to the Board")
    page.get_by_role("button", name="Add resolution").click()
    assert "the ratings be reported to the Board" in page.locator("main").inner_text()


@pytest.mark.parametrize("width", [1280, 320])
def test_published_minutes_are_accessible_signed_out(
    page: Any, live_server: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server}/published/minutes")
    page.locator("table a.govuk-link").first.click()
    assert "Minutes of the meeting" in page.locator("h1").inner_text()
    assert_accessible(page)
    assert_fits(page)
