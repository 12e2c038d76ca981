"""The six indicators of the NHS Social Care Interface Dashboard, each declared once.

A declaration says what is counted (a ``Tally``: rows of one contract table, for an area and the
month of a date, matching a filter) and how the value follows from it. The engines turn the same
declaration into their own SQL; the statistics are applied afterwards, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from joinedup.errors import NotFound
from joinedup.metrics.expressions import Always, Col, DaysBetween, Expr, IsoWeekday


class Polarity(StrEnum):
    LOWER_IS_BETTER = "lower_is_better"
    HIGHER_IS_BETTER = "higher_is_better"


class Statistic(StrEnum):
    RATE = "rate"  # events per ``per`` of a population
    PER_DAY_RATE = "per_day_rate"  # a total per day of the period per ``per`` of a population
    PROPORTION = "proportion"  # numerator within denominator, times ``per``
    PERCENTILE = "percentile"  # a percentile of a whole-number measure, linear interpolation


class IntervalMethod(StrEnum):
    BYAR_EXACT = "byar_exact"  # Byar's method, exact Poisson under 10 events
    WILSON = "wilson"
    NONE = "none"


@dataclass(frozen=True)
class Tally:
    """Rows of ``table`` matching ``where``, by area (``area``) and month of ``date``.

    ``total_of`` sums a column instead of counting rows; ``bucket`` keeps a histogram of a
    whole-number expression (length of stay) so that percentiles stay exact over any period.
    """

    name: str
    table: str
    area: str
    date: str
    where: Expr
    total_of: str | None = None
    bucket: Expr | None = None


@dataclass(frozen=True)
class Population:
    """A population column of the population table, for the year of the period's start."""

    column: str


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    unit: str
    polarity: Polarity
    statistic: Statistic
    interval: IntervalMethod
    denominator: Tally | Population
    numerator: Tally | None = None
    per: float = 1.0
    percentile: float | None = None
    source: str = ""


AGE = Col("startage")
EMERGENCY = Col("admimeth").starts_with("2")
AGED_65 = AGE >= 65
ALIVE = Col("disdest").differs_from("79")  # HES disdest 79: not discharged alive
LENGTH_OF_STAY = DaysBetween(Col("admidate"), Col("disdate"))
WEEKEND = IsoWeekday(Col("disdate")) >= 6

