"""Comparing areas the public-health way, with its permission checks: an area's spine chart and
recent trends, the funnel plot of an indicator, and the areas worse than England and getting
worse.

National roles see every area. A system's people see their own area's spine chart and trends
(the range of all areas' values is shown without naming any); the funnel plot and the list of
areas worse than England name every area, so they are for national roles only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.areas.rules import ENGLAND
from joinedup.errors import InvalidInput, NotFound, PermissionDenied
from joinedup.metrics.comparison import NOT_COMPARED, Comparison, Verdict, compare_with_england
from joinedup.metrics.disclosure import Audience, Rule, audience_of, control_all
from joinedup.metrics.indicators import INDICATORS, Indicator, IntervalMethod, Statistic
from joinedup.metrics.models import IndicatorValue
from joinedup.metrics.periods import add_months
from joinedup.metrics.queries import _COLUMNS, check_months, dashboard_areas, may_see_area
from joinedup.metrics.schemas import PERIOD_LENGTHS, SHORT_TITLES, AreaInfo
from joinedup.metrics.spine import SpineChart, SpineRow, others, spread
from joinedup.metrics.stored import StoredValue, period_starts
from joinedup.metrics.trend import POINTS, Trend, recent_trend
from joinedup.periods import period_label

if TYPE_CHECKING:
    from joinedup.metrics.funnel import Funnel

NATIONAL_ONLY = "Only national roles see comparisons that name every area."


def _require_national(actor: Principal) -> None:
    if not actor.can(Permission.VIEW_NATIONAL):
        raise PermissionDenied(NATIONAL_ONLY)


def funnel_indicators() -> list[Indicator]:
    """The catalogue's indicators a funnel plot can show: rates and proportions."""
    return [i for i in INDICATORS if i.statistic in (Statistic.RATE, Statistic.PROPORTION)]


def _chosen_start(session: Session, months: int, period_start: date | None) -> date:
    check_months(months)
    starts = period_starts(session, months=months)
    if not starts:
        raise NotFound("no indicator values are loaded: run `joinedup metrics compute --load`")
    if period_start is None:
        return starts[-1]
    if period_start not in starts:
        raise InvalidInput.of(
            "period_start",
            f"No {PERIOD_LENGTHS[months].lower()} starting {period_start.isoformat()} is loaded",
        )
    return period_start


def _read(session: Session, months: int, starts: set[date], **where: object) -> list[StoredValue]:
    query = select(*_COLUMNS).where(
        IndicatorValue.months == months, IndicatorValue.period_start.in_(starts)
    )
    if "indicator" in where:
        query = query.where(IndicatorValue.indicator == where["indicator"])
    return [StoredValue(*row) for row in session.execute(query)]


def _compare(item: Indicator, value: StoredValue | None, england: float | None) -> Comparison:
    if value is None or value.value is None or item.interval is IntervalMethod.NONE:
        return NOT_COMPARED
    return compare_with_england(
        lower_95=value.lower_95,
        upper_95=value.upper_95,
        lower_998=value.lower_998,
        upper_998=value.upper_998,
        england=england,
        polarity=item.polarity,
    )


def trend_starts(latest: date, months: int) -> set[date]:
    """The starts of the periods a recent trend ending at ``latest`` may use."""
    return {add_months(latest, -k * months) for k in range(POINTS)}


# --- An area's spine chart and recent trends ---------------------------------------------


def area_spine(
    session: Session,
    *,
    actor: Principal,
    area_code: str,
    months: int = 3,
    ending_before: date | None = None,
) -> SpineChart:
    """Each indicator's latest value for the area against every area's, with its recent trend
    (periods ending before ``ending_before`` only, when given)."""
    if not may_see_area(actor, area_code) or area_code == ENGLAND:
        raise NotFound(f"{area_code!r} is not a known area code")
    check_months(months)
    area = areas.get_area(session, area_code)
    query = select(*_COLUMNS).where(
        IndicatorValue.area_code.in_({area_code, ENGLAND}), (IndicatorValue.months + 0) == months
    )
    if ending_before is not None:
        query = query.where(IndicatorValue.period_end < ending_before)
    series: dict[tuple[str, str], list[StoredValue]] = defaultdict(list)
    for row in session.execute(query):
        value = StoredValue(*row)
        series[(value.indicator, value.area_code)].append(value)
    latest: dict[str, StoredValue] = {}
    for item in INDICATORS:
        known = [v for v in series[(item.id, area_code)] if v.value is not None]
        if known:
            latest[item.id] = max(known, key=lambda v: v.period_start)
    everyone = _read(session, months, {v.period_start for v in latest.values()})
    audience = audience_of(actor)
    if audience is not Audience.NATIONAL:
        # Figures shown outside the national roles are disclosure-controlled: a suppressed
        # value is neither shown nor counted in the range of every area's values.
        rule = Rule.from_settings()
        everyone = list(control_all(everyone, audience=audience, rule=rule))
        latest = {
            k: next(iter(control_all([v], audience=audience, rule=rule))) for k, v in latest.items()
        }
    rows = []
    for item in INDICATORS:
        mine = latest.get(item.id)
        start = mine.period_start if mine else None
        england = next(
            (v.value for v in series[(item.id, ENGLAND)] if v.period_start == start), None
        )
        rows.append(
            SpineRow(
                indicator=item,
                short_title=SHORT_TITLES[item.id],
                months=months,
                period_start=start,
                value=mine,
                england=england,
                spread=None
                if start is None
                else spread(others(everyone, item.id, start), item.polarity),
                comparison=_compare(item, mine, england),
                trend=recent_trend(item, series[(item.id, area_code)], months),
            )
        )
    return SpineChart(area.code, area.name, months, tuple(rows))


