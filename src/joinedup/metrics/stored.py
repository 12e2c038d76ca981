"""Indicator values in the application database: loading a computed table, reading it back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Integer, and_, delete, func, insert, literal, select, tuple_
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import audit
from joinedup.access.rules import Permission, Principal
from joinedup.errors import InvalidInput, NotFound, PermissionDenied
from joinedup.metrics.models import IndicatorLoad, IndicatorValue, SupersededValue

if TYPE_CHECKING:
    import pyarrow as pa

NUMBERS = ("numerator", "denominator", "value", "lower_95", "upper_95", "lower_998", "upper_998")


@dataclass(frozen=True)
class StoredValue:
    area_code: str
    indicator: str
    period_start: date
    period_end: date
    numerator: float | None
    denominator: float | None
    value: float | None
    lower_95: float | None
    upper_95: float | None
    lower_998: float | None
    upper_998: float | None

    @property
    def months(self) -> int:
        return months_between(self.period_start, self.period_end)


@dataclass(frozen=True)
class LoadedPeriods:
    months: int
    first_start: date
    last_start: date
    periods: int
    areas: int
    indicators: int
    loaded_at: datetime


def months_between(start: date, end: date) -> int:
    """Whole months from a first-of-month ``start`` to a last-of-month ``end``."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def load_values(
    session: Session,
    *,
    actor: Principal,
    table: pa.Table,
    source: str,
    engine: str,
    checksum: str = "",
    loaded_on: date | None = None,
) -> IndicatorLoad:
    """Store computed values as a new vintage, known from ``loaded_on`` (the clock's today by
    default); a figure loaded again replaces the current one, which is kept as superseded
    (audited)."""
    if not actor.can(Permission.LOAD_DATA):
        raise PermissionDenied("only analysts and admins load indicator values")
    from joinedup.metrics.results import COLUMNS, SCHEMA  # pyarrow: only when loading

    missing = [c for c in COLUMNS if c not in table.column_names]
    if missing:
        raise InvalidInput.of("table", f"{source}: missing column(s) {', '.join(missing)}")
    rows = table.select(list(COLUMNS)).cast(SCHEMA).to_pylist()
    keys = {(r["indicator"], r["period_start"], r["period_end"]) for r in rows}
    indicators = sorted({k[0] for k in keys})
    load = IndicatorLoad(
        loaded_by=actor.email,
        source=source,
        engine=engine,
        rows=len(rows),
        replaced=0,
        loaded_on=loaded_on or clock.today(),
        checksum=checksum,
        first_period=min((k[1] for k in keys), default=None),
        last_period=max((k[2] for k in keys), default=None),
        indicators=",".join(indicators)[:4000],
    )
    session.add(load)
    session.flush()
    replaced = 0
    key_list = sorted(keys)
    for chunk in range(0, len(key_list), 500):
        replaced += _supersede(session, key_list[chunk : chunk + 500], load.id)
    load.replaced = replaced
    for row in rows:
        row["load_id"] = load.id
        row["months"] = months_between(row["period_start"], row["period_end"])
    for chunk in range(0, len(rows), 5000):
        session.execute(insert(IndicatorValue), rows[chunk : chunk + 5000])
    audit.record(
        session,
        actor=actor,
        action="metrics.load",
        entity_type="indicator_load",
        entity_id=load.id,
        after={
            "source": source,
            "engine": engine,
            "rows": len(rows),
            "replaced": replaced,
            "loaded_on": load.loaded_on.isoformat(),
            "checksum": checksum,
            "periods": len({(k[1], k[2]) for k in keys}),
        },
    )
    return load


def _supersede(session: Session, keys: list[tuple[str, date, date]], load_id: int) -> int:
    """Move the current values of these figures to the superseded ones; how many moved."""
    # The length and start narrow the search to the (months, period_start) index: a demo loads
    # a vintage per month, and scanning the whole table for each would double its load time.
    figure = and_(
        IndicatorValue.months.in_({months_between(k[1], k[2]) for k in keys}),
        IndicatorValue.period_start.in_({k[1] for k in keys}),
        tuple_(
            IndicatorValue.indicator, IndicatorValue.period_start, IndicatorValue.period_end
        ).in_(keys),
    )
    copied = ("load_id", "area_code", "indicator", "months", "period_start", "period_end", *NUMBERS)
    session.execute(
        insert(SupersededValue).from_select(
            [*copied, "superseded_by"],
            select(*(getattr(IndicatorValue, c) for c in copied), literal(load_id, Integer)).where(
                figure
            ),
        )
    )
    result = session.execute(delete(IndicatorValue).where(figure))
    return int(getattr(result, "rowcount", 0) or 0)


def _stored(value: IndicatorValue) -> StoredValue:
    return StoredValue(
        value.area_code,
        value.indicator,
        value.period_start,
        value.period_end,
        *(getattr(value, n) for n in NUMBERS),
    )


def loaded_periods(session: Session) -> list[LoadedPeriods]:
    """What is loaded, by period length."""
    query = (
        select(
            IndicatorValue.months,
            func.min(IndicatorValue.period_start),
            func.max(IndicatorValue.period_start),
            func.count(func.distinct(IndicatorValue.period_start)),
            func.count(func.distinct(IndicatorValue.area_code)),
            func.count(func.distinct(IndicatorValue.indicator)),
            func.max(IndicatorLoad.loaded_at),
        )
        .join(IndicatorLoad, IndicatorLoad.id == IndicatorValue.load_id)
        .group_by(IndicatorValue.months)
        .order_by(IndicatorValue.months)
    )
    return [LoadedPeriods(*row) for row in session.execute(query)]


def indicator_series(
    session: Session, *, area_code: str, indicator: str, months: int = 1
) -> list[StoredValue]:
    """One area's values of one indicator over time, oldest first."""
    query = (
        select(IndicatorValue)
        .where(
            IndicatorValue.area_code == area_code,
            IndicatorValue.indicator == indicator,
            IndicatorValue.months == months,
        )
        .order_by(IndicatorValue.period_start)
    )
    return [_stored(v) for v in session.scalars(query)]


def period_starts(session: Session, *, months: int = 1) -> list[date]:
    query = (
        select(IndicatorValue.period_start)
        .where(IndicatorValue.months == months)
        .distinct()
        .order_by(IndicatorValue.period_start)
    )
    return list(session.scalars(query))


def latest_period_start(session: Session, *, months: int = 1) -> date:
    starts = period_starts(session, months=months)
    if not starts:
        raise NotFound("no indicator values are loaded: run `joinedup metrics compute --load`")
    return starts[-1]


def period_values(session: Session, *, period_start: date, months: int = 1) -> list[StoredValue]:
    """Every area's (and England's) values for one period."""
    query = (
        select(IndicatorValue)
        .where(IndicatorValue.period_start == period_start, IndicatorValue.months == months)
        .order_by(IndicatorValue.area_code, IndicatorValue.indicator)
    )
    return [_stored(v) for v in session.scalars(query)]


def values_table(values: list[StoredValue]) -> pa.Table:
    """Stored values back in the metrics output format (for ranking and exports)."""
    import pyarrow as pa

    from joinedup.metrics.results import COLUMNS, SCHEMA

    columns = {name: [getattr(v, name) for v in values] for name in COLUMNS}
    return pa.table(columns, schema=SCHEMA)
