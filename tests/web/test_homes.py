"""Each role lands on a home page that says what needs doing, with people and places by name;
the navigation offers only what the role can use."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from joinedup.web.parts.homes import review_label
from tests.conftest import OXFORDSHIRE, demo_email, sign_in

ONS_CODE = re.compile(r"\b[EWSN]\d{8}\b")


def _main(html: str) -> str:
    return html.split('id="main-content"')[1].split("</main>")[0]


def _visible(html: str) -> str:
    """The text a person reads (links' addresses left out)."""
    return re.sub(r"<[^>]+>", " ", html)


def _nav(html: str) -> list[str]:
    menu = html.split('id="navigation"')[1].split("</ul>")[0]
    return re.findall(r'href="([^"]+)"', menu)


def test_a_system_lead_sees_what_needs_doing_in_their_system(client: TestClient) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    page = client.get("/").text
    main = _main(page)
    for heading in (
        "Oxfordshire",
        "Workstream ratings",
        "Overdue actions",
        "Slipped actions",
        "Next meeting",
        "Findings not yet covered by an action",
        "Drafts awaiting approval",
        "Measures of concern",
        "Reviews and follow-ups",
        "Your actions",
    ):
        assert heading in main, heading
    assert re.search(r"govuk-tag--red\">Red</strong> \d+", main)
    assert re.search(r'href="/meetings/\d+"', main) or "No meeting is planned" in main
    assert not ONS_CODE.search(_visible(main))
    assert "system lead in Oxfordshire" in main
    assert "/people" in _nav(page)
    assert "/my-actions" in _nav(page)


def test_a_contributor_sees_their_actions_by_due_date(client: TestClient) -> None:
    sign_in(client, demo_email("contributor", OXFORDSHIRE))
    main = _main(client.get("/").text)
    assert "Your actions" in main
    assert "Workstream ratings" not in main
    assert "Your open actions, soonest due first" in main or "You have no open actions" in main
    assert not re.search(r"\b0\d \w+ \d{4}", main)  # 1 December 2026, not 01 December 2026


def test_a_viewer_sees_their_system_and_no_actions(client: TestClient) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    page = client.get("/").text
    main = _main(page)
    assert "Workstream ratings" in main
    assert "Your actions" not in main
    assert "/my-actions" not in _nav(page)
    assert "/people" not in _nav(page)


@pytest.mark.parametrize("role", ["reviewer", "analyst", "admin"])
def test_national_roles_see_the_programme_and_the_latest_ranking(
    client: TestClient, role: str
) -> None:
    sign_in(client, demo_email(role))
    page = client.get("/").text
    main = _main(page)
    for heading in (
        "Review programmes",
        "Overdue milestones",
        "Reviews to start",
        "Latest ranking",
    ):
        assert heading in main, heading
    assert "areas ranked" in main
    assert "Coventry" in main
    assert "Your actions" not in main
    assert "/my-actions" not in _nav(page)
    assert not ONS_CODE.search(_visible(main))
    assert ("/people" in _nav(page)) == (role == "admin")
    # A review is named with its system once ("Hartlepool: full review", not
    # "Hartlepool: Hartlepool: full review").
    assert not re.search(r"\b([A-Z][\w'-]+(?: [\w'-]+)*): \1:", _visible(main))


def test_a_review_is_named_with_its_system_once() -> None:
    assert review_label("Hartlepool", "Hartlepool: full review") == "Hartlepool: full review"
    assert review_label("Hartlepool", "Full review") == "Hartlepool: Full review"
    assert review_label("", "Full review") == "Full review"


def test_the_system_page_links_to_its_reviews_and_names_its_area(client: TestClient) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    main = _main(client.get(f"/systems/{OXFORDSHIRE}").text)
    assert '<h2 class="govuk-heading-m">Reviews</h2>' in main
    assert re.search(r'href="/reviews/\d+"', main)
    assert not ONS_CODE.search(_visible(main))
    assert "Your role here" in main


def test_public_pages_offer_a_way_to_sign_in(client: TestClient) -> None:
    page = client.get("/published").text
    assert _nav(page) == ["/published", "/sign-in?next=/published"]
    assert "Sign in" in page
    assert _nav(client.get("/sign-in").text) == ["/published"]
