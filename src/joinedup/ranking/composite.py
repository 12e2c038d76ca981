"""The composite index: normalise each indicator, weight, aggregate, rank.

Follows the OECD/JRC Handbook on Constructing Composite Indicators (2008). Every normalised
value is oriented the same way, by polarity: higher means worse (more challenged), so the
composite score is higher for the more challenged areas and rank 1 is the best.

The engine works on batches shaped ``(draws, indicators, areas)`` so that the Monte Carlo can
run many draws at once; a single composite is a batch of one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from joinedup.areas.rules import ENGLAND
from joinedup.errors import InvalidInput
from joinedup.ranking.schemas import Aggregation, MissingRule, Normalisation
from joinedup.ranking.values import FloatArray, IndicatorValues

BoolArray = npt.NDArray[np.bool_]


# Relative tolerance under which two composite scores count as tied: weighted means of equal
# ranks may differ in the last bits depending on the order of the sum.
SCORE_TIE_TOLERANCE = 1e-9


def tied_ranks(x: FloatArray, *, average: bool, tolerance: float = 0.0) -> FloatArray:
    """Ranks along the last axis, 1 = smallest; NaN stays NaN (and takes no rank).

    Ties get their average rank (``average=True``, the usual fractional ranks) or the lowest
    rank of the group (``average=False``, "1, 2, 2, 4"). Values closer than ``tolerance`` x
    max(1, |value|) count as tied.
    """
    missing = np.isnan(x)
    filled = np.where(missing, np.inf, x)
    order = np.argsort(filled, axis=-1)  # ties get one rank whatever their order
    ordered = np.take_along_axis(filled, order, axis=-1)
    n = x.shape[-1]
    position = np.broadcast_to(np.arange(n), ordered.shape)
    with np.errstate(invalid="ignore"):  # inf - inf among missing values: they stay masked
        gap = np.diff(ordered, axis=-1)
        step = gap > tolerance * np.maximum(1.0, np.abs(ordered[..., :-1]))
    if (step | np.isinf(ordered[..., 1:])).all():  # no ties: skip the tie bookkeeping
        ordered_ranks = position + 1.0
    elif average:
        starts = np.ones(ordered.shape, dtype=bool)
        starts[..., 1:] = step
        first = np.maximum.accumulate(np.where(starts, position, 0), axis=-1)
        ends = np.ones(ordered.shape, dtype=bool)
        ends[..., :-1] = step
        last = np.flip(
            np.minimum.accumulate(np.flip(np.where(ends, position, n - 1), axis=-1), axis=-1),
            axis=-1,
        )
        ordered_ranks = (first + last) / 2.0 + 1.0
    else:
        starts = np.ones(ordered.shape, dtype=bool)
        starts[..., 1:] = step
        ordered_ranks = np.maximum.accumulate(np.where(starts, position, 0), axis=-1) + 1.0
    ranks = np.empty(x.shape)
    np.put_along_axis(ranks, order, ordered_ranks, axis=-1)
    ranks[missing] = np.nan
    return ranks


def orientation(higher_is_better: BoolArray) -> FloatArray:
    """+1 where a higher value is worse, -1 where it is better: value x orientation = badness."""
    return np.where(higher_is_better, -1.0, 1.0)


def normalise(
    values: FloatArray,
    method: Normalisation,
    *,
    higher_is_better: BoolArray,
    england: FloatArray,
    available: BoolArray,
) -> FloatArray:
    """Normalised badness, shaped like ``values`` ``(..., indicators, areas)``; NaN if missing.

    - rank: 1 = best area on the indicator, ties averaged (ranks run 1..number of areas with a
      value);
    - zscore: (x - mean) / standard deviation across areas (population SD);
    - minmax: (x - best) / (worst - best), so 0 = best area and 1 = worst;
    - distance_to_england: (x - England) / England, signed so that positive = worse.
    """
    sign = orientation(higher_is_better)[:, None]
    complete = bool(available.all())  # the usual case; the masks below cost time
    bad = values * sign if complete else np.where(available, values * sign, np.nan)
    if method is Normalisation.RANK:
        return tied_ranks(bad, average=True)
    if method is Normalisation.DISTANCE_TO_ENGLAND:
        reference = (england * orientation(higher_is_better))[:, None]
        return (bad - reference) / np.abs(england)[:, None]  # missing stays NaN
    if method is Normalisation.ZSCORE:
        if complete:
            mean, sd = bad.mean(axis=-1, keepdims=True), bad.std(axis=-1, keepdims=True)
        else:
            count = available.sum(axis=-1, keepdims=True)
            mean = np.nansum(bad, axis=-1, keepdims=True) / count
            sd = np.sqrt(np.nansum((bad - mean) ** 2, axis=-1, keepdims=True) / count)
        scaled: FloatArray = (bad - mean) / np.where(sd > 0, sd, 1.0)
        return scaled
    if complete:
        low, high = bad.min(axis=-1, keepdims=True), bad.max(axis=-1, keepdims=True)
    else:
        low = np.where(available, bad, np.inf).min(axis=-1, keepdims=True)
        high = np.where(available, bad, -np.inf).max(axis=-1, keepdims=True)
    span = high - low
    stretched: FloatArray = (bad - low) / np.where(span > 0, span, 1.0)
    return stretched


def aggregate(
    normalised: FloatArray,
    weights: FloatArray,
    method: Aggregation,
    *,
    available: BoolArray,
) -> tuple[FloatArray, FloatArray]:
    """Scores ``(..., areas)`` and contributions ``(..., indicators, areas)``.

    Weights ``(..., indicators)`` are shared, per area, over the indicators it has (they add up
    to 1 for each area). Arithmetic: score = sum of weight x value; each contribution is one
    term, so they add up to the score. Geometric: every indicator is first shifted so that its
    best area is at 1 (x - min + 1; ranks that start at 1 are unchanged), score =
    prod(shifted ^ weight); contributions are weight x ln(shifted), adding up to ln(score).
    Missing indicators contribute NaN.
    """
    share = weights[..., :, None] * available
    total = share.sum(axis=-2, keepdims=True)
    share = share / np.where(total > 0, total, 1.0)
    if method is Aggregation.ARITHMETIC:
        terms = share * np.where(available, normalised, 0.0)
        score = terms.sum(axis=-2)
    else:
        low = np.where(available, normalised, np.inf).min(axis=-1, keepdims=True)
        shifted = np.where(available, normalised - low + 1.0, 1.0)
        terms = share * np.log(shifted)
        score = np.exp(terms.sum(axis=-2))
    nothing = total[..., 0, :] <= 0
    score = np.where(nothing, np.nan, score)
    return score, np.where(available, terms, np.nan)


def composite_scores(
    normalised: FloatArray,
    weights: FloatArray,
    method: Aggregation,
    *,
    available: BoolArray,
) -> FloatArray:
    """The scores of :func:`aggregate` without the contributions, as matrix products (fast).

    Re-weighting over the indicators an area has is a ratio of two products: sum_j w_j a_j y_j
    over sum_j w_j a_j, with a_j = 1 where the area has indicator j.
    """
    complete = bool(available.all())
    if method is Aggregation.ARITHMETIC:
        terms = normalised if complete else np.where(available, normalised, 0.0)
    else:
        if complete:
            shifted = normalised - normalised.min(axis=-1, keepdims=True) + 1.0
        else:
            low = np.where(available, normalised, np.inf).min(axis=-1, keepdims=True)
            shifted = np.where(available, normalised - low + 1.0, 1.0)
        terms = np.log(shifted)
    total = weights @ available.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.einsum("...j,...ja->...a", weights, terms) / total
    score = np.where(total > 0, score, np.nan)
    return score if method is Aggregation.ARITHMETIC else np.exp(score)


@dataclass(frozen=True)
class MissingReport:
    """What the missing-value rule did; always shown with the ranking."""

    rule: MissingRule
    excluded_areas: tuple[str, ...]
    missing_cells: tuple[tuple[str, str], ...]  # (area_code, indicator) with no value

    def describe(self) -> list[str]:
        if not self.missing_cells:
            return ["No missing values."]
        lines = [f"{len(self.missing_cells)} missing value(s), rule {self.rule.value}:"]
        lines += [f"  {area} has no {indicator}" for area, indicator in self.missing_cells]
        if self.excluded_areas:
            lines.append(f"  excluded from the ranking: {', '.join(self.excluded_areas)}")
        return lines


def apply_missing_rule(
    values: IndicatorValues, rule: MissingRule
) -> tuple[npt.NDArray[np.intp], MissingReport]:
    """The rows of the areas that are ranked, and the report of what was missing."""
    available = values.available
    rows_missing, columns_missing = np.nonzero(~available)
    missing_cells = tuple(
        (values.area_codes[a], values.indicator_ids[j])
        for a, j in zip(rows_missing.tolist(), columns_missing.tolist(), strict=True)
    )
    # Whatever the rule, an area with no value at all cannot be ranked.
    keep = available.all(axis=1) if rule is MissingRule.EXCLUDE else available.any(axis=1)
    excluded = tuple(values.area_codes[a] for a in np.flatnonzero(~keep))
    rows = np.flatnonzero(keep)
    if len(rows) < 2:
        raise InvalidInput.of(
            "missing",
            f"Only {len(rows)} area(s) left to rank after the missing-value rule {rule.value}",
        )
    return rows, MissingReport(rule, excluded, missing_cells)


def resolve_weights(indicator_ids: tuple[str, ...], weights: dict[str, float]) -> FloatArray:
    """The weight of each ranked indicator, in order; they must not all be zero."""
    out = np.array([weights[i] for i in indicator_ids], dtype=float)
    if (out < 0).any() or not np.isfinite(out).all():
        raise InvalidInput.of("weights", f"They must be finite and not negative: {weights}")
    if out.sum() <= 0:
        raise InvalidInput.of("weights", "The weights of the ranked indicators are all zero")
    return out


def check_england(values: IndicatorValues, methods: tuple[Normalisation, ...]) -> None:
    """Distance to England needs England's value, not zero, on every ranked indicator."""
    if Normalisation.DISTANCE_TO_ENGLAND not in methods:
        return
    lacking = [
        i
        for i, e in zip(values.indicator_ids, values.england, strict=True)
        if np.isnan(e) or e == 0
    ]
    if lacking:
        raise InvalidInput.of(
            "normalisation",
            f"Distance_to_england needs England's ({ENGLAND}) value, not blank "
            f"or zero, for: {', '.join(lacking)}",
        )


