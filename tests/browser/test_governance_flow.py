"""The board's governance loop in a real Chromium, as issue 14 asks it to work: a system lead adds
a Board meeting, prepares a highlight report for an agenda item, asks a named approver to sign it
off (who answers on their own list), approves it once they have; the minutes record resolutions
and a question with its response, and an action arising becomes a plan action in one step.
Every page on the way passes axe."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest

from joinedup import clock
from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import OXFORDSHIRE, demo_email

pytestmark = pytest.mark.browser

LEAD = demo_email("system_lead", OXFORDSHIRE)
APPROVER = demo_email("viewer", OXFORDSHIRE)  # Priya Shah, a member of the Board
PAPER = "Winter resilience: highlight report"
RESOLVED = "the Board notes the winter highlight report and its risks"
QUESTION = "How many people waited longer than a week for a package of care?"
RESPONSE = "Forty-one in November, down from sixty-two in October."
ARISING = "Report the discharge delays by locality to the next meeting"


def _id_in(url: str, kind: str) -> int:
    found = re.search(rf"/{kind}/(\d+)", url)
    assert found, url
    return int(found.group(1))


def _fill_date(page: Any, name: str, day: Any) -> None:
    page.locator(f"#{name}-day").fill(str(day.day))
    page.locator(f"#{name}-month").fill(str(day.month))
    page.locator(f"#{name}-year").fill(str(day.year))


def test_a_lead_takes_a_paper_from_agenda_to_sign_off_minutes_and_plan(
    page: Any, browser: Any, live_server: str
) -> None:
    sign_in(page, live_server, LEAD)
    page.goto(f"{live_server}/systems/{OXFORDSHIRE}/boards")
    assert_accessible(page)
    board = "Oxfordshire Health and Wellbeing Board"
    page.get_by_role("link", name=board, exact=True).click()
    # A meeting in the coming weeks, with an agenda item carrying its paper
    held_on = clock.today() + timedelta(days=40)
    _fill_date(page, "held_on", held_on)
    page.get_by_role("button", name="Add meeting").click()
    meeting_url = page.url
    meeting = _id_in(meeting_url, "meetings")
    assert "Draft minutes" in page.locator("main").inner_text()
    page.locator("form[action$='/agenda'] #title").fill(PAPER)
    page.get_by_role("button", name="Add agenda item").click()
    assert PAPER in page.locator("main").inner_text()
    assert_accessible(page)

    # The paper: its meeting date (and cover sheet) come from the meeting
    page.get_by_role("button", name=f"Prepare a highlight report for {PAPER}").click()
    report = _id_in(page.url, "reports")
    assert f"{held_on.day} {held_on:%B %Y}" in page.locator("main").inner_text()
    assert_accessible(page)

    # Sign-off asked of a named approver, whose answer is required before approval
    page.goto(meeting_url)
    page.get_by_role("link", name=f"sign-off of {PAPER}").click()
    page.get_by_label("Email address").fill(APPROVER)
    page.get_by_role("button", name="Ask").click()
    asked = page.locator("main table").inner_text()
    assert "Priya Shah" in asked
    assert "Waiting" in asked
    assert_accessible(page)
    page.goto(f"{live_server}/reports/{report}/approve")
    page.locator("main form button").first.click()
    assert page.locator(".govuk-error-summary").is_visible(), (
        "approved before the approver answered"
    )
    assert "Priya Shah" in page.locator(".govuk-error-summary").inner_text()

    # The approver answers from their own list of papers to sign off
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    approver = context.new_page()
    try:
        sign_in(approver, live_server, APPROVER)
        approver.goto(f"{live_server}/my-sign-offs")
        assert PAPER in approver.locator("main").inner_text()
        assert_accessible(approver)
        item = approver.locator(".govuk-summary-card", has_text=PAPER).first
        item.get_by_label("I agree the paper").check()
        item.get_by_role("button", name="Send answer").click()
        assert approver.locator(".govuk-notification-banner").is_visible()
    finally:
        context.close()

    page.goto(f"{live_server}/meetings/{meeting}")
    page.get_by_role("link", name=f"sign-off of {PAPER}").click()
    assert "Agreed on" in page.locator("main table").inner_text()
    page.goto(f"{live_server}/reports/{report}/approve")
    page.locator("main form button").first.click()
    assert page.url.rstrip("/").endswith(f"/reports/{report}"), page.url
    assert "Lucy Barton on" in page.locator("main").inner_text()  # approved, by whom and when

    # The minutes: a resolution, a question with the response given, an action arising
    page.goto(meeting_url)
    page.get_by_label("RESOLVED that").fill(RESOLVED)
    page.get_by_role("button", name="Add resolution").click()
    page.get_by_label("Question", exact=True).fill(QUESTION)
    page.get_by_label("Response given (optional)").fill(RESPONSE)
    page.get_by_role("button", name="Add question").click()
    page.get_by_label("Action", exact=True).fill(ARISING)
    page.get_by_role("button", name="Add action").click()
    record = page.locator("main").inner_text()
    for said in (RESOLVED, QUESTION, RESPONSE, ARISING):
        assert said in record
    assert_accessible(page)

    # The action arising becomes a plan action in one step
    page.get_by_role("link", name=re.compile(f"^Add to the plan.*{ARISING}")).click()
    assert_accessible(page)
    page.get_by_label("Workstream code").fill("A")
    _fill_date(page, "due", clock.today() + timedelta(days=90))
    page.get_by_role("button", name="Add to the plan").click()
    assert "/actions/" in page.url
    assert ARISING in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto(meeting_url)
    assert page.get_by_role("link", name="Plan action").count() >= 1
