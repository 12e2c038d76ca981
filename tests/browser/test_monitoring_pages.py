"""The system lead reads Oxfordshire's evaluation framework and one KPI's SPC chart in a real
Chromium; both pages pass an axe accessibility scan with no violations."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import OXFORDSHIRE, demo_email
from tests.monitoring.story import LAST_PAPER, REPORT, on

pytestmark = pytest.mark.browser


def test_framework_and_kpi_pages_are_accessible(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("system_lead", OXFORDSHIRE))
    framework = f"{live_server}/systems/{OXFORDSHIRE}/framework"
    page.goto(f"{framework}?as_of={REPORT}&since={LAST_PAPER}")
    table = page.locator("#part-1")
    assert "Part 1" in table.locator("caption").inner_text()
    delays = table.locator("tr[data-code='1c']")
    assert "83 or fewer" in delays.inner_text()
    assert "↑ (17%)" in delays.inner_text()
    assert f"{on(2019, 4):%b-%y}" in delays.inner_text()  # the figure's period
    assert_accessible(page)

    delays.get_by_role("link").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("1c ")
    assert page.locator("svg[role='img']").first.is_visible()
    assert "Was 112" in page.locator("#values-table").inner_text()
    assert_accessible(page)


def test_a_proportions_p_chart_page_is_accessible(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("viewer", OXFORDSHIRE))
    page.goto(f"{live_server}/systems/{OXFORDSHIRE}/framework")
    # The measure's own link: a held-back figure's [c] links to the key.
    page.locator("#part-2 tr[data-code='2d']").get_by_role("link").first.click()
    page.wait_for_load_state()
    assert page.locator("#p-chart").is_visible()
    assert page.locator("svg[role='img']").nth(1).is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("width", [1280, 320])
def test_a_rebase_is_typed_as_a_date_and_a_reason(
    browser: Any, live_server: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server, demo_email("system_lead", OXFORDSHIRE))
        page.goto(f"{live_server}/systems/{OXFORDSHIRE}/framework")
        code = {1280: "1a", 320: "1b"}[width]  # a measure with no rebase yet, for each width
        page.locator(f"#part-1 tr[data-code='{code}']").get_by_role("link").click()
        page.wait_for_load_state()
        row = page.get_by_role("group", name="Add a rebase: first month of the new process")
        row.get_by_label("Day").fill("1")
        row.get_by_label("Month").fill("4")
        row.get_by_label("Year").fill("2019")
        page.get_by_role("button", name="Save target and settings").click()
        page.wait_for_load_state()
        summary = page.locator(".govuk-error-summary")
        assert "give the reason for rebasing" in summary.inner_text()
        assert page.get_by_role("group", name="Rebase 1: first month of the new process").count()
        assert (
            page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            == 0
        )
        assert_accessible(page)
        page.get_by_label("Rebase 1: reason").fill("New reablement contract")
        page.get_by_role("button", name="Save target and settings").click()
        page.wait_for_load_state()
        assert "from 1 April 2019: New reablement contract" in page.locator("main").inner_text()
        assert_accessible(page)
    finally:
        context.close()
