"""A deployment outside GOV.UK: no crown, no GOV.UK logotype, no GDS Transport, no Crown
copyright; the product's own name and wordmark, and the organisation's name and logo."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.web.app import STATIC_DIR, create_app
from tests.conftest import TEST_SECRET, demo_email, sign_in

GOV_UK_ONLY = (
    "govuk-logo",
    "govuk-header__logotype",
    "govuk-footer__crown",
    "govuk-footer__copyright-logo",
    "govuk-footer__licence-logo",
    "Crown copyright",
    "GOV.UK",
    "GDS Transport",
    "govuk-crest",
    "govuk-icon",
)
STYLESHEET = STATIC_DIR / "govuk" / "govuk-frontend.min.css"


def assert_not_gov_uk(html: str) -> None:
    for marker in GOV_UK_ONLY:
        assert marker not in html, f"{marker!r} is reserved for GOV.UK"


def test_no_page_carries_the_gov_uk_identity(client: TestClient) -> None:
    assert_not_gov_uk(client.get("/sign-in").text)
    assert_not_gov_uk(client.get("/published").text)
    sign_in(client, demo_email("admin"))
    for path in ("/", "/account", "/admin/users", "/reviews"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert_not_gov_uk(page.text)
        assert 'class="app-header__wordmark">Joined Up<' in page.text
        assert "open-source software under the MIT licence" in page.text


def test_the_stylesheet_uses_a_system_font_and_no_gds_transport() -> None:
    if not STYLESHEET.exists():
        pytest.skip("assets not built: run make assets")
    css = STYLESHEET.read_text()
    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert "system-ui" in css


def test_gov_uk_fonts_and_images_are_not_served(client: TestClient) -> None:
    for path in (
        "/assets/images/govuk-crest.svg",
        "/assets/images/favicon.svg",
        "/assets/fonts/bold-b542beb274-v2.woff2",
    ):
        assert client.get(path).status_code == 404, path
    assert client.get("/static/joinedup-mark.svg").status_code == 200


def test_the_organisation_and_its_logo_come_from_settings(
    database: Database, tmp_path: Path
) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>')
    settings = Settings(
        database_url=database.url,
        secret_key=TEST_SECRET,
        organisation_name="Northshire Council",
        organisation_logo=str(logo),
    )
    with TestClient(create_app(settings, database), base_url="http://127.0.0.1") as client:
        page = client.get("/sign-in").text
    assert "Northshire Council" in page.split("</header>")[0]
    assert 'src="data:image/svg+xml;base64,' in page
    assert "Joined Up is run by Northshire Council." in page
    assert "© Northshire Council" in page


def test_without_an_organisation_the_footer_names_the_contributors(client: TestClient) -> None:
    page = client.get("/sign-in").text
    assert "is run by" not in page
    assert "© Joined Up contributors" in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.gif", b"GIF89a", "SVG, PNG or JPEG"),
        ("missing.png", None, "there is no file"),
        ("huge.png", b"x" * (300 * 1024), "200 KB or less"),
    ],
)
def test_an_unusable_logo_is_refused_when_settings_are_read(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    logo = tmp_path / name
    if content is not None:
        logo.write_bytes(content)
    with pytest.raises(ValidationError, match=message):
        Settings(secret_key=TEST_SECRET, organisation_logo=str(logo))
