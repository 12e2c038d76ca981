"""The calendar feed page in a real Chromium: making an address shows it once, in a field that
can be copied; the page passes axe at 1280 px and at 320 px without scrolling sideways."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import demo_email

pytestmark = pytest.mark.browser


def assert_fits(page: Any) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth")
    seen = page.evaluate("document.documentElement.clientWidth")
    assert wide <= seen, f"{page.url} scrolls sideways: {wide} px in {seen} px"


@pytest.mark.parametrize("width", [1280, 320])
def test_a_person_makes_and_turns_off_their_calendar_address(
    page: Any, live_server: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, demo_email("contributor"))
    page.goto(f"{live_server}/account")
    page.get_by_role("link", name="Your calendar feed").click()
    assert page.locator("h1").inner_text() == "Your calendar feed"
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("button", name="Make a calendar address").click()
    address = page.get_by_label("Calendar address").input_value()
    assert "/calendar/" in address
    assert address.endswith(".ics")
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("button", name="Turn off the calendar address").click()
    assert "You do not have a calendar address" in page.locator("main").inner_text()
    assert_accessible(page)
