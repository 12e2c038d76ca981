"""Synthetic England: the four contract tables for every reference area, deterministic by seed.

Volumes follow each area's population; areas differ (admission propensity, length of stay,
weekend discharging, reablement, delays) and drift over time, some better, some worse. Spells
are generated a month at a time with numpy and written in chunks, so ten million spells need
little memory. The shape of the data (not its absolute level) is what is realistic: emergency
admission rates scale with ``spells``; about 32 million spells over 36 months matches England.

What is modelled, per spell: age (from the area's age structure), emergency or planned
admission (HES ``admimeth``), admission day (planned care avoids weekends), length of stay
(skewed: day cases, then a log-normal tail that grows with age), a weekend dip in discharges
(some weekend discharges wait for Monday), winter pressure (more admissions and longer stays
in December to February), death in hospital (``disdest`` 79) and other destinations. Spells
admitted in the three months before the window that end inside it are included, as in an
extract by episode end; spells not ended by the window's end have no discharge date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from joinedup.areas.service import reference_rows
from joinedup.errors import InvalidInput
from joinedup.metrics.periods import add_months, parse_month

ENGLAND = "E92000001"
LEAD_IN_MONTHS = 3
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Step = Callable[[str, int, int], None]

# Age groups of hospital spells and their shares (England, all admissions, roughly).
AGE_EDGES = np.array([0, 18, 45, 65, 75, 85, 101])
AGE_SHARES = np.array([0.10, 0.22, 0.26, 0.17, 0.16, 0.09])
EMERGENCY_SHARE = np.array([0.55, 0.33, 0.33, 0.45, 0.55, 0.70])
# Median length of an emergency stay (days, when not same-day) by age group.
EMERGENCY_MEDIAN_LOS = np.array([1.2, 2.5, 2.8, 4.0, 5.5, 7.0])
DIED_EMERGENCY = np.array([0.002, 0.004, 0.012, 0.03, 0.05, 0.09])
EMERGENCY_CODES = np.array(["21", "22", "23", "24", "28", "2A", "2B", "2D"])
EMERGENCY_CODE_SHARES = np.array([0.62, 0.12, 0.10, 0.04, 0.07, 0.02, 0.02, 0.01])
PLANNED_CODES = np.array(["11", "12", "13", "31", "82"])
PLANNED_CODE_SHARES = np.array([0.58, 0.27, 0.10, 0.04, 0.01])
ALIVE_CODES = np.array(["19", "29", "51", "54", "65", "98"])
ALIVE_SHARES = np.array([0.86, 0.03, 0.05, 0.03, 0.02, 0.01])
ATTRIBUTIONS = ("NHS", "social_care", "both")
WINTER = {12: 1.08, 1: 1.10, 2: 1.07, 3: 1.03, 11: 1.03, 6: 0.97, 7: 0.96, 8: 0.95}


@dataclass(frozen=True)
class SynthSummary:
    folder: Path
    rows: dict[str, int] = field(default_factory=dict)


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


def _logistic(x: Floats) -> Floats:
    return np.asarray(1 / (1 + np.exp(-x)), dtype=np.float64)


def _days(month: date) -> int:
    return (add_months(month, 1) - month).days


def _month_weights(traits: AreaTraits, months: list[date], start: date) -> Floats:
    """Relative volume of spells for each (month, area): population, winter, trend."""
    weights = np.empty((len(months), len(traits.codes)))
    for i, month in enumerate(months):
        years = (month - start).days / 365.25
        season = WINTER.get(month.month, 1.0)
        weights[i] = traits.population_all * _days(month) * season
        weights[i] *= np.exp(0.5 * (traits.emergency + traits.emergency_trend * years))
    return weights


class SpellMaker:
    """Generates one month of spells (all areas) with its own seeded generator."""

    def __init__(self, traits: AreaTraits, seed: int, start: date, end: date) -> None:
        self.traits = traits
        self.seed = seed
        self.start = np.datetime64(start, "D")
        self.end = np.datetime64(end, "D")  # last day of the window (extract date)
        self.origin = start

    def month(self, index: int, month: date, counts: Ints, first_id: int) -> dict[str, Any]:
        t = self.traits
        rng = np.random.default_rng([self.seed, index + 1000])
        area = np.repeat(np.arange(len(t.codes)), counts)
        n = area.size
        years = (month - self.origin).days / 365.25
        winter = WINTER.get(month.month, 1.0)
        group = (rng.random(n)[:, None] > t.age_cumulative[area]).sum(axis=1)
        group = np.minimum(group, len(AGE_SHARES) - 1)
        age = rng.integers(AGE_EDGES[group], AGE_EDGES[group + 1])
        older = group >= 3
        boost = np.exp(t.emergency[area] + t.emergency_trend[area] * years) * winter
        p_emergency = EMERGENCY_SHARE[group] * np.where(older, boost, 1.0)
        emergency = rng.random(n) < np.minimum(p_emergency, 0.95)
        admimeth = np.where(
            emergency,
            rng.choice(len(EMERGENCY_CODES), n, p=EMERGENCY_CODE_SHARES),
            len(EMERGENCY_CODES) + rng.choice(len(PLANNED_CODES), n, p=PLANNED_CODE_SHARES),
        )
        admitted = np.datetime64(month, "D") + rng.integers(0, _days(month), n)
        weekday = (admitted.astype(np.int64) + 3) % 7  # Monday = 0
        # Planned care mostly avoids weekends: move most to the Monday after (or the Friday
        # before, at the end of a month), so that admissions stay in their month.
        moved = ~emergency & (weekday >= 5) & (rng.random(n) < 0.85)
        forward = admitted + (7 - weekday) < np.datetime64(add_months(month, 1), "D")
        admitted = admitted + np.where(moved, np.where(forward, 7 - weekday, 4 - weekday), 0)

        stretch = np.exp(t.los[area] + t.los_trend[area] * years) * (1.04 if winter > 1 else 1.0)
        median = np.where(emergency, EMERGENCY_MEDIAN_LOS[group], 2.0) * stretch
        tail = 1 + np.floor(rng.lognormal(np.log(median), np.where(emergency, 0.95, 0.8)))
        same_day = rng.random(n) < np.where(emergency, np.where(older, 0.12, 0.22), 0.70)
        los = np.minimum(np.where(same_day, 0, tail), 365).astype(np.int64)
        discharged = admitted + los
        # The weekend dip: some weekend discharges wait until Monday.
        day = (discharged.astype(np.int64) + 3) % 7
        wait = _logistic(-0.6 + t.weekend_wait[area] + t.weekend_trend[area] * years)
        held = (day >= 5) & (los > 0) & (rng.random(n) < wait)
        discharged = discharged + np.where(held, 7 - day, 0)

        died = rng.random(n) < np.where(emergency, DIED_EMERGENCY[group], 0.002)
        alive_code = rng.choice(len(ALIVE_CODES), n, p=ALIVE_SHARES)
        in_window = discharged <= self.end
        keep = (admitted >= self.start) | (in_window & (discharged >= self.start))
        resident = rng.random(n) >= 0.001  # a few spells lack a recorded residence
        ids = first_id + np.arange(n, dtype=np.int64)
        people = area.astype(np.int64) * 10_000_000 + rng.integers(
            0, np.maximum(t.population_all[area] // 15, 100).astype(np.int64)
        )
        return {
            "keep": keep,
            "spell_id": ids,
            "person_id": people,
            "startage": age,
            "admidate": admitted,
            "disdate": discharged,
            "in_window": in_window,
            "admimeth": admimeth,
            "disdest": np.where(died, -1, alive_code),
            "area": area,
            "resident": resident,
            "emergency": emergency,
            "older": older,
            "years": years,
            "rng": rng,
        }


def _codes(indices: Ints, valid: npt.NDArray[np.bool_], dictionary: list[str]) -> pa.Array:
    return pa.DictionaryArray.from_arrays(
        pa.array(indices.astype(np.int16), mask=~valid), pa.array(dictionary)
    )


def _spells_table(m: dict[str, Any], codes: list[str]) -> pa.Table:
    keep = m["keep"]
    in_window = m["in_window"][keep]
    disdest = m["disdest"][keep]
    return pa.table(
        {
            "spell_id": pa.array(m["spell_id"][keep]),
            "person_id": pa.array(m["person_id"][keep]),
            "startage": pa.array(m["startage"][keep].astype(np.int16)),
            "admidate": pa.array(m["admidate"][keep]),
            "disdate": pa.array(m["disdate"][keep], mask=~in_window),
            "admimeth": _codes(
                m["admimeth"][keep],
                np.ones(in_window.size, bool),
                [*EMERGENCY_CODES, *PLANNED_CODES],
            ),
            "disdest": _codes(
                np.where(disdest < 0, len(ALIVE_CODES), disdest), in_window, [*ALIVE_CODES, "79"]
            ),
            "resladst_ons": _codes(m["area"][keep], m["resident"][keep], codes),
        }
    )


def _reablement_table(
    m: dict[str, Any], traits: AreaTraits, start: np.datetime64, end: np.datetime64
) -> pa.Table:
    """Reablement after discharge: mostly 65+, more after emergency stays, rarely day cases."""
    rng: np.random.Generator = m["rng"]
    area, years = m["area"], m["years"]
    alive = m["in_window"] & (m["disdest"] >= 0) & (m["disdate"] >= start)
    los = (m["disdate"] - m["admidate"]).astype(np.int64)
    base = np.where(m["emergency"], 0.045, 0.012) * np.where(los == 0, 0.3, 1.0)
    rate = base * np.exp(traits.reablement[area] + traits.reablement_trend[area] * years)
    rate = np.where(m["older"], rate, np.where(m["startage"] >= 18, 0.003, 0.0))
    chosen = alive & (rng.random(area.size) < rate)
    n = int(chosen.sum())
    age = m["startage"][chosen]
    logit = 1.5 + traits.at_home[area[chosen]] + traits.at_home_trend[area[chosen]] * years
    logit = logit - np.where(age >= 85, 0.4, 0.0)
    at_home = rng.random(n) < _logistic(logit)
    hospital_disdate = m["disdate"][chosen]
    known = hospital_disdate + 91 <= end
    return pa.table(
        {
            "person_id": pa.array(m["person_id"][chosen]),
            "area_code": _codes(area[chosen], m["resident"][chosen], traits.codes),
            "startage": pa.array(age.astype(np.int16)),
            "hospital_disdate": pa.array(hospital_disdate),
            "at_home_day91": pa.array(at_home, mask=~known),
        }
    )


def _dtoc_table(
    traits: AreaTraits, months: list[date], start: date, rng: np.random.Generator
) -> pa.Table:
    """Delayed days per area, month and attribution, about 12 per day per 100,000 aged 18+."""
    areas, stamps, days, who = [], [], [], []
    for month in months:
        years = (month - start).days / 365.25
        rate = 12.0 * np.exp(traits.delays + traits.delays_trend * years)
        rate = rate * (1.15 if WINTER.get(month.month, 1.0) > 1.05 else 1.0)
        expected = rate * _days(month) * traits.population_18plus / 100_000
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


def _population_table(traits: AreaTraits, years: list[int], base_year: int) -> pa.Table:
    """One row per area per year (modest growth, faster for 65+), and England as their sum."""
    codes: list[str] = []
    year_column: list[int] = []
    columns: dict[str, list[int]] = {"all": [], "18": [], "65": []}
    for year in years:
        step = year - base_year
        counts = {
            "all": np.round(traits.population_all * 1.005**step),
            "18": np.round(traits.population_18plus * 1.006**step),
            "65": np.round(traits.population_65plus * 1.015**step),
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


class _Writer:
    """Appends chunks to one file; the file only appears under its name when complete."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path = path
        self.partial = path.with_name(f".{path.name}.partial")
        self.fmt = fmt
        self.writer: Any = None
        self.rows = 0

    def write(self, table: pa.Table) -> None:
        if self.fmt == "csv":
            table = table.cast(
                pa.schema(
                    [
                        (f.name, pa.string() if pa.types.is_dictionary(f.type) else f.type)
                        for f in table.schema
                    ]
                )
            )
        if self.writer is None:
            if self.fmt == "parquet":
                self.writer = pq.ParquetWriter(self.partial, table.schema, compression="zstd")
            else:
                options = pacsv.WriteOptions(quoting_style="none")
                self.writer = pacsv.CSVWriter(self.partial, table.schema, write_options=options)
        self.writer.write_table(table)
        self.rows += table.num_rows

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.partial.replace(self.path)


