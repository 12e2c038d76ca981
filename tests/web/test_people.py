"""People on the web: administrators invite, change roles, deactivate and reset passwords;
system leads do it for their own system's contributors and viewers; every change is audited and
ends the person's sessions and tokens; each save is confirmed by a success banner."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from joinedup.access import service as access
from joinedup.access.models import AuditEvent
from joinedup.store.database import Database
from tests.conftest import COVENTRY, OXFORDSHIRE, PASSWORD, csrf_from, demo_email, sign_in

BANNER = re.compile(
    r"govuk-notification-banner--success.*?"
    r'<p class="govuk-notification-banner__heading">\s*(.*?)</p>',
    re.S,
)


def _main(html: str) -> str:
    return html.split('id="main-content"')[1].split("</main>")[0]


def _id(database: Database, email: str) -> int:
    with database.session() as session:
        return access.get_user(session, email).id


def _post(client: TestClient, form_page: str, url: str, data: dict[str, str], **kw: object):  # type: ignore[no-untyped-def]
    page = client.get(form_page)
    return client.post(url, data={**data, "csrf_token": csrf_from(page.text)}, **kw)  # type: ignore[arg-type]


def _signs_in(client: TestClient, email: str, password: str) -> bool:
    other = TestClient(client.app, base_url="http://127.0.0.1")
    page = other.get("/sign-in")
    answer = other.post(
        "/sign-in",
        data={"email": email, "password": password, "csrf_token": csrf_from(page.text)},
        follow_redirects=False,
    )
    return answer.status_code == 303


def _audited(database: Database, action: str, user_id: int) -> list[AuditEvent]:
    with database.session() as session:
        return list(
            session.scalars(
                select(AuditEvent).where(
                    AuditEvent.action == action, AuditEvent.entity_id == str(user_id)
                )
            )
        )


def test_an_admin_invites_a_person_who_signs_in_with_the_password_shown_once(
    client: TestClient, database: Database
) -> None:
    sign_in(client, demo_email("admin"))
    answer = _post(
        client,
        "/people/invite",
        "/people/invite",
        {
            "email": "Nia.Jones@Example.org",
            "name": "Nia Jones",
            "role": "reviewer",
            "area_code": "",
        },
    )
    assert answer.status_code == 200
    assert "Nia Jones has been invited" in answer.text
    password = re.search(r'<code id="new-password">([^<]+)</code>', answer.text)
    assert password
    assert _signs_in(client, "nia.jones@example.org", password.group(1))
    listed = client.get("/people").text
    assert ("Nia Jones" in listed and "Reviewer" in listed) or "reviewer" in listed
    assert _audited(database, "user.add", _id(database, "nia.jones@example.org"))


def test_an_invitation_that_does_not_fit_is_refused_by_field(client: TestClient) -> None:
    sign_in(client, demo_email("admin"))
    answer = _post(
        client,
        "/people/invite",
        "/people/invite",
        {"email": "not an email", "name": "X", "role": "viewer", "area_code": ""},
    )
    assert answer.status_code == 400
    assert "There is a problem" in answer.text
    assert 'href="#email"' in answer.text
    assert 'href="#area_code"' in answer.text  # every problem at once
    assert "Enter an email address in the correct format" in answer.text
    assert "Choose the system this role belongs to" in answer.text
    again = _post(
        client,
        "/people/invite",
        "/people/invite",
        {"email": demo_email("viewer"), "name": "X", "role": "viewer", "area_code": OXFORDSHIRE},
    )
    assert again.status_code == 400
    assert "already has an account" in again.text


def test_a_system_lead_manages_only_their_own_systems_contributors_and_viewers(
    client: TestClient, database: Database
) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    listed = _main(client.get("/people").text)
    assert "Priya Shah" in listed
    assert "Tom Hughes" in listed
    assert "Ada Okafor" not in listed
    assert "Peter Flynn" not in listed
    assert "Lucy Barton" not in listed  # a lead does not manage themselves or other leads
    assert client.get(f"/people/{_id(database, demo_email('admin'))}").status_code == 404
    invite = client.get("/people/invite").text
    assert 'value="admin"' not in invite
    assert 'value="contributor"' in invite
    assert COVENTRY not in invite
    refused = _post(
        client,
        "/people/invite",
        "/people/invite",
        {"email": "boss@example.org", "name": "Boss", "role": "admin", "area_code": ""},
    )
    assert refused.status_code == 403
    elsewhere = _post(
        client,
        "/people/invite",
        "/people/invite",
        {"email": "c@example.org", "name": "C", "role": "viewer", "area_code": COVENTRY},
    )
    assert elsewhere.status_code == 403
    ok = _post(
        client,
        "/people/invite",
        "/people/invite",
        {"email": "c@example.org", "name": "Cara", "role": "contributor", "area_code": OXFORDSHIRE},
    )
    assert ok.status_code == 200
    assert "Cara has been invited" in ok.text


def test_deactivation_is_confirmed_first_and_ends_sessions_and_tokens(
    client: TestClient, database: Database
) -> None:
    email = demo_email("viewer", OXFORDSHIRE)
    user_id = _id(database, email)
    viewer = TestClient(client.app, base_url="http://127.0.0.1")
    sign_in(viewer, email)
    with database.session() as session:
        token = access.issue_token(
            session, actor=access.principal_for(access.get_user(session, email)), email=email
        )
    assert viewer.get("/", follow_redirects=False).status_code == 200

    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    confirm = client.get(f"/people/{user_id}/deactivate")
    assert "Deactivate Priya Shah?" in confirm.text
    assert "will be signed out everywhere" in confirm.text
    done = client.post(
        f"/people/{user_id}/deactivate", data={"csrf_token": csrf_from(confirm.text)}
    )
    assert done.url.path == f"/people/{user_id}"
    assert "Deactivated: cannot sign in" in done.text
    assert BANNER.search(done.text).group(1).startswith("The person has been deactivated")  # type: ignore[union-attr]
    assert "govuk-notification-banner--success" not in client.get(f"/people/{user_id}").text
    assert viewer.get("/", follow_redirects=False).status_code == 303
    api = TestClient(client.app, base_url="http://127.0.0.1")
    assert api.get("/api/v1/me", headers={"authorization": f"Bearer {token}"}).status_code == 401
    assert not _signs_in(client, email, PASSWORD)
    assert _audited(database, "user.deactivate", user_id)

    page = client.get(f"/people/{user_id}")
    client.post(f"/people/{user_id}/reactivate", data={"csrf_token": csrf_from(page.text)})
    assert _signs_in(client, email, PASSWORD)


def test_a_reset_password_replaces_the_old_one(client: TestClient, database: Database) -> None:
    email = demo_email("contributor", OXFORDSHIRE)
    user_id = _id(database, email)
    sign_in(client, demo_email("admin"))
    confirm = client.get(f"/people/{user_id}/reset-password")
    assert "Reset Tom Hughes&#39;s password?" in confirm.text
    answer = client.post(
        f"/people/{user_id}/reset-password", data={"csrf_token": csrf_from(confirm.text)}
    )
    password = re.search(r'<code id="new-password">([^<]+)</code>', answer.text)
    assert password
    assert not _signs_in(client, email, PASSWORD)
    assert _signs_in(client, email, password.group(1))
    assert _audited(database, "user.reset_password", user_id)


def test_a_change_of_role_is_saved_audited_and_confirmed(
    client: TestClient, database: Database
) -> None:
    email = demo_email("viewer", OXFORDSHIRE)
    user_id = _id(database, email)
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    answer = _post(
        client,
        f"/people/{user_id}",
        f"/people/{user_id}/role",
        {"role": "contributor", "area_code": OXFORDSHIRE},
    )
    assert answer.url.path == f"/people/{user_id}"
    assert "contributor in Oxfordshire" in answer.text
    assert "The role has been changed" in answer.text
    assert _audited(database, "user.set_role", user_id)
    # A lead cannot make anyone a lead.
    refused = _post(
        client,
        f"/people/{user_id}",
        f"/people/{user_id}/role",
        {"role": "system_lead", "area_code": OXFORDSHIRE},
    )
    assert refused.status_code == 403


def test_navigation_offers_people_only_to_those_who_manage_them(client: TestClient) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    page = client.get("/").text
    assert 'href="/people"' not in page
    assert 'href="/my-actions"' not in page  # a viewer is given no actions
    assert client.get("/people").status_code == 403
