"""Systems: the ones you may see; admins add them."""

from fastapi import APIRouter

from joinedup.areas import service as areas
from joinedup.areas.schemas import SystemIn, SystemOut
from joinedup.web.deps import CurrentUser, SessionDep

router = APIRouter(tags=["systems"])


@router.get("/systems")
def list_systems(session: SessionDep, principal: CurrentUser) -> list[SystemOut]:
    return [SystemOut.model_validate(s) for s in areas.visible_systems(session, actor=principal)]


@router.get("/systems/{area_code}")
def get_system(area_code: str, session: SessionDep, principal: CurrentUser) -> SystemOut:
    return SystemOut.model_validate(areas.get_system(session, actor=principal, area_code=area_code))


@router.post("/systems", status_code=201)
def add_system(body: SystemIn, session: SessionDep, principal: CurrentUser) -> SystemOut:
    system = areas.add_system(
        session,
        actor=principal,
        area_code=body.area_code,
        name=body.name,
        partners=body.partners,
    )
    session.commit()
    return SystemOut.model_validate(system)
