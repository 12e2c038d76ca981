"""A reviewer works through the review pages in Chromium; every page passes an axe scan."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import demo_email

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/reviews",
        "/reviews/programmes/1",
        "/reviews/programmes/2",
        "/reviews/programmes/1/national",
        "/reviews/1",
        "/reviews/7",
        "/reviews/findings/16/edit",
        "/reviews/evidence/9/edit",
    ],
)
def test_review_pages_are_accessible(page: Any, live_server: str, path: str) -> None:
    sign_in(page, live_server, demo_email("reviewer"))
    page.goto(f"{live_server}{path}")
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_a_reviewer_logs_evidence_and_a_finding(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("reviewer"))
    page.goto(f"{live_server}/reviews/6")
    page.locator("#evidence-kind").select_option("survey")
    page.locator("#evidence-date-day").fill("2")  # the GOV.UK date input: day, month, year
    page.locator("#evidence-date-month").fill("5")
    page.locator("#evidence-date-year").fill("2024")
    page.locator("#evidence-source").fill("Carers' survey (48 replies)")
    page.locator("#evidence-q-assessing_needs").check()
    page.locator("#evidence-summary").fill("Carers waited months for an assessment.")
    page.get_by_role("button", name="Log evidence").click()
    page.wait_for_load_state()
    assert "Carers' survey (48 replies)" in page.locator("body").inner_text()
    page.locator("#finding-kind-area_for_improvement").check()
    page.locator("#finding-question").select_option("assessing_needs")
    page.locator("#finding-text").fill("Carers wait too long to be assessed.")
    page.get_by_label("Carers' survey (48 replies)", exact=False).check()
    page.get_by_role("button", name="Add finding").click()
    page.wait_for_load_state()
    body = page.locator("body").inner_text()
    assert "Carers wait too long to be assessed." in body
    assert "Area for improvement (1)" in body
    assert_accessible(page)


def test_a_system_viewer_reads_without_forms(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("viewer", "E10000025"))
    page.goto(f"{live_server}/reviews/2")
    assert "Areas of future focus" not in page.locator("h1").inner_text()
    assert page.get_by_role("button", name="Save dates").count() == 0
    assert "Area of future focus (4)" in page.locator("body").inner_text()
    assert_accessible(page)
