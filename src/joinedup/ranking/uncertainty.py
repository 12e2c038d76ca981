"""Uncertainty of the ranks: Monte Carlo over the composite's assumptions.

Each draw takes (OECD/JRC Handbook 2008, step 7; Saltelli et al. 2008 "Global sensitivity
analysis: the primer"):

- weights: each indicator's weight times U(low, high), default U(0.5, 1.5) (the weighted mean
  renormalises them);
- normalisation: one of the allowed methods, each equally likely;
- aggregation: arithmetic or geometric, equally likely;
- values: each value from its 95% confidence interval as a split normal, so asymmetric
  intervals (Wilson, Byar) are respected: value + z x (upper - value) / 1.96 when z > 0 and
  value + z x (value - lower) / 1.96 when z < 0, z ~ N(0, 1), clipped to the indicator's bounds.
  Indicators without an interval (90th percentile length of stay, delayed days) keep their
  value: their uncertainty is not modelled. England's value is held fixed.

All draws are vectorised with numpy, a chunk of draws at a time to bound memory. The design is
Saltelli's (two samples A and B plus one hybrid per varied group) so that the same run gives the
rank intervals (from A and B) and the sensitivity indices. Reproducible: same values, settings,
draws and seed give the same result (numpy's default Generator).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from joinedup.errors import InvalidInput
from joinedup.ranking.composite import (
    SCORE_TIE_TOLERANCE,
    check_england,
    composite_scores,
    normalise,
    tied_ranks,
)
from joinedup.ranking.indicators import INDICATORS
from joinedup.ranking.schemas import GROUPS, Aggregation, Normalisation, Progress
from joinedup.ranking.sensitivity import SaltelliAccumulator
from joinedup.ranking.values import FloatArray, IndicatorValues

_Z95 = 1.959963984540054
# Pairs of draws (A and B) evaluated together; fixed so that a seed always gives the same draws.
CHUNK_PAIRS = 256


@dataclass(frozen=True)
class Assumptions:
    """What the Monte Carlo varies. A single choice, or the range (1, 1), holds it fixed."""

    weight_range: tuple[float, float] = (0.5, 1.5)
    normalisations: tuple[Normalisation, ...] = tuple(Normalisation)
    aggregations: tuple[Aggregation, ...] = tuple(Aggregation)
    vary_values: bool = True

    def varied(self) -> tuple[str, ...]:
        low, high = self.weight_range
        return tuple(
            group
            for group, on in zip(
                GROUPS,
                (
                    high > low,
                    len(self.normalisations) > 1,
                    len(self.aggregations) > 1,
                    self.vary_values,
                ),
                strict=True,
            )
            if on
        )

    def check(self) -> None:
        low, high = self.weight_range
        if not 0 < low <= high:
            raise InvalidInput.of("weight_range", f"{low}-{high}: need 0 < low <= high")
        if not self.normalisations or not self.aggregations:
            raise InvalidInput.of(
                "vary", "The Monte Carlo needs at least one normalisation and aggregation"
            )


@dataclass(frozen=True)
class Uncertainty:
    """Rank distribution per area (same order as the values given) and sensitivity indices."""

    area_codes: tuple[str, ...]
    draws: int
    seed: int
    assumptions: Assumptions
    rank_draws: npt.NDArray[np.int32]  # (draws, areas), 1 = best
    median_rank: npt.NDArray[np.int64]
    rank_p05: npt.NDArray[np.int64]
    rank_p95: npt.NDArray[np.int64]
    first_order: dict[str, float]  # per group in GROUPS; 0 for groups held fixed
    total_effect: dict[str, float]

    def most_influential(self) -> str | None:
        """The group that moves the ranks most on its own (largest first-order index)."""
        moving = {g: s for g, s in self.first_order.items() if s > 0}
        return max(moving, key=lambda g: moving[g]) if moving else None


@dataclass(frozen=True)
class _Sample:
    multipliers: FloatArray  # (draws, indicators)
    normalisation: npt.NDArray[np.intp]  # (draws,) index into Assumptions.normalisations
    aggregation: npt.NDArray[np.intp]
    # (draws, indicators with an interval, areas) standard normals; None if values are fixed
    z: npt.NDArray[np.float32] | None


class _Model:
    """The composite's ranks as a function of one batch of assumptions."""

    def __init__(self, values: IndicatorValues, weights: FloatArray, assumptions: Assumptions):
        self.assumptions = assumptions
        self.weights = weights
        self.higher_is_better = values.higher_is_better
        self.england = values.england
        self.available = values.available.T
        self.value = np.where(self.available, values.value.T, 0.0)
        # Half-widths of the 95% interval below and above the value, as normal SDs.
        self.sd_low = np.nan_to_num((values.value - values.lower_95).T / _Z95)
        self.sd_high = np.nan_to_num((values.upper_95 - values.value).T / _Z95)
        specs = [INDICATORS[i] for i in values.indicator_ids]
        self.floor = np.array([s.lower_bound for s in specs])[:, None]
        self.ceiling = np.array(
            [np.inf if s.upper_bound is None else s.upper_bound for s in specs]
        )[:, None]
        self.areas = len(values.area_codes)
        self.indicators = len(values.indicator_ids)
        # Only indicators with an interval are drawn; the others keep their value.
        self.uncertain = np.flatnonzero(
            (self.sd_low > 0).any(axis=1) | (self.sd_high > 0).any(axis=1)
        )
        self.fixed = {
            method: normalise(
                self.value,
                method,
                higher_is_better=self.higher_is_better,
                england=self.england,
                available=self.available,
            )
            for method in assumptions.normalisations
        }

    def sample(self, rng: np.random.Generator, size: int) -> _Sample:
        a = self.assumptions
        low, high = a.weight_range
        return _Sample(
            multipliers=rng.uniform(low, high, size=(size, self.indicators)),
            normalisation=rng.integers(0, len(a.normalisations), size=size),
            aggregation=rng.integers(0, len(a.aggregations), size=size),
            z=(
                rng.standard_normal((size, len(self.uncertain), self.areas), dtype=np.float32)
                if a.vary_values
                else None
            ),
        )

    def drawn(self, sample: _Sample) -> FloatArray | None:
        """Drawn values of the indicators with an interval ``(draws, those, areas)``.

        None when values are held fixed (or no indicator has an interval).
        """
        if sample.z is None or len(self.uncertain) == 0:
            return None
        rows = self.uncertain
        z = sample.z
        drawn = np.multiply(z, np.where(z > 0, self.sd_high[rows], self.sd_low[rows]), dtype=float)
        drawn += self.value[rows]
        np.maximum(drawn, self.floor[rows], out=drawn)
        np.minimum(drawn, self.ceiling[rows], out=drawn)
        return drawn

    def normalised(self, sample: _Sample, drawn: FloatArray | None) -> FloatArray:
        """Normalised values ``(draws, indicators, areas)`` under each draw's normalisation.

        Indicators that are not drawn are the same in every draw: their normalisation is
        computed once (``self.fixed``) and copied.
        """
        size = len(sample.normalisation)
        methods = self.assumptions.normalisations
        out = np.empty((size, self.indicators, self.areas))
        for k, method in enumerate(methods):
            if len(methods) == 1:
                out[:] = self.fixed[method]
                if drawn is not None:
                    out[:, self.uncertain] = self._normalise_drawn(drawn, method)
                continue
            chosen = np.flatnonzero(sample.normalisation == k)
            if not len(chosen):
                continue
            out[chosen] = self.fixed[method]
            if drawn is not None:
                out[np.ix_(chosen, self.uncertain)] = self._normalise_drawn(drawn[chosen], method)
        return out

    def _normalise_drawn(self, drawn: FloatArray, method: Normalisation) -> FloatArray:
        rows = self.uncertain
        return normalise(
            drawn,
            method,
            higher_is_better=self.higher_is_better[rows],
            england=self.england[rows],
            available=self.available[rows],
        )

    def ranks(self, sample: _Sample, normalised: FloatArray) -> FloatArray:
        weights = self.weights * sample.multipliers
        methods = self.assumptions.aggregations
        if len(methods) == 1:
            scores = composite_scores(normalised, weights, methods[0], available=self.available)
        else:
            scores = np.empty((len(sample.normalisation), self.areas))
            for k, method in enumerate(methods):
                chosen = np.flatnonzero(sample.aggregation == k)
                if len(chosen):
                    scores[chosen] = composite_scores(
                        normalised[chosen], weights[chosen], method, available=self.available
                    )
        return tied_ranks(scores, average=False, tolerance=SCORE_TIE_TOLERANCE)

    def evaluate(
        self, a: _Sample, b: _Sample, groups: tuple[str, ...]
    ) -> tuple[FloatArray, FloatArray, dict[str, FloatArray]]:
        """Ranks of A, of B and of each group's hybrid (A with that group from B).

        Hybrids reuse what they share with A: the weights and aggregation hybrids keep A's
        normalised values, the normalisation hybrid keeps A's drawn values.
        """
        drawn_a = self.drawn(a)
        normalised_a = self.normalised(a, drawn_a)
        f_a = self.ranks(a, normalised_a)
        f_b = self.ranks(b, self.normalised(b, self.drawn(b)))
        hybrids: dict[str, FloatArray] = {}
        for group in groups:
            mixed = _hybrid(a, b, group)
            if group in ("weights", "aggregation"):
                normalised = normalised_a
            elif group == "normalisation":
                normalised = self.normalised(mixed, drawn_a)
            else:
                normalised = self.normalised(mixed, self.drawn(mixed))
            hybrids[group] = self.ranks(mixed, normalised)
        return f_a, f_b, hybrids


