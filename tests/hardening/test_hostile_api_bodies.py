"""Every API write in the OpenAPI document, one hostile value at a time in each of its body's
fields: control characters, NUL, a lone surrogate, 10 MB of text, NaN, Infinity, a number too
large for a float, and dates at the ends of the calendar. Each is refused (400 or 422) with a
message naming the field, nothing is stored, and pages and exports still render afterwards.

Generated from the document, so a new operation or field is covered without being listed; one
database per backend and one request per (field, value) keep it well under a minute.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from joinedup.access import service as access
from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.store.presence import TRANSIENT_TABLES
from joinedup.store.registry import metadata
from joinedup.web.app import create_app
from tests.conftest import OXFORDSHIRE, TEST_SECRET, demo_email

TEXT = {
    "control characters": "Slipped\x0b because\x1b[31m of\x07 winter",
    "NUL": "before\x00after",
    "10 MB": "x" * 10_000_000,
}
# Written into the JSON text itself: json.dumps would refuse or escape them.
RAW_TEXT = {"lone surrogate": '"before\\ud800after"'}
RAW_NUMBERS = {"NaN": "NaN", "Infinity": "Infinity", "overflow": "1e999999"}
DATES = {"year 9999": "9999-12-31", "year 1": "0001-01-01"}
PATH_VALUES = {"area_code": OXFORDSHIRE}


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    for key in ("anyOf", "allOf"):
        if key in schema:
            options = [o for o in schema[key] if o.get("type") != "null"]
            return _resolve(options[0], document) if options else {}
    return schema


def _valid(schema: dict[str, Any], document: dict[str, Any]) -> Any:
    schema = _resolve(schema, document)
    if "enum" in schema:
        return schema["enum"][0]
    if schema.get("examples"):
        return schema["examples"][0]
    if schema.get("default") not in (None, ""):
        return schema["default"]
    kind = schema.get("type")
    if kind == "object":  # optional fields at their defaults, required ones made up
        required = set(schema.get("required", []))
        return {
            name: _valid(prop, document) if name in required else prop.get("default")
            for name, prop in schema.get("properties", {}).items()
            if name in required or "default" in prop
        }
    if kind == "array":
        return []
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return "2019-03-01"
    if "pattern" in schema:
        return OXFORDSHIRE
    return "Fine text"


def _cases() -> list[tuple[str, str, str, str, str]]:
    """(method, path, field, value name, JSON body) of every hostile request."""
    app = create_app(
        Settings(database_url="sqlite://", secret_key=TEST_SECRET), Database("sqlite://")
    )
    document = app.openapi()
    cases = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if not path.startswith("/api/v1/") or "application/json" not in content:
                continue
            schema = _resolve(content["application/json"]["schema"], document)
            body = _valid(schema, document)
            concrete = path
            for name in [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"]:
                concrete = concrete.replace(f"{{{name}}}", PATH_VALUES.get(name, "1"))
            for field, prop in schema.get("properties", {}).items():
                prop = _resolve(prop, document)
                kind = prop.get("type")
                marker = "__HOSTILE__"
                shape = json.dumps({**body, field: marker})
                values: dict[str, str] = {}
                if kind == "string" and "enum" not in prop and "pattern" not in prop:
                    if prop.get("format") == "date":
                        values = {k: json.dumps(v) for k, v in DATES.items()}
                    else:
                        values = {k: json.dumps(v) for k, v in TEXT.items()} | RAW_TEXT
                elif kind in ("integer", "number"):
                    values = RAW_NUMBERS
                for name, raw in values.items():
                    cases.append(
                        (method.upper(), concrete, field, name, shape.replace(f'"{marker}"', raw))
                    )
    return cases


CASES = _cases()


def _rows(database: Database) -> dict[str, int]:
    with database.session() as session:
        return {
            t.name: session.scalar(select(func.count()).select_from(t)) or 0
            for t in metadata.sorted_tables
            if t.name not in TRANSIENT_TABLES
        }


@pytest.fixture
def admin_client(database: Database) -> Iterator[TestClient]:
    email = demo_email("admin")
    with database.session() as session:
        token = access.issue_token(
            session, actor=access.principal_for(access.get_user(session, email)), email=email
        )
    app = create_app(Settings(database_url=database.url, secret_key=TEST_SECRET), database)
    client = TestClient(app, base_url="http://127.0.0.1")
    client.headers["Authorization"] = f"Bearer {token}"
    yield client
    client.close()


def test_the_suite_covers_the_api() -> None:
    operations = {(m, p) for m, p, *_ in CASES}
    assert len(operations) >= 25, operations
    assert {name for *_, name, _ in CASES} >= {*TEXT, *RAW_TEXT, *RAW_NUMBERS}


def test_every_hostile_value_is_refused_naming_its_field_and_nothing_is_stored(
    admin_client: TestClient, database: Database
) -> None:
    before = _rows(database)
    wrong = []
    for method, path, field, name, body in CASES:
        answer = admin_client.request(
            method, path, content=body, headers={"Content-Type": "application/json"}
        )
        said = answer.json().get("problems", {}) if answer.status_code == 422 else answer.text
        if answer.status_code not in (400, 422) or field not in str(said):
            wrong.append(f"{method} {path} {field}={name}: {answer.status_code} {said!s:.300}")
    assert not wrong, f"{len(wrong)} of {len(CASES)} not refused by field:\n" + "\n".join(wrong)
    assert _rows(database) == before
    # Pages and exports still render for everyone.
    for page in ("/plans/1", "/plans/1/export.xlsx", "/api/v1/plans/1", f"/systems/{OXFORDSHIRE}"):
        assert admin_client.get(page).status_code == 200, page
