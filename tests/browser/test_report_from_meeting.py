"""Preparing a paper from a meeting's agenda, in a real Chromium: the lead opens a coming meeting
of the Board, adds an agenda item, presses "Prepare a highlight report" beside it and lands on
the draft, whose cover sheet carries the Board and the item; the meeting page and the draft
pass axe scans at desktop and phone widths."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import OXFORDSHIRE, demo_email

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 320])
def test_the_lead_prepares_a_highlight_report_from_an_agenda_item(
    page: Any, live_server: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, demo_email("system_lead", OXFORDSHIRE))
    page.goto(f"{live_server}/systems/{OXFORDSHIRE}/boards")
    coming = page.locator("table").first.get_by_role("link").first
    coming.click()
    page.wait_for_load_state()
    meeting = page.url
    assert re.search(r"/meetings/\d+$", meeting), meeting
    title = f"Highlight report read on a {width} pixel screen"
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Presented by (optional)").fill("Ansaf Azhar")
    page.get_by_role("button", name="Add agenda item").click()
    page.wait_for_load_state()
    assert_accessible(page)

    page.get_by_role("button", name=f"Prepare a highlight report for {title}").click()
    page.wait_for_load_state()
    assert re.search(r"/reports/\d+$", page.url), page.url
    cover = page.locator(".jr-cover")
    assert title in cover.inner_text()
    assert "HEALTH AND WELLBEING BOARD" in cover.inner_text().upper()
    assert "Ansaf Azhar" in cover.inner_text()
    assert page.get_by_role("heading", name=re.compile("Risks")).count() == 1
    assert_accessible(page)
    # An approver with the day the paper went out, typed in GOV.UK day, month and year boxes.
    draft = page.url
    page.get_by_text("Add a contributor or approver").click()
    page.get_by_label("Approver").check()
    page.get_by_label("Name", exact=True).fill("Janice White")
    sent = page.get_by_role("group", name="Date sent (optional)")
    sent.get_by_label("Day").fill("15")
    sent.get_by_label("Month").fill("5")
    sent.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Add to the sign-off table").click()
    page.wait_for_load_state()
    assert page.url == draft
    assert "15 May 2026" in page.locator("main").inner_text()
    assert "15.05.26" in page.locator(".jr-sign-off").inner_text()
    assert_accessible(page)
    # Nothing but the wide tables' own regions scrolls sideways on a phone.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow} px wider than the screen"

    page.goto(meeting)
    assert page.get_by_role("button", name=f"Prepare a highlight report for {title}").count() == 0
