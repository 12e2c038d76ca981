"""Use cases of access: users, memberships, sign-in, sessions and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access import audit, throttle
from joinedup.access.models import ApiToken, Membership, SignInAttempt, User, WebSession
from joinedup.access.passwords import hash_password, verify_password
from joinedup.access.rules import (
    SYSTEM_ROLES,
    Grant,
    MembershipError,
    Permission,
    Principal,
    Role,
    normalise_email,
    password_problems,
)
from joinedup.access.schemas import TokenIn, UserIn
from joinedup.areas.models import System
from joinedup.errors import InvalidInput, NotFound, PermissionDenied
from joinedup.store.db import utcnow

TOKEN_PREFIX = "ju_"  # noqa: S105 (a prefix, not a secret)


_Input = TypeVar("_Input", bound=BaseModel)


def _given(model: type[_Input], **fields: object) -> _Input:
    """The given values read through their input model; problems raised by field."""
    try:
        return model.model_validate(fields)
    except ValidationError as error:
        raise InvalidInput.from_validation(error) from None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def principal_for(user: User) -> Principal:
    grants = tuple(Grant(Role(m.role), m.area_code) for m in user.memberships)
    return Principal(user_id=user.id, email=user.email, name=user.name, grants=grants)


def _require(actor: Principal, permission: Permission) -> None:
    if not actor.can(permission):
        raise PermissionDenied(f"{actor.email} may not {permission.value.replace('_', ' ')}")


def grant_of(role: str, area_code: str | None) -> Grant:
    """One role, nationally or in one system; a role that does not fit refused by field."""
    try:
        return Grant(Role(role), area_code)
    except ValueError as error:
        if isinstance(error, MembershipError):
            field = "area_code" if Role(role) in SYSTEM_ROLES else "role"
            raise InvalidInput(_membership_message(Role(role)), field=field) from None
        raise InvalidInput(
            f"{role!r} is not a role: use one of {', '.join(Role)}" if role else "Choose a role",
            field="role",
        ) from None


def _membership_message(role: Role) -> str:
    if role in SYSTEM_ROLES:
        return "Choose the system this role belongs to"
    return "A national role belongs to no system: leave the system empty"


def check_system(session: Session, area_code: str | None) -> None:
    if area_code is None:
        return
    if session.scalar(select(System.id).where(System.area_code == area_code)) is None:
        raise InvalidInput(
            f"{area_code!r} is not a system: add it first with `joinedup systems add`",
            field="area_code",
        )


def _check_password(password: str, email: str) -> None:
    problems = password_problems(password, email=email)
    if problems:
        raise InvalidInput("The password " + "; ".join(problems) + ".", field="password")


def add_user(
    session: Session,
    *,
    actor: Principal,
    email: str,
    name: str,
    role: str,
    area_code: str | None,
    password: str,
) -> User:
    _require(actor, Permission.MANAGE_USERS)
    grant = grant_of(role, area_code)
    return create_user(session, actor=actor, email=email, name=name, grant=grant, password=password)


def create_user(
    session: Session, *, actor: Principal, email: str, name: str, grant: Grant, password: str
) -> User:
    """A new account with one role; the caller has checked that the actor may give it."""
    try:
        email = normalise_email(email)
    except ValueError:
        raise InvalidInput.of(
            "email", "Enter an email address in the correct format, like name@example.com"
        ) from None
    name = _given(UserIn, name=name).name
    check_system(session, grant.area_code)
    _check_password(password, email)
    if session.scalar(select(User).where(User.email == email)) is not None:
        raise InvalidInput(f"A person with the email {email} already has an account", field="email")
    user = User(
        email=email, name=name or email.split("@")[0], password_hash=hash_password(password)
    )
    user.memberships.append(Membership(role=grant.role.value, area_code=grant.area_code))
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="user.add",
        entity_type="user",
        entity_id=user.id,
        area_code=grant.area_code,
        after={
            "email": email,
            "name": user.name,
            "role": grant.role.value,
            "system": grant.area_code,
        },
    )
    return user


def get_user(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise NotFound(f"no user with the email {email}")
    return user


def list_users(session: Session, *, actor: Principal) -> list[User]:
    _require(actor, Permission.MANAGE_USERS)
    return list(session.scalars(select(User).order_by(User.email)))


def set_role(
    session: Session, *, actor: Principal, email: str, role: str, area_code: str | None
) -> User:
    """Replace a user's memberships with one role (nationally or in one system)."""
    _require(actor, Permission.MANAGE_USERS)
    user = get_user(session, email)
    grant = grant_of(role, area_code)
    check_system(session, area_code)
    before = [{"role": m.role, "system": m.area_code} for m in user.memberships]
    user.memberships.clear()
    session.flush()
    user.memberships.append(Membership(role=grant.role.value, area_code=grant.area_code))
    # A change of role ends the user's sessions and tokens, so the new permissions apply at once.
    revoke_credentials(session, user_id=user.id)
    audit.record(
        session,
        actor=actor,
        action="user.set_role",
        entity_type="user",
        entity_id=user.id,
        area_code=area_code,
        before={"memberships": before},
        after={"memberships": [{"role": grant.role.value, "system": area_code}]},
    )
    return user


def reset_password(session: Session, *, actor: Principal, email: str, password: str) -> User:
    if actor.email != email.strip().lower():
        _require(actor, Permission.MANAGE_USERS)
    user = get_user(session, email)
    _check_password(password, user.email)
    user.password_hash = hash_password(password)
    revoke_credentials(session, user_id=user.id)
    audit.record(
        session,
        actor=actor,
        action="user.reset_password",
        entity_type="user",
        entity_id=user.id,
    )
    return user


@dataclass(frozen=True)
class SignIn:
    principal: Principal
    session_token: str


