"""Every request is logged once with its id, route, user, status and duration; an unexpected
error is logged with its trace and the person sees neither the trace nor the exception."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient

from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.web.app import create_app
from joinedup.web.request_log import JsonFormatter
from tests.conftest import demo_email, sign_in


def _records(caplog: pytest.LogCaptureFixture) -> list[dict[str, object]]:
    return [
        json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name.endswith("requests")
    ]


def test_a_page_request_is_logged_with_its_route_user_and_status(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    sign_in(client, demo_email("admin"))
    with caplog.at_level(logging.INFO, logger="joinedup.requests"):
        response = client.get("/systems/E10000025", headers={"x-request-id": "trace-me-123"})
    assert response.headers["x-request-id"] == "trace-me-123"
    (line,) = [r for r in _records(caplog) if r["message"] == "request"]
    assert line["request_id"] == "trace-me-123"
    assert line["route"] == "/systems/{area_code}"  # the template, not the address typed
    assert line["status"] == response.status_code
    assert isinstance(line["user_id"], int)
    assert isinstance(line["duration_ms"], float)


def test_an_unsafe_request_id_is_replaced(client: TestClient) -> None:
    response = client.get("/sign-in", headers={"x-request-id": "<script>"})
    assert response.headers["x-request-id"] != "<script>"
    assert len(response.headers["x-request-id"]) == 32


def test_an_unexpected_error_is_logged_with_its_trace_and_never_shown(
    settings: Settings, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(settings, database)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals 42")

    with (
        caplog.at_level(logging.INFO, logger="joinedup.requests"),
        TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client,
    ):
        response = client.get("/boom")
    assert response.status_code == 500
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text
    records = _records(caplog)
    error = next(r for r in records if r["message"] == "unexpected error")
    assert "RuntimeError: secret internals 42" in str(error["trace"])
    assert next(r for r in records if r["message"] == "request")["status"] == 500
