"""The demo world's synthetic England: patient-level files made, measured and loaded."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.metrics import service
from joinedup.metrics.periods import PeriodKind
from joinedup.metrics.synth import synth
from joinedup.timeline import Timeline

if TYPE_CHECKING:
    import pyarrow as pa

# One fiftieth of a real-size England (about 950,000 spells over three years), populations
# scaled alike, so rates have their published magnitude.
DEMO_SAMPLE = 0.02
DEMO_START = "2017-04"
DEMO_MONTHS = 36
DEMO_SEED = 2018
# National collections publish a month's figures some weeks after it ends: each period's values
# arrive as their own vintage this long after the period's last day.
ARRIVAL_LAG = timedelta(days=21)


def build(session: Session, timeline: Timeline, *, sample: float = DEMO_SAMPLE) -> int:
    """Three years of synthetic England from April 2017: months, quarters, financial and
    rolling years, computed once and loaded as monthly vintages dated on the story's timeline
    (each period's values known three weeks after it ends, or today at the latest); returns
    the number of values stored."""
    with tempfile.TemporaryDirectory(prefix="joinedup-demo-") as folder:
        first, last = timeline.on(2016, 4, 1), timeline.last_complete_month  # story's data
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        synth(Path(folder), sample=sample, seed=DEMO_SEED, start=f"{first:%Y-%m}", months=months)
        checksum = service.folder_checksum(Path(folder))
        table = service.compute(
            Path(folder),
            [
                PeriodKind.MONTH,
                PeriodKind.QUARTER,
                PeriodKind.FINANCIAL_YEAR,
                PeriodKind.ROLLING12,
            ],
            years_moved=timeline.years,  # validity (delayed transfers to 2020) moves alike
        )
    stored = 0
    for ends, part in _by_period_end(table):
        load = service.load_values(
            session,
            actor=OPERATOR,
            table=part,
            source="synthetic England (demo)",
            engine="duckdb",
            checksum=checksum,
            loaded_on=min(ends + ARRIVAL_LAG, timeline.today),
        )
        stored += load.rows
    return stored


def _by_period_end(table: pa.Table) -> list[tuple[date, pa.Table]]:
    """The table split by the last day of each period, oldest first."""
    import pyarrow.compute as pc

    ends = table.column("period_end")
    return [(end, table.filter(pc.equal(ends, end))) for end in sorted(set(ends.to_pylist()))]
