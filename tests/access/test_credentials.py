"""Credentials end when their reason does: tokens expire, a reset or a role change ends every
session and token, deactivation shuts a person out at once; throttling holds under concurrency."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from joinedup.access import service
from joinedup.access.models import ApiToken, AuditEvent, User
from joinedup.access.rules import OPERATOR
from joinedup.errors import InvalidInput, NotFound, PermissionDenied, Throttled
from joinedup.store.database import Database
from joinedup.store.db import utcnow
from tests.conftest import PASSWORD, csrf_from, demo_email, sign_in


def _token(database: Database, email: str, days: int = 90) -> str:
    with database.session() as session:
        return service.issue_token(session, actor=OPERATOR, email=email, days=days)


def _me(client: TestClient, token: str) -> int:
    return client.get("/api/v1/me", headers={"authorization": f"Bearer {token}"}).status_code


def test_a_token_stops_working_when_it_expires(client: TestClient, database: Database) -> None:
    token = _token(database, demo_email("analyst"), days=30)
    assert _me(client, token) == 200
    with database.session() as session:
        row = session.scalar(select(ApiToken).where(ApiToken.prefix == token[:10]))
        assert row is not None
        assert row.expires_at is not None
        assert timedelta(days=29) < row.expires_at - utcnow() <= timedelta(days=30)
        assert row.last_used_at is not None
        row.expires_at = utcnow() - timedelta(seconds=1)
    assert _me(client, token) == 401


def test_the_account_page_shows_when_each_token_expires(client: TestClient) -> None:
    sign_in(client, demo_email("viewer"))
    page = client.get("/account")
    assert "A new token lasts 90 days" in page.text
    made = client.post(
        "/account/tokens", data={"label": "script", "csrf_token": csrf_from(page.text)}
    )
    assert "Expires" in made.text
    assert "Never" in made.text  # not used yet


@pytest.mark.parametrize("change", ["reset_password", "set_role"])
def test_a_reset_or_role_change_ends_tokens_and_sessions(
    change: str, client: TestClient, database: Database
) -> None:
    email = demo_email("analyst")
    token = _token(database, email)
    sign_in(client, email)
    assert client.get("/").status_code == 200
    with database.session() as session:
        if change == "reset_password":
            service.reset_password(
                session, actor=OPERATOR, email=email, password="another long passphrase"
            )
        else:
            service.set_role(session, actor=OPERATOR, email=email, role="reviewer", area_code=None)
    assert _me(client, token) == 401
    assert client.get("/", follow_redirects=False).status_code == 303


def test_deactivation_shuts_a_person_out_at_once_and_reactivation_lets_them_back(
    client: TestClient, database: Database
) -> None:
    email = demo_email("analyst")
    token = _token(database, email)
    sign_in(client, demo_email("admin"))
    with database.session() as session:
        user_id = service.get_user(session, email).id
    admin_page = client.get(f"/people/{user_id}")
    assert "Deactivate" in admin_page.text
    answer = client.post(
        f"/admin/users/{user_id}/deactivate",
        data={"csrf_token": csrf_from(admin_page.text)},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert "Deactivated" in client.get("/admin/users").text
    assert _me(client, token) == 401
    other = TestClient(client.app, base_url="http://127.0.0.1")
    page = other.get("/sign-in")
    refused = other.post(
        "/sign-in",
        data={"email": email, "password": PASSWORD, "csrf_token": csrf_from(page.text)},
    )
    assert refused.status_code == 401
    with database.session() as session:
        service.set_active(session, actor=OPERATOR, email=email, active=True)
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_id == str(user_id))
        ).all()
    assert {"user.deactivate", "user.reactivate"} <= set(actions)
    sign_in(other, email)
    assert _me(client, token) == 401  # a reactivated person needs a new token


def test_an_admin_cannot_deactivate_themself(database: Database) -> None:
    with database.session() as session:
        admin = service.principal_for(service.get_user(session, demo_email("admin")))
        with pytest.raises(InvalidInput) as refused:
            service.set_active(session, actor=admin, email=admin.email, active=False)
    assert "email" in refused.value.problems


def test_the_api_deactivates_for_admins_only(client: TestClient, database: Database) -> None:
    with database.session() as session:
        user_id = service.get_user(session, demo_email("viewer")).id
    viewer = _token(database, demo_email("analyst"))
    admin = _token(database, demo_email("admin"))
    refused = client.post(
        f"/api/v1/users/{user_id}/deactivate", headers={"authorization": f"Bearer {viewer}"}
    )
    assert refused.status_code == 403
    done = client.post(
        f"/api/v1/users/{user_id}/deactivate", headers={"authorization": f"Bearer {admin}"}
    )
    assert done.status_code == 200
    assert done.json()["active"] is False


def test_simultaneous_wrong_passwords_are_throttled_exactly(database: Database) -> None:
    email = demo_email("reviewer")
    attempts, allowed = 20, 5
    barrier = threading.Barrier(attempts)
    outcomes: list[str] = []

    def attempt() -> None:
        barrier.wait()
        with database.session() as session:
            try:
                service.sign_in(
                    session,
                    email=email,
                    password="not the password",
                    session_hours=1,
                    max_failures=allowed,
                    window_minutes=15,
                )
            except PermissionDenied:
                session.commit()  # as the sign-in page does: the failure counts
                outcomes.append("checked")
            except Throttled:
                outcomes.append("throttled")

    threads = [threading.Thread(target=attempt) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) == ["checked"] * allowed + ["throttled"] * (attempts - allowed)


def test_a_success_starts_the_count_again(database: Database) -> None:
    email = demo_email("reviewer")
    for password in ("wrong one", "wrong two", PASSWORD, "wrong three", "wrong four"):
        with database.session() as session:
            try:
                service.sign_in(
                    session,
                    email=email,
                    password=password,
                    session_hours=1,
                    max_failures=3,
                    window_minutes=15,
                )
            except PermissionDenied:
                session.commit()
    with database.session() as session, pytest.raises(PermissionDenied):
        service.sign_in(
            session,
            email=email,
            password="wrong five",
            session_hours=1,
            max_failures=3,
            window_minutes=15,
        )


def test_unknown_or_revoked_tokens_stay_refused(database: Database) -> None:
    with database.session() as session:
        session.execute(update(User).values(is_active=True))
        with pytest.raises(NotFound):
            service.principal_from_token(session, "ju_nothing")
