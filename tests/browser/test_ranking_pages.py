"""An analyst runs a ranking from the web form and sees its caterpillar plot; the pages pass
an axe scan."""

from __future__ import annotations

import os
from typing import Any

import pytest

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
    sign_in(page, live_server, demo_email("analyst"))
    page.get_by_role("link", name="Rankings").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Rankings", level=1).is_visible()
    assert page.get_by_role("link", name="Interface dashboard 2019-20").is_visible()
    assert "2,000 by default" in page.locator("#draws-hint").inner_text()
    assert_accessible(page)
    shot(page, "rankings")

    page.get_by_label("Name of the run").fill("Quarter to March 2020, z-scores")
    page.get_by_label("Period start").fill("2020-01-01")
    page.get_by_label("Quarter").check()
    page.get_by_label("Normalisation").select_option("zscore")
    page.get_by_label("Monte Carlo draws").fill("500")
    page.get_by_label("Number of most challenged areas to select for review").fill("5")
    page.get_by_role("button", name="Run and save the ranking").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", name="Quarter to March 2020, z-scores").is_visible()
    plot = page.get_by_role("img", name="Caterpillar plot of 152 areas' ranks")
    assert plot.is_visible()
    assert page.locator("svg[role=img] line[stroke-width='2']").count() == 152
    assert "January to March 2020" in page.locator("main").inner_text()
    assert page.locator("#selection + p + table tbody tr").count() == 5
    assert page.get_by_role("link", name="Start a review of").count() == 152 + 5
    assert_accessible(page)
    shot(page, "ranking_run")

    page.get_by_label("Region").select_option(label="London")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert page.locator("svg[role=img] line[stroke-width='2']").count() == 33
    assert "Showing 33 of 152 areas" in page.locator("main").inner_text()


def test_a_form_error_keeps_what_was_typed(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("analyst"))
    page.goto(f"{live_server}/rankings")
    page.get_by_label("Name of the run").fill("Typo in the date")
    page.get_by_label("Period start").fill("2019-13-01")
    page.get_by_role("button", name="Run and save the ranking").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert "Period start must be a date like 2019-04-01" in summary.inner_text()
    assert page.get_by_label("Name of the run").input_value() == "Typo in the date"
    assert_accessible(page)


def test_a_system_user_has_no_rankings(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("system_lead", "E10000025"))
    assert page.get_by_role("link", name="Rankings").count() == 0
    response = page.goto(f"{live_server}/rankings")
    assert response.status == 403
