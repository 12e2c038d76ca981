"""Reading evaluation frameworks: the board table (seed 003's shape) and one KPI in full.

Everything a page, the API or a highlight report needs is computed here once: the series up to
the report date, the latest value against its target, the direction of travel since the last
report, and the SPC chart with its variation and assurance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput
from joinedup.monitoring.direction import DirectionOfTravel, Polarity, direction_of_travel
from joinedup.monitoring.models import FrameworkPart, Kpi, KpiValue
from joinedup.monitoring.permissions import may_edit, readable_framework, readable_kpi
from joinedup.monitoring.spc import Assurance, Direction, Rebase, SpcChart, Variation, xmr_chart
from joinedup.monitoring.targets import Target, parse_target

SOURCE_LOCAL = "local"
SOURCE_INDICATOR = "indicator"

DIRECTION_OF: dict[Polarity, Direction] = {
    Polarity.HIGHER_IS_BETTER: Direction.INCREASE,
    Polarity.LOWER_IS_BETTER: Direction.DECREASE,
    Polarity.NEUTRAL: Direction.NEUTRAL,
}


@dataclass(frozen=True)
class SeriesPoint:
    period: date
    value: float


@dataclass(frozen=True)
class KpiRow:
    """One row of the framework table, and everything behind it."""

    id: int
    code: str
    name: str
    unit: str
    polarity: Polarity
    target: Target | None
    target_text: str
    source: str  # local or indicator
    indicator_id: str | None
    screen_outliers: bool
    fix_after: int | None
    rebases: tuple[Rebase, ...]
    version: int
    series: tuple[SeriesPoint, ...]
    previous: SeriesPoint | None  # the value at the last report (or the point before the latest)
    travel: DirectionOfTravel | None
    spc: SpcChart | None  # None with fewer than 2 points
    spc_problem: str  # why there is no chart, or why settings were set aside

    @property
    def direction(self) -> Direction:
        return DIRECTION_OF[self.polarity]

    @property
    def latest(self) -> SeriesPoint | None:
        return self.series[-1] if self.series else None

    @property
    def met(self) -> bool | None:
        """Whether the latest value meets the target; None without a target or a value."""
        if self.target is None or self.latest is None:
            return None
        return self.target.met(self.latest.value)

    @property
    def variation(self) -> Variation | None:
        return None if self.spc is None else self.spc.variation

    @property
    def assurance(self) -> Assurance | None:
        return None if self.spc is None else self.spc.assurance


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


def target_of(kpi: Kpi) -> Target | None:
    return parse_target(kpi.target_text) if kpi.target_text else None


def rebases_of(kpi: Kpi) -> tuple[Rebase, ...]:
    return tuple(Rebase(date.fromisoformat(r["at"]), r["reason"]) for r in kpi.rebases or [])


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


def current_values(session: Session, kpi_ids: Sequence[int]) -> dict[int, list[SeriesPoint]]:
    """The value in force for each period of each KPI (its highest version; a withdrawn period
    has none), oldest period first: one query for any number of KPIs."""
    if not kpi_ids:
        return {}
    highest = (
        select(KpiValue.kpi_id, KpiValue.period, func.max(KpiValue.version).label("version"))
        .where(KpiValue.kpi_id.in_(kpi_ids))
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


def _indicator_values(
    session: Session, actor: Principal, area_code: str, kpis: Sequence[Kpi]
) -> dict[tuple[str, int], list[SeriesPoint]]:
    """The area's stored values of the linked indicators, by (indicator, months): a couple of
    queries per period length, whatever the number of KPIs."""
    from joinedup.metrics import service as metrics  # loaded when used: the CLI starts faster

    out: dict[tuple[str, int], list[SeriesPoint]] = {}
    for months in sorted({k.indicator_months for k in kpis if k.source == SOURCE_INDICATOR}):
        offset = 0
        while True:
            page = metrics.find_values(
                session, actor=actor, area_code=area_code, months=months, offset=offset
            )
            for stored in page.values:
                value = stored.value
                if value is not None:
                    out.setdefault((stored.indicator, months), []).append(
                        SeriesPoint(stored.period_start, float(value))
                    )
            offset += page.limit
            if offset >= page.total:
                break
    return out


def _series_of(
    session: Session, actor: Principal, area_code: str, kpis: Sequence[Kpi]
) -> dict[int, list[SeriesPoint]]:
    """Each KPI's series, oldest first: its entered values or its indicator's stored ones."""
    local = current_values(session, [k.id for k in kpis if k.source == SOURCE_LOCAL])
    linked = _indicator_values(session, actor, area_code, kpis)
    return {
        k.id: local.get(k.id, [])
        if k.source != SOURCE_INDICATOR
        else linked.get((k.indicator_id or "", k.indicator_months), [])
        for k in kpis
    }


def _chart(kpi: Kpi, series: list[SeriesPoint]) -> tuple[SpcChart | None, str]:
    if len(series) < 2:
        return None, f"{len(series)} value(s): an SPC chart needs at least 2"
    dates = [p.period for p in series]
    usable = [r for r in rebases_of(kpi) if r.at in dates[1:]]
    fix_after = kpi.fix_after if kpi.fix_after and kpi.fix_after >= 2 else None
    try:
        chart = xmr_chart(
            dates,
            [p.value for p in series],
            direction=DIRECTION_OF[Polarity(kpi.polarity)],
            target=target_of(kpi),
            screen_outliers=kpi.screen_outliers,
            fix_after=fix_after,
            rebase=usable,
        )
    except InvalidInput as error:
        # Rebases that leave a period of 1 point up to this date: chart without them.
        chart = xmr_chart(
            dates,
            [p.value for p in series],
            direction=DIRECTION_OF[Polarity(kpi.polarity)],
            target=target_of(kpi),
            screen_outliers=kpi.screen_outliers,
            fix_after=fix_after,
        )
        return chart, f"rebasing set aside up to this date: {error}"
    return chart, ""


def kpi_row(
    kpi: Kpi, all_points: Sequence[SeriesPoint], *, as_of: date, since: date | None = None
) -> KpiRow:
    """A KPI as at `as_of`, from its whole series (no database access)."""
    series = [p for p in all_points if p.period <= as_of]
    polarity = Polarity(kpi.polarity)
    previous: SeriesPoint | None = None
    if len(series) >= 2:
        earlier = series[:-1]
        if since is not None:
            before = [p for p in earlier if p.period <= since]
            earlier = before or earlier[:1]
        previous = earlier[-1]
    travel = (
        direction_of_travel(previous.value, series[-1].value, polarity)
        if previous is not None
        else None
    )
    chart, problem = _chart(kpi, series)
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
        previous=previous,
        travel=travel,
        spc=chart,
        spc_problem=problem,
    )


def framework_view(
    session: Session,
    *,
    actor: Principal,
    area_code: str,
    as_of: date,
    since: date | None = None,
) -> FrameworkView:
    """A system's framework as at `as_of`; `since` is the date of the last report (by default
    each KPI is compared with its previous point). A fixed handful of queries, whatever the
    number of parts, KPIs and values."""
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
    series = _series_of(session, actor, area_code, kpis)
    views = []
    for part in parts:
        rows = tuple(
            kpi_row(kpi, series[kpi.id], as_of=as_of, since=since)
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
    )


def _entry(row: KpiValue) -> ValueEntry:
    return ValueEntry(row.value, row.version, row.note, row.source, row.at, row.actor)


def kpi_detail(
    session: Session, *, actor: Principal, kpi_id: int, as_of: date | None = None
) -> KpiDetail:
    """One KPI in full: its row, chart and the history of every value entered."""
    kpi, framework = readable_kpi(session, actor, kpi_id)
    system = areas.get_system(session, actor=actor, area_code=framework.area_code)
    part = session.get(FrameworkPart, kpi.part_id)
    series = _series_of(session, actor, framework.area_code, [kpi])
    row = kpi_row(kpi, series[kpi.id], as_of=as_of or date.max)
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
