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
    # Last: it ends the session the other cases share.
    Case("POST", "/sign-out", "/sign-out", EVERYONE, form={}),
]

# Routes anyone may reach that carry no data of any system.
OPEN_ROUTES = {
    ("GET", "/healthz"),
    ("GET", "/api/docs"),
    ("GET", "/api/openapi.json"),
}
