"""A person changes their own password on the account page: the current one checked and
throttled as sign-in is, the new one typed twice; audited; their other sessions and API tokens
end while the browser that made the change stays signed in."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from joinedup.access.models import AuditEvent
from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.web.app import create_app
from tests.conftest import OXFORDSHIRE, PASSWORD, csrf_from, demo_email, sign_in

NEW = "maple kettle harbour window"


def change(client: TestClient, **fields: str):  # type: ignore[no-untyped-def]
    page = client.get("/account")
    return client.post(
        "/account/password",
        data={"csrf_token": csrf_from(page.text), **fields},
        follow_redirects=False,
    )


def test_a_person_changes_their_own_password(
    client: TestClient, settings: Settings, database: Database
) -> None:
    email = demo_email("contributor", OXFORDSHIRE)
    sign_in(client, email)
    page = client.get("/account").text
    assert "Change your password" in page
    assert 'autocomplete="current-password"' in page
    # Another browser, and an API token, of the same person.
    with TestClient(create_app(settings, database), base_url="http://127.0.0.1") as other:
        sign_in(other, email)
        assert other.get("/account", follow_redirects=False).status_code == 200
        made = client.post(
            "/account/tokens", data={"csrf_token": csrf_from(page), "label": "script"}
        )
        token = made.text.split('id="new-token">', 1)[1].split("<", 1)[0]
        api = {"authorization": f"Bearer {token}"}
        assert client.get("/api/v1/me", headers=api).status_code == 200

        # Problems are named by field; nothing typed is echoed back.
        refused = change(
            client, current_password=PASSWORD, new_password=NEW, confirm_password="other"
        )
        assert refused.status_code == 400
        assert 'href="#confirm_password"' in refused.text
        assert "The passwords do not match" in refused.text
        assert NEW not in refused.text
        short = change(
            client, current_password=PASSWORD, new_password="short", confirm_password="short"
        )
        assert "The new password must be at least 12 characters" in short.text
        wrong = change(
            client, current_password="not my password", new_password=NEW, confirm_password=NEW
        )
        assert wrong.status_code == 400
        assert "Your current password is not right" in wrong.text

        done = change(client, current_password=PASSWORD, new_password=NEW, confirm_password=NEW)
        assert done.status_code == 303
        assert done.headers["location"] == "/account"
        shown = client.get("/account")
        assert shown.status_code == 200  # this browser stays signed in
        assert "Your password has been changed" in shown.text
        # The other browser and the token are ended.
        assert other.get("/account", follow_redirects=False).status_code == 303
        assert client.get("/api/v1/me", headers=api).status_code == 401
    with database.session() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert "user.change_password" in actions
    # The new password signs in; the old one no longer does.
    client.post("/sign-out", data={"csrf_token": csrf_from(client.get("/account").text)})
    sign_in(client, email, NEW)
    assert client.get("/account", follow_redirects=False).status_code == 200


def test_guessing_the_current_password_is_throttled(client: TestClient) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    for _ in range(5):
        change(client, current_password="a wrong guess", new_password=NEW, confirm_password=NEW)
    throttled = change(client, current_password=PASSWORD, new_password=NEW, confirm_password=NEW)
    assert throttled.status_code == 429
    assert "Too many failed" in throttled.text
    assert 0 < int(throttled.headers["retry-after"]) <= 15 * 60
