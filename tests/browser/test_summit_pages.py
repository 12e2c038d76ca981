"""The summit page, the review's own edit form and its withdrawal in Chromium: each passes an axe
scan, with its error summary and its success message too."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import demo_email

pytestmark = pytest.mark.browser

COVENTRY = "E08000026"
COVENTRY_REVIEW = 3  # the demo's Coventry review, whose summit is recorded


def test_the_system_reads_its_summit(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("system_lead", COVENTRY))
    page.goto(f"{live_server}/reviews/{COVENTRY_REVIEW}/summit")
    body = page.locator("body").inner_text()
    assert "Councillor K Caan" in body
    assert "Coventry Accident and Emergency Delivery Group" in body
    assert page.get_by_role("button", name="Save the summit record").count() == 0
    assert_accessible(page)


def test_the_review_team_corrects_the_summit(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("reviewer"))
    page.goto(f"{live_server}/reviews/{COVENTRY_REVIEW}/summit")
    assert_accessible(page)
    page.locator("#held_on-month").fill("13")
    page.get_by_role("button", name="Save the summit record").click()
    page.wait_for_load_state()
    assert "There is a problem" in page.locator("body").inner_text()
    assert_accessible(page)  # the error summary and the message by the date
    page.locator("#held_on-month").fill("3")
    page.locator("#chair_role").fill("Chair of the summit")
    page.get_by_role("button", name="Save the summit record").click()
    page.wait_for_load_state()
    body = page.locator("body").inner_text()
    assert "Your changes have been saved" in body
    assert "Chair of the summit" in body
    assert_accessible(page)


def test_the_review_is_renamed_then_withdrawal_asks_first(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("reviewer"))
    page.goto(f"{live_server}/reviews/6")
    page.locator("#title").fill("York: assessment (renamed)")
    page.get_by_role("button", name="Save review").click()
    page.wait_for_load_state()
    assert "Your changes have been saved" in page.locator("body").inner_text()
    assert_accessible(page)
    page.goto(f"{live_server}/reviews/6/withdraw")
    assert "You cannot undo this" in page.locator("body").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Withdraw review").click()
    page.wait_for_load_state()
    assert "There is a problem" in page.locator("body").inner_text()
    assert_accessible(page)
