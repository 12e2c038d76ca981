"""API models of the indicator catalogue and stored indicator values."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict


class IndicatorOut(BaseModel):
    id: str
    title: str
    short_title: str
    unit: str
    polarity: str  # lower_is_better or higher_is_better
    interval: str  # byar_exact, wilson or none
    source: str


class IndicatorValueOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    area_code: str
    indicator: str
    period_start: date
    period_end: date
    months: int
    numerator: float | None
    denominator: float | None
    value: float | None
    lower_95: float | None
    upper_95: float | None
    lower_998: float | None
    upper_998: float | None


class IndicatorValuesPage(BaseModel):
    total: int  # values matching the filters, over every page
    limit: int
    offset: int
    values: list[IndicatorValueOut]
