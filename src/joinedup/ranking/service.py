"""Use cases of the rank capability; the CLI, the web and other capabilities call these.

- :func:`rank_values` / :func:`rank_file` / :func:`rank_stored`: the composite index of one
  period (rows, a file, or the values stored in the database) with its uncertainty and, if
  asked, the selection of the most challenged areas for review;
- :func:`run_ranking`, :func:`save_run`, :func:`list_runs`, :func:`get_run`: saved named
  ranking runs;
- :func:`latest_rank_for`: one area's place in the most recent saved run;
- :func:`benchmark_period` and :func:`peer_groups`: comparison with England and with peers.
"""

from __future__ import annotations

from joinedup.ranking.compute import (
    GROUPS,
    Aggregation,
    AreaRanking,
    MissingRule,
    Normalisation,
    Progress,
    RankingOptions,
    RankingResult,
    area_names,
    benchmark_period,
    peer_groups,
    rank_file,
    rank_values,
    write_ranking,
)
from joinedup.ranking.indicators import INDICATORS, IndicatorSpec
from joinedup.ranking.runs import (
    DEFAULT_MONTHS,
    MAX_SAVED_DRAWS,
    MIN_SAVED_DRAWS,
    PERIOD_MONTHS,
    WEB_DEFAULT_DRAWS,
    AreaRank,
    get_run,
    latest_rank_for,
    list_runs,
    period_label,
    rank_stored,
    run_ranking,
    save_run,
)

__all__ = [
    "DEFAULT_MONTHS",
    "GROUPS",
    "INDICATORS",
    "MAX_SAVED_DRAWS",
    "MIN_SAVED_DRAWS",
    "PERIOD_MONTHS",
    "WEB_DEFAULT_DRAWS",
    "Aggregation",
    "AreaRank",
    "AreaRanking",
    "IndicatorSpec",
    "MissingRule",
    "Normalisation",
    "Progress",
    "RankingOptions",
    "RankingResult",
    "area_names",
    "benchmark_period",
    "get_run",
    "latest_rank_for",
    "list_runs",
    "peer_groups",
    "period_label",
    "rank_file",
    "rank_stored",
    "rank_values",
    "run_ranking",
    "save_run",
    "write_ranking",
]
