"""A review shows its area's interface indicators against England and its composite rank."""

from __future__ import annotations

from fastapi.testclient import TestClient

from joinedup.access.rules import OPERATOR
from joinedup.reviews import service
from joinedup.store.database import Database
from tests.conftest import COVENTRY, OXFORDSHIRE, demo_email, sign_in


def _full_review_of(database: Database, area_code: str) -> int:
    with database.session() as session:
        reviews = service.list_reviews(session, actor=OPERATOR, area_code=area_code)
        return next(r.id for r in reviews if r.kind == "full")


def test_review_page_shows_the_data_profile_and_rank(
    client: TestClient, database: Database
) -> None:
    review_id = _full_review_of(database, OXFORDSHIRE)
    sign_in(client, demo_email("reviewer"))
    page = client.get(f"/reviews/{review_id}")
    assert page.status_code == 200
    text = page.text
    assert "Data profile" in text
    assert "against England" in text
    # Each indicator is read against England in words, not colour alone; length of stay and
    # delayed days have no confidence interval, so they are not compared.
    readings = ("than England (95% confidence)", "than England (99.8% confidence)", "Similar to")
    assert sum(text.count(r) for r in readings) == 4
    assert text.count("Not compared with England") == 2
    assert "Interface dashboard " in text  # a saved ranking run of the demo
    assert "5–95% rank interval" in text
    assert f'href="/areas/{OXFORDSHIRE}"' in text


def test_the_systems_own_people_see_their_profile_too(
    client: TestClient, database: Database
) -> None:
    review_id = _full_review_of(database, OXFORDSHIRE)
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    text = client.get(f"/reviews/{review_id}").text
    assert "Data profile" in text
    assert "rank interval" in text
    review_id = _full_review_of(database, COVENTRY)
    sign_in(client, demo_email("system_lead", COVENTRY))
    assert "Coventry" in client.get(f"/reviews/{review_id}").text


def test_start_a_review_from_a_ranking_preselects_the_system(client: TestClient) -> None:
    sign_in(client, demo_email("reviewer"))
    chooser = client.get(f"/reviews/new?area_code={OXFORDSHIRE}")
    assert chooser.status_code == 200
    link = f"/reviews/programmes/1?area_code={OXFORDSHIRE}"
    assert link in chooser.text
    form = client.get(link)
    assert f'value="{OXFORDSHIRE}" selected' in form.text
    # An area that is not yet a system says what to do first.
    assert "not yet a system" in client.get("/reviews/new?area_code=E06000002").text
