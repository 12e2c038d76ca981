"""The indicator catalogue and stored indicator values, filterable by area, indicator and
period. National roles read every area; a system's people their own area and England."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from joinedup.metrics import service as metrics
from joinedup.metrics.schemas import (
    INDICATORS,
    SHORT_TITLES,
    IndicatorOut,
    IndicatorValueOut,
    IndicatorValuesPage,
)
from joinedup.web.deps import CurrentUser, SessionDep

router = APIRouter(tags=["indicators"])
MAX_PAGE = 1000


@router.get("/indicators")
def list_indicators(principal: CurrentUser) -> list[IndicatorOut]:
    return [
        IndicatorOut(
            id=i.id,
            title=i.title,
            short_title=SHORT_TITLES[i.id],
            unit=i.unit,
            polarity=i.polarity.value,
            interval=i.interval.value,
            source=i.source,
            statistic=i.statistic.value,
            definition=i.definition,
            citation=i.citation,
            version=i.version,
            valid_from=i.valid_from,
            valid_to=i.valid_to,
        )
        for i in INDICATORS
    ]


@router.get("/indicator-values")
def list_indicator_values(
    session: SessionDep,
    principal: CurrentUser,
    area_code: Annotated[str | None, Query(max_length=9)] = None,
    indicator: Annotated[str | None, Query(max_length=60)] = None,
    period_start: date | None = None,
    months: Annotated[int | None, Query(description="1 (month), 3 (quarter) or 12 (year)")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = MAX_PAGE,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> IndicatorValuesPage:
    """At most 1,000 values a page, ordered by area, indicator, period length and start;
    ``total`` says how many match, so ``offset`` pages through the rest. Outside the national
    roles the values are disclosure controlled: ``status`` says when one is suppressed."""
    page = metrics.shown_values(
        session,
        actor=principal,
        area_code=area_code or None,
        indicator_id=indicator or None,
        period_start=period_start,
        months=months,
        limit=limit,
        offset=offset,
    )
    return IndicatorValuesPage(
        total=page.total,
        limit=page.limit,
        offset=page.offset,
        values=[
            IndicatorValueOut(
                area_code=v.area_code,
                indicator=v.indicator,
                period_start=v.period_start,
                period_end=v.period_end,
                months=v.months,
                numerator=v.numerator,
                denominator=v.denominator,
                value=v.value,
                lower_95=v.lower_95,
                upper_95=v.upper_95,
                lower_998=v.lower_998,
                upper_998=v.upper_998,
                status=v.status,
                status_reason=v.reason,
                counts=page.counts,
            )
            for v in page.values
        ],
    )
