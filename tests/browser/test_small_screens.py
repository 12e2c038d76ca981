"""On a 320 px screen no page scrolls sideways: wide tables scroll inside their own focusable
region. Every kind of page reachable as an administrator and as a system lead is measured. The
brand, homes and people pages pass axe at 320 px and 1280 px."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pytest

from tests.browser.test_roles import assert_accessible, sign_in
from tests.conftest import OXFORDSHIRE, demo_email

pytestmark = pytest.mark.browser

SEEDS = ["/", "/my-actions", "/reviews", "/published", "/dashboard", "/rankings", "/people"]
SKIP = re.compile(
    r"\.(csv|xlsx|pdf|docx|ics|svg|png)$|/download|/export|/attachments/|^/api/|^/static/"
    r"|/sign-out|/calendar"
)
MOST = 60


def kind(path: str) -> str:
    return re.sub(r"\d+", "N", re.sub(r"\b[EWSNK]\d{8}\b", "AREA", path.split("?")[0]))


def overflow(page: Any) -> int:
    """How many pixels the page is wider than the screen (0: it fits)."""
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def crawl(page: Any, base: str) -> dict[str, int]:
    """One page of each kind reachable from the seeds: path -> pixels too wide."""
    measured: dict[str, int] = {}
    kinds: dict[str, int] = defaultdict(int)
    queue = list(SEEDS)
    while queue and len(measured) < MOST:
        path = queue.pop(0)
        if path in measured or SKIP.search(path.split("?")[0]) or kinds[kind(path)]:
            continue
        response = page.goto(f"{base}{path}")
        if response is None or response.status != 200 or not page.url.startswith(base + path):
            continue
        kinds[kind(path)] += 1
        measured[path] = overflow(page)
        for link in page.eval_on_selector_all(
            "a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
        ):
            queue.append(link.split("#")[0])
    return measured


@pytest.mark.parametrize(("role", "area"), [("admin", None), ("system_lead", OXFORDSHIRE)])
def test_no_page_scrolls_sideways_at_320_px(
    browser: Any, live_server: str, role: str, area: str | None
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    try:
        sign_in(page, live_server, demo_email(role, area))
        measured = crawl(page, live_server)
    finally:
        context.close()
    assert len(measured) > 10
    too_wide = [f"{path}: {pixels} px too wide" for path, pixels in measured.items() if pixels > 0]
    assert not too_wide, "\n".join(too_wide)


PAGES = {
    ("admin", None): ["/", "/people", "/people/invite", "/people/6", "/people/6/deactivate"],
    ("system_lead", OXFORDSHIRE): ["/", f"/systems/{OXFORDSHIRE}", "/people"],
    ("contributor", OXFORDSHIRE): ["/", "/account"],
    ("reviewer", None): ["/"],
}


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize(("role", "area"), list(PAGES))
def test_homes_and_people_pages_are_accessible(
    browser: Any, live_server: str, width: int, role: str, area: str | None
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server, demo_email(role, area))
        for path in PAGES[(role, area)]:
            page.goto(f"{live_server}{path}")
            assert overflow(page) == 0, path
            assert_accessible(page)
    finally:
        context.close()


def test_a_wide_table_scrolls_in_a_region_the_keyboard_can_reach(
    browser: Any, live_server: str
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    try:
        sign_in(page, live_server, demo_email("admin"))
        page.goto(f"{live_server}/people")
        region = page.get_by_role("region", name="People")
        assert region.get_attribute("tabindex") == "0"
        region.focus()
        page.keyboard.press("ArrowRight")
        assert overflow(page) == 0
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_a_refused_password_change_is_accessible(
    browser: Any, live_server: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server, demo_email("viewer", OXFORDSHIRE))
        page.goto(f"{live_server}/account")
        page.get_by_label("Current password").fill("joined-up-demo")
        page.get_by_label("New password", exact=True).fill("maple kettle harbour window")
        page.get_by_label("Type the new password again").fill("maple kettle harbour")
        page.get_by_role("button", name="Change password").click()
        page.wait_for_load_state()
        summary = page.locator(".govuk-error-summary")
        assert "The passwords do not match" in summary.inner_text()
        assert overflow(page) == 0
        assert_accessible(page)
    finally:
        context.close()
