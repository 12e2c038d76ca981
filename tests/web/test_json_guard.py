"""JSON that is not data (NaN, Infinity, numbers beyond a float, lone surrogates) is refused with
400 naming where it is, before any route sees it; nothing is changed."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from joinedup.access import service as access
from joinedup.access.rules import OPERATOR
from joinedup.store.database import Database
from joinedup.web.json_guard import problems_in
from tests.conftest import demo_email, sign_in


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (b'{"value": NaN}', "value"),
        (b'{"value": Infinity}', "value"),
        (b'{"items": [1, {"value": -Infinity}]}', "items.1.value"),
        (b'{"value": 1e999999}', "value"),
        (b'{"note": "\\ud800"}', "note"),
        (b'{"\\udfff": 1}', "body"),
    ],
)
def test_values_that_are_not_data_are_named(body: bytes, where: str) -> None:
    assert where in problems_in(body)


def test_ordinary_json_passes() -> None:
    assert problems_in(b'{"value": 1e308, "note": "caf\\u00e9 \\ud83d\\ude00", "x": [0.5]}') == {}


def test_the_api_refuses_them_with_400_naming_the_field(client: TestClient) -> None:
    sign_in(client, demo_email("admin"))
    for body, field in ((b'{"version": NaN}', "version"), (b'{"note": "\\ud800"}', "note")):
        response = client.post(
            "/api/v1/reports/1/approve",
            content=body,
            headers={"content-type": "application/json"},
        )
        assert response.status_code == 400, response.text
        assert field in response.json()["problems"]


def test_a_body_that_does_not_fit_the_model_names_each_field(
    client: TestClient, database: Database
) -> None:
    with database.session() as session:
        token = access.issue_token(session, actor=OPERATOR, email=demo_email("admin"))
    response = client.post(
        "/api/v1/reports/1/approve",
        json={"version": "not a number"},
        headers={"authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422
    assert "version" in response.json()["problems"]
