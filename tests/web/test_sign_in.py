"""Signing in and out, CSRF, throttling and session handling, as a browser sees them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from joinedup.web.security import SESSION_COOKIE
from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in


def test_signed_out_visitor_is_sent_to_sign_in(client: TestClient) -> None:
    response = client.get(f"/systems/{OXFORDSHIRE}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/sign-in?next=/systems/{OXFORDSHIRE}"


def test_sign_in_shows_the_systems_of_the_role(client: TestClient) -> None:
    sign_in(client, demo_email("viewer"))
    page = client.get("/")
    assert page.status_code == 200
    assert "Oxfordshire" in page.text
    assert "Coventry" not in page.text


def test_national_role_sees_every_system(client: TestClient) -> None:
    sign_in(client, demo_email("analyst"))
    page = client.get("/")
    for name in ("Oxfordshire", "Coventry", "Hartlepool", "York"):
        assert name in page.text


def test_wrong_password_is_refused_with_an_error_summary(client: TestClient) -> None:
    page = client.get("/sign-in")
    response = client.post(
        "/sign-in",
        data={
            "email": demo_email("admin"),
            "password": "not-the-password",
            "csrf_token": csrf_from(page.text),
        },
    )
    assert response.status_code == 401
    assert "There is a problem" in response.text
    assert "Enter a correct email address and password" in response.text
    assert SESSION_COOKIE not in response.cookies


def test_forged_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/sign-in")
    response = client.post(
        "/sign-in",
        data={"email": demo_email("admin"), "password": "joined-up-demo", "csrf_token": "forged"},
    )
    assert response.status_code == 403
    assert "did not come from Joined Up" in response.text
    assert SESSION_COOKIE not in response.cookies


def test_missing_csrf_token_is_refused(client: TestClient) -> None:
    response = client.post(
        "/sign-in", data={"email": demo_email("admin"), "password": "joined-up-demo"}
    )
    assert response.status_code == 403


def test_repeated_failures_throttle_even_the_right_password(client: TestClient) -> None:
    email = demo_email("reviewer")
    for _ in range(5):
        page = client.get("/sign-in")
        client.post(
            "/sign-in",
            data={
                "email": email,
                "password": "wrong-password!",
                "csrf_token": csrf_from(page.text),
            },
        )
    page = client.get("/sign-in")
    response = client.post(
        "/sign-in",
        data={"email": email, "password": "joined-up-demo", "csrf_token": csrf_from(page.text)},
    )
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.text
    assert 0 < int(response.headers["retry-after"]) <= 15 * 60


def test_each_sign_in_gets_a_new_session_token(client: TestClient) -> None:
    """Session fixation: a token planted before sign-in is never the one used after."""
    client.cookies.set(SESSION_COOKIE, "planted-by-an-attacker", domain="127.0.0.1", path="/")
    sign_in(client, demo_email("viewer"))
    assert client.cookies.get(SESSION_COOKIE) != "planted-by-an-attacker"
    assert client.get("/").status_code == 200


def test_sign_out_ends_the_session_server_side(client: TestClient) -> None:
    sign_in(client, demo_email("viewer"))
    token = client.cookies.get(SESSION_COOKIE)
    page = client.get("/")
    client.post("/sign-out", data={"csrf_token": csrf_from(page.text)})
    client.cookies.set(SESSION_COOKIE, token or "", domain="127.0.0.1", path="/")
    response = client.get("/", follow_redirects=False)
    assert response.headers["location"] == "/sign-in"


def test_next_parameter_cannot_redirect_off_site(client: TestClient) -> None:
    page = client.get("/sign-in?next=//evil.example/")
    response = client.post(
        "/sign-in",
        data={
            "email": demo_email("viewer"),
            "password": "joined-up-demo",
            "csrf_token": csrf_from(page.text),
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_security_headers_on_every_page(client: TestClient) -> None:
    response = client.get("/sign-in")
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "strict-transport-security" not in response.headers
