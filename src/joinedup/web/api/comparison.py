"""Comparisons as JSON: an area's spine chart with each indicator's recent trend (national roles
any area, a system's people their own), an indicator's funnel plot and the areas worse than
England and getting worse (national roles)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from joinedup.metrics import service as metrics
from joinedup.metrics.schemas import (
    AreaComparisonOut,
    FunnelLimitOut,
    FunnelOut,
    FunnelPointOut,
    SpineRowOut,
    TrendOut,
    WorseOut,
    WorseRowOut,
    WorseTallyOut,
)
from joinedup.periods import period_end
from joinedup.web.deps import CurrentUser, SessionDep

router = APIRouter(tags=["comparisons"])
Months = Annotated[int, Query(description="1 (month), 3 (quarter) or 12 (year)")]


def _trend(trend: Any) -> TrendOut:
    return TrendOut(
        label=trend.label.value,
        significant=trend.significant,
        getting_worse=trend.getting_worse,
        method=trend.method,
        significance="99.8%",
        chi_square=trend.chi_square,
        months=trend.months,
        period_starts=[p.period_start for p in trend.points],
    )


@router.get("/areas/{code}/comparison")
def area_comparison(
    code: str, session: SessionDep, principal: CurrentUser, months: Months = 3
) -> AreaComparisonOut:
    """Each indicator's latest value against England's and the range of every area's (worst,
    25th and 75th percentiles, best), with its recent trend."""
    spine = metrics.area_spine(session, actor=principal, area_code=code, months=months)
    return AreaComparisonOut(
        area_code=spine.area_code,
        area_name=spine.area_name,
        months=spine.months,
        indicators=[
            SpineRowOut(
                indicator=row.indicator.id,
                period_start=row.period_start,
                period_end=period_end(row.period_start, months) if row.period_start else None,
                value=row.value.value if row.value else None,
                england=row.england,
                worst=row.spread.worst if row.spread else None,
                q25=row.spread.q25 if row.spread else None,
                q75=row.spread.q75 if row.spread else None,
                best=row.spread.best if row.spread else None,
                areas=row.spread.areas if row.spread else 0,
                compared_with_england=row.comparison.style.words,
                trend=_trend(row.trend),
            )
            for row in spine.rows
        ],
    )


@router.get("/funnel")
def funnel(
    session: SessionDep,
    principal: CurrentUser,
    indicator: Annotated[str, Query(max_length=60)],
    months: Months = 12,
    period_start: date | None = None,
) -> FunnelOut:
    """Every area's value against England's with the 95% and 99.8% limits (the latest period
    of the length unless ``period_start`` is given)."""
    view = metrics.funnel_view(
        session, actor=principal, indicator_id=indicator, months=months, period_start=period_start
    )
    made, curve = view.funnel, view.funnel.curve
    return FunnelOut(
        indicator=view.indicator.id,
        period_start=view.period_start,
        period_end=period_end(view.period_start, view.months),
        months=view.months,
        england=made.england,
        points=[
            FunnelPointOut(
                area_code=p.area_code,
                area_name=view.names.get(p.area_code, p.area_code),
                value=p.value,
                denominator=p.denominator,
                place=p.place.value,
            )
            for p in made.points
        ],
        limits=[
            FunnelLimitOut(
                denominator=float(curve.denominators[i]),
                lower_998=float(curve.lower_998[i]),
                lower_95=float(curve.lower_95[i]),
                upper_95=float(curve.upper_95[i]),
                upper_998=float(curve.upper_998[i]),
            )
            for i in range(len(curve.denominators))
        ],
    )


@router.get("/worse-than-england")
def worse_than_england(
    session: SessionDep,
    principal: CurrentUser,
    months: Months = 3,
    period_start: date | None = None,
) -> WorseOut:
    """Areas significantly worse than England (95%) whose recent trend is significantly
    getting worse (99.8%), by indicator."""
    worse = metrics.worse_and_worsening(
        session, actor=principal, months=months, period_start=period_start
    )
    return WorseOut(
        period_start=worse.period_start,
        period_end=period_end(worse.period_start, worse.months),
        months=worse.months,
        indicators=[
            WorseTallyOut(indicator=t.indicator.id, worse=t.worse, listed=t.listed, note=t.note)
            for t in worse.tallies
        ],
        rows=[
            WorseRowOut(
                indicator=r.indicator.id,
                area_code=r.area.code,
                area_name=r.area.name,
                value=r.value.value,
                lower_95=r.value.lower_95,
                upper_95=r.value.upper_95,
                england=r.england,
                compared_with_england=r.comparison.style.words,
                trend=_trend(r.trend),
            )
            for r in worse.rows
        ],
    )
