"""Synthetic England after hospital: reablement of the people discharged, delayed transfers of
care by month and attribution, and the population table (England as the sum of its areas)."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa

from joinedup.areas.rules import ENGLAND
from joinedup.metrics.synth_areas import (
    ATTRIBUTIONS,
    WINTER,
    AreaTraits,
    days_in,
    dictionary_codes,
    logistic,
)


def reablement_table(
    m: dict[str, Any], traits: AreaTraits, start: np.datetime64, end: np.datetime64
) -> pa.Table:
    """Reablement after discharge: mostly 65+, more after emergency stays, rarely day cases."""
    rng: np.random.Generator = m["rng"]
    area, years = m["area"], m["years"]
    alive = m["in_window"] & (m["disdest"] >= 0) & (m["disdate"] >= start)
    los = (m["disdate"] - m["admidate"]).astype(np.int64)
    base = np.where(m["emergency"], 0.07, 0.015) * np.where(los == 0, 0.3, 1.0)
    rate = base * np.exp(traits.reablement[area] + traits.reablement_trend[area] * years)
    rate = np.where(m["older"], rate, np.where(m["startage"] >= 18, 0.003, 0.0))
    chosen = alive & (rng.random(area.size) < rate)
    n = int(chosen.sum())
    age = m["startage"][chosen]
    logit = 1.5 + traits.at_home[area[chosen]] + traits.at_home_trend[area[chosen]] * years
    logit = logit - np.where(age >= 85, 0.4, 0.0)
    at_home = rng.random(n) < logistic(logit)
    hospital_disdate = m["disdate"][chosen]
    known = hospital_disdate + 91 <= end
    return pa.table(
        {
            "person_id": pa.array(m["person_id"][chosen]),
            "area_code": dictionary_codes(area[chosen], m["resident"][chosen], traits.codes),
            "startage": pa.array(age.astype(np.int16)),
            "hospital_disdate": pa.array(hospital_disdate),
            "at_home_day91": pa.array(at_home, mask=~known),
        }
    )


def dtoc_table(
    traits: AreaTraits,
    months: list[date],
    start: date,
    rng: np.random.Generator,
    sample: float = 1.0,
) -> pa.Table:
    """Delayed days per area, month and attribution, about 12 per day per 100,000 aged 18+
    (of a population scaled by ``sample``)."""
    areas, stamps, days, who = [], [], [], []
    for month in months:
        years = (month - start).days / 365.25
        rate = 12.0 * np.exp(traits.delays + traits.delays_trend * years)
        rate = rate * (1.15 if WINTER.get(month.month, 1.0) > 1.05 else 1.0)
        expected = rate * days_in(month) * traits.population_18plus * sample / 100_000
        total = rng.poisson(expected * rng.gamma(20, 1 / 20, expected.size))
        for i, code in enumerate(traits.codes):
            split = rng.multinomial(total[i], traits.attribution[i])
            for j, attribution in enumerate(ATTRIBUTIONS):
                if split[j] > 0:
                    areas.append(code)
                    stamps.append(f"{month:%Y-%m}")
                    days.append(int(split[j]))
                    who.append(attribution)
    return pa.table(
        {
            "area_code": pa.array(areas),
            "month": pa.array(stamps),
            "delayed_days": pa.array(days, pa.int64()),
            "attribution": pa.array(who),
        }
    )


def population_table(
    traits: AreaTraits, years: list[int], base_year: int, sample: float = 1.0
) -> pa.Table:
    """One row per area per year (modest growth, faster for 65+), and England as their sum;
    every count scaled by ``sample`` (at least one person)."""
    codes: list[str] = []
    year_column: list[int] = []
    columns: dict[str, list[int]] = {"all": [], "18": [], "65": []}
    for year in years:
        step = year - base_year
        counts = {
            key: np.maximum(np.round(column * growth**step * sample), 1)
            for key, column, growth in (
                ("all", traits.population_all, 1.005),
                ("18", traits.population_18plus, 1.006),
                ("65", traits.population_65plus, 1.015),
            )
        }
        codes += [*traits.codes, ENGLAND]
        year_column += [year] * (len(traits.codes) + 1)
        for key, values in counts.items():
            columns[key] += [*values.astype(np.int64).tolist(), int(values.sum())]
    return pa.table(
        {
            "area_code": pa.array(codes),
            "year": pa.array(year_column, pa.int32()),
            "population_all": pa.array(columns["all"], pa.int64()),
            "population_18plus": pa.array(columns["18"], pa.int64()),
            "population_65plus": pa.array(columns["65"], pa.int64()),
        }
    )
