"""Users, for administrators: list them, deactivate and reactivate them."""

from __future__ import annotations

from fastapi import APIRouter

from joinedup.access import service as access
from joinedup.access.models import User
from joinedup.access.schemas import GrantOut, UserOut
from joinedup.web.deps import CurrentUser, SessionDep

router = APIRouter(tags=["access"])


def _out(user: User) -> UserOut:
    return UserOut(
        id=user.id,
        email=user.email,
        name=user.name,
        active=user.is_active,
        grants=[GrantOut(role=m.role, area_code=m.area_code) for m in user.memberships],
    )


@router.get("/users")
def list_users(session: SessionDep, principal: CurrentUser) -> list[UserOut]:
    return [_out(u) for u in access.list_users(session, actor=principal)]


@router.post("/users/{user_id}/deactivate")
def deactivate(user_id: int, session: SessionDep, principal: CurrentUser) -> UserOut:
    """Ends every session and API token of the user at once; they can no longer sign in."""
    user = access.user_by_id(session, actor=principal, user_id=user_id)
    access.set_active(session, actor=principal, email=user.email, active=False)
    session.commit()
    return _out(user)


@router.post("/users/{user_id}/reactivate")
def reactivate(user_id: int, session: SessionDep, principal: CurrentUser) -> UserOut:
    user = access.user_by_id(session, actor=principal, user_id=user_id)
    access.set_active(session, actor=principal, email=user.email, active=True)
    session.commit()
    return _out(user)
