"""An analyst runs a ranking from the web form and sees its caterpillar plot; the pages pass
an axe scan."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from joinedup import clock
from joinedup.ranking.demo import latest_complete_year, run_name
from joinedup.timeline import Timeline
from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import demo_email

pytestmark = pytest.mark.browser
SCREENSHOTS = os.environ.get("JOINEDUP_SCREENSHOTS")


def shot(page: Any, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def test_an_analyst_runs_a_ranking_and_sees_the_caterpillar_plot(
    page: Any, live_server: str
) -> None:
    year = latest_complete_year(Timeline.as_at(clock.today()))
    sign_in(page, live_server, demo_email("analyst"))
    page.get_by_role("link", name="Rankings").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Rankings", level=1).is_visible()
    assert page.get_by_role("link", name=run_name(year)).is_visible()
    assert "2,000 by default" in page.locator("#draws-hint").inner_text()
    assert_accessible(page)
    shot(page, "rankings")

    page.get_by_label("Name of the run").fill("First quarter, z-scores")
    start = page.get_by_role("group", name="Period start")
    start.get_by_label("Day").fill(str(year.day))
    start.get_by_label("Month").fill(str(year.month))
    start.get_by_label("Year").fill(str(year.year))
    page.get_by_label("Quarter").check()
    page.get_by_label("Normalisation").select_option("zscore")
    page.get_by_label("Monte Carlo draws").fill("500")
    page.get_by_label("Number of most challenged areas to select for review").fill("5")
    page.get_by_role("button", name="Run and save the ranking").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", name="First quarter, z-scores").is_visible()
    # The small-area rule leaves out the Isles of Scilly and the City of London by default.
    plot = page.get_by_role("group", name="Caterpillar plot of 150 areas' ranks")
    assert plot.is_visible()
    assert page.locator("svg[role=group] line[stroke-width='2']").count() == 150
    assert f"April to June {year.year}" in page.locator("main").inner_text()
    assert "Isles of Scilly, City of London" in page.locator("#settings + dl").inner_text()
    assert page.get_by_role("region", name="Selected for review").locator("tbody tr").count() == 5
    assert page.locator(".jup-caterpillar__label").count() >= 5
    assert_accessible(page)
    shot(page, "ranking_run")

    page.get_by_label("Region").select_option(label="London")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert page.locator("svg[role=group] line[stroke-width='2']").count() == 32
    assert "Showing 33 of 152 areas" in page.locator("main").inner_text()


def latest_demo_run(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/rankings")
    year = latest_complete_year(Timeline.as_at(clock.today()))
    page.get_by_role("link", name=run_name(year)).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [1280, 320])
def test_the_keyboard_reaches_each_area_of_the_plot_by_name(
    browser: Any, live_server: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server, demo_email("analyst"))
        latest_demo_run(page, live_server)
        first = page.locator("a.jup-caterpillar__area").first
        name = first.get_attribute("aria-label")
        # From the last control before the plot, Tab moves onto its first area.
        page.get_by_role("button", name="Apply filters").focus()
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
        assert focused == name
        assert re.match(r"[A-Z][A-Za-z ,.'-]+: rank 1, 5 to 95% interval \d+ to \d+", focused)
        # The focused area's name is shown beside the plot (hidden until focus or hover).
        shown = page.locator("a.jup-caterpillar__area:focus .jup-caterpillar__name")
        assert shown.is_visible()
        assert (shown.text_content() or "").startswith(focused.split(":")[0] + ": rank 1")
        page.keyboard.press("Tab")
        second = page.evaluate("document.activeElement.getAttribute('aria-label')")
        assert ": rank 2," in second
        # Hovering names an area too.
        third = page.locator("a.jup-caterpillar__area").nth(2)
        third.hover()
        assert third.locator(".jup-caterpillar__name").is_visible()
        assert page.get_by_role("link", name=re.compile(r"\(robust\)|\(borderline\)")).count() >= 1
        assert (
            page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            == 0
        )
        assert_accessible(page)
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_a_form_error_keeps_what_was_typed(browser: Any, live_server: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server, demo_email("analyst"))
        page.goto(f"{live_server}/rankings")
        assert_accessible(page)
        page.get_by_label("Name of the run").fill("Typo in the date")
        start = page.get_by_role("group", name="Period start")
        start.get_by_label("Day").fill("1")
        start.get_by_label("Month").fill("13")
        start.get_by_label("Year").fill("2019")
        page.get_by_role("button", name="Run and save the ranking").click()
        page.wait_for_load_state()
        summary = page.locator(".govuk-error-summary")
        assert "Period start must be a real date, for example 1 4 2019" in summary.inner_text()
        assert page.get_by_label("Name of the run").input_value() == "Typo in the date"
        start = page.get_by_role("group", name="Period start")
        assert start.get_by_label("Month").input_value() == "13"  # what was typed is kept
        assert "govuk-input--error" in (start.get_by_label("Month").get_attribute("class") or "")
        assert (
            page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            == 0
        )
        assert_accessible(page)
    finally:
        context.close()


def test_a_system_user_has_no_rankings(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("system_lead", "E10000025"))
    assert page.get_by_role("link", name="Rankings").count() == 0
    response = page.goto(f"{live_server}/rankings")
    assert response.status == 403