def _hybrid(a: _Sample, b: _Sample, group: str) -> _Sample:
    """A with one group of assumptions taken from B."""
    field = {
        "weights": "multipliers",
        "normalisation": "normalisation",
        "aggregation": "aggregation",
        "values": "z",
    }[group]
    return replace(a, **{field: getattr(b, field)})


def rank_uncertainty(
    values: IndicatorValues,
    *,
    weights: FloatArray,
    assumptions: Assumptions | None = None,
    draws: int = 10_000,
    seed: int = 1,
    sensitivity: bool = True,
    progress: Progress | None = None,
) -> Uncertainty:
    """Rank distribution of every area over ``draws`` draws (apply the missing rule first)."""
    assumptions = assumptions or Assumptions()
    assumptions.check()
    check_england(values, assumptions.normalisations)
    if draws < 2:
        raise InvalidInput.of("draws", f"{draws}: need at least 2")
    model = _Model(values, weights, assumptions)
    varied = assumptions.varied() if sensitivity else ()
    rng = np.random.default_rng(seed)
    pairs = (draws + 1) // 2
    ranks_a: list[FloatArray] = []
    ranks_b: list[FloatArray] = []
    accumulator = SaltelliAccumulator(model.areas)
    done = 0
    while done < pairs:
        size = min(CHUNK_PAIRS, pairs - done)
        a, b = model.sample(rng, size), model.sample(rng, size)
        f_a, f_b, hybrids = model.evaluate(a, b, varied)
        accumulator.add(f_a, f_b, hybrids)
        ranks_a.append(f_a)
        ranks_b.append(f_b)
        done += size
        if progress is not None:
            progress(min(2 * done, draws), draws)
    rank_draws = np.concatenate(ranks_a + ranks_b)[:draws].astype(np.int32)
    both = np.concatenate(ranks_a + ranks_b)
    first, total = accumulator.indices(both.var(axis=0))
    quantiles = np.quantile(rank_draws, [0.05, 0.5, 0.95], axis=0, method="inverted_cdf")
    return Uncertainty(
        area_codes=values.area_codes,
        draws=draws,
        seed=seed,
        assumptions=assumptions,
        rank_draws=rank_draws,
        median_rank=quantiles[1].astype(np.int64),
        rank_p05=quantiles[0].astype(np.int64),
        rank_p95=quantiles[2].astype(np.int64),
        first_order={g: first.get(g, 0.0) for g in GROUPS},
        total_effect={g: total.get(g, 0.0) for g in GROUPS},
    )
