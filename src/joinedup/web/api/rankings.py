"""Ranking runs: saved, named, with their settings and every area's result."""

from __future__ import annotations

from fastapi import APIRouter

from joinedup.ranking import service
from joinedup.ranking.schemas import RankingRunDetail, RankingRunIn, RankingRunOut
from joinedup.web.deps import CurrentUser, SessionDep

router = APIRouter(tags=["rankings"])


@router.get("/rankings")
def list_rankings(session: SessionDep, principal: CurrentUser) -> list[RankingRunOut]:
    """Saved ranking runs, newest first (national roles)."""
    return [RankingRunOut.model_validate(r) for r in service.list_runs(session, actor=principal)]


@router.post("/rankings", status_code=201)
def run_ranking(
    body: RankingRunIn, session: SessionDep, principal: CurrentUser
) -> RankingRunDetail:
    """Rank the stored values of a period and save the run (analysts and admins)."""
    run = service.rank_and_save(session, actor=principal, run=body)
    session.commit()
    return RankingRunDetail.model_validate(run)


@router.get("/rankings/{run_id}")
def get_ranking(run_id: int, session: SessionDep, principal: CurrentUser) -> RankingRunDetail:
    """One saved run with one row per area, ranked areas best first."""
    return RankingRunDetail.model_validate(service.get_run(session, actor=principal, run_id=run_id))
