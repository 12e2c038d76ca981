"""What the web, the command line and other capabilities may name of the rank capability: the
choices of a ranking (options, their limits and defaults), the indicators it ranks on, and the
API models of ranking runs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from joinedup.inputs import Name, uk_date
from joinedup.ranking.indicators import INDICATORS, IndicatorSpec

if TYPE_CHECKING:
    # What a ranking returns (built by the service; named here for type hints only).
    from joinedup.ranking.compute import AreaRanking as AreaRanking
    from joinedup.ranking.compute import RankingResult as RankingResult

__all__ = [
    "DEFAULT_MONTHS",
    "GROUPS",
    "INDICATORS",
    "MAX_SAVED_DRAWS",
    "MIN_SAVED_DRAWS",
    "NAME_LENGTH",
    "PERIOD_MONTHS",
    "SMALL_AREA_MIN_65PLUS",
    "WEB_DEFAULT_DRAWS",
    "Aggregation",
    "IndicatorSpec",
    "MissingRule",
    "Normalisation",
    "Progress",
    "RankingOptions",
    "RankingRowOut",
    "RankingRunDetail",
    "RankingRunIn",
    "RankingRunOut",
]

DEFAULT_MONTHS = 12
PERIOD_MONTHS = (1, 3, 12)
# Web and API runs are bounded so that one request cannot occupy the server for long.
WEB_DEFAULT_DRAWS = 2_000
MAX_SAVED_DRAWS = 20_000
MIN_SAVED_DRAWS = 100
NAME_LENGTH = 200
# Areas with fewer residents aged 65 and over are not ranked by default: their rates swing on a
# handful of people (the Isles of Scilly, 576; the City of London, 1,564). 0 ranks every area.
SMALL_AREA_MIN_65PLUS = 5_000
# The groups of assumptions the Monte Carlo can vary.
GROUPS = ("weights", "normalisation", "aggregation", "values")
Progress = Callable[[int, int], None]  # told (draws done, draws in all)


class Normalisation(StrEnum):
    RANK = "rank"
    ZSCORE = "zscore"
    MINMAX = "minmax"
    DISTANCE_TO_ENGLAND = "distance_to_england"


class Aggregation(StrEnum):
    ARITHMETIC = "arithmetic"
    GEOMETRIC = "geometric"


class MissingRule(StrEnum):
    EXCLUDE = "exclude"  # drop every area missing any ranked indicator
    REWEIGHT = "reweight"  # share the area's weights over the indicators it has


@dataclass(frozen=True)
class RankingOptions:
    """Every choice of a ranking run; the defaults are those of DESIGN.md."""

    weights: Mapping[str, float] = field(default_factory=dict)  # others: their default weight
    normalisation: Normalisation = Normalisation.RANK
    aggregation: Aggregation = Aggregation.ARITHMETIC
    missing: MissingRule = MissingRule.REWEIGHT
    draws: int = 10_000
    seed: int = 1
    weight_range: tuple[float, float] = (0.5, 1.5)
    vary: tuple[str, ...] = GROUPS  # groups of assumptions the Monte Carlo varies
    select: int | None = None  # how many of the most challenged to select for review
    min_population: int = SMALL_AREA_MIN_65PLUS  # residents aged 65+; smaller areas not ranked


class RankingRunIn(BaseModel):
    """A ranking to run on the stored values of one period and save under a name."""

    name: Annotated[Name, Field(min_length=1, examples=["Interface dashboard 2019-20"])]
    # ISO, or as people in the UK write it (1/4/2019, 1 April 2019).
    period_start: Annotated[date, BeforeValidator(uk_date)] = Field(examples=["2019-04-01"])
    months: int = Field(default=DEFAULT_MONTHS, examples=[12])
    weights: dict[str, float] = Field(
        default_factory=dict,
        description="Weights by indicator id; others keep theirs (delayed days 2, others 1).",
    )
    normalisation: Normalisation = Normalisation.RANK
    aggregation: Aggregation = Aggregation.ARITHMETIC
    missing: MissingRule = MissingRule.REWEIGHT
    draws: int = Field(default=WEB_DEFAULT_DRAWS, ge=MIN_SAVED_DRAWS, le=MAX_SAVED_DRAWS)
    seed: int = 1
    select: int | None = Field(default=None, ge=1)
    vary: list[str] = Field(default_factory=lambda: list(GROUPS))
    min_population: int = Field(
        default=SMALL_AREA_MIN_65PLUS,
        ge=0,
        le=10_000_000,
        description="Areas with fewer residents aged 65 and over are not ranked (0: rank all).",
    )


class RankingRowOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    area_code: str
    area_name: str
    score: float | None
    rank: int | None
    median_rank: int | None
    rank_p05: int | None
    rank_p95: int | None
    contributions: dict[str, float | None]
    selected: str | None
    share_in_worst: float | None
    missing_indicators: list[str]


class RankingRunOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    period_start: date
    months: int
    settings: dict[str, Any]
    indicators: list[str]
    ran_by: str
    ran_at: datetime
    areas_ranked: int
    first_order: dict[str, float]
    total_effect: dict[str, float]
    most_influential: str | None
    missing: dict[str, Any]
    notes: list[str]


class RankingRunDetail(RankingRunOut):
    rows: list[RankingRowOut]
