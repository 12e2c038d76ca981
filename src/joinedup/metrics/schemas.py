"""What the web, the command line and other capabilities may name of the measure capability:
the indicator catalogue, the words used on screen for periods, area types and comparisons with
England, and the API models of stored indicator values. Cheap to import (no engine, no
database)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict

from joinedup.metrics.comparison import MARKER_STYLES, Comparison, Marker, MarkerStyle, Verdict
from joinedup.metrics.indicators import INDICATOR_IDS, INDICATORS, Indicator, Polarity
from joinedup.metrics.periods import PeriodKind
from joinedup.periods import period_label

__all__ = [
    "AREA_TYPES",
    "INDICATORS",
    "INDICATOR_IDS",
    "MARKER_STYLES",
    "PERIOD_LENGTHS",
    "SHORT_TITLES",
    "AreaComparisonOut",
    "AreaInfo",
    "AreaRow",
    "Cell",
    "Comparison",
    "Dashboard",
    "FunnelLimitOut",
    "FunnelOut",
    "FunnelPointOut",
    "Indicator",
    "IndicatorOut",
    "IndicatorValueOut",
    "IndicatorValuesPage",
    "Marker",
    "MarkerStyle",
    "PeriodKind",
    "Polarity",
    "SpineRowOut",
    "TrendOut",
    "Verdict",
    "WorseOut",
    "WorseRowOut",
    "WorseTallyOut",
]

PERIOD_LENGTHS: dict[int, str] = {1: "Month", 3: "Quarter", 12: "Year (12 months)"}


class ShortTitles(Mapping[str, str]):
    """Each indicator's short title (for table headings), read from the catalogue in force."""

    def __getitem__(self, key: str) -> str:
        for item in INDICATORS:
            if item.id == key:
                return item.short_title or item.title
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(INDICATOR_IDS)

    def __len__(self) -> int:
        return len(INDICATORS)


SHORT_TITLES = ShortTitles()
AREA_TYPES: dict[str, str] = {
    "county": "County",
    "unitary": "Unitary authority",
    "metropolitan_district": "Metropolitan district",
    "london_borough": "London borough",
}


# The national dashboard as pages and the CSV read it (built by service.national_dashboard).
@dataclass(frozen=True)
class AreaInfo:
    code: str
    name: str
    area_type: str
    region_code: str = ""
    region_name: str = ""


@dataclass(frozen=True)
class Cell:
    indicator: Indicator
    value: float | None
    lower_95: float | None
    upper_95: float | None
    comparison: Comparison
    # The counts behind the value as shown, and whether disclosure control suppressed it.
    numerator: float | None = None
    denominator: float | None = None
    status: str = "shown"  # or "suppressed"


@dataclass(frozen=True)
class AreaRow:
    area: AreaInfo
    cells: tuple[Cell, ...]  # in catalogue order

    def cell(self, indicator_id: str) -> Cell:
        for cell in self.cells:
            if cell.indicator.id == indicator_id:
                return cell
        raise KeyError(indicator_id)


@dataclass(frozen=True)
class Dashboard:
    period_start: date
    months: int
    england: AreaRow
    rows: tuple[AreaRow, ...]
    sort: str
    direction: str
    # Who the figures are shown to (joinedup.metrics.disclosure.Audience) and, when they are
    # disclosure controlled, why a suppressed figure is not shown.
    audience: str = "national"
    suppressed_reason: str = ""

    @property
    def period_label(self) -> str:
        return period_label(self.period_start, self.months)


class IndicatorOut(BaseModel):
    id: str
    title: str
    short_title: str
    unit: str
    polarity: str  # lower_is_better or higher_is_better
    interval: str  # byar_exact, wilson or none
    source: str
    # From the catalogue file that declares it.
    statistic: str = ""  # rate, per_day_rate, proportion, mean or percentile
    definition: str = ""
    citation: str = ""
    version: int = 1
    valid_from: date | None = None
    valid_to: date | None = None


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
    # Disclosure control (docs/methods.md): "suppressed" when a count behind the value is too
    # small to show (the value, its intervals and that count are then null), with the reason;
    # ``counts`` says whether the numerator and denominator are unrounded or rounded.
    status: str = "shown"
    status_reason: str = ""
    counts: str = "unrounded"


class IndicatorValuesPage(BaseModel):
    total: int  # values matching the filters, over every page
    limit: int
    offset: int
    values: list[IndicatorValueOut]


# Comparisons in the API: recent trends, spine charts, funnel plots and the areas worse than
# England and getting worse (built by service.area_spine, funnel_view and worse_and_worsening).
class TrendOut(BaseModel):
    label: str  # as public-health profiles word it, e.g. "Increasing and getting worse"
    significant: bool
    getting_worse: bool
    method: str  # the test used, or why the trend cannot be calculated
    significance: str  # the level the test is read at
    chi_square: float | None
    months: int
    period_starts: list[date]  # the periods tested, oldest first


class SpineRowOut(BaseModel):
    indicator: str
    period_start: date | None
    period_end: date | None
    value: float | None
    england: float | None
    worst: float | None
    q25: float | None
    q75: float | None
    best: float | None
    areas: int  # areas whose values make the range
    compared_with_england: str
    trend: TrendOut


class AreaComparisonOut(BaseModel):
    area_code: str
    area_name: str
    months: int
    indicators: list[SpineRowOut]


class FunnelPointOut(BaseModel):
    area_code: str
    area_name: str
    value: float
    denominator: float
    place: str


class FunnelLimitOut(BaseModel):
    denominator: float
    lower_998: float
    lower_95: float
    upper_95: float
    upper_998: float


class FunnelOut(BaseModel):
    indicator: str
    period_start: date
    period_end: date
    months: int
    england: float
    points: list[FunnelPointOut]
    limits: list[FunnelLimitOut]  # the curves, from the smallest area's size to the largest


class WorseRowOut(BaseModel):
    indicator: str
    area_code: str
    area_name: str
    value: float | None
    lower_95: float | None
    upper_95: float | None
    england: float
    compared_with_england: str
    trend: TrendOut


class WorseTallyOut(BaseModel):
    indicator: str
    worse: int
    listed: int
    note: str


class WorseOut(BaseModel):
    period_start: date
    period_end: date
    months: int
    indicators: list[WorseTallyOut]
    rows: list[WorseRowOut]
