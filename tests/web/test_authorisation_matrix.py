"""Every route as every role and as another system's user: allowed ones succeed, the rest are
refused without leaking data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Mount

from joinedup.access import service as access
from joinedup.store.database import Database
from joinedup.web.security import CSRF_COOKIE, csrf_token_for
from tests.conftest import TEST_SECRET, demo_email, sign_in
from tests.web.authorisation import CASES, OPEN_ROUTES, PERSONAS, Case


def app_routes(routes: Iterable[object], prefix: str = "") -> Iterator[tuple[str, str]]:
    """(method, path) of every route, also inside included routers (FastAPI keeps an included
    router as one entry of ``app.routes`` holding the original router and its prefix)."""
    for route in routes:
        if isinstance(route, Mount):
            continue
        original = getattr(route, "original_router", None)
        if original is not None:
            context = getattr(route, "include_context", None)
            yield from app_routes(original.routes, prefix + getattr(context, "prefix", ""))
            continue
        methods = route.methods if isinstance(route, APIRoute) else getattr(route, "methods", set())
        for method in methods or ():
            if method != "HEAD":
                yield method, prefix + str(getattr(route, "path", ""))


def test_every_route_has_a_case(client: TestClient) -> None:
    declared = {(c.method, c.route) for c in CASES} | OPEN_ROUTES
    found = set(app_routes(client.app.routes))  # type: ignore[attr-defined]
    assert ("GET", "/api/v1/me") in found  # the walk reaches included routers
    assert len(found) > 100
    missing = sorted(f"{method} {path}" for method, path in found - declared)
    assert not missing, f"routes without an authorisation case: {missing}"
    stale = sorted(f"{m} {p}" for m, p in declared - found)
    assert not stale, f"cases for routes that do not exist: {stale}"


def _credentials(
    persona: str, client: TestClient, database: Database
) -> tuple[dict[str, str], str]:
    """A signed-in session cookie and a personal API token for the persona."""
    who = PERSONAS[persona]
    if who is None:
        return {}, ""
    email = demo_email(*who)
    with database.session() as session:
        token = access.issue_token(
            session, actor=access.principal_for(access.get_user(session, email)), email=email
        )
    sign_in(client, email)
    return dict(client.cookies.items()), token


def _request(client: TestClient, case: Case, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    if case.method == "GET":
        return client.get(case.url, headers=headers, follow_redirects=False)
    if case.json is not None:
        return client.request(
            case.method, case.url, json=case.json, headers=headers, follow_redirects=False
        )
    client.get("/sign-in")  # make sure the CSRF cookie exists
    form = dict(case.form or {})
    form["csrf_token"] = csrf_token_for(TEST_SECRET.encode(), client.cookies[CSRF_COOKIE])
    return client.request(case.method, case.url, data=form, headers=headers, follow_redirects=False)


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_matrix(persona: str, client: TestClient, database: Database) -> None:
    failures = []
    cookies, token = _credentials(persona, client, database)
    for case in CASES:
        api = case.url.startswith("/api/")
        client.cookies.clear()
        headers = {}
        if api and token:
            headers = {"authorization": f"Bearer {token}"}
        elif not api:
            for name, value in cookies.items():
                client.cookies.set(name, value, domain="127.0.0.1", path="/")
        response = _request(client, case, headers)
        status = response.status_code
        if persona in case.allowed:
            ok = status < 400
        elif persona in case.hidden_from:
            ok = status == 404 and "Oxfordshire" not in response.text
        elif persona == "anonymous":
            ok = (
                status == 401
                if api
                else (status == 303 and response.headers["location"].startswith("/sign-in"))
            )
        else:
            ok = status == 403
        if not ok:
            failures.append(f"{case.method} {case.url}: {status}")
    assert not failures, f"{persona}: {failures}"
