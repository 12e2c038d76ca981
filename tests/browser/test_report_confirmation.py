"""Confirming a step that cannot be undone, in a real Chromium: the lead opens the withdraw
page from a draft, is told what will happen, leaves the reason out and is told so, then
withdraws it; the page and its error state pass axe scans at desktop and phone widths."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import OXFORDSHIRE, demo_email

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 320])
def test_the_lead_confirms_withdrawing_a_draft(page: Any, live_server: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, demo_email("system_lead", OXFORDSHIRE))
    page.goto(f"{live_server}/systems/{OXFORDSHIRE}/reports")
    page.get_by_role("button", name="Generate a draft", exact=True).click()
    page.wait_for_load_state()
    draft = page.url
    assert re.search(r"/reports/\d+$", draft), draft
    page.get_by_role("button", name="Withdraw this draft").click()
    page.wait_for_load_state()
    assert page.url == f"{draft}/withdraw"
    assert page.get_by_role("heading", level=1).inner_text() == "Withdraw this draft"
    assert "cannot be approved, published or brought back" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Withdraw this draft").click()
    page.wait_for_load_state()
    assert "Enter why the draft is withdrawn" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("Why is it withdrawn?").fill("Replaced by a later draft")
    page.get_by_role("button", name="Withdraw this draft").click()
    page.wait_for_load_state()
    assert page.url == draft
    assert "Replaced by a later draft" in page.locator("#set-aside").inner_text()