def synth(
    out_dir: Path,
    *,
    spells: int = 1_000_000,
    seed: int = 1,
    start: str = "2017-04",
    months: int = 36,
    fmt: str = "parquet",
    step: Step | None = None,
) -> SynthSummary:
    """Write ``spells``, ``reablement``, ``dtoc`` and ``population`` into ``out_dir``.

    ``spells`` counts the spells admitted in the window; a few admitted just before it are
    added, as an extract by episode end would hold them.
    """
    if fmt not in ("parquet", "csv"):
        raise InvalidInput(f"--format: {fmt!r} is not parquet or csv")
    if spells < 1 or months < 1:
        raise InvalidInput("--spells and --months must be at least 1")
    first = parse_month(start, option="--start")
    window = [add_months(first, i) for i in range(months)]
    last_day = np.datetime64(add_months(first, months), "D") - 1
    rng = np.random.default_rng(seed)
    traits = AreaTraits.draw(rng)
    weights = _month_weights(traits, window, first)
    counts = rng.multinomial(spells, (weights / weights.sum()).ravel()).reshape(weights.shape)
    lead = [add_months(first, -i) for i in range(LEAD_IN_MONTHS, 0, -1)]
    lead_weights = _month_weights(traits, lead, first)
    lead_counts = rng.poisson(lead_weights / weights.sum() * spells)
    out_dir.mkdir(parents=True, exist_ok=True)
    writers = {name: _Writer(out_dir / f"{name}.{fmt}", fmt) for name in ("spells", "reablement")}
    maker = SpellMaker(traits, seed, first, last_day.astype(date))
    plan = [(m, c) for m, c in zip(lead, lead_counts, strict=True)]
    plan += [(m, c) for m, c in zip(window, counts, strict=True)]
    next_id = 1
    for index, (month, month_counts) in enumerate(plan):
        made = maker.month(index, month, month_counts.astype(np.int64), next_id)
        next_id += int(month_counts.sum())
        writers["spells"].write(_spells_table(made, traits.codes))
        writers["reablement"].write(
            _reablement_table(made, traits, np.datetime64(first, "D"), last_day)
        )
        if step:
            step(f"Spells of {month:%Y-%m}", index + 1, len(plan))
    for writer in writers.values():
        writer.close()
    small = {
        "dtoc": _dtoc_table(traits, window, first, np.random.default_rng([seed, 1])),
        "population": _population_table(traits, sorted({m.year for m in window}), base_year=2018),
    }
    for name, table in small.items():
        writer = _Writer(out_dir / f"{name}.{fmt}", fmt)
        writer.write(table)
        writer.close()
        writers[name] = writer
    return SynthSummary(out_dir, {name: w.rows for name, w in writers.items()})
