"""The service navigation: what each signed-in person sees in the header."""

from __future__ import annotations

from dataclasses import dataclass

from joinedup.access.rules import Permission, Principal


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str
    permission: Permission | None = None  # national permission needed; None: everyone signed in


NAV_ITEMS: list[NavItem] = [
    NavItem("Systems", "/"),
    NavItem("My actions", "/my-actions"),
    NavItem("Reviews", "/reviews"),
    NavItem("Dashboard", "/dashboard", Permission.VIEW_NATIONAL),
    NavItem("Rankings", "/rankings", Permission.VIEW_NATIONAL),
    NavItem("Published reports", "/published"),
    NavItem("Systems admin", "/admin/systems", Permission.MANAGE_SYSTEMS),
    NavItem("Users", "/admin/users", Permission.MANAGE_USERS),
    NavItem("Your account", "/account"),
]


def navigation_for(principal: Principal | None, current_path: str) -> list[dict[str, object]]:
    if principal is None:
        return []
    items = []
    for item in NAV_ITEMS:
        if item.permission is None or principal.can(item.permission):
            active = current_path == item.href or (
                item.href != "/" and current_path.startswith(item.href)
            )
            items.append({"text": item.label, "href": item.href, "active": active})
    return items
