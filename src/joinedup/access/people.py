"""People managed on the web: administrators manage everyone; a system lead manages the
contributors and viewers of their own systems. Every change is audited, and a change of role,
a reset password or a deactivation ends the person's sessions and API tokens at once."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access import audit, service
from joinedup.access.models import Membership, User
from joinedup.access.passwords import generate_password, hash_password
from joinedup.access.rules import Permission, Principal, Role, normalise_email
from joinedup.access.schemas import InviteIn, RoleChange
from joinedup.errors import InvalidInput, NotFound, PermissionDenied

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"

# What a system lead may give and take away, in their own systems only.
LEAD_MANAGES = frozenset({Role.CONTRIBUTOR, Role.VIEWER})


def led_systems(actor: Principal) -> frozenset[str]:
    return frozenset(
        g.area_code for g in actor.grants if g.role is Role.SYSTEM_LEAD and g.area_code is not None
    )


def may_manage_people(actor: Principal) -> bool:
    return actor.can(Permission.MANAGE_USERS) or bool(led_systems(actor))


def _manages(actor: Principal, user: User) -> bool:
    """An administrator manages anyone; a lead, someone who only holds contributor or viewer
    roles in systems the lead leads (and holds at least one)."""
    if actor.can(Permission.MANAGE_USERS):
        return True
    led = led_systems(actor)
    return bool(user.memberships) and all(
        Role(m.role) in LEAD_MANAGES and m.area_code in led for m in user.memberships
    )


def _may_grant(actor: Principal, role: Role, area_code: str | None) -> None:
    if actor.can(Permission.MANAGE_USERS):
        return
    if role not in LEAD_MANAGES or area_code not in led_systems(actor):
        raise PermissionDenied("A system lead adds only contributors and viewers of their system.")


def people(session: Session, *, actor: Principal) -> list[User]:
    """The people the actor manages, by name."""
    if not may_manage_people(actor):
        raise PermissionDenied("Only administrators and system leads manage people.")
    found = session.scalars(select(User).order_by(User.name, User.email))
    return [u for u in found if _manages(actor, u)]


def person(session: Session, *, actor: Principal, user_id: int) -> User:
    """One person the actor manages; anyone else is not found (their existence not revealed)."""
    if not may_manage_people(actor):
        raise PermissionDenied("Only administrators and system leads manage people.")
    user = session.get(User, user_id)
    if user is None or not _manages(actor, user):
        raise NotFound(f"no person {user_id}")
    return user


@dataclass(frozen=True)
class Invited:
    user: User
    password: str  # shown once to the person inviting, to pass on; only its hash is kept


def invite(session: Session, *, actor: Principal, data: InviteIn) -> Invited:
    """A new account with one role and a generated first password."""

    problems: dict[str, str] = {}
    try:
        normalise_email(data.email)
    except ValueError:
        problems["email"] = EMAIL_FORMAT
    try:
        grant = service.grant_of(data.role, data.area_code)
    except InvalidInput as error:
        problems.update(error.problems)
    if problems:
        raise InvalidInput(problems)
    _may_grant(actor, grant.role, grant.area_code)
    password = generate_password()
    user = service.create_user(
        session,
        actor=actor,
        email=data.email,
        name=data.name,
        grant=grant,
        password=password,
    )
    return Invited(user, password)


def change_role(session: Session, *, actor: Principal, user_id: int, data: RoleChange) -> User:

    user = person(session, actor=actor, user_id=user_id)
    grant = service.grant_of(data.role, data.area_code)
    _may_grant(actor, grant.role, grant.area_code)
    if user.id == actor.user_id:
        raise InvalidInput.of("role", "You cannot change your own role")
    service.check_system(session, grant.area_code)
    before = [{"role": m.role, "system": m.area_code} for m in user.memberships]
    user.memberships.clear()
    session.flush()
    user.memberships.append(Membership(role=grant.role.value, area_code=grant.area_code))
    service.revoke_credentials(session, user_id=user.id)
    audit.record(
        session,
        actor=actor,
        action="user.set_role",
        entity_type="user",
        entity_id=user.id,
        area_code=grant.area_code,
        before={"memberships": before},
        after={"memberships": [{"role": grant.role.value, "system": grant.area_code}]},
    )
    return user


def set_active(session: Session, *, actor: Principal, user_id: int, active: bool) -> User:
    """Deactivate a person (their sessions and tokens end at once) or let them back in."""
    user = person(session, actor=actor, user_id=user_id)
    if not active and user.id == actor.user_id:
        raise InvalidInput.of("email", "You cannot deactivate your own account")
    before = user.is_active
    user.is_active = active
    if not active:
        service.revoke_credentials(session, user_id=user.id)
    audit.record(
        session,
        actor=actor,
        action="user.reactivate" if active else "user.deactivate",
        entity_type="user",
        entity_id=user.id,
        area_code=next((m.area_code for m in user.memberships), None),
        before={"active": before},
        after={"active": active},
    )
    return user


def reset_password(session: Session, *, actor: Principal, user_id: int) -> str:
    """A new generated password (shown once to the actor); the old one, every session and every
    token of the person stop working."""

    user = person(session, actor=actor, user_id=user_id)
    password = generate_password()
    user.password_hash = hash_password(password)
    service.revoke_credentials(session, user_id=user.id)
    audit.record(
        session,
        actor=actor,
        action="user.reset_password",
        entity_type="user",
        entity_id=user.id,
        area_code=next((m.area_code for m in user.memberships), None),
    )
    return password
