"""Reference areas."""

from fastapi import APIRouter

from joinedup.areas import service as areas
from joinedup.areas.schemas import AreaOut
from joinedup.web.deps import CurrentUser, SessionDep

router = APIRouter(tags=["areas"])


@router.get("/areas")
def list_areas(session: SessionDep, principal: CurrentUser) -> list[AreaOut]:
    return [AreaOut.model_validate(a) for a in areas.list_areas(session)]


@router.get("/areas/{code}")
def get_area(code: str, session: SessionDep, principal: CurrentUser) -> AreaOut:
    return AreaOut.model_validate(areas.get_area(session, code))
