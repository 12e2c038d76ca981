"""Users, roles, tokens and the audit log, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from joinedup.access import service
from joinedup.access.models import AuditEvent, User
from joinedup.access.rules import OPERATOR, Grant, Principal, Role
from joinedup.errors import InvalidInput, NotFound, PermissionDenied
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE


def test_add_user_hashes_the_password_with_argon2(session: Session) -> None:
    user = service.add_user(
        session,
        actor=OPERATOR,
        email="New.Person@Example.TEST",
        name="New Person",
        role="viewer",
        area_code=OXFORDSHIRE,
        password="a long enough passphrase",
    )
    assert user.email == "new.person@example.test"
    assert user.password_hash.startswith("$argon2id$")
    assert "passphrase" not in user.password_hash


def test_unknown_system_code_is_refused(session: Session) -> None:
    with pytest.raises(InvalidInput, match="'E99999999' is not a system"):
        service.add_user(
            session,
            actor=OPERATOR,
            email="x@example.test",
            name="X",
            role="viewer",
            area_code="E99999999",
            password="a long enough passphrase",
        )


def test_unknown_role_is_refused(session: Session) -> None:
    with pytest.raises(InvalidInput, match="'boss' is not a role"):
        service.add_user(
            session,
            actor=OPERATOR,
            email="x@example.test",
            name="X",
            role="boss",
            area_code=None,
            password="a long enough passphrase",
        )


def test_only_admins_add_users(session: Session) -> None:
    lead = Principal(1, "lead@x.test", "Lead", (Grant(Role.SYSTEM_LEAD, OXFORDSHIRE),))
    with pytest.raises(PermissionDenied):
        service.add_user(
            session,
            actor=lead,
            email="x@example.test",
            name="X",
            role="viewer",
            area_code=OXFORDSHIRE,
            password="a long enough passphrase",
        )


def test_set_role_replaces_memberships_and_is_audited(session: Session) -> None:
    service.set_role(
        session, actor=OPERATOR, email="analyst@demo.joinedup.test", role="reviewer", area_code=None
    )
    session.flush()
    user = service.get_user(session, "analyst@demo.joinedup.test")
    assert [m.role for m in user.memberships] == ["reviewer"]
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "user.set_role")).one()
    assert event.before == {"memberships": [{"role": "analyst", "system": None}]}
    assert event.actor == "operator"


def test_tokens_carry_their_users_permissions_and_can_be_revoked(session: Session) -> None:
    token = service.issue_token(
        session, actor=OPERATOR, email="board@oxfordshire.demo.joinedup.test"
    )
    principal = service.principal_from_token(session, token)
    assert principal.can_read_system(OXFORDSHIRE)
    assert principal.roles == {Role.VIEWER}
    service.revoke_token(session, actor=OPERATOR, prefix=token[:10])
    with pytest.raises(NotFound):
        service.principal_from_token(session, token)


def test_tokens_are_stored_only_as_hashes(session: Session) -> None:
    token = service.issue_token(session, actor=OPERATOR, email="admin@demo.joinedup.test")
    session.flush()
    stored = session.execute(text("SELECT token_hash FROM api_tokens")).scalars().all()
    assert token not in stored
    assert all(len(h) == 64 for h in stored)


def test_audit_log_is_append_only_in_the_database(database: Database) -> None:
    with database.session() as session:
        service.set_role(
            session,
            actor=OPERATOR,
            email="analyst@demo.joinedup.test",
            role="reviewer",
            area_code=None,
        )
    with pytest.raises(DBAPIError, match="append-only"), database.session() as session:
        session.execute(text("UPDATE audit_events SET actor = 'someone else'"))
    with pytest.raises(DBAPIError, match="append-only"), database.session() as session:
        session.execute(text("DELETE FROM audit_events"))


def test_a_deactivated_user_cannot_sign_in(session: Session) -> None:
    user = session.scalars(select(User).where(User.email == "admin@demo.joinedup.test")).one()
    user.is_active = False
    session.flush()
    with pytest.raises(PermissionDenied):
        service.sign_in(
            session,
            email="admin@demo.joinedup.test",
            password="joined-up-demo",
            session_hours=1,
            max_failures=5,
            window_minutes=15,
        )
