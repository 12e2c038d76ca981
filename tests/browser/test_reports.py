"""Board reports in a real Chromium: the lead previews a draft, the public reads the published
report without signing in, and every page passes an axe scan."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import OXFORDSHIRE, demo_email

pytestmark = pytest.mark.browser

PUBLISHED = "/published/oxfordshire-highlight-report-1"


def test_the_public_reads_the_published_report_without_signing_in(
    page: Any, live_server: str
) -> None:
    page.goto(f"{live_server}/published")
    page.get_by_role("link", name="Highlight Report").first.click()
    page.wait_for_load_state()
    # The newest paper is listed first.
    assert page.url.startswith(f"{live_server}/published/oxfordshire-highlight-report-")
    table = page.get_by_role("table", name="Workstreams by rating")
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["Green", "Amber", "Red"]
    rated = table.locator("td[class*=jr-rag--]").first
    assert re.match(r"^[A-O] - \w", rated.inner_text())
    # Colour and word together: the cell is shaded and names the workstream under its rating.
    shade = rated.evaluate("e => getComputedStyle(e).backgroundColor")
    assert shade not in ("rgba(0, 0, 0, 0)", "transparent", "rgb(255, 255, 255)")
    body = page.locator("main").inner_text()
    if table.locator("td.jr-rag--amber").count():
        assert "Mitigation – " in body
    assert "Lara Knight" in body  # the sign-off table
    assert "Draft" not in page.locator(".jr-report").inner_text()[:200]
    assert_accessible(page)


def test_the_lead_previews_the_draft_and_sees_what_they_may_do(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("system_lead", OXFORDSHIRE))
    page.goto(f"{live_server}/systems/{OXFORDSHIRE}/reports")
    assert_accessible(page)
    # The lead drafts the next paper, as at today (the form's default).
    page.get_by_role("button", name="Generate a draft", exact=True).click()
    page.wait_for_load_state()
    assert re.search(r"/reports/\d+$", page.url), page.url
    assert page.get_by_role("button", name="Approve and freeze this content").is_visible()
    assert "Draft: not yet approved" in page.locator(".jr-report").inner_text()
    charts = page.locator(".jr-figure__image[role=img]")
    assert charts.count() == 13
    assert_accessible(page)


def test_the_print_stylesheet_hides_the_screen_only_parts(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}{PUBLISHED}")
    details = page.locator(".jr-report details").first
    assert details.is_visible()
    page.emulate_media(media="print")
    assert not details.is_visible()
