"""Computing a ranking: the composite index, its uncertainty and the selection for review.

- :func:`rank_values`: the composite index of one period with its uncertainty and, if asked,
  the selection of the most challenged areas for review;
- :func:`rank_file`: the same from a file in the metrics output format;
- :func:`benchmark_period` and :func:`peer_groups`: comparison with England and with peers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from joinedup.areas.service import reference_rows
from joinedup.errors import InvalidInput
from joinedup.ranking.benchmarking import Benchmark, benchmark_values
from joinedup.ranking.composite import (
    MissingReport,
    apply_missing_rule,
    composite_index,
    resolve_weights,
)
from joinedup.ranking.files import read_values_file, write_table
from joinedup.ranking.indicators import INDICATORS
from joinedup.ranking.peers import DEFAULT_PEER_COUNT, nearest_neighbours
from joinedup.ranking.schemas import (
    GROUPS,
    Aggregation,
    Normalisation,
    Progress,
    RankingOptions,
)
from joinedup.ranking.selection import ROBUST_SHARE, ReviewSelection, select_reviews
from joinedup.ranking.small_areas import apply_small_area_rule, populations_65plus
from joinedup.ranking.uncertainty import Assumptions, rank_uncertainty
from joinedup.ranking.values import IndicatorValues, values_for_period

__all__ = [
    "AreaRanking",
    "RankingResult",
    "benchmark_period",
    "peer_groups",
    "rank_file",
    "rank_values",
]


@dataclass(frozen=True)
class AreaRanking:
    """One area's line of a ranking; score and ranks are None for an excluded area."""

    area_code: str
    area_name: str
    score: float | None
    rank: int | None
    median_rank: int | None
    rank_p05: int | None
    rank_p95: int | None
    contributions: dict[str, float | None]
    selected: str | None  # "robust", "borderline" or None
    share_in_worst: float | None  # share of draws among the worst N (with a selection)
    missing_indicators: tuple[str, ...]


@dataclass(frozen=True)
class RankingResult:
    period_start: date
    indicator_ids: tuple[str, ...]
    areas: tuple[AreaRanking, ...]  # ranked areas best first, then the excluded ones
    settings: dict[str, Any]  # everything needed to run it again
    missing: MissingReport
    first_order: dict[str, float]
    total_effect: dict[str, float]
    most_influential: str | None
    selection: ReviewSelection | None
    notes: tuple[str, ...]

    @property
    def columns(self) -> list[str]:
        return [
            "area_code",
            "area_name",
            "score",
            "rank",
            "median_rank",
            "rank_p05",
            "rank_p95",
            *(f"contribution_{i}" for i in self.indicator_ids),
            "selected",
            "missing_indicators",
        ]

    def table(self) -> list[dict[str, object]]:
        """One row per area with the columns of ``joinedup rank --out``."""
        return [
            {
                "area_code": a.area_code,
                "area_name": a.area_name,
                "score": a.score,
                "rank": a.rank,
                "median_rank": a.median_rank,
                "rank_p05": a.rank_p05,
                "rank_p95": a.rank_p95,
                **{f"contribution_{i}": a.contributions.get(i) for i in self.indicator_ids},
                "selected": a.selected or "",
                "missing_indicators": " ".join(a.missing_indicators),
            }
            for a in self.areas
        ]


def area_names() -> dict[str, str]:
    """Names of England's upper-tier areas from the packaged reference data."""
    return {row.code: row.name for row in reference_rows()}


def _weights(
    values: IndicatorValues, given: Mapping[str, float]
) -> tuple[dict[str, float], list[str]]:
    unknown = [i for i in given if i not in INDICATORS]
    if unknown:
        raise InvalidInput.of(
            "weights", f"Unknown indicator(s) {', '.join(unknown)} (known: {', '.join(INDICATORS)})"
        )
    notes = [
        f"A weight was given for {INDICATORS[i].title.lower()}, which has no values for this "
        "period: not ranked on it."
        for i in given
        if i not in values.indicator_ids
    ]
    weights = {i: float(given.get(i, INDICATORS[i].default_weight)) for i in values.indicator_ids}
    return weights, notes


