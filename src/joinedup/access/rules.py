"""Roles and what they allow: pure, exhaustively testable."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    ANALYST = "analyst"
    REVIEWER = "reviewer"
    SYSTEM_LEAD = "system_lead"
    CONTRIBUTOR = "contributor"
    VIEWER = "viewer"


NATIONAL_ROLES = frozenset({Role.ADMIN, Role.ANALYST, Role.REVIEWER})
SYSTEM_ROLES = frozenset({Role.SYSTEM_LEAD, Role.CONTRIBUTOR, Role.VIEWER})


class Permission(StrEnum):
    MANAGE_USERS = "manage_users"
    MANAGE_SYSTEMS = "manage_systems"
    LOAD_DATA = "load_data"
    VIEW_NATIONAL = "view_national"
    RANK = "rank"
    MANAGE_REVIEWS = "manage_reviews"
    READ_SYSTEM = "read_system"
    EDIT_PLAN = "edit_plan"
    UPDATE_ACTIONS = "update_actions"
    EDIT_KPIS = "edit_kpis"
    APPROVE_REPORTS = "approve_reports"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.ANALYST: frozenset(
        {Permission.LOAD_DATA, Permission.VIEW_NATIONAL, Permission.RANK, Permission.READ_SYSTEM}
    ),
    Role.REVIEWER: frozenset(
        {Permission.VIEW_NATIONAL, Permission.MANAGE_REVIEWS, Permission.READ_SYSTEM}
    ),
    Role.SYSTEM_LEAD: frozenset(
        {
            Permission.READ_SYSTEM,
            Permission.EDIT_PLAN,
            Permission.UPDATE_ACTIONS,
            Permission.EDIT_KPIS,
            Permission.APPROVE_REPORTS,
        }
    ),
    # A contributor updates only the workstreams assigned to them; plans checks the assignment.
    Role.CONTRIBUTOR: frozenset({Permission.READ_SYSTEM, Permission.UPDATE_ACTIONS}),
    Role.VIEWER: frozenset({Permission.READ_SYSTEM}),
}


class MembershipError(ValueError):
    pass


@dataclass(frozen=True)
class Grant:
    """One membership: a role, nationally (``area_code`` None) or in one system."""

    role: Role
    area_code: str | None = None

    def __post_init__(self) -> None:
        if self.role in NATIONAL_ROLES and self.area_code is not None:
            raise MembershipError(f"{self.role} is a national role and takes no system")
        if self.role in SYSTEM_ROLES and self.area_code is None:
            raise MembershipError(f"{self.role} belongs to one system: give its area code")


@dataclass(frozen=True)
class Principal:
    """Who is acting, with everything needed to decide what they may do."""

    user_id: int | None
    email: str
    name: str
    grants: tuple[Grant, ...] = field(default_factory=tuple)

    def can(self, permission: Permission, area_code: str | None = None) -> bool:
        """National grants apply everywhere; a system grant only in its own system."""
        return any(
            permission in ROLE_PERMISSIONS[grant.role]
            and (grant.area_code is None or grant.area_code == area_code)
            for grant in self.grants
        )

    @property
    def is_national(self) -> bool:
        return any(grant.area_code is None for grant in self.grants)

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(grant.role for grant in self.grants)

    @property
    def system_codes(self) -> frozenset[str]:
        return frozenset(g.area_code for g in self.grants if g.area_code is not None)

    def can_read_system(self, area_code: str) -> bool:
        return self.can(Permission.READ_SYSTEM, area_code)

    def role_in(self, area_code: str) -> Role | None:
        """The strongest role this person holds for a system (national roles included)."""
        order = list(Role)
        held = [g.role for g in self.grants if g.area_code in (None, area_code)]
        return min(held, key=order.index) if held else None


OPERATOR = Principal(
    user_id=None, email="operator", name="Command line", grants=(Grant(Role.ADMIN),)
)

MIN_PASSWORD_LENGTH = 12
_COMMON_PASSWORDS = frozenset(
    {
        "password1234",
        "passwordpassword",
        "123456789012",
        "qwertyuiopas",
        "letmeinletmein",
        "iloveyou1234",
        "administrator",
        "welcome12345",
    }
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def password_problems(password: str, *, email: str = "") -> list[str]:
    """Why a password is refused (empty when it is acceptable), after NCSC guidance:
    long rather than complex, and not a common or guessable one."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > 256:
        problems.append("must be at most 256 characters")
    lowered = password.lower()
    if lowered in _COMMON_PASSWORDS or len(set(lowered)) < 4:
        problems.append("is too easy to guess")
    if email and email.split("@")[0].lower() in lowered and len(email.split("@")[0]) >= 4:
        problems.append("must not contain your email name")
    return problems


def normalise_email(email: str) -> str:
    """Emails compare case-insensitively; raise ValueError when it is not an email."""
    cleaned = email.strip().lower()
    if not _EMAIL.match(cleaned):
        raise ValueError(f"{email!r} is not an email address")
    return cleaned