# --- Funnel plots --------------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelView:
    indicator: Indicator
    months: int
    period_start: date
    funnel: Funnel
    names: dict[str, str]  # area code to name

    @property
    def period(self) -> str:
        return period_label(self.period_start, self.months)


def funnel_view(
    session: Session,
    *,
    actor: Principal,
    indicator_id: str,
    months: int = 12,
    period_start: date | None = None,
) -> FunnelView:
    """Every area's value of one indicator and period against England's, with the 95% and
    99.8% funnel limits; national roles only."""
    from joinedup.metrics.funnel import funnel_of  # scipy: only when drawn

    _require_national(actor)
    item = next((i for i in funnel_indicators() if i.id == indicator_id), None)
    if item is None:
        raise InvalidInput.of(
            "indicator", f"{indicator_id!r} is not a rate or proportion of the catalogue"
        )
    start = _chosen_start(session, months, period_start)
    rows = [
        (v.area_code, v.value, v.denominator)
        for v in _read(session, months, {start}, indicator=item.id)
    ]
    made = funnel_of(item.id, item.statistic, item.per, rows, ENGLAND)
    names = {a.code: a.name for a in areas.list_areas(session)}
    return FunnelView(item, months, start, made, names)


# --- Worse than England and getting worse --------------------------------------------------


@dataclass(frozen=True)
class WorseRow:
    indicator: Indicator
    area: AreaInfo
    value: StoredValue
    england: float
    comparison: Comparison
    trend: Trend


@dataclass(frozen=True)
class IndicatorTally:
    indicator: Indicator
    worse: int  # areas significantly worse than England
    listed: int  # of which getting worse
    note: str = ""  # why the indicator is left out, when it is


@dataclass(frozen=True)
class WorseList:
    months: int
    period_start: date
    rows: tuple[WorseRow, ...]
    tallies: tuple[IndicatorTally, ...]

    @property
    def period(self) -> str:
        return period_label(self.period_start, self.months)

    @property
    def first_trend_start(self) -> date:
        return add_months(self.period_start, -(POINTS - 1) * self.months)


def worse_and_worsening(
    session: Session, *, actor: Principal, months: int = 3, period_start: date | None = None
) -> WorseList:
    """Areas whose value in the period is significantly worse than England's (95%) and whose
    recent trend to it is significantly getting worse (99.8%), indicator by indicator."""
    _require_national(actor)
    start = _chosen_start(session, months, period_start)
    series: dict[tuple[str, str], list[StoredValue]] = defaultdict(list)
    for value in _read(session, months, trend_starts(start, months)):
        series[(value.indicator, value.area_code)].append(value)
    info = {a.code: a for a in dashboard_areas(session)}
    rows: list[WorseRow] = []
    tallies: list[IndicatorTally] = []
    for item in INDICATORS:
        if item.interval is IntervalMethod.NONE or item.statistic not in (
            Statistic.RATE,
            Statistic.PROPORTION,
        ):
            tallies.append(
                IndicatorTally(item, 0, 0, "not compared: it has no interval or recent trend")
            )
            continue
        england = next(
            (v.value for v in series[(item.id, ENGLAND)] if v.period_start == start), None
        )
        worse = listed = 0
        for code, area in info.items():
            mine = next((v for v in series[(item.id, code)] if v.period_start == start), None)
            comparison = _compare(item, mine, england)
            if comparison.verdict is not Verdict.WORSE or mine is None or england is None:
                continue
            worse += 1
            trend = recent_trend(item, series[(item.id, code)], months)
            if trend.getting_worse:
                listed += 1
                rows.append(WorseRow(item, area, mine, england, comparison, trend))
        tallies.append(IndicatorTally(item, worse, listed))
    return WorseList(months, start, tuple(rows), tuple(tallies))
