"""A personal API token, end to end through the pages: made on /account, used on the API,
revoked on /account, refused (401) from then on; another person cannot revoke it."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in


def test_a_token_made_on_the_account_page_works_until_revoked_there(client: TestClient) -> None:
    email = demo_email("system_lead", OXFORDSHIRE)
    sign_in(client, email)
    page = client.get("/account")
    made = client.post(
        "/account/tokens", data={"label": "board pack script", "csrf_token": csrf_from(page.text)}
    )
    assert made.status_code == 200
    token = re.search(r'<code id="new-token">([^<]+)</code>', made.text)
    assert token, "the new token is shown once"
    bearer = {"Authorization": f"Bearer {token.group(1)}"}
    prefix = token.group(1)[:10]
    assert prefix in made.text

    cookies = dict(client.cookies.items())
    client.cookies.clear()  # the API sees the token alone
    me = client.get("/api/v1/me", headers=bearer)
    assert me.status_code == 200
    assert me.json()["email"] == email

    # Somebody else cannot revoke it: the token is not theirs, so it does not exist for them.
    other = TestClient(client.app, base_url="http://127.0.0.1")
    sign_in(other, demo_email("system_lead", "E08000026"))
    refused = other.post(
        f"/account/tokens/{prefix}/revoke",
        data={"csrf_token": csrf_from(other.get("/account").text)},
        follow_redirects=False,
    )
    assert refused.status_code == 404
    assert client.get("/api/v1/me", headers=bearer).status_code == 200

    for name, value in cookies.items():
        client.cookies.set(name, value, domain="127.0.0.1", path="/")
    account = client.get("/account")
    assert f"/account/tokens/{prefix}/revoke" in account.text
    revoked = client.post(
        f"/account/tokens/{prefix}/revoke",
        data={"csrf_token": csrf_from(account.text)},
        follow_redirects=False,
    )
    assert revoked.status_code == 303
    assert "Revoked" in client.get("/account").text

    client.cookies.clear()
    after = client.get("/api/v1/me", headers=bearer)
    assert after.status_code == 401
    assert after.headers["www-authenticate"] == "Bearer"
