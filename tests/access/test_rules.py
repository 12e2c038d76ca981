"""What each role may do, nationally and in one system."""

from __future__ import annotations

import pytest

from joinedup.access.rules import (
    ROLE_PERMISSIONS,
    Grant,
    MembershipError,
    Permission,
    Principal,
    Role,
    normalise_email,
    password_problems,
)

OXON, COV = "E10000025", "E08000026"


def person(*grants: Grant) -> Principal:
    return Principal(user_id=1, email="a@b.test", name="A", grants=grants)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_reads_only_where_it_belongs(role: Role) -> None:
    national = role in {Role.ADMIN, Role.ANALYST, Role.REVIEWER}
    p = person(Grant(role, None if national else OXON))
    assert p.can_read_system(OXON)
    assert p.can_read_system(COV) is national


def test_system_lead_edits_only_their_own_plan() -> None:
    lead = person(Grant(Role.SYSTEM_LEAD, OXON))
    assert lead.can(Permission.EDIT_PLAN, OXON)
    assert not lead.can(Permission.EDIT_PLAN, COV)
    assert not lead.can(Permission.EDIT_PLAN)  # no national permission


def test_national_readers_cannot_edit_a_plan() -> None:
    for role in (Role.ANALYST, Role.REVIEWER):
        assert not person(Grant(role)).can(Permission.EDIT_PLAN, OXON)


def test_only_admin_manages_users_and_systems() -> None:
    holders = {r for r, perms in ROLE_PERMISSIONS.items() if Permission.MANAGE_USERS in perms}
    assert holders == {Role.ADMIN}
    holders = {r for r, perms in ROLE_PERMISSIONS.items() if Permission.MANAGE_SYSTEMS in perms}
    assert holders == {Role.ADMIN}


def test_contributor_and_viewer_cannot_approve_reports() -> None:
    for role in (Role.CONTRIBUTOR, Role.VIEWER):
        assert not person(Grant(role, OXON)).can(Permission.APPROVE_REPORTS, OXON)
    assert person(Grant(Role.SYSTEM_LEAD, OXON)).can(Permission.APPROVE_REPORTS, OXON)


def test_membership_scope_must_match_the_role() -> None:
    with pytest.raises(MembershipError, match="national role"):
        Grant(Role.ANALYST, OXON)
    with pytest.raises(MembershipError, match="one system"):
        Grant(Role.VIEWER)


def test_strongest_role_in_a_system() -> None:
    p = person(Grant(Role.VIEWER, OXON), Grant(Role.SYSTEM_LEAD, COV))
    assert p.role_in(OXON) is Role.VIEWER
    assert p.role_in(COV) is Role.SYSTEM_LEAD
    assert p.role_in("E06000001") is None


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short", "at least 12"),
        ("aaaaaaaaaaaaaa", "too easy"),
        ("password1234", "too easy"),
        ("lucy.barton-secret", "email name"),
    ],
)
def test_weak_passwords_are_refused(password: str, problem: str) -> None:
    problems = password_problems(password, email="lucy.barton@oxon.test")
    assert any(problem in p for p in problems)


def test_a_long_passphrase_is_accepted() -> None:
    assert password_problems("correct horse battery staple", email="lucy@oxon.test") == []


def test_emails_compare_without_case() -> None:
    assert normalise_email("  Lucy.Barton@Oxon.TEST ") == "lucy.barton@oxon.test"
    with pytest.raises(ValueError, match="not an email"):
        normalise_email("lucy")
