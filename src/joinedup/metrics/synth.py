"""Synthetic England: the four contract tables for every reference area, deterministic by seed.

Volumes follow each area's population; areas differ (admission propensity, length of stay,
weekend discharging, reablement, delays) and drift over time, some better, some worse. Spells
are generated a month at a time with numpy and written in chunks, so ten million spells need
little memory.

What is modelled, per spell: age (from the area's age structure), emergency or planned
admission (HES ``admimeth``), admission day (planned care avoids weekends), length of stay
(skewed: day cases, then a log-normal tail that grows with age), a weekend dip in discharges
(some weekend discharges wait for Monday), winter pressure (more admissions and longer stays
in December to February), death in hospital (``disdest`` 79) and other destinations. Spells
admitted in the three months before the window that end inside it are included, as in an
extract by episode end; spells not ended by the window's end have no discharge date.

How big: a fraction ``sample`` of a real-size England (see ``synth_sample``). The populations
written are scaled by the same fraction, so every rate is of the published magnitude however
few spells are written.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from joinedup.errors import InvalidInput
from joinedup.files import replacing
from joinedup.metrics.periods import add_months, parse_month
from joinedup.metrics.synth_areas import (
    AGE_SHARES,
    EMERGENCY_SHARE,
    WINTER,
    AreaTraits,
    days_in,
    dictionary_codes,
    logistic,
    month_weights,
)
from joinedup.metrics.synth_care import dtoc_table, population_table, reablement_table
from joinedup.metrics.synth_discharge import ltc_admissions_table, ready_dates
from joinedup.metrics.synth_sample import size_of

LEAD_IN_MONTHS = 3
DEFAULT_SPELLS = 1_000_000
TABLES = ("spells", "reablement", "dtoc", "population", "ltc_admissions")
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Step = Callable[[str, int, int], None]

# Age groups of hospital spells (their shares by area are in synth_areas, the share of each
# group's spells that are emergency admissions in synth_sample).
AGE_EDGES = np.array([0, 18, 45, 65, 75, 85, 101])
# Median length of an emergency stay (days, when not same-day) by age group.
EMERGENCY_MEDIAN_LOS = np.array([1.2, 2.5, 2.8, 4.0, 5.5, 7.0])
DIED_EMERGENCY = np.array([0.002, 0.004, 0.012, 0.03, 0.05, 0.09])
EMERGENCY_CODES = np.array(["21", "22", "23", "24", "28", "2A", "2B", "2D"])
EMERGENCY_CODE_SHARES = np.array([0.62, 0.12, 0.10, 0.04, 0.07, 0.02, 0.02, 0.01])
PLANNED_CODES = np.array(["11", "12", "13", "31", "82"])
PLANNED_CODE_SHARES = np.array([0.58, 0.27, 0.10, 0.04, 0.01])
ALIVE_CODES = np.array(["19", "29", "51", "54", "65", "98"])
ALIVE_SHARES = np.array([0.86, 0.03, 0.05, 0.03, 0.02, 0.01])


@dataclass(frozen=True)
class SynthSummary:
    folder: Path
    rows: dict[str, int] = field(default_factory=dict)
    sample: float = 1.0  # the fraction of a real-size England written


class SpellMaker:
    """Generates one month of spells (all areas) with its own seeded generator."""

    def __init__(
        self, traits: AreaTraits, seed: int, start: date, end: date, sample: float = 1.0
    ) -> None:
        self.traits = traits
        # People are drawn from a pool the size of the sampled population.
        self.pool = np.maximum(traits.population_all * sample // 15, 100).astype(np.int64)
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
        admitted = np.datetime64(month, "D") + rng.integers(0, days_in(month), n)
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
        wait = logistic(-0.6 + t.weekend_wait[area] + t.weekend_trend[area] * years)
        held = (day >= 5) & (los > 0) & (rng.random(n) < wait)
        discharged = discharged + np.where(held, 7 - day, 0)

        died = rng.random(n) < np.where(emergency, DIED_EMERGENCY[group], 0.002)
        alive_code = rng.choice(len(ALIVE_CODES), n, p=ALIVE_SHARES)
        in_window = discharged <= self.end
        keep = (admitted >= self.start) | (in_window & (discharged >= self.start))
        resident = rng.random(n) >= 0.001  # a few spells lack a recorded residence
        ids = first_id + np.arange(n, dtype=np.int64)
        people = area.astype(np.int64) * 10_000_000 + rng.integers(0, self.pool[area])
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


def _spells_table(m: dict[str, Any], codes: list[str], ready: pa.Array) -> pa.Table:
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
            "admimeth": dictionary_codes(
                m["admimeth"][keep],
                np.ones(in_window.size, bool),
                [*EMERGENCY_CODES, *PLANNED_CODES],
            ),
            "disdest": dictionary_codes(
                np.where(disdest < 0, len(ALIVE_CODES), disdest), in_window, [*ALIVE_CODES, "79"]
            ),
            "resladst_ons": dictionary_codes(m["area"][keep], m["resident"][keep], codes),
            "discharge_ready_date": ready,
        }
    )


class _Writer:
    """Appends chunks to one file, written beside its name and put in place only when whole
    (the writers are entered on ``files``: closed, then renamed, when the block ends)."""

    def __init__(self, files: ExitStack, path: Path, fmt: str) -> None:
        self.partial = files.enter_context(replacing(path, suffix=f".{fmt}"))
        files.callback(self.close)
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
            self.writer = None


def synth(
    out_dir: Path,
    *,
    spells: int | None = None,
    sample: float | None = None,
    seed: int = 1,
    start: str = "2017-04",
    months: int = 36,
    fmt: str = "parquet",
    step: Step | None = None,
) -> SynthSummary:
    """Write ``spells``, ``reablement``, ``dtoc`` and ``population`` into ``out_dir``.

    The size is a fraction ``sample`` of a real-size England, or the fraction that ``spells``
    (spells admitted in the window) make; a million spells when neither is given. Populations
    are scaled by the same fraction. A few spells admitted just before the window are added, as
    an extract by episode end would hold them.
    """
    if fmt not in ("parquet", "csv"):
        raise InvalidInput.of("--format", f"{fmt!r} is not parquet or csv")
    if months < 1:
        raise InvalidInput.of("--months", "It must be at least 1")
    first = parse_month(start, option="--start")
    window = [add_months(first, i) for i in range(months)]
    last_day = np.datetime64(add_months(first, months), "D") - 1
    rng = np.random.default_rng(seed)
    traits = AreaTraits.draw(rng)
    if spells is None and sample is None:
        spells = DEFAULT_SPELLS
    size = size_of(traits, window, first, spells=spells, sample=sample)
    weights = month_weights(traits, window, first)
    counts = rng.multinomial(size.spells, (weights / weights.sum()).ravel()).reshape(weights.shape)
    lead = [add_months(first, -i) for i in range(LEAD_IN_MONTHS, 0, -1)]
    lead_weights = month_weights(traits, lead, first)
    lead_counts = rng.poisson(lead_weights / weights.sum() * size.spells)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise InvalidInput.of(
            "--out", f"{out_dir}: cannot write there ({reason.lower()})"
        ) from None
    with ExitStack() as files:
        writers = {name: _Writer(files, out_dir / f"{name}.{fmt}", fmt) for name in TABLES}
        maker = SpellMaker(traits, seed, first, last_day.astype(date), size.sample)
        plan = [(m, c) for m, c in zip(lead, lead_counts, strict=True)]
        plan += [(m, c) for m, c in zip(window, counts, strict=True)]
        next_id = 1
        for index, (month, month_counts) in enumerate(plan):
            made = maker.month(index, month, month_counts.astype(np.int64), next_id)
            next_id += int(month_counts.sum())
            ready = ready_dates(made, traits, seed, index)
            writers["spells"].write(_spells_table(made, traits.codes, ready))
            writers["reablement"].write(
                reablement_table(made, traits, np.datetime64(first, "D"), last_day)
            )
            if step:
                step(f"Spells of {month:%Y-%m}", index + 1, len(plan))
        writers["dtoc"].write(
            dtoc_table(traits, window, first, np.random.default_rng([seed, 1]), size.sample)
        )
        writers["ltc_admissions"].write(
            ltc_admissions_table(traits, window, first, seed, size.sample)
        )
        years = sorted({m.year for m in window})
        writers["population"].write(
            population_table(traits, years, base_year=2018, sample=size.sample)
        )
    return SynthSummary(out_dir, {name: w.rows for name, w in writers.items()}, size.sample)
