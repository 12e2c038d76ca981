"""Ranking runs: saved, named, with their settings and every area's result."""

from __future__ import annotations

from fastapi import APIRouter

from joinedup.ranking import service
from joinedup.ranking.schemas import (
    RankingOptions,
    RankingRunDetail,
    RankingRunIn,
    RankingRunOut,
)
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
    run = service.run_ranking(
        session,
        actor=principal,
        name=body.name,
        period_start=body.period_start,
        months=body.months,
        options=RankingOptions(
            weights=body.weights,
            normalisation=body.normalisation,
            aggregation=body.aggregation,
            missing=body.missing,
            draws=body.draws,
            seed=body.seed,
            select=body.select,
            vary=tuple(body.vary),
        ),
    )
    session.commit()
    return RankingRunDetail.model_validate(run)


@router.get("/rankings/{run_id}")
def get_ranking(run_id: int, session: SessionDep, principal: CurrentUser) -> RankingRunDetail:
    """One saved run with one row per area, ranked areas best first."""
    return RankingRunDetail.model_validate(service.get_run(session, actor=principal, run_id=run_id))