def _assumptions(values: IndicatorValues, options: RankingOptions) -> tuple[Assumptions, list[str]]:
    unknown = [g for g in options.vary if g not in GROUPS]
    if unknown:
        raise InvalidInput.of(
            "vary", f"Unknown group(s) {', '.join(unknown)} (known: {', '.join(GROUPS)})"
        )
    notes: list[str] = []
    normalisations: tuple[Normalisation, ...] = (options.normalisation,)
    if "normalisation" in options.vary:
        normalisations = tuple(Normalisation)
        england_known = all(not np.isnan(e) and e != 0 for e in values.england)
        if not england_known:
            normalisations = tuple(
                n for n in Normalisation if n is not Normalisation.DISTANCE_TO_ENGLAND
            )
            notes.append(
                "The Monte Carlo leaves out the distance to England normalisation: the values "
                "have no England figure for every indicator."
            )
    aggregations = tuple(Aggregation) if "aggregation" in options.vary else (options.aggregation,)
    weight_range = options.weight_range if "weights" in options.vary else (1.0, 1.0)
    no_interval = [
        i for j, i in enumerate(values.indicator_ids) if np.isnan(values.lower_95[:, j]).all()
    ]
    if "values" in options.vary and no_interval:
        notes.append(
            "No confidence interval, so their values are not drawn in the Monte Carlo: "
            + ", ".join(INDICATORS[i].title.lower() for i in no_interval)
            + "."
        )
    assumptions = Assumptions(
        weight_range=weight_range,
        normalisations=normalisations,
        aggregations=aggregations,
        vary_values="values" in options.vary,
    )
    return assumptions, notes


def _rows_of(source: Any) -> list[dict[str, object]]:
    """Rows from a list of mappings or from an Arrow table (anything with ``to_pylist``)."""
    if hasattr(source, "to_pylist"):
        rows: list[dict[str, object]] = source.to_pylist()
        return rows
    return [dict(row) for row in source]


