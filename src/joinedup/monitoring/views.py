"""Reading evaluation frameworks: the board table (seed 003's shape) and one KPI in full.

Everything a page, the API or a highlight report needs is computed here once: the series up to
the report date, the latest figure on the target's basis against the target (with its period,
and whether it is older than expected), the direction of travel since the last report, and the
SPC charts with their variation and assurance. `values_as_at` reads the values as they stood on
a day, from the append-only history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.monitoring.basis import DEFAULT_LAG, Figure
from joinedup.monitoring.direction import Polarity
from joinedup.monitoring.kpi_charts import (
    DIRECTION_OF,
    kpi_charts,
    rebases_of,
    target_of,
    travel_between,
)
from joinedup.monitoring.kpi_row import KpiRow, TargetStatus
from joinedup.monitoring.models import FrameworkPart, Kpi, KpiValue
from joinedup.monitoring.permissions import may_edit, readable_framework, readable_kpi
from joinedup.monitoring.series import (
    SOURCE_INDICATOR,
    SOURCE_LOCAL,
    KpiSeries,
    SeriesPoint,
    basis_of,
    current_values,
    read_series,
    value_entries,
)

__all__ = [
    "DIRECTION_OF",
    "SOURCE_INDICATOR",
    "SOURCE_LOCAL",
    "FrameworkView",
    "KpiDetail",
    "KpiRow",
    "SeriesPoint",
    "TargetStatus",
    "current_values",
    "framework_view",
    "kpi_detail",
    "kpi_row",
    "value_entries",
    "values_as_at",
]


@dataclass(frozen=True)
class PartView:
    id: int
    number: int
    title: str
    kpis: tuple[KpiRow, ...]


@dataclass(frozen=True)
class FrameworkView:
    id: int
    area_code: str
    system_name: str
    title: str
    as_of: date
    since: date | None
    parts: tuple[PartView, ...]
    may_edit: bool
    agreed_on: date | None = None
    agreed_by: str = ""
    version: int = 1

    @property
    def kpis(self) -> list[KpiRow]:
        return [kpi for part in self.parts for kpi in part.kpis]


@dataclass(frozen=True)
class ValueEntry:
    """One entry of a period's value: the first, or a correction."""

    value: float | None
    version: int
    note: str
    source: str
    at: datetime
    actor: str


@dataclass(frozen=True)
class PeriodHistory:
    period: date
    current: ValueEntry
    earlier: tuple[ValueEntry, ...]  # newest first


@dataclass(frozen=True)
class KpiDetail:
    framework_id: int
    area_code: str
    system_name: str
    part_title: str
    row: KpiRow
    history: tuple[PeriodHistory, ...]  # newest period first; local KPIs only
    may_edit: bool


def kpi_row(
    kpi: Kpi,
    all_points: Sequence[SeriesPoint] | KpiSeries,
    *,
    as_of: date,
    since: date | None = None,
    published: bool = False,
) -> KpiRow:
    """A KPI as at `as_of`, from its whole series (no database access): only periods that
    ended by `as_of` count. ``published``: figures are held back as for a publication (a
    paper), whoever reads; otherwise as for the person reading."""
    read = (
        all_points
        if isinstance(all_points, KpiSeries)
        else KpiSeries(tuple(all_points), tuple(p.figure for p in all_points), True)
    )
    series = [p for p in read.chart if p.figure.end <= as_of]
    figures = tuple(f for f in read.figures if f.end <= as_of)
    polarity = Polarity(kpi.polarity)
    previous: Figure | None = None
    if len(figures) >= 2:
        earlier = list(figures[:-1])
        if since is not None:
            before = [f for f in earlier if f.end <= since]
            earlier = before or earlier[:1]
        previous = earlier[-1]
    travel = (
        travel_between(previous.value, figures[-1].value, polarity)
        if previous is not None
        else None
    )
    charts = kpi_charts(kpi, series, comparable=read.comparable)
    return KpiRow(
        id=kpi.id,
        code=kpi.code,
        name=kpi.name,
        unit=kpi.unit,
        polarity=polarity,
        target=target_of(kpi),
        target_text=kpi.target_text,
        source=kpi.source,
        indicator_id=kpi.indicator_id,
        screen_outliers=kpi.screen_outliers,
        fix_after=kpi.fix_after,
        rebases=rebases_of(kpi),
        version=kpi.version,
        series=tuple(series),
        previous=None
        if previous is None
        else SeriesPoint(previous.start, previous.value, months=previous.months),
        travel=travel,
        spc=charts.xmr,
        spc_problem=charts.problem,
        basis=basis_of(kpi),
        expected_lag=kpi.expected_lag if kpi.expected_lag is not None else DEFAULT_LAG,
        as_of=as_of,
        figures=figures,
        comparable=read.comparable,
        p_chart=charts.p,
        small_numbers=charts.small_numbers,
        chart_shows_target=charts.shows_target,
        withheld=read.withheld_published if published else read.withheld,
        withheld_reason=_reason() if read.withheld or read.withheld_published else "",
    )


