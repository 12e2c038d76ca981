"""How big a synthetic England is: a fraction of a real-size England, populations included.

A real-size year holds as many spells as make about 2.3 million emergency admissions of people
aged 65+ (Hospital Episode Statistics, 2018-19), given the model's own age mix and emergency
shares; the window's expected volume follows each month's length, winter and each area's
propensity and trend. ``sample`` is the fraction of that volume written, and the populations
written are the real ones times the same fraction, so a rate per 100,000 has its published
magnitude whether 10,000 spells are written or 50 million. Asking for a number of spells instead
sets the fraction that number makes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from joinedup.errors import InvalidInput
from joinedup.metrics.synth_areas import (
    EMERGENCY_SHARE,
    WINTER,
    AreaTraits,
    month_weights,
)

# Emergency admissions of people aged 65+ in England in a year (HES admitted patient care).
EMERGENCY_65_PER_YEAR = 2_300_000
OLDER_GROUPS = slice(3, None)  # 65-74, 75-84 and 85+
LARGEST_SAMPLE = 10.0


@dataclass(frozen=True)
class Size:
    spells: int  # admitted in the window
    sample: float  # fraction of a real-size England


def emergency_65_share(traits: AreaTraits, months: list[date], start: date) -> float:
    """The expected share of the window's spells that are emergency admissions of people 65+
    (the same propensities as ``SpellMaker.month``)."""
    weights = month_weights(traits, months, start)
    shares = np.diff(traits.age_cumulative, axis=1, prepend=0.0)[:, OLDER_GROUPS]
    expected = 0.0
    for i, month in enumerate(months):
        years = (month - start).days / 365.25
        boost = np.exp(traits.emergency + traits.emergency_trend * years)
        boost = boost * WINTER.get(month.month, 1.0)
        p = np.minimum(EMERGENCY_SHARE[OLDER_GROUPS] * boost[:, None], 0.95)
        expected += float((weights[i] * (shares * p).sum(axis=1)).sum())
    return expected / float(weights.sum())


def real_size_spells(traits: AreaTraits, months: list[date], start: date) -> float:
    """Spells admitted in the window in a real-size England."""
    wanted = EMERGENCY_65_PER_YEAR * len(months) / 12
    return wanted / emergency_65_share(traits, months, start)


def size_of(
    traits: AreaTraits,
    months: list[date],
    start: date,
    *,
    spells: int | None = None,
    sample: float | None = None,
) -> Size:
    """The number of spells and the fraction of England they are, from either one of them."""
    real = real_size_spells(traits, months, start)
    if sample is not None:
        if spells is not None:
            raise InvalidInput.of("--sample", "Give either --sample or --spells, not both")
        if not 0 < sample <= LARGEST_SAMPLE:
            raise InvalidInput.of(
                "--sample",
                f"{sample!r} must be more than 0 and at most {LARGEST_SAMPLE:g} "
                "(1 is England's real size)",
            )
        count = round(real * sample)
        if count < 1:
            raise InvalidInput.of(
                "--sample", f"{sample!r} of England is less than one spell in the window"
            )
        return Size(count, sample)
    if spells is None or spells < 1:
        raise InvalidInput.of("--spells", "It must be at least 1")
    return Size(spells, spells / real)
