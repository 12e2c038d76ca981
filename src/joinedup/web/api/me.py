"""GET /api/v1/me: who the token or session belongs to."""

from fastapi import APIRouter

from joinedup.access.schemas import GrantOut, MeOut
from joinedup.web.deps import CurrentUser

router = APIRouter(tags=["access"])


@router.get("/me")
def me(principal: CurrentUser) -> MeOut:
    return MeOut(
        email=principal.email,
        name=principal.name,
        grants=[GrantOut(role=g.role.value, area_code=g.area_code) for g in principal.grants],
    )
