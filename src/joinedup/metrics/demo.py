"""The demo world's synthetic England: patient-level files made, measured and loaded."""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.metrics import service
from joinedup.metrics.periods import PeriodKind
from joinedup.metrics.synth import synth
from joinedup.timeline import Timeline

# One fiftieth of a real-size England (about 950,000 spells over three years), populations
# scaled alike, so rates have their published magnitude.
DEMO_SAMPLE = 0.02
DEMO_START = "2017-04"
DEMO_MONTHS = 36
DEMO_SEED = 2018


def build(session: Session, timeline: Timeline, *, sample: float = DEMO_SAMPLE) -> int:
    """Three years of synthetic England from April 2017: months, quarters, financial and
    rolling years, all loaded; returns the number of values stored."""
    with tempfile.TemporaryDirectory(prefix="joinedup-demo-") as folder:
        first, last = timeline.on(2016, 4, 1), timeline.last_complete_month  # story's data
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        synth(Path(folder), sample=sample, seed=DEMO_SEED, start=f"{first:%Y-%m}", months=months)
        table = service.compute(
            Path(folder),
            [
                PeriodKind.MONTH,
                PeriodKind.QUARTER,
                PeriodKind.FINANCIAL_YEAR,
                PeriodKind.ROLLING12,
            ],
        )
    load = service.load_values(
        session, actor=OPERATOR, table=table, source="synthetic England (demo)", engine="duckdb"
    )
    return load.rows
