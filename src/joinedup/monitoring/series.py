"""Reading KPI values: what was entered here (append-only, as it stood at any moment) and what
the metrics service stores for a linked indicator (months, quarters, financial and rolling
years), each KPI read twice: the chart's series, and its figures on the target's basis.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from joinedup.access.rules import Principal
from joinedup.monitoring.basis import Basis, Figure, on_basis
from joinedup.monitoring.models import Kpi, KpiValue

SOURCE_LOCAL = "local"
SOURCE_INDICATOR = "indicator"
# The stored lengths a figure on each basis may come from (the year to date: an April, the
# first quarter or the whole year; other months of it are not stored).
LENGTHS: dict[Basis, tuple[int, ...]] = {
    Basis.MONTH: (1,),
    Basis.QUARTER: (3,),
    Basis.FINANCIAL_YEAR: (12,),
    Basis.FINANCIAL_YEAR_TO_DATE: (1, 3, 12),
    Basis.ROLLING12: (12,),
}


@dataclass(frozen=True)
class SeriesPoint:
    """One value of a KPI's chart; a stored proportion also carries its numerator and
    denominator (the people counted), which a p-chart and the small-numbers warning use."""

    period: date
    value: float
    numerator: float | None = field(default=None, compare=False)
    denominator: float | None = field(default=None, compare=False)
    months: int = field(default=1, compare=False)
    # Held back by disclosure control from the person reading (a linked indicator's value made
    # from a small count): shown as [c], while charts and limits still use the value.
    suppressed: bool = field(default=False, compare=False)
    # Held back from a paper or any other publication, whoever prepares it.
    published_suppressed: bool = field(default=False, compare=False)
    # The denominator as the person reading may see it (rounded outside the national roles).
    shown_denominator: float | None = field(default=None, compare=False)

    @property
    def figure(self) -> Figure:
        return Figure(self.period, self.months, self.value)


@dataclass(frozen=True)
class KpiSeries:
    """A KPI's chart series, and its figures on its target's basis (oldest first).

    `comparable` is False when nothing is stored on the target's basis: the figures are then
    the chart's own, which cannot be judged against the target.
    """

    chart: tuple[SeriesPoint, ...]
    figures: tuple[Figure, ...]
    comparable: bool
    # The periods (first day, months) held back by disclosure control: from the person
    # reading, and from a publication.
    withheld: frozenset[tuple[date, int]] = frozenset()
    withheld_published: frozenset[tuple[date, int]] = frozenset()


def value_entries(session: Session, kpi_id: int) -> dict[date, list[KpiValue]]:
    """Every entry of every period, oldest version first."""
    query = (
        select(KpiValue)
        .where(KpiValue.kpi_id == kpi_id)
        .order_by(KpiValue.period, KpiValue.version)
    )
    entries: dict[date, list[KpiValue]] = {}
    for entry in session.scalars(query):
        entries.setdefault(entry.period, []).append(entry)
    return entries


def current_values(
    session: Session, kpi_ids: Sequence[int], *, recorded_by: datetime | None = None
) -> dict[int, list[SeriesPoint]]:
    """The value in force for each period of each KPI (its highest version; a withdrawn period
    has none), oldest period first: one query for any number of KPIs. With `recorded_by`, the
    values as they stood at that moment: entries made later are left out."""
    if not kpi_ids:
        return {}
    conditions: list[ColumnElement[bool]] = [KpiValue.kpi_id.in_(kpi_ids)]
    if recorded_by is not None:
        conditions.append(KpiValue.at <= recorded_by)
    highest = (
        select(KpiValue.kpi_id, KpiValue.period, func.max(KpiValue.version).label("version"))
        .where(*conditions)
        .group_by(KpiValue.kpi_id, KpiValue.period)
        .subquery()
    )
    query = (
        select(KpiValue.kpi_id, KpiValue.period, KpiValue.value)
        .join(
            highest,
            and_(
                KpiValue.kpi_id == highest.c.kpi_id,
                KpiValue.period == highest.c.period,
                KpiValue.version == highest.c.version,
            ),
        )
        .where(KpiValue.value.is_not(None))
        .order_by(KpiValue.kpi_id, KpiValue.period)
    )
    out: dict[int, list[SeriesPoint]] = {}
    for kpi_id, period, value in session.execute(query):
        if value is not None:  # withdrawn periods are left out above; this tells mypy
            out.setdefault(kpi_id, []).append(SeriesPoint(period, float(value)))
    return out


def basis_of(kpi: Kpi) -> Basis:
    try:
        return Basis(kpi.target_basis)
    except ValueError:
        return Basis.MONTH


def _lengths(kpis: Sequence[Kpi]) -> list[int]:
    wanted: set[int] = set()
    for kpi in kpis:
        if kpi.source == SOURCE_INDICATOR:
            wanted.add(kpi.indicator_months)
            if kpi.target_text:
                wanted.update(LENGTHS[basis_of(kpi)])
    return sorted(wanted)


# Whoever a paper or other publication is for: outside the national roles.
PUBLICATION = Principal(user_id=None, email="", name="publication")


def _indicator_values(
    session: Session,
    actor: Principal,
    area_code: str,
    kpis: Sequence[Kpi],
    known_on: date | None = None,
) -> dict[tuple[str, int], list[SeriesPoint]]:
    """The area's stored values of the linked indicators, by (indicator, months): a couple of
    queries per period length, whatever the number of KPIs; with ``known_on``, the values of
    the data vintages loaded by that day."""
    from joinedup.metrics import service as metrics

    out: dict[tuple[str, int], list[SeriesPoint]] = {}
    for months in _lengths(kpis):
        stored_values = list(_stored_values(session, actor, area_code, months, known_on))
        seen_by = zip(
            stored_values,
            metrics.shown_to(actor, stored_values),
            metrics.shown_to(PUBLICATION, stored_values),
            strict=True,
        )
        for stored, seen, published in seen_by:
            if stored.value is not None:
                out.setdefault((stored.indicator, months), []).append(
                    SeriesPoint(
                        stored.period_start,
                        float(stored.value),
                        stored.numerator,
                        stored.denominator,
                        months,
                        suppressed=seen.suppressed,
                        published_suppressed=published.suppressed,
                        shown_denominator=seen.denominator,
                    )
                )
    return out


def _stored_values(
    session: Session, actor: Principal, area_code: str, months: int, known_on: date | None
) -> Iterator[Any]:  # metrics' stored values
    from joinedup.metrics import service as metrics  # loaded when used: the CLI starts faster

    if known_on is not None:
        yield from metrics.values_known_on(
            session, actor=actor, area_code=area_code, months=months, on=known_on
        )
        return
    offset = 0
    while True:
        page = metrics.find_values(
            session, actor=actor, area_code=area_code, months=months, offset=offset
        )
        yield from page.values
        offset += page.limit
        if offset >= page.total:
            return


def _linked(kpi: Kpi, stored: dict[tuple[str, int], list[SeriesPoint]]) -> KpiSeries:
    indicator = kpi.indicator_id or ""
    chart = stored.get((indicator, kpi.indicator_months), [])
    basis = basis_of(kpi)
    on = [
        p.figure
        for months in LENGTHS[basis]
        for p in stored.get((indicator, months), [])
        if on_basis(basis, p.period, p.months)
    ]
    on.sort(key=lambda f: f.end)
    points = [
        p
        for months in {kpi.indicator_months, *LENGTHS[basis]}
        for p in stored.get((indicator, months), [])
    ]
    withheld = frozenset((p.period, p.months) for p in points if p.suppressed)
    published = frozenset((p.period, p.months) for p in points if p.published_suppressed)
    if on or not kpi.target_text:
        figures = tuple(on or (p.figure for p in chart))
        return KpiSeries(tuple(chart), figures, True, withheld, published)
    return KpiSeries(tuple(chart), tuple(p.figure for p in chart), False, withheld, published)


def read_series(
    session: Session,
    actor: Principal,
    area_code: str,
    kpis: Sequence[Kpi],
    *,
    recorded_by: datetime | None = None,
    known_on: date | None = None,
) -> dict[int, KpiSeries]:
    """Each KPI's series: its entered values (entered on its target's basis) or its indicator's
    stored ones (with ``known_on``, those of the data vintages loaded by that day)."""
    local = current_values(
        session, [k.id for k in kpis if k.source != SOURCE_INDICATOR], recorded_by=recorded_by
    )
    linked = _indicator_values(session, actor, area_code, kpis, known_on)
    out: dict[int, KpiSeries] = {}
    for kpi in kpis:
        if kpi.source == SOURCE_INDICATOR:
            out[kpi.id] = _linked(kpi, linked)
        else:
            points = tuple(local.get(kpi.id, []))
            out[kpi.id] = KpiSeries(points, tuple(p.figure for p in points), True)
    return out
