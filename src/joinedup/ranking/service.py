"""Use cases of the rank capability; the CLI, the web and other capabilities call these (the
choices and types they pass are in :mod:`joinedup.ranking.schemas`).

- :func:`rank_values` / :func:`rank_file` / :func:`rank_stored`: the composite index of one
  period (rows, a file, or the values stored in the database) with its uncertainty and, if
  asked, the selection of the most challenged areas for review; :func:`write_ranking` writes it;
- :func:`rank_and_save` (the one input of the page form and the API), :func:`run_ranking`,
  :func:`save_run`, :func:`list_runs`, :func:`get_run`: saved named
  ranking runs, and a saved run as a caterpillar plot (:func:`run_plot`) or a download
  (:func:`run_csv`, :func:`run_xlsx`);
- :func:`latest_rank_for`: one area's place in the most recent saved run;
- :func:`benchmark_period` and :func:`peer_groups`: comparison with England and with peers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from joinedup.ranking.caterpillar import Caterpillar, Line, caterpillar, outside_explanation
from joinedup.ranking.compute import (
    area_names,
    benchmark_period,
    peer_groups,
    rank_file,
    rank_values,
    write_ranking,
)
from joinedup.ranking.exports import run_csv, run_xlsx
from joinedup.ranking.runs import (
    get_run,
    latest_rank_for,
    list_runs,
    rank_stored,
    run_ranking,
    save_run,
)
from joinedup.ranking.schemas import Progress, RankingOptions, RankingRunIn

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from joinedup.access.rules import Principal
    from joinedup.ranking.models import RankingRow, RankingRun

__all__ = [
    "area_names",
    "benchmark_period",
    "get_run",
    "latest_rank_for",
    "list_runs",
    "outside_explanation",
    "peer_groups",
    "rank_and_save",
    "rank_file",
    "rank_stored",
    "rank_values",
    "run_csv",
    "run_plot",
    "run_ranking",
    "run_xlsx",
    "save_run",
    "write_ranking",
]


def run_plot(rows: Iterable[RankingRow], *, ranked: int) -> Caterpillar:
    """The caterpillar plot of a saved run's ranked ``rows`` (all of them, or those shown)."""
    return caterpillar(
        [
            Line(r.area_code, r.area_name, r.rank, r.rank_p05 or 0, r.rank_p95 or 0, r.selected)
            for r in rows
            if r.rank is not None
        ],
        ranked=ranked,
    )


def rank_and_save(
    session: Session, *, actor: Principal, run: RankingRunIn, progress: Progress | None = None
) -> RankingRun:
    """Rank the stored values of a period and save the run: the page form and the API send the
    same input; a problem is refused naming its field."""
    options = RankingOptions(
        weights=run.weights,
        normalisation=run.normalisation,
        aggregation=run.aggregation,
        missing=run.missing,
        draws=run.draws,
        seed=run.seed,
        select=run.select,
        vary=tuple(run.vary),
        min_population=run.min_population,
    )
    return run_ranking(
        session,
        actor=actor,
        name=run.name,
        period_start=run.period_start,
        months=run.months,
        options=options,
        progress=progress,
    )
