"""The authorisation matrix: every route, who may use it, and how others are refused.

Every route of the app must have a case here (a test checks it), so a new route cannot ship
without saying who may use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.conftest import COVENTRY, OXFORDSHIRE

NATIONAL = frozenset({"admin", "analyst", "reviewer"})
OXFORDSHIRE_PEOPLE = frozenset({"system_lead", "contributor", "viewer"})
SIGNED_IN = NATIONAL | OXFORDSHIRE_PEOPLE | {"coventry_lead"}
EVERYONE = SIGNED_IN | {"anonymous"}

# persona -> (role, area code) as in the demo people
PERSONAS: dict[str, tuple[str, str | None] | None] = {
    "anonymous": None,
    "admin": ("admin", None),
    "analyst": ("analyst", None),
    "reviewer": ("reviewer", None),
    "system_lead": ("system_lead", OXFORDSHIRE),
    "contributor": ("contributor", OXFORDSHIRE),
    "viewer": ("viewer", OXFORDSHIRE),
    "coventry_lead": ("system_lead", COVENTRY),
}


@dataclass(frozen=True)
class Case:
    method: str
    route: str  # the route's path template, as FastAPI declares it
    url: str  # a concrete URL for it
    allowed: frozenset[str]
    form: dict[str, str] | None = None
    json: Any = None
    # Personas refused with 404 (the thing is another system's: its existence is not revealed)
    hidden_from: frozenset[str] = field(default_factory=frozenset)


CASES: list[Case] = [
    Case("GET", "/sign-in", "/sign-in", EVERYONE),
    Case(
        "POST",
        "/sign-in",
        "/sign-in",
        EVERYONE,
        form={"email": "lead@oxfordshire.demo.joinedup.test", "password": "joined-up-demo"},
    ),
    Case("GET", "/", "/", SIGNED_IN),
    Case(
        "GET",
        "/systems/{area_code}",
        f"/systems/{OXFORDSHIRE}",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case("GET", "/admin/systems", "/admin/systems", frozenset({"admin"})),
    Case(
        "POST",
        "/admin/systems",
        "/admin/systems",
        frozenset({"admin"}),
        form={"area_code": "E06000002", "name": "", "partners": ""},
    ),
    Case("GET", "/admin/users", "/admin/users", frozenset({"admin"})),
    Case("GET", "/account", "/account", SIGNED_IN),
    Case("POST", "/account/tokens", "/account/tokens", SIGNED_IN, form={"label": "matrix"}),
    Case(
        "POST",
        "/account/tokens/{prefix}/revoke",
        "/account/tokens/ju_notmine/revoke",
        frozenset(),
        hidden_from=SIGNED_IN,
        form={},
    ),
    Case("GET", "/api/v1/me", "/api/v1/me", SIGNED_IN),
    Case("GET", "/api/v1/areas", "/api/v1/areas", SIGNED_IN),
    Case("GET", "/api/v1/areas/{code}", f"/api/v1/areas/{OXFORDSHIRE}", SIGNED_IN),
    Case("GET", "/api/v1/systems", "/api/v1/systems", SIGNED_IN),
    Case(
        "GET",
        "/api/v1/systems/{area_code}",
        f"/api/v1/systems/{OXFORDSHIRE}",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/api/v1/systems",
        "/api/v1/systems",
        frozenset({"admin"}),
        json={"area_code": "E06000003"},
    ),
    # --- Plans (improvement plans): the demo plan of Oxfordshire is plan 1; the contributor is
    # assigned to workstreams H and K; action 20 is H.2 (version 4), action 21 is H.3 (version 3).
    *[
        Case(
            "GET",
            route,
            url,
            NATIONAL | OXFORDSHIRE_PEOPLE,
            hidden_from=frozenset({"coventry_lead"}),
        )
        for route, url in (
            ("/systems/{area_code}/plan", f"/systems/{OXFORDSHIRE}/plan"),
            ("/plans/{plan_id}", "/plans/1"),
            ("/plans/{plan_id}/workstreams/{code}", "/plans/1/workstreams/H"),
            ("/actions/{action_id}", "/actions/20"),
            ("/plans/{plan_id}/overdue", "/plans/1/overdue"),
            ("/plans/{plan_id}/coverage", "/plans/1/coverage"),
            ("/plans/{plan_id}/since", "/plans/1/since"),
            ("/plans/{plan_id}/export.xlsx", "/plans/1/export.xlsx"),
            ("/api/v1/systems/{area_code}/plans", f"/api/v1/systems/{OXFORDSHIRE}/plans"),
            ("/api/v1/plans/{plan_id}", "/api/v1/plans/1"),
            ("/api/v1/plans/{plan_id}/workstreams/{code}", "/api/v1/plans/1/workstreams/H"),
            ("/api/v1/actions/{action_id}", "/api/v1/actions/20"),
            ("/api/v1/plans/{plan_id}/overdue", "/api/v1/plans/1/overdue"),
            ("/api/v1/plans/{plan_id}/slipped", "/api/v1/plans/1/slipped"),
            ("/api/v1/plans/{plan_id}/coverage", "/api/v1/plans/1/coverage"),
            (
                "/api/v1/plans/{plan_id}/since",
                "/api/v1/plans/1/since?start=2000-01-01&end=2100-01-01",
            ),
        )
    ],
    Case("GET", "/my-actions", "/my-actions", SIGNED_IN),
    Case("GET", "/api/v1/my-actions", "/api/v1/my-actions", SIGNED_IN),
    Case(
        "GET",
        "/systems/{area_code}/plans/import",
        f"/systems/{OXFORDSHIRE}/plans/import",
        frozenset({"admin", "system_lead"}),
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/plans/{plan_id}/workstreams/{code}/rag",
        "/plans/1/workstreams/H/rag",
        frozenset({"admin", "system_lead", "contributor"}),
        form={
            "rating": "amber",
            "rationale": "Matrix",
            "mitigation": "Matrix",
            "override_reason": "Matrix",
        },
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/actions/{action_id}",
        "/actions/21",
        frozenset({"admin", "system_lead", "contributor"}),
        form={"version": "3", "status": "on_track", "note": "Matrix progress"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/plans/{plan_id}/status",
        "/plans/1/status",
        frozenset({"admin", "system_lead"}),
        form={"status": "in_delivery", "version": "4", "coverage_exception": ""},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/api/v1/plans/{plan_id}/status",
        "/api/v1/plans/1/status",
        frozenset({"admin", "system_lead"}),
        json={"status": "in_delivery", "version": 5},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/api/v1/plans/{plan_id}/workstreams/{code}/rag",
        "/api/v1/plans/1/workstreams/H/rag",
        frozenset({"admin", "system_lead", "contributor"}),
        json={"rating": "amber", "rationale": "M", "mitigation": "M", "override_reason": "M"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/api/v1/plans/{plan_id}/workstreams/{code}/actions",
        "/api/v1/plans/1/workstreams/H/actions",
        frozenset({"admin", "system_lead", "contributor"}),
        json={"description": "Matrix action", "owner": "Tom Hughes", "due": "2030-01-31"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "PATCH",
        "/api/v1/actions/{action_id}",
        "/api/v1/actions/20",
        frozenset({"admin", "system_lead", "contributor"}),
        json={"version": 4, "note": "Matrix progress"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    # Importing into an area that is not a system: refused to everyone (the upload itself is
    # tested in tests/plans/test_web.py).
    Case(
        "POST",
        "/systems/{area_code}/plans/import",
        "/systems/E99999999/plans/import",
        frozenset(),
        form={"title": "Matrix"},
        hidden_from=SIGNED_IN,
    ),
    # --- end of plans
    # Last: it ends the session the other cases share.
    Case("POST", "/sign-out", "/sign-out", EVERYONE, form={}),
]

# Routes anyone may reach that carry no data of any system.
OPEN_ROUTES = {
    ("GET", "/healthz"),
    ("GET", "/api/docs"),
    ("GET", "/api/openapi.json"),
}
