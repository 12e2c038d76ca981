"""A person changes their own password: the current one is checked and throttled as a sign-in
is, the new one typed twice and held to the same rules; the change is audited, and every session
and API token of theirs ends but for a fresh session for the browser that made the change."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy.orm import Session

from joinedup.access import audit, service, throttle
from joinedup.access.models import SignInAttempt, WebSession
from joinedup.access.passwords import hash_password, verify_password
from joinedup.access.rules import Principal, password_problems
from joinedup.access.schemas import PasswordChange
from joinedup.errors import InvalidInput
from joinedup.store.db import utcnow

WRONG = "Your current password is not right"
SAME = "The new password must be different from the current one"
MISMATCH = "The passwords do not match: type the new one again"


class WrongPassword(InvalidInput):
    """The current password did not match: the failed attempt is kept (it counts towards the
    throttle), so the caller commits before showing the form again."""


def change_own_password(
    session: Session,
    *,
    actor: Principal,
    change: PasswordChange,
    session_hours: int,
    max_failures: int,
    window_minutes: int,
) -> str:
    """Change the actor's password; answer the token of their new browser session."""
    user = service.get_user(session, actor.email)
    problems: dict[str, str] = {}  # messages, not passwords
    if not change.current_password:
        problems["current_password"] = "Enter your current password"  # noqa: S105
    if not change.new_password:
        problems["new_password"] = "Enter a new password"  # noqa: S105
    else:
        weak = password_problems(change.new_password, email=user.email)
        if weak:
            problems["new_password"] = "The new password " + "; ".join(weak)
        elif change.new_password == change.current_password:
            problems["new_password"] = SAME
    if change.new_password and change.confirm_password != change.new_password:
        problems["confirm_password"] = MISMATCH
    if problems:
        raise InvalidInput(problems)
    throttle.take_slot(
        session, user.email, max_failures=max_failures, window_minutes=window_minutes
    )
    if not verify_password(user.password_hash, change.current_password):
        session.add(SignInAttempt(email=user.email, succeeded=False))
        raise WrongPassword(WRONG, field="current_password")
    throttle.free_slots(session, user.email)
    user.password_hash = hash_password(change.new_password)
    service.revoke_credentials(session, user_id=user.id)
    token = secrets.token_urlsafe(32)
    session.add(
        WebSession(
            token_hash=hashlib.sha256(token.encode()).hexdigest(),
            user_id=user.id,
            expires_at=utcnow() + timedelta(hours=session_hours),
        )
    )
    audit.record(
        session, actor=actor, action="user.change_password", entity_type="user", entity_id=user.id
    )
    return token