def _reason() -> str:
    from joinedup.metrics import service as metrics  # loaded when used: the CLI starts faster

    return metrics.disclosure_rule().reason


def framework_view(
    session: Session,
    *,
    actor: Principal,
    area_code: str,
    as_of: date,
    since: date | None = None,
    recorded_by: date | None = None,
    published: bool = False,
) -> FrameworkView:
    """A system's framework as at `as_of`; `since` is the date of the last report (by default
    each KPI is compared with its previous figure); with `recorded_by`, values entered here are
    read as they stood at the end of that day. A fixed handful of queries, whatever the number
    of parts, KPIs and values."""
    system = areas.get_system(session, actor=actor, area_code=area_code)
    framework = readable_framework(session, actor, area_code)
    parts = session.scalars(
        select(FrameworkPart)
        .where(FrameworkPart.framework_id == framework.id)
        .order_by(FrameworkPart.number)
    ).all()
    kpis = session.scalars(
        select(Kpi).where(Kpi.framework_id == framework.id).order_by(Kpi.position, Kpi.code)
    ).all()
    moment = None if recorded_by is None else end_of(recorded_by)
    series = read_series(session, actor, area_code, kpis, recorded_by=moment, known_on=recorded_by)
    views = []
    for part in parts:
        rows = tuple(
            kpi_row(kpi, series[kpi.id], as_of=as_of, since=since, published=published)
            for kpi in kpis
            if kpi.part_id == part.id
        )
        views.append(PartView(part.id, part.number, part.title, rows))
    return FrameworkView(
        id=framework.id,
        area_code=area_code,
        system_name=system.name,
        title=framework.title,
        as_of=as_of,
        since=since,
        parts=tuple(views),
        may_edit=may_edit(actor, area_code),
        agreed_on=framework.agreed_on,
        agreed_by=framework.agreed_by,
        version=framework.version,
    )


def values_as_at(
    session: Session,
    *,
    actor: Principal,
    area_code: str,
    on: date,
    since: date | None = None,
    published: bool = False,
) -> FrameworkView:
    """The framework's KPI values as they stood on `on`, read from the append-only history:
    periods ended by then, each with the value in force at the end of that day (corrections
    made later are left out), the latest figure marked out of date against `on`.
    ``published``: disclosure controlled as a publication is, whoever reads (a paper)."""
    return framework_view(
        session,
        actor=actor,
        area_code=area_code,
        as_of=on,
        since=since,
        recorded_by=on,
        published=published,
    )


def end_of(day: date) -> datetime:
    """The last moment of `day` in England (entries are stored in UTC)."""
    return datetime.combine(day, time.max, tzinfo=clock.ENGLAND_TIME).astimezone(UTC)


def _entry(row: KpiValue) -> ValueEntry:
    return ValueEntry(row.value, row.version, row.note, row.source, row.at, row.actor)


def kpi_detail(
    session: Session, *, actor: Principal, kpi_id: int, as_of: date | None = None
) -> KpiDetail:
    """One KPI in full as at `as_of` (today by default): its row, charts and the history of
    every value entered."""
    kpi, framework = readable_kpi(session, actor, kpi_id)
    system = areas.get_system(session, actor=actor, area_code=framework.area_code)
    part = session.get(FrameworkPart, kpi.part_id)
    series = read_series(session, actor, framework.area_code, [kpi])
    row = kpi_row(kpi, series[kpi.id], as_of=as_of or clock.today())
    history = tuple(
        PeriodHistory(
            period,
            _entry(entries[-1]),
            tuple(_entry(e) for e in reversed(entries[:-1])),
        )
        for period, entries in sorted(value_entries(session, kpi.id).items(), reverse=True)
    )
    return KpiDetail(
        framework_id=framework.id,
        area_code=framework.area_code,
        system_name=system.name,
        part_title=part.title if part else "",
        row=row,
        history=history,
        may_edit=may_edit(actor, framework.area_code),
    )