def rank_values(
    source: Iterable[Mapping[str, object]] | Any,
    *,
    period_start: date,
    options: RankingOptions | None = None,
    source_name: str = "values",
    first_row_number: int = 1,
    names: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    populations: Mapping[str, int] | None = None,
) -> RankingResult:
    """Rank the areas of one period (rows, or an Arrow table, in the metrics output format);
    areas under the small-area rule's threshold (``populations``: residents aged 65 and over,
    the reference areas' by default) are listed but not ranked."""
    options = options or RankingOptions()
    rows = _rows_of(source)
    values = values_for_period(
        rows, period_start=period_start, source=source_name, first_row_number=first_row_number
    )
    small = apply_small_area_rule(
        values.area_codes,
        min_population=options.min_population,
        populations=populations if populations is not None else populations_65plus(),
    )
    if small.excluded:
        values = values.subset(
            np.array(
                [k for k, code in enumerate(values.area_codes) if code not in small.excluded],
                dtype=np.intp,
            )
        )
    weights_by_id, notes = _weights(values, options.weights)
    weights = resolve_weights(values.indicator_ids, weights_by_id)
    kept, missing = apply_missing_rule(values, options.missing)
    ranked = values.subset(kept)
    composite = composite_index(
        ranked,
        weights=weights,
        normalisation=options.normalisation,
        aggregation=options.aggregation,
    )
    assumptions, more_notes = _assumptions(values, options)
    notes += more_notes
    absent = [i for i in INDICATORS if i not in values.indicator_ids]
    if absent:
        titles = ", ".join(INDICATORS[i].title.lower() for i in absent)
        notes.append(f"No values for this period, not ranked on: {titles}.")
    uncertainty = rank_uncertainty(
        ranked,
        weights=weights,
        assumptions=assumptions,
        draws=options.draws,
        seed=options.seed,
        progress=progress,
    )
    selection = (
        select_reviews(ranked.area_codes, composite.rank, uncertainty.rank_draws, options.select)
        if options.select is not None
        else None
    )
    chosen = {s.area_code: s for s in selection.selected} if selection else {}
    shares = dict(selection.contenders) if selection else {}
    names = names if names is not None else area_names()
    missing_by_area: dict[str, list[str]] = {}
    for area, indicator in missing.missing_cells:
        missing_by_area.setdefault(area, []).append(indicator)
    lines: list[AreaRanking] = []
    for k, code in enumerate(ranked.area_codes):
        pick = chosen.get(code)
        lines.append(
            AreaRanking(
                area_code=code,
                area_name=names.get(code, ""),
                score=float(composite.score[k]),
                rank=int(composite.rank[k]),
                median_rank=int(uncertainty.median_rank[k]),
                rank_p05=int(uncertainty.rank_p05[k]),
                rank_p95=int(uncertainty.rank_p95[k]),
                contributions={
                    i: (None if np.isnan(c) else float(c))
                    for i, c in zip(ranked.indicator_ids, composite.contributions[k], strict=True)
                },
                selected=pick.robustness.value if pick else None,
                share_in_worst=(
                    pick.share_in_worst if pick else shares.get(code, 0.0) if selection else None
                ),
                missing_indicators=tuple(missing_by_area.get(code, ())),
            )
        )
    lines.sort(key=lambda a: (a.rank, a.area_code))
    for code in (*small.excluded, *missing.excluded_areas):
        lines.append(
            AreaRanking(
                area_code=code,
                area_name=names.get(code, ""),
                score=None,
                rank=None,
                median_rank=None,
                rank_p05=None,
                rank_p95=None,
                contributions={},
                selected=None,
                share_in_worst=None,
                missing_indicators=tuple(missing_by_area.get(code, ())),
            )
        )
    settings: dict[str, Any] = {
        "source": source_name,
        "period_start": period_start.isoformat(),
        "indicators": list(values.indicator_ids),
        "weights": weights_by_id,
        "normalisation": options.normalisation.value,
        "aggregation": options.aggregation.value,
        "missing": options.missing.value,
        "draws": options.draws,
        "seed": options.seed,
        "vary": list(assumptions.varied()),
        "weight_range": list(assumptions.weight_range),
        "monte_carlo_normalisations": [n.value for n in assumptions.normalisations],
        "monte_carlo_aggregations": [a.value for a in assumptions.aggregations],
        "select": options.select,
        "robust_share": ROBUST_SHARE,
        "min_population_65plus": small.min_population,
        "small_areas": list(small.excluded),
    }
    return RankingResult(
        period_start=period_start,
        indicator_ids=ranked.indicator_ids,
        areas=tuple(lines),
        settings=settings,
        missing=missing,
        first_order=uncertainty.first_order,
        total_effect=uncertainty.total_effect,
        most_influential=uncertainty.most_influential(),
        selection=selection,
        notes=tuple(notes),
    )


def rank_file(
    path: Path,
    *,
    period_start: date,
    options: RankingOptions | None = None,
    progress: Progress | None = None,
) -> RankingResult:
    """:func:`rank_values` on a CSV, Parquet or XLSX file in the metrics output format."""
    read = read_values_file(path)
    return rank_values(
        read.rows,
        period_start=period_start,
        options=options,
        source_name=read.source,
        first_row_number=read.first_row_number,
        progress=progress,
    )


def write_ranking(result: RankingResult, path: Path) -> None:
    """The ranking as CSV, Parquet, XLSX or JSON (by suffix), one row per area."""
    write_table(path, result.columns, result.table())


def peer_groups(
    *, count: int = DEFAULT_PEER_COUNT, supplied: Mapping[str, Sequence[str]] | None = None
) -> dict[str, tuple[str, ...]]:
    """Each reference area's peers (nearest neighbours), user-supplied lists taking over."""
    return nearest_neighbours(reference_rows(), count=count, supplied=supplied)


def benchmark_period(
    source: Iterable[Mapping[str, object]] | Any,
    *,
    period_start: date,
    peers: Mapping[str, Sequence[str]] | None = None,
    source_name: str = "values",
) -> list[Benchmark]:
    """Every area's comparison with England and with its peers for one period."""
    values = values_for_period(_rows_of(source), period_start=period_start, source=source_name)
    return benchmark_values(values, peers if peers is not None else peer_groups())
