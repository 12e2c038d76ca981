"""Synthetic England's discharge ready dates and long-term care admissions (today's measures).

Discharge ready date (SUS): recorded for most adults discharged alive; most leave on the day,
a minority wait, older people more often and longer, areas differing and drifting with their
delayed transfers. Long-term admissions to care homes (shaped like the client level data):
about 560 a year per 100,000 aged 65+ and 14 per 100,000 aged 18-64, by area and month.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from joinedup.metrics.synth_areas import AreaTraits, days_in, dictionary_codes, logistic

RECORDED = 0.93  # share of adult live discharges with a discharge ready date
DELAYED_LOGIT = -1.3  # with short stays rarely delayed: about 13% discharged after it
LTC_65_PER_YEAR = 560 / 100_000
LTC_18_64_PER_YEAR = 14 / 100_000
SETTINGS = ["residential", "nursing"]


def ready_dates(m: dict[str, Any], traits: AreaTraits, seed: int, index: int) -> pa.Array:
    """A discharge ready date for each kept spell (empty where not recorded)."""
    rng = np.random.default_rng([seed, index + 5000])  # its own stream: other columns unchanged
    keep = m["keep"]
    area, age = m["area"][keep], m["startage"][keep]
    discharged, admitted = m["disdate"][keep], m["admidate"][keep]
    los = (discharged - admitted).astype(np.int64)
    n = area.size
    alive = m["in_window"][keep] & (m["disdest"][keep] >= 0)
    recorded = alive & (age >= 18) & (rng.random(n) < RECORDED)
    older = np.where(age >= 85, 0.9, np.where(age >= 75, 0.5, 0.0))
    trend = traits.delays_trend[area] * m["years"]
    delayed = rng.random(n) < logistic(DELAYED_LOGIT + 0.5 * traits.delays[area] + older + trend)
    median = 4.5 * np.where(age >= 85, 1.4, 1.0)
    wait = 1 + np.floor(rng.lognormal(np.log(median), 0.9))
    delay = np.where(delayed, np.minimum(wait, los), 0).astype(np.int64)
    return pa.array(discharged - delay, mask=~recorded)


def _ages(rng: np.random.Generator, older: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """Ages at admission: 65+ skewed towards the mid-80s, younger adults spread evenly."""
    old = np.minimum(65 + rng.gamma(6.0, 3.3, older.size), 105)
    young = rng.integers(18, 65, older.size)
    return np.where(older, old, young).astype(np.int64)


def ltc_admissions_table(
    traits: AreaTraits, months: list[date], start: date, seed: int, sample: float
) -> pa.Table:
    """Long-term admissions to residential and nursing care per area and month."""
    rng = np.random.default_rng([seed, 2])
    propensity = rng.normal(0.0, 0.25, len(traits.codes))  # its own, not drawn with the traits
    drift = rng.normal(-0.02, 0.05, len(traits.codes))
    areas, days, ages = [], [], []
    pop_18_64 = traits.population_18plus - traits.population_65plus
    for month in months:
        years = (month - start).days / 365.25
        scale = np.exp(propensity + drift * years) * sample * days_in(month) / 365.25
        for rate, population, older in (
            (LTC_65_PER_YEAR, traits.population_65plus, True),
            (LTC_18_64_PER_YEAR, pop_18_64, False),
        ):
            counts = rng.poisson(rate * population * scale)
            where = np.repeat(np.arange(len(traits.codes)), counts)
            areas.append(where)
            days.append(np.datetime64(month, "D") + rng.integers(0, days_in(month), where.size))
            ages.append(_ages(rng, np.full(where.size, older)))
    area = np.concatenate(areas) if areas else np.zeros(0, np.int64)
    n = area.size
    return pa.table(
        {
            "person_id": pa.array([f"c{i}" for i in rng.permutation(n)]),
            "area_code": dictionary_codes(area, np.ones(n, bool), traits.codes),
            "startage": pa.array(np.concatenate(ages).astype(np.int16) if n else []),
            "event_start_date": pa.array(np.concatenate(days) if n else []),
            "setting": dictionary_codes(
                (rng.random(n) < 0.4).astype(np.int64), np.ones(n, bool), SETTINGS
            ),
        }
    )
