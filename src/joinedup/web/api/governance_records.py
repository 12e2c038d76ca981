"""The oversight and engagement logs and the risk register through the API."""

from __future__ import annotations

from fastapi import APIRouter

from joinedup.governance import service as governance
from joinedup.governance.schemas import (
    EngagementIn,
    EngagementOut,
    OversightIn,
    OversightOut,
    RiskIn,
    RiskOut,
    RiskScoreIn,
)
from joinedup.web.deps import CurrentUser, SessionDep

router = APIRouter(tags=["governance"])


@router.get("/systems/{area_code}/oversight")
def oversight_log(
    area_code: str, session: SessionDep, principal: CurrentUser
) -> list[OversightOut]:
    found = governance.oversight_log(session, actor=principal, area_code=area_code)
    return [OversightOut.model_validate(o) for o in found]


@router.post("/systems/{area_code}/oversight", status_code=201)
def add_oversight(
    area_code: str, body: OversightIn, session: SessionDep, principal: CurrentUser
) -> OversightOut:
    """A call or meeting with the national team; participants are 'name – role'."""
    made = governance.add_oversight(session, actor=principal, area_code=area_code, change=body)
    session.commit()
    found = governance.oversight_log(session, actor=principal, area_code=area_code)
    return OversightOut.model_validate(next(o for o in found if o.id == made.id))


@router.get("/systems/{area_code}/engagement")
def engagement_log(
    area_code: str, session: SessionDep, principal: CurrentUser
) -> list[EngagementOut]:
    found = governance.engagement_log(session, actor=principal, area_code=area_code)
    return [EngagementOut.model_validate(e) for e in found]


@router.post("/systems/{area_code}/engagement", status_code=201)
def add_engagement(
    area_code: str, body: EngagementIn, session: SessionDep, principal: CurrentUser
) -> EngagementOut:
    made = governance.add_engagement(session, actor=principal, area_code=area_code, change=body)
    session.commit()
    found = governance.engagement_log(session, actor=principal, area_code=area_code)
    return EngagementOut.model_validate(next(e for e in found if e.id == made.id))


@router.get("/plans/{plan_id}/risks")
def risk_register(plan_id: int, session: SessionDep, principal: CurrentUser) -> list[RiskOut]:
    """The plan's risks, highest score first, each with its score history."""
    found = governance.risk_register(session, actor=principal, plan_id=plan_id)
    return [RiskOut.model_validate(r) for r in found]


@router.post("/plans/{plan_id}/risks", status_code=201)
def add_risk(plan_id: int, body: RiskIn, session: SessionDep, principal: CurrentUser) -> RiskOut:
    made = governance.add_risk(session, actor=principal, plan_id=plan_id, change=body)
    session.commit()
    return RiskOut.model_validate(governance.get_risk(session, actor=principal, risk_id=made.id))


@router.get("/risks/{risk_id}")
def get_risk(risk_id: int, session: SessionDep, principal: CurrentUser) -> RiskOut:
    return RiskOut.model_validate(governance.get_risk(session, actor=principal, risk_id=risk_id))


@router.post("/risks/{risk_id}/score")
def rescore(
    risk_id: int, body: RiskScoreIn, session: SessionDep, principal: CurrentUser
) -> RiskOut:
    """A new likelihood and impact; a stale version is refused with 409."""
    governance.rescore(session, actor=principal, risk_id=risk_id, change=body)
    session.commit()
    return get_risk(risk_id, session, principal)


@router.get("/boards/{board_id}/risks")
def risks_for_board(
    board_id: int, plan_id: int, session: SessionDep, principal: CurrentUser
) -> list[RiskOut]:
    """The plan's risks at or above the board's threshold: what its highlight report includes."""
    found = governance.risks_for_board(session, actor=principal, board_id=board_id, plan_id=plan_id)
    return [RiskOut.model_validate(r) for r in found]
