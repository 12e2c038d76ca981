"""The system lead reads Oxfordshire's evaluation framework and one KPI's SPC chart in a real
Chromium; both pages pass an axe accessibility scan with no violations."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import OXFORDSHIRE, demo_email

pytestmark = pytest.mark.browser


def test_framework_and_kpi_pages_are_accessible(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("system_lead", OXFORDSHIRE))
    page.goto(f"{live_server}/systems/{OXFORDSHIRE}/framework?as_of=2020-03-31")
    table = page.locator("#part-1")
    assert "Part 1" in table.locator("caption").inner_text()
    delays = table.locator("tr[data-code='1c']")
    assert "83 or fewer" in delays.inner_text()
    assert "↑ (17%)" in delays.inner_text()
    assert_accessible(page)

    delays.get_by_role("link").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("1c ")
    assert page.locator("svg[role='img']").first.is_visible()
    assert "Was 112" in page.locator("#values-table").inner_text()
    assert_accessible(page)
