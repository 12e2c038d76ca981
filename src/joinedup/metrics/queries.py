"""Reading stored values for people: the national dashboard, an area's profile and the API's
filtered values, each with its permission check.

National roles see every area. A system's people see their own area (and England, to compare
with); any other area is "not found", so its existence is not revealed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.areas.rules import ENGLAND
from joinedup.errors import InvalidInput, NotFound, PermissionDenied
from joinedup.metrics.dashboard import build_dashboard
from joinedup.metrics.disclosure import Audience, Rule, ShownValue, audience_of, control_all
from joinedup.metrics.indicators import indicator
from joinedup.metrics.models import IndicatorValue
from joinedup.metrics.profile import AreaProfile, build_profile
from joinedup.metrics.schemas import PERIOD_LENGTHS, AreaInfo, Dashboard
from joinedup.metrics.stored import StoredValue, period_starts
from joinedup.periods import period_label

MAX_PAGE = 1000


@dataclass(frozen=True)
class ValuesPage:
    total: int
    limit: int
    offset: int
    values: list[StoredValue]


def check_months(months: int) -> None:
    if months not in PERIOD_LENGTHS:
        raise InvalidInput.of(
            "months", f"{months} is not one of 1 (month), 3 (quarter) or 12 (year)"
        )


def may_see_area(actor: Principal, area_code: str) -> bool:
    if actor.can(Permission.VIEW_NATIONAL):
        return True
    return area_code == ENGLAND or actor.can_read_system(area_code)


def dashboard_areas(session: Session) -> list[AreaInfo]:
    """Every area with its type and English region (when known)."""
    region_of = areas.regions()
    out = []
    for area in areas.list_areas(session):
        region = region_of.get(area.code, ("", ""))
        out.append(AreaInfo(area.code, area.name, area.area_type, region[0], region[1]))
    return out


def region_choices() -> list[tuple[str, str]]:
    """(code, name) of each English region, by name."""
    return sorted(set(areas.regions().values()), key=lambda r: r[1])


def national_dashboard(
    session: Session,
    *,
    actor: Principal,
    months: int = 12,
    period_start: date | None = None,
    sort: str = "area",
    direction: str = "asc",
    area_type: str = "",
    region: str = "",
    audience: Audience = Audience.NATIONAL,
) -> Dashboard:
    """The dashboard for one period (the latest of its length by default): one query; for a
    controlled ``audience`` (a publication export), the figures disclosure controlled."""
    if not actor.can(Permission.VIEW_NATIONAL):
        raise PermissionDenied("Only national roles see the national dashboard.")
    check_months(months)
    starts = period_starts(session, months=months)
    if not starts:
        raise NotFound("no indicator values are loaded: run `joinedup metrics compute --load`")
    if period_start is None:
        period_start = starts[-1]
    elif period_start not in starts:
        raise InvalidInput.of(
            "period_start",
            f"No {PERIOD_LENGTHS[months].lower()} starting {period_start.isoformat()} is loaded",
        )
    query = select(*_COLUMNS).where(
        IndicatorValue.period_start == period_start, IndicatorValue.months == months
    )
    rule = Rule.from_settings()
    return build_dashboard(
        control_all(
            [StoredValue(*row) for row in session.execute(query)],
            audience=audience,
            rule=rule,
            beside_total=True,  # every area's figures beside England's, whatever the filter
        ),
        dashboard_areas(session),
        period_start=period_start,
        months=months,
        sort=sort,
        direction=direction,
        area_type=area_type,
        region=region,
        audience=audience.value,
        suppressed_reason=rule.reason,
    )


def period_choices(session: Session, *, months: int) -> list[tuple[date, str]]:
    """The loaded periods of a length, latest first, with their labels."""
    check_months(months)
    starts = period_starts(session, months=months)
    return [(s, period_label(s, months)) for s in reversed(starts)]


def area_profile(
    session: Session,
    *,
    actor: Principal,
    area_code: str,
    months: int = 3,
    ending_before: date | None = None,
) -> AreaProfile:
    """The area's six indicators over time with England's, in one query (only periods ending
    before ``ending_before`` when given: what was known on that day)."""
    if not may_see_area(actor, area_code):
        raise NotFound(f"{area_code!r} is not a known area code")
    check_months(months)
    area = areas.get_area(session, area_code)
    query = select(*_COLUMNS).where(
        IndicatorValue.area_code.in_({area_code, ENGLAND}), _same_length(months)
    )
    if ending_before is not None:
        query = query.where(IndicatorValue.period_end < ending_before)
    values = [StoredValue(*row) for row in session.execute(query)]
    shown = control_all(values, audience=audience_of(actor))
    return build_profile(shown, area_code=area.code, area_name=area.name, months=months)


# Plain rows rather than ORM objects: a period has about 900 values, only read here.
_COLUMNS = (
    IndicatorValue.area_code,
    IndicatorValue.indicator,
    IndicatorValue.period_start,
    IndicatorValue.period_end,
    IndicatorValue.numerator,
    IndicatorValue.denominator,
    IndicatorValue.value,
    IndicatorValue.lower_95,
    IndicatorValue.upper_95,
    IndicatorValue.lower_998,
    IndicatorValue.upper_998,
)


def _same_length(months: int) -> ColumnElement[bool]:
    """The period-length filter, written so that it does not use the (months, period_start)
    index: with an area named, that area's index finds far fewer rows, and SQLite, without
    statistics, would otherwise scan every area's values of that length (0.5 s against 20 ms)."""
    return (IndicatorValue.months + 0) == months


