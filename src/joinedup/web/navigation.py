"""The service navigation: what each signed-in person sees in the header, only what their
roles can use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from joinedup.access.people import may_manage_people
from joinedup.access.rules import Permission, Principal, Role


def _national(permission: Permission) -> Callable[[Principal], bool]:
    return lambda principal: principal.can(permission)


def _holds(*roles: Role) -> Callable[[Principal], bool]:
    return lambda principal: any(g.role in roles for g in principal.grants)


def _everyone(principal: Principal) -> bool:
    return True


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str
    shown: Callable[[Principal], bool] = _everyone


NAV_ITEMS: list[NavItem] = [
    NavItem("Home", "/"),
    # Only people who can be given actions: system leads and contributors.
    NavItem("My actions", "/my-actions", _holds(Role.SYSTEM_LEAD, Role.CONTRIBUTOR)),
    NavItem("Reviews", "/reviews"),
    NavItem("Dashboard", "/dashboard", _national(Permission.VIEW_NATIONAL)),
    NavItem("Rankings", "/rankings", _national(Permission.VIEW_NATIONAL)),
    NavItem("Comparisons", "/worse-than-england", _national(Permission.VIEW_NATIONAL)),
    NavItem("Published reports", "/published"),
    NavItem("Systems admin", "/admin/systems", _national(Permission.MANAGE_SYSTEMS)),
    # Administrators manage everyone; a system lead, the contributors and viewers of their systems.
    NavItem("People", "/people", lambda p: may_manage_people(p)),
    NavItem("Your account", "/account"),
]


def navigation_for(principal: Principal | None, current_path: str) -> list[dict[str, object]]:
    if principal is None:
        # Public pages: the published reports, and a way in.
        items: list[dict[str, object]] = [
            {
                "text": "Published reports",
                "href": "/published",
                "active": current_path.startswith("/published"),
            }
        ]
        if current_path != "/sign-in":
            after = f"?next={quote(current_path)}" if current_path != "/" else ""
            items.append({"text": "Sign in", "href": f"/sign-in{after}", "active": False})
        return items
    items = []
    for item in NAV_ITEMS:
        if item.shown(principal):
            active = current_path == item.href or (
                item.href != "/" and current_path.startswith(item.href)
            )
            items.append({"text": item.label, "href": item.href, "active": active})
    return items
