"""The improvement plan in a real Chromium: the lead reads the plan, opens a workstream and an
action, saves an update; every page passes an axe accessibility scan."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import OXFORDSHIRE, demo_email

pytestmark = pytest.mark.browser


def test_the_lead_reads_and_updates_the_plan(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("system_lead", OXFORDSHIRE))
    page.goto(f"{live_server}/systems/{OXFORDSHIRE}/plan")
    assert "Flow and pathways" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="H – Flow and pathways").click()
    assert "Record this workstream's rating" in page.locator("main").inner_text()
    assert_accessible(page)
    page.locator("a[href^='/actions/']").first.click()
    page.get_by_label("Progress update").fill("Checked in the browser")
    page.get_by_role("button", name="Save update").click()
    page.wait_for_load_state()
    assert "Checked in the browser" in page.locator("main").inner_text()
    assert_accessible(page)
    for path in ("/plans/1/overdue", "/plans/1/coverage", "/plans/1/since", "/my-actions"):
        page.goto(f"{live_server}{path}")
        assert_accessible(page)
