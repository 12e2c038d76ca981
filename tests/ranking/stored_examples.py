"""The hand-worked 4-area example stored in the test database for a period of its own."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
from ranking_examples import FOUR_AREAS, FOUR_ENGLAND, rows_from
from sqlalchemy.orm import Session
from tests.conftest import demo_email

from joinedup.access import service as access
from joinedup.access.rules import OPERATOR, Principal
from joinedup.metrics import service as metrics

# A year the demo world does not hold, so only the four example areas have values then.
STORED_PERIOD = date(2030, 4, 1)


def store_four_areas(session: Session, scale: float = 1.0) -> None:
    """Load the example (values multiplied by ``scale``) as a 12-month period from April 2030."""
    rows = []
    for row in rows_from(FOUR_AREAS, FOUR_ENGLAND):
        typed: dict[str, object] = {k: (None if v == "" else v) for k, v in row.items()}
        for column in ("value", "lower_95", "upper_95", "lower_998", "upper_998"):
            if typed[column] is not None:
                typed[column] = float(typed[column]) * scale  # type: ignore[arg-type]
        typed["period_start"] = STORED_PERIOD
        typed["period_end"] = date(2031, 3, 31)
        rows.append(typed)
    table = pa.Table.from_pylist(rows, schema=metrics.values_table([]).schema)
    metrics.load_values(session, actor=OPERATOR, table=table, source="four areas", engine="test")
    session.commit()


def principal(session: Session, role: str, area_code: str | None = None) -> Principal:
    return access.principal_for(access.get_user(session, demo_email(role, area_code)))
