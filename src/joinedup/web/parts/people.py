"""How the signed-in person is described on their pages."""

from __future__ import annotations

from joinedup.access.rules import Principal


def role_summary(principal: Principal) -> str:
    parts = [
        grant.role.value.replace("_", " ") + (f" in {grant.area_code}" if grant.area_code else "")
        for grant in principal.grants
    ]
    return ", ".join(parts) or "no role"
