"""Synthetic England's areas: how each differs from the others and drifts from year to year, and
the seasonal volume of care (shared by the spells and by the care after hospital)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from joinedup.areas.service import reference_rows
from joinedup.metrics.periods import add_months

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

# Shares of hospital spells by age group (0-17, 18-44, 45-64, 65-74, 75-84, 85+; England, all
# admissions, roughly) and the share of each group's spells that are emergency admissions: with
# them a year of about 16 million spells holds about 6 million emergency admissions, 2.3 million
# of them of people 65+, as Hospital Episode Statistics count.
AGE_SHARES = np.array([0.10, 0.22, 0.26, 0.17, 0.16, 0.09])
EMERGENCY_SHARE = np.array([0.55, 0.40, 0.30, 0.25, 0.34, 0.55])
ATTRIBUTIONS = ("NHS", "social_care", "both")
WINTER = {12: 1.08, 1: 1.10, 2: 1.07, 3: 1.03, 11: 1.03, 6: 0.97, 7: 0.96, 8: 0.95}


@dataclass(frozen=True)
class AreaTraits:
    """How each area differs from the others and how it changes per year (log or logit scale)."""

    codes: list[str]
    population_all: Floats
    population_18plus: Floats
    population_65plus: Floats
    emergency: Floats
    emergency_trend: Floats
    los: Floats
    los_trend: Floats
    weekend_wait: Floats
    weekend_trend: Floats
    reablement: Floats
    reablement_trend: Floats
    at_home: Floats
    at_home_trend: Floats
    delays: Floats
    delays_trend: Floats
    attribution: Floats  # areas x 3 shares
    age_cumulative: Floats  # areas x 6 cumulative shares of spells by age group

    @classmethod
    def draw(cls, rng: np.random.Generator) -> AreaTraits:
        rows = reference_rows()
        n = len(rows)
        pop_all = np.array([r.population_all for r in rows], dtype=np.float64)
        pop18 = np.array([r.population_18plus for r in rows], dtype=np.float64)
        pop65 = np.array([r.population_65plus for r in rows], dtype=np.float64)
        older = (pop65 / pop_all) / (pop65.sum() / pop_all.sum())
        shares = np.tile(AGE_SHARES, (n, 1))
        shares[:, 3:] *= older[:, None]
        shares /= shares.sum(axis=1, keepdims=True)

        def normal(sd: float, mean: float = 0.0) -> Floats:
            return rng.normal(mean, sd, n)

        return cls(
            codes=[r.code for r in rows],
            population_all=pop_all,
            population_18plus=pop18,
            population_65plus=pop65,
            emergency=normal(0.12),
            emergency_trend=normal(0.03, 0.01),
            los=normal(0.12),
            los_trend=normal(0.03, -0.01),
            weekend_wait=normal(0.35),
            weekend_trend=normal(0.10),
            reablement=normal(0.35),
            reablement_trend=normal(0.10),
            at_home=normal(0.35),
            at_home_trend=normal(0.12),
            delays=normal(0.45),
            delays_trend=normal(0.15, -0.03),
            attribution=rng.dirichlet([11, 7, 2], n),
            age_cumulative=np.cumsum(shares, axis=1),
        )


def logistic(x: Floats) -> Floats:
    return np.asarray(1 / (1 + np.exp(-x)), dtype=np.float64)


def days_in(month: date) -> int:
    return (add_months(month, 1) - month).days


def month_weights(traits: AreaTraits, months: list[date], start: date) -> Floats:
    """Relative volume of spells for each (month, area): population, winter, trend."""
    weights = np.empty((len(months), len(traits.codes)))
    for i, month in enumerate(months):
        years = (month - start).days / 365.25
        season = WINTER.get(month.month, 1.0)
        weights[i] = traits.population_all * days_in(month) * season
        weights[i] *= np.exp(0.5 * (traits.emergency + traits.emergency_trend * years))
    return weights


def dictionary_codes(
    indices: Ints, valid: npt.NDArray[np.bool_], dictionary: list[str]
) -> pa.Array:
    return pa.DictionaryArray.from_arrays(
        pa.array(indices.astype(np.int16), mask=~valid), pa.array(dictionary)
    )
