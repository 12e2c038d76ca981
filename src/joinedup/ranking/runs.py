"""Ranking stored indicator values, and saved named ranking runs (traceable decisions).

Values are read only through the measure capability's service. A saved run keeps every
setting and every area's result, so what a decision rested on can be shown later even after
the values are reloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Permission, Principal
from joinedup.errors import InvalidInput, NotFound, PermissionDenied
from joinedup.metrics import service as metrics
from joinedup.periods import period_label
from joinedup.ranking.compute import RankingResult, rank_values
from joinedup.ranking.models import RankingRow, RankingRun
from joinedup.ranking.schemas import (
    DEFAULT_MONTHS,
    MAX_SAVED_DRAWS,
    MIN_SAVED_DRAWS,
    NAME_LENGTH,
    PERIOD_MONTHS,
    WEB_DEFAULT_DRAWS,
    Progress,
    RankingOptions,
)

# The Department ranked annual figures: a rolling or financial year by default.


def _check_months(months: int) -> None:
    if months not in PERIOD_MONTHS:
        raise InvalidInput.of(
            "months",
            f"{months} is not a period length; choose 1 (month), 3 (quarter) or "
            "12 (financial or rolling year)",
        )


def rank_stored(
    session: Session,
    *,
    period_start: date,
    months: int = DEFAULT_MONTHS,
    options: RankingOptions | None = None,
    progress: Progress | None = None,
) -> RankingResult:
    """:func:`rank_values` on the indicator values stored for one period."""
    _check_months(months)
    values = metrics.period_values(session, period_start=period_start, months=months)
    if not values:
        starts = metrics.period_starts(session, months=months)
        shown = (
            f"{starts[0].isoformat()} to {starts[-1].isoformat()}"
            if starts
            else "none (run `joinedup metrics compute --load`)"
        )
        raise InvalidInput.of(
            "period_start",
            f"No stored values for a {months}-month period starting {period_start.isoformat()}; "
            f"stored {months}-month period starts: {shown}",
        )
    return rank_values(
        metrics.values_table(values),
        period_start=period_start,
        options=options,
        source_name=f"stored values, {period_label(period_start, months)}",
        progress=progress,
    )


def _row(position: int, line: Any) -> RankingRow:
    return RankingRow(
        position=position,
        area_code=line.area_code,
        area_name=line.area_name,
        score=line.score,
        rank=line.rank,
        median_rank=line.median_rank,
        rank_p05=line.rank_p05,
        rank_p95=line.rank_p95,
        contributions=dict(line.contributions),
        selected=line.selected,
        share_in_worst=line.share_in_worst,
        missing_indicators=list(line.missing_indicators),
    )


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise InvalidInput.of(
            "name", "Give the run a name, for example 'Interface dashboard 2019-20'"
        )
    if len(name) > NAME_LENGTH:
        raise InvalidInput.of(
            "name", f"At most {NAME_LENGTH} characters (this one has {len(name)})"
        )
    return name


def save_run(
    session: Session,
    *,
    actor: Principal,
    name: str,
    months: int,
    result: RankingResult,
    vintage_id: int | None = None,
) -> RankingRun:
    """Save a ranking of stored values (from :func:`rank_stored`) under ``name`` (audited);
    ``vintage_id``: the data vintage its values were read from (by default the latest)."""
    if not actor.can(Permission.RANK):
        raise PermissionDenied("only analysts and admins run rankings")
    name = _check_name(name)
    run = RankingRun(
        name=name,
        period_start=result.period_start,
        months=months,
        settings={**result.settings, "months": months},
        indicators=list(result.indicator_ids),
        ran_by=actor.email,
        ran_by_user_id=actor.user_id,
        areas_ranked=sum(line.rank is not None for line in result.areas),
        first_order=dict(result.first_order),
        total_effect=dict(result.total_effect),
        most_influential=result.most_influential,
        missing={
            "rule": result.missing.rule.value,
            "excluded_areas": list(result.missing.excluded_areas),
            "missing_cells": [list(cell) for cell in result.missing.missing_cells],
        },
        notes=list(result.notes),
        source=str(result.settings["source"]),
        # the data the values were read from
        vintage_id=vintage_id if vintage_id is not None else metrics.latest_vintage_id(session),
        rows=[_row(k, line) for k, line in enumerate(result.areas)],
    )
    session.add(run)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="ranking.run",
        entity_type="ranking_run",
        entity_id=run.id,
        after={
            "name": name,
            "period_start": result.period_start.isoformat(),
            "months": months,
            "settings": run.settings,
            "areas_ranked": run.areas_ranked,
            "vintage_id": run.vintage_id,
            "selected": {r.area_code: r.selected for r in run.rows if r.selected},
        },
    )
    return run


def run_ranking(
    session: Session,
    *,
    actor: Principal,
    name: str,
    period_start: date,
    months: int = DEFAULT_MONTHS,
    options: RankingOptions | None = None,
    progress: Progress | None = None,
    vintage_id: int | None = None,
) -> RankingRun:
    """Rank the stored values of a period and save the run under ``name`` (web and API).

    Draws are bounded here, so that one request cannot hold the server for long.
    """
    if not actor.can(Permission.RANK):
        raise PermissionDenied("only analysts and admins run rankings")
    _check_name(name)
    options = options or RankingOptions(draws=WEB_DEFAULT_DRAWS)
    if not MIN_SAVED_DRAWS <= options.draws <= MAX_SAVED_DRAWS:
        raise InvalidInput.of(
            "draws",
            f"{options.draws} is outside {MIN_SAVED_DRAWS:,} to {MAX_SAVED_DRAWS:,} "
            "(use `joinedup rank` for more)",
        )
    result = rank_stored(
        session, period_start=period_start, months=months, options=options, progress=progress
    )
    return save_run(
        session, actor=actor, name=name, months=months, result=result, vintage_id=vintage_id
    )


def _require_national(actor: Principal) -> None:
    if not actor.can(Permission.VIEW_NATIONAL):
        raise PermissionDenied("only national roles see rankings")


def list_runs(session: Session, *, actor: Principal) -> list[RankingRun]:
    """Saved runs, newest first."""
    _require_national(actor)
    query = select(RankingRun).order_by(RankingRun.ran_at.desc(), RankingRun.id.desc())
    return list(session.scalars(query))


def get_run(session: Session, *, actor: Principal, run_id: int) -> RankingRun:
    _require_national(actor)
    run = session.get(RankingRun, run_id)
    if run is None:
        raise NotFound(f"no ranking run {run_id}")
    return run


@dataclass(frozen=True)
class AreaRank:
    """One area's place in the most recent saved run (for other capabilities' profiles)."""

    run_id: int
    run_name: str
    period_start: date
    months: int
    ran_at: datetime
    areas_ranked: int
    rank: int
    median_rank: int
    rank_p05: int
    rank_p95: int
    selected: str | None  # "robust", "borderline" or None


def latest_rank_for(session: Session, *, area_code: str, run_id: int | None = None) -> AreaRank:
    """The most recent saved run's rank and 5-95% rank interval for one area (or run
    ``run_id``'s: the run that selected a review).

    The caller checks that its user may read the area. Raises NotFound when no run is saved
    or the area was not ranked in the latest one (no values, or excluded by the missing rule).
    """
    latest = select(RankingRun).order_by(RankingRun.ran_at.desc(), RankingRun.id.desc())
    if run_id is not None:
        latest = latest.where(RankingRun.id == run_id)
    run = session.scalars(latest.limit(1)).first()
    if run is None:
        raise NotFound("no ranking run is saved yet")
    row = session.scalars(
        select(RankingRow).where(RankingRow.run_id == run.id, RankingRow.area_code == area_code)
    ).first()
    if row is None or row.rank is None:
        raise NotFound(f"{area_code} is not ranked in the latest ranking run ({run.name})")
    assert row.median_rank is not None
    assert row.rank_p05 is not None
    assert row.rank_p95 is not None
    return AreaRank(
        run_id=run.id,
        run_name=run.name,
        period_start=run.period_start,
        months=run.months,
        ran_at=run.ran_at,
        areas_ranked=run.areas_ranked,
        rank=row.rank,
        median_rank=row.median_rank,
        rank_p05=row.rank_p05,
        rank_p95=row.rank_p95,
        selected=row.selected,
    )
