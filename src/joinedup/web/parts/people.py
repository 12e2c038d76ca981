"""How the signed-in person is described on their pages: roles, with systems by name."""

from __future__ import annotations

from sqlalchemy.orm import Session

from joinedup.access.rules import Principal, Role
from joinedup.areas import service as areas

ROLE_NAMES = {
    Role.ADMIN: "administrator",
    Role.ANALYST: "analyst",
    Role.REVIEWER: "reviewer",
    Role.SYSTEM_LEAD: "system lead",
    Role.CONTRIBUTOR: "contributor",
    Role.VIEWER: "viewer",
}


def role_name(role: str | Role) -> str:
    return ROLE_NAMES.get(Role(role), str(role)) if role in set(Role) else str(role)


def role_summary(principal: Principal, session: Session | None = None) -> str:
    """'system lead in Oxfordshire': systems by name when a session is given."""
    names = {s.area_code: s.name for s in areas.all_systems(session)} if session else {}
    parts = [
        role_name(grant.role)
        + (f" in {names.get(grant.area_code, grant.area_code)}" if grant.area_code else "")
        for grant in principal.grants
    ]
    return ", ".join(parts) or "no role"