@dataclass(frozen=True)
class Composite:
    """One composite index: rows are the ranked areas, in the order of ``area_codes``."""

    area_codes: tuple[str, ...]
    indicator_ids: tuple[str, ...]
    normalisation: Normalisation
    aggregation: Aggregation
    weights: FloatArray  # as given, per indicator
    score: FloatArray  # higher = more challenged
    rank: npt.NDArray[np.int64]  # 1 = best; tied scores share the lowest rank
    contributions: FloatArray  # (areas, indicators); NaN where the value is missing


def composite_index(
    values: IndicatorValues,
    *,
    weights: FloatArray,
    normalisation: Normalisation = Normalisation.RANK,
    aggregation: Aggregation = Aggregation.ARITHMETIC,
) -> Composite:
    """The composite of the areas in ``values`` (apply the missing-value rule first)."""
    check_england(values, (normalisation,))
    available = values.available.T
    normalised = normalise(
        values.value.T,
        normalisation,
        higher_is_better=values.higher_is_better,
        england=values.england,
        available=available,
    )
    score, terms = aggregate(normalised, weights, aggregation, available=available)
    rank = tied_ranks(score, average=False, tolerance=SCORE_TIE_TOLERANCE)
    return Composite(
        area_codes=values.area_codes,
        indicator_ids=values.indicator_ids,
        normalisation=normalisation,
        aggregation=aggregation,
        weights=weights,
        score=score,
        rank=rank.astype(np.int64),
        contributions=terms.T,
    )
