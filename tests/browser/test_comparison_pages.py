"""An analyst finds the comparisons, reads a funnel plot by keyboard and pointer, and the list
of areas worse than England and getting worse; a system lead reads their area's spine chart.
Every page passes an axe scan at 1280 and 320 px and does not scroll sideways."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import OXFORDSHIRE, demo_email

pytestmark = pytest.mark.browser
SCREENSHOTS = os.environ.get("JOINEDUP_SCREENSHOTS")


def shot(page: Any, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def _no_sideways_scroll(page: Any) -> None:
    width = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    assert page.evaluate(width) == 0


@pytest.mark.parametrize("width", [1280, 320])
def test_an_analyst_reads_a_funnel_plot_and_the_worse_list(
    browser: Any, live_server: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server, demo_email("analyst"))
        page.goto(f"{live_server}/worse-than-england")
        assert page.get_by_role("heading", name="Worse than England and getting worse").count()
        assert "Quarter" in page.locator("main").inner_text()
        assert page.get_by_role("region", name="Areas worse than England by indicator").count()
        _no_sideways_scroll(page)
        assert_accessible(page)
        shot(page, f"worse_{width}")

        page.goto(f"{live_server}/funnel?indicator=weekend_discharges_emergency&months=12")
        plot = page.get_by_role("group", name=re.compile(r"Funnel plot of 152 areas"))
        assert plot.is_visible()
        first = page.locator("a.jup-funnel__area").first
        name = first.get_attribute("aria-label") or ""
        assert re.match(r"[A-Z][A-Za-z ,.'-]+: [\d.]+%, denominator [\d,]+, ", name)
        # From the last control before the plot, Tab moves onto its first area, whose name shows.
        page.get_by_role("button", name="Show").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == name
        assert page.locator("a.jup-funnel__area:focus .jup-funnel__name").is_visible()
        # Points may overlap; the last drawn lies on top of any other.
        last = page.locator("a.jup-funnel__area").last
        last.hover()
        assert last.locator(".jup-funnel__name").is_visible()
        assert page.get_by_role("region", name="Areas on the funnel plot").count()
        _no_sideways_scroll(page)
        assert_accessible(page)
        shot(page, f"funnel_{width}")
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_a_system_lead_reads_their_areas_spine_chart(
    browser: Any, live_server: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server, demo_email("system_lead", OXFORDSHIRE))
        assert page.get_by_role("link", name="Comparisons").count() == 0
        page.goto(f"{live_server}/areas/{OXFORDSHIRE}?months=3")
        assert page.get_by_role("heading", name="Spine chart: Oxfordshire against every area")
        spines = page.locator("svg[role=img][aria-label*='25th percentile']")
        assert spines.count() >= 4
        assert "Recent trend:" in page.locator("main").inner_text()
        _no_sideways_scroll(page)
        assert_accessible(page)
        shot(page, f"spine_{width}")
        assert page.goto(f"{live_server}/funnel").status == 403
    finally:
        context.close()
