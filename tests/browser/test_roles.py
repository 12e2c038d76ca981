"""A person signs in as each demo role in a real Chromium and sees what that role may see;
every page passes an axe accessibility scan with no violations."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import PASSWORD, demo_email

pytestmark = pytest.mark.browser
axe = Axe()


def sign_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def assert_accessible(page: Any) -> None:
    results = axe.run(
        page,
        options={
            "runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
        },
    )
    violations = results.response["violations"]
    assert violations == [], results.generate_report()


@pytest.mark.parametrize(
    ("role", "area", "sees", "does_not_see"),
    [
        ("admin", None, ["Oxfordshire", "Coventry", "Systems admin", "People"], []),
        ("analyst", None, ["Oxfordshire", "Coventry"], ["Systems admin"]),
        ("reviewer", None, ["Oxfordshire", "York"], ["Systems admin"]),
        ("system_lead", "E10000025", ["Oxfordshire"], ["Coventry", "Systems admin"]),
        ("contributor", "E10000025", ["Oxfordshire"], ["Coventry"]),
        ("viewer", "E10000025", ["Oxfordshire"], ["Coventry", "My actions"]),
        ("system_lead", "E08000026", ["Coventry"], ["Oxfordshire"]),
    ],
)
def test_each_role_sees_its_home_page(
    page: Any,
    live_server: str,
    role: str,
    area: str | None,
    sees: list[str],
    does_not_see: list[str],
) -> None:
    sign_in(page, live_server, demo_email(role, area))
    assert page.url == f"{live_server}/"
    main = page.locator("body").inner_text()
    for text in sees:
        assert text in main
    for text in does_not_see:
        assert text not in main
    assert_accessible(page)


def test_the_sign_in_page_is_accessible_and_styled(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/sign-in")
    assert_accessible(page)
    # GOV.UK Frontend's stylesheet and JavaScript are loaded, with a system font: GDS Transport
    # is reserved for services on GOV.UK.
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "GDS Transport" not in font
    assert "system-ui" in font
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")


def test_wrong_password_shows_the_error_summary(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/sign-in")
    page.get_by_label("Email address").fill("viewer@nowhere.test")
    page.get_by_label("Password", exact=True).fill("wrong password entirely")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter a correct email address and password" in summary.inner_text()
    assert page.title().startswith("Error:")
    assert_accessible(page)


def test_pages_of_a_signed_in_admin_are_accessible(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("admin"))
    for path in ("/systems/E10000025", "/admin/systems", "/admin/users", "/account"):
        page.goto(f"{live_server}{path}")
        assert_accessible(page)


def test_another_systems_page_is_not_found(page: Any, live_server: str) -> None:
    sign_in(page, live_server, demo_email("system_lead", "E08000026"))
    response = page.goto(f"{live_server}/systems/E10000025")
    assert response.status == 404
    assert "Page not found" in page.locator("h1").inner_text()
    assert "Oxfordshire" not in page.locator("main").inner_text()
    assert_accessible(page)