EMERGENCY_ADMISSIONS_65 = Tally(
    "emergency_admissions_65", "spells", "resladst_ons", "admidate", EMERGENCY & AGED_65
)
EMERGENCY_DISCHARGES_65 = Tally(
    "emergency_discharges_65",
    "spells",
    "resladst_ons",
    "disdate",
    EMERGENCY & AGED_65,
    bucket=LENGTH_OF_STAY,
)
LIVE_DISCHARGES_65 = Tally(
    "live_discharges_65", "spells", "resladst_ons", "disdate", AGED_65 & ALIVE
)
EMERGENCY_LIVE_DISCHARGES = Tally(
    "emergency_live_discharges", "spells", "resladst_ons", "disdate", EMERGENCY & ALIVE
)
WEEKEND_EMERGENCY_LIVE_DISCHARGES = Tally(
    "weekend_emergency_live_discharges",
    "spells",
    "resladst_ons",
    "disdate",
    EMERGENCY & ALIVE & WEEKEND,
)
DELAYED_DAYS = Tally(
    "delayed_days", "dtoc", "area_code", "month", Always(), total_of="delayed_days"
)
REABLEMENT_65 = Tally("reablement_65", "reablement", "area_code", "hospital_disdate", AGED_65)
REABLEMENT_65_KNOWN = Tally(
    "reablement_65_known",
    "reablement",
    "area_code",
    "hospital_disdate",
    AGED_65 & Col("at_home_day91").is_known(),
)
REABLEMENT_65_AT_HOME = Tally(
    "reablement_65_at_home",
    "reablement",
    "area_code",
    "hospital_disdate",
    AGED_65 & Col("at_home_day91").is_true(),
)

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="emergency_admissions_65plus",
        title="Emergency admissions (65+) per 100,000 of the 65+ population",
        unit="per 100,000 aged 65+",
        polarity=Polarity.LOWER_IS_BETTER,
        statistic=Statistic.RATE,
        interval=IntervalMethod.BYAR_EXACT,
        numerator=EMERGENCY_ADMISSIONS_65,
        denominator=Population("population_65plus"),
        per=100_000,
    ),
    Indicator(
        id="los_p90_emergency_65plus",
        title="90th percentile of length of stay for emergency admissions (65+)",
        unit="days",
        polarity=Polarity.LOWER_IS_BETTER,
        statistic=Statistic.PERCENTILE,
        interval=IntervalMethod.NONE,
        denominator=EMERGENCY_DISCHARGES_65,
        percentile=0.9,
    ),
    Indicator(
        id="delayed_days_per_day_18plus",
        title="Total delayed days per day per 100,000 of the 18+ population",
        unit="per day per 100,000 aged 18+",
        polarity=Polarity.LOWER_IS_BETTER,
        statistic=Statistic.PER_DAY_RATE,
        interval=IntervalMethod.NONE,
        numerator=DELAYED_DAYS,
        denominator=Population("population_18plus"),
        per=100_000,
    ),
    Indicator(
        id="reablement_at_home_91d_65plus",
        title="Older people (65+) still at home 91 days after discharge from hospital into "
        "reablement / rehabilitation",
        unit="%",
        polarity=Polarity.HIGHER_IS_BETTER,
        statistic=Statistic.PROPORTION,
        interval=IntervalMethod.WILSON,
        numerator=REABLEMENT_65_AT_HOME,
        denominator=REABLEMENT_65_KNOWN,
        per=100,
        source="ASCOF 2B(1)",
    ),
    Indicator(
        id="reablement_offered_65plus",
        title="Older people (65+) discharged from hospital who receive reablement / rehabilitation",
        unit="%",
        polarity=Polarity.HIGHER_IS_BETTER,
        statistic=Statistic.PROPORTION,
        interval=IntervalMethod.WILSON,
        numerator=REABLEMENT_65,
        denominator=LIVE_DISCHARGES_65,
        per=100,
        source="ASCOF 2B(2)",
    ),
    Indicator(
        id="weekend_discharges_emergency",
        title="Discharges following emergency admissions which occur at the weekend",
        unit="%",
        polarity=Polarity.HIGHER_IS_BETTER,
        statistic=Statistic.PROPORTION,
        interval=IntervalMethod.WILSON,
        numerator=WEEKEND_EMERGENCY_LIVE_DISCHARGES,
        denominator=EMERGENCY_LIVE_DISCHARGES,
        per=100,
    ),
)
INDICATOR_IDS: tuple[str, ...] = tuple(i.id for i in INDICATORS)


def indicator(indicator_id: str) -> Indicator:
    for candidate in INDICATORS:
        if candidate.id == indicator_id:
            return candidate
    raise NotFound(f"{indicator_id!r} is not an indicator; known: {', '.join(INDICATOR_IDS)}")


def select(ids: list[str] | None) -> tuple[Indicator, ...]:
    """The indicators asked for, in catalogue order; all of them when none are named."""
    if not ids:
        return INDICATORS
    wanted = {indicator(i).id for i in ids}
    return tuple(i for i in INDICATORS if i.id in wanted)


def tallies(indicators: tuple[Indicator, ...]) -> tuple[Tally, ...]:
    """Every tally the indicators need, each once."""
    found: dict[str, Tally] = {}
    for item in indicators:
        for part in (item.numerator, item.denominator):
            if isinstance(part, Tally):
                found.setdefault(part.name, part)
    return tuple(found.values())