def sign_in(
    session: Session,
    *,
    email: str,
    password: str,
    session_hours: int,
    max_failures: int,
    window_minutes: int,
) -> SignIn:
    """Check a password and open a new session (a new token each time: no session fixation)."""
    cleaned = email.strip().lower()
    throttle.take_slot(session, cleaned, max_failures=max_failures, window_minutes=window_minutes)
    user = session.scalar(select(User).where(User.email == cleaned))
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.is_active:
        session.add(SignInAttempt(email=cleaned, succeeded=False))
        raise PermissionDenied("Enter a correct email address and password.")
    session.add(SignInAttempt(email=cleaned, succeeded=True))
    throttle.free_slots(session, cleaned)
    token = secrets.token_urlsafe(32)
    session.add(
        WebSession(
            token_hash=_digest(token),
            user_id=user.id,
            expires_at=utcnow() + timedelta(hours=session_hours),
        )
    )
    return SignIn(principal_for(user), token)


def principal_from_session(session: Session, token: str, *, session_hours: int) -> Principal:
    """The signed-in user of a browser session; sliding expiry."""
    web_session = session.scalar(select(WebSession).where(WebSession.token_hash == _digest(token)))
    now = utcnow()
    if web_session is None or web_session.revoked_at is not None or web_session.expires_at < now:
        raise NotFound("session ended")
    user = session.get(User, web_session.user_id)
    if user is None or not user.is_active:
        raise NotFound("session ended")
    # Extend at most once a minute so that page views do not all write.
    new_expiry = now + timedelta(hours=session_hours)
    if new_expiry - web_session.expires_at > timedelta(minutes=1):
        web_session.expires_at = new_expiry
    return principal_for(user)


def sign_out(session: Session, token: str) -> None:
    web_session = session.scalar(select(WebSession).where(WebSession.token_hash == _digest(token)))
    if web_session is not None and web_session.revoked_at is None:
        web_session.revoked_at = utcnow()


def revoke_sessions(session: Session, *, user_id: int) -> None:
    now = utcnow()
    for web_session in session.scalars(
        select(WebSession).where(WebSession.user_id == user_id, WebSession.revoked_at.is_(None))
    ):
        web_session.revoked_at = now


def revoke_credentials(session: Session, *, user_id: int) -> None:
    """End every session and API token of a user at once (reset, role change, deactivation)."""
    revoke_sessions(session, user_id=user_id)
    now = utcnow()
    for api_token in session.scalars(
        select(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
    ):
        api_token.revoked_at = now


def user_by_id(session: Session, *, actor: Principal, user_id: int) -> User:
    _require(actor, Permission.MANAGE_USERS)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"no user {user_id}")
    return user


def set_active(session: Session, *, actor: Principal, email: str, active: bool) -> User:
    """Deactivate a user (every session and token ends at once) or let them back in."""
    _require(actor, Permission.MANAGE_USERS)
    user = get_user(session, email)
    if not active and user.id == actor.user_id:
        raise InvalidInput.of("email", "You cannot deactivate your own account")
    before = user.is_active
    user.is_active = active
    if not active:
        revoke_credentials(session, user_id=user.id)
    audit.record(
        session,
        actor=actor,
        action="user.reactivate" if active else "user.deactivate",
        entity_type="user",
        entity_id=user.id,
        before={"active": before},
        after={"active": active},
    )
    return user


def issue_token(
    session: Session, *, actor: Principal, email: str, label: str = "", days: int = 90
) -> str:
    """A new personal API token for ``email`` lasting ``days``; only its hash is kept, so print
    it once."""
    if actor.email != email.strip().lower():
        _require(actor, Permission.MANAGE_USERS)
    given = _given(TokenIn, label=label, days=days)
    label, days = given.label, given.days
    user = get_user(session, email)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    api_token = ApiToken(
        token_hash=_digest(token),
        prefix=token[:10],
        user_id=user.id,
        label=label,
        expires_at=utcnow() + timedelta(days=days),
    )
    session.add(api_token)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="token.issue",
        entity_type="api_token",
        entity_id=api_token.id,
        after={
            "user": user.email,
            "prefix": api_token.prefix,
            "label": label,
            "expires_at": api_token.expires_at.isoformat() if api_token.expires_at else None,
        },
    )
    return token


def revoke_token(session: Session, *, actor: Principal, prefix: str) -> ApiToken:
    api_token = session.scalar(select(ApiToken).where(ApiToken.prefix == prefix))
    if api_token is None:
        raise NotFound(f"no token starting {prefix}")
    owner = session.get(User, api_token.user_id)
    if owner is None or (actor.user_id != owner.id):
        _require(actor, Permission.MANAGE_USERS)
    api_token.revoked_at = utcnow()
    audit.record(
        session,
        actor=actor,
        action="token.revoke",
        entity_type="api_token",
        entity_id=api_token.id,
    )
    return api_token


def list_tokens(session: Session, *, email: str) -> list[ApiToken]:
    user = get_user(session, email)
    return list(session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)))


def principal_from_token(session: Session, token: str) -> Principal:
    api_token = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
    now = utcnow()
    if api_token is None or api_token.revoked_at is not None:
        raise NotFound("unknown or revoked token")
    if api_token.expires_at is not None and api_token.expires_at <= now:
        raise NotFound("expired token")
    user = session.get(User, api_token.user_id)
    if user is None or not user.is_active:
        raise NotFound("unknown or revoked token")
    if api_token.last_used_at is None or now - api_token.last_used_at > timedelta(minutes=5):
        api_token.last_used_at = now
    return principal_for(user)


def names_by_email(session: Session) -> dict[str, str]:
    """Every account's name by email, so that pages show people by name, not address."""
    return dict(session.execute(select(User.email, User.name)).tuples().all())