def find_values(
    session: Session,
    *,
    actor: Principal,
    area_code: str | None = None,
    indicator_id: str | None = None,
    period_start: date | None = None,
    months: int | None = None,
    limit: int = MAX_PAGE,
    offset: int = 0,
) -> ValuesPage:
    """Stored values matching the filters, ordered by area, indicator, length and period."""
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput.of("limit", f"{limit} must be between 1 and {MAX_PAGE}")
    if offset < 0:
        raise InvalidInput.of("offset", f"{offset} must not be negative")
    if months is not None:
        check_months(months)
    conditions = []
    if area_code:
        if not may_see_area(actor, area_code):
            raise NotFound(f"{area_code!r} is not a known area code")
        conditions.append(IndicatorValue.area_code == area_code)
    elif not actor.can(Permission.VIEW_NATIONAL):
        visible = {ENGLAND, *(c for c in actor.system_codes if actor.can_read_system(c))}
        conditions.append(IndicatorValue.area_code.in_(visible))
    if indicator_id:
        try:
            conditions.append(IndicatorValue.indicator == indicator(indicator_id).id)
        except NotFound as error:
            raise InvalidInput.of("indicator", str(error)) from None
    if period_start is not None:
        conditions.append(IndicatorValue.period_start == period_start)
    if months is not None:
        conditions.append(_same_length(months) if area_code else IndicatorValue.months == months)
    total = session.scalar(select(func.count()).select_from(IndicatorValue).where(*conditions))
    query = (
        select(*_COLUMNS)
        .where(*conditions)
        .order_by(
            IndicatorValue.area_code,
            IndicatorValue.indicator,
            IndicatorValue.months,
            IndicatorValue.period_start,
        )
        .limit(limit)
        .offset(offset)
    )
    return ValuesPage(
        int(total or 0), limit, offset, [StoredValue(*r) for r in session.execute(query)]
    )


@dataclass(frozen=True)
class ShownValuesPage:
    total: int
    limit: int
    offset: int
    values: list[ShownValue]
    counts: str  # "unrounded", or how they were rounded


def shown_values(
    session: Session,
    *,
    actor: Principal,
    area_code: str | None = None,
    indicator_id: str | None = None,
    period_start: date | None = None,
    months: int | None = None,
    limit: int = MAX_PAGE,
    offset: int = 0,
) -> ShownValuesPage:
    """``find_values`` as shown to the actor: unrounded for national roles, disclosure
    controlled for everyone else (the API's and exports' door; computations use
    ``find_values``)."""
    page = find_values(
        session,
        actor=actor,
        area_code=area_code,
        indicator_id=indicator_id,
        period_start=period_start,
        months=months,
        limit=limit,
        offset=offset,
    )
    rule = Rule.from_settings()
    audience = audience_of(actor)
    controlled = audience is Audience.CONTROLLED and rule.enabled
    counts = "unrounded"
    if controlled and rule.rounding_base > 1:
        counts = f"rounded to the nearest {rule.rounding_base}"
    return ShownValuesPage(
        page.total,
        page.limit,
        page.offset,
        control_all(page.values, audience=audience, rule=rule),
        counts,
    )
