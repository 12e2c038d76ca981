"""Benchmark of the ranking's Monte Carlo: vectorised draws against a plain per-draw loop.

    .venv/bin/python bench/ranking.py [--draws 10000] [--loop-draws 500]

Synthetic values for England's 152 upper-tier areas on the six indicators (four with 95%
intervals), every assumption varied (weights, normalisation, aggregation, values). Times:

- the vectorised Monte Carlo, rank intervals only and with the sensitivity indices (Saltelli
  design: two samples plus one hybrid per group, so 3 x draws evaluations of the composite);
- a plain Python loop evaluating one draw at a time (numpy on one draw, scipy's rankdata),
  timed on ``--loop-draws`` draws and scaled linearly to the same number of evaluations.

The loop is fed the same draws as the vectorised engine and must give the same ranks; the
script checks that before printing the ratio.
"""

from __future__ import annotations

import argparse
import time
from datetime import date

import numpy as np
from scipy.stats import rankdata

from joinedup.areas.service import reference_rows
from joinedup.ranking.composite import Aggregation, Normalisation
from joinedup.ranking.indicators import INDICATORS
from joinedup.ranking.uncertainty import Assumptions, _Model, _Sample, rank_uncertainty
from joinedup.ranking.values import IndicatorValues

Z95 = 1.959963984540054


def synthetic_values(seed: int = 2018) -> IndicatorValues:
    """152 areas x 6 indicators with plausible spreads and Wilson/Poisson-like intervals."""
    rng = np.random.default_rng(seed)
    areas = reference_rows()
    n = len(areas)
    ids = tuple(INDICATORS)
    over65 = np.array([a.population_65plus for a in areas], dtype=float)
    value = np.empty((n, len(ids)))
    half = np.full((n, len(ids)), np.nan)
    admissions = rng.poisson(over65 * 0.25)
    value[:, 0] = admissions / over65 * 1e5
    half[:, 0] = Z95 * np.sqrt(admissions) / over65 * 1e5
    value[:, 1] = rng.integers(15, 30, n)  # 90th percentile of stay, days: no interval
    value[:, 2] = rng.gamma(4.0, 3.0, n)  # delayed days per day per 100,000: no interval
    for j, share in ((3, 0.82), (4, 0.03), (5, 0.2)):
        people = np.maximum(over65 / 200, 20)
        p = np.clip(share * rng.uniform(0.8, 1.2, n), 0.001, 0.999)
        value[:, j] = 100 * p
        half[:, j] = 100 * Z95 * np.sqrt(p * (1 - p) / people)
    lower = np.clip(value - half, 0, None)
    upper = value + half
    upper[:, 3:] = np.minimum(upper[:, 3:], 100)
    return IndicatorValues(
        period_start=date(2018, 4, 1),
        area_codes=tuple(a.code for a in areas),
        indicator_ids=ids,
        value=value,
        lower_95=lower,
        upper_95=upper,
        lower_998=lower,
        upper_998=upper,
        england=np.nanmean(value, axis=0),
    )


def loop_ranks(model: _Model, values: IndicatorValues, sample: _Sample) -> np.ndarray:
    """One draw at a time, written plainly; the reference the vectorised engine must match."""
    assumptions = model.assumptions
    sign = np.where(values.higher_is_better, -1.0, 1.0)
    rows = list(model.uncertain)
    out = np.empty((len(sample.normalisation), len(values.area_codes)))
    for d in range(len(sample.normalisation)):
        drawn = values.value.T.copy()  # (indicators, areas)
        if sample.z is not None:
            for k, j in enumerate(rows):
                for a in range(drawn.shape[1]):
                    z = float(sample.z[d, k, a])
                    sd = model.sd_high[j, a] if z > 0 else model.sd_low[j, a]
                    drawn[j, a] = min(
                        max(drawn[j, a] + z * sd, model.floor[j, 0]), model.ceiling[j, 0]
                    )
        bad = drawn * sign[:, None]
        method = assumptions.normalisations[sample.normalisation[d]]
        if method is Normalisation.RANK:
            normalised = np.array([rankdata(row) for row in bad])
        elif method is Normalisation.ZSCORE:
            normalised = np.array([(row - row.mean()) / row.std() for row in bad])
        elif method is Normalisation.MINMAX:
            normalised = np.array([(row - row.min()) / (row.max() - row.min()) for row in bad])
        else:
            reference = values.england * sign
            normalised = (bad - reference[:, None]) / np.abs(values.england)[:, None]
        weights = model.weights * sample.multipliers[d]
        weights = weights / weights.sum()
        if assumptions.aggregations[sample.aggregation[d]] is Aggregation.ARITHMETIC:
            score = weights @ normalised
        else:
            shifted = normalised - normalised.min(axis=1, keepdims=True) + 1.0
            score = np.exp(weights @ np.log(shifted))
        out[d] = rankdata(score, method="min")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--loop-draws", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    values = synthetic_values()
    weights = np.array([INDICATORS[i].default_weight for i in values.indicator_ids])
    areas, indicators = values.value.shape
    print(f"{areas} areas x {indicators} indicators x {args.draws:,} draws, all assumptions varied")

    def timed(sensitivity: bool) -> float:
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            rank_uncertainty(
                values, weights=weights, draws=args.draws, seed=1, sensitivity=sensitivity
            )
            best = min(best, time.perf_counter() - start)
        return best

    intervals = timed(sensitivity=False)
    full = timed(sensitivity=True)
    print(f"vectorised, rank intervals only:            {intervals:7.3f} s (best of {args.repeat})")
    print(f"vectorised, intervals + sensitivity indices: {full:7.3f} s (best of {args.repeat})")

    model = _Model(values, weights, Assumptions())
    sample = model.sample(np.random.default_rng(7), args.loop_draws)
    vectorised = model.ranks(sample, model.normalised(sample, model.drawn(sample)))
    start = time.perf_counter()
    looped = loop_ranks(model, values, sample)
    loop_time = time.perf_counter() - start
    if not np.array_equal(vectorised, looped):
        raise SystemExit("the per-draw loop and the vectorised engine disagree")
    per_draw = loop_time / args.loop_draws
    loop_intervals = per_draw * args.draws
    loop_full = per_draw * args.draws * 3
    print(
        f"per-draw loop: {loop_time:.3f} s for {args.loop_draws} draws (same ranks as the "
        f"vectorised engine), scaled to {args.draws:,}: {loop_intervals:.1f} s, "
        f"to {3 * args.draws:,} evaluations: {loop_full:.1f} s"
    )
    print(f"ratio, rank intervals:            {loop_intervals / intervals:6.0f}x faster")
    print(f"ratio, intervals + sensitivity:   {loop_full / full:6.0f}x faster")


if __name__ == "__main__":
    main()
