"""Indicator values of one period as matrices, parsed from rows of the metrics output format.

Pure: takes rows already read (dicts of strings from CSV, or of numbers and dates from Parquet
or Arrow) and checks them; bad input raises InvalidInput naming source, row, column and value.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import numpy.typing as npt

from joinedup.areas.rules import ENGLAND
from joinedup.errors import FORM, InvalidInput
from joinedup.ranking.indicators import INDICATORS

FloatArray = npt.NDArray[np.float64]

# The columns of the metrics output format that ranking reads; others are ignored.
REQUIRED_COLUMNS = (
    "area_code",
    "indicator",
    "period_start",
    "value",
    "lower_95",
    "upper_95",
    "lower_998",
    "upper_998",
)
_NUMBER_COLUMNS = ("value", "lower_95", "upper_95", "lower_998", "upper_998")


@dataclass(frozen=True)
class IndicatorValues:
    """One period's values: rows are areas (England excluded), columns indicators.

    NaN marks a missing value or an undefined interval. ``england`` holds England's values
    (NaN where the file has no England row for that indicator).
    """

    period_start: date
    area_codes: tuple[str, ...]
    indicator_ids: tuple[str, ...]
    value: FloatArray
    lower_95: FloatArray
    upper_95: FloatArray
    lower_998: FloatArray
    upper_998: FloatArray
    england: FloatArray

    @property
    def available(self) -> npt.NDArray[np.bool_]:
        return ~np.isnan(self.value)

    @property
    def higher_is_better(self) -> npt.NDArray[np.bool_]:
        return np.array([INDICATORS[i].higher_is_better for i in self.indicator_ids], dtype=bool)

    def subset(self, area_rows: npt.NDArray[np.intp]) -> IndicatorValues:
        """The same period restricted to some areas (row indices, in that order)."""
        return IndicatorValues(
            period_start=self.period_start,
            area_codes=tuple(self.area_codes[i] for i in area_rows),
            indicator_ids=self.indicator_ids,
            value=self.value[area_rows],
            lower_95=self.lower_95[area_rows],
            upper_95=self.upper_95[area_rows],
            lower_998=self.lower_998[area_rows],
            upper_998=self.upper_998[area_rows],
            england=self.england,
        )


def parse_period(text: object, *, where: str) -> date:
    """An ISO date (YYYY-MM-DD) from a string, date or datetime."""
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise InvalidInput.of(FORM, f"{where}: {text!r} is not a date like 2018-04-01") from None


def _number(raw: object, *, where: str) -> float:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return math.nan
    if isinstance(raw, bool):
        raise InvalidInput.of(FORM, f"{where}: {raw!r} is not a number")
    try:
        number = float(raw.strip() if isinstance(raw, str) else raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidInput.of(FORM, f"{where}: {raw!r} is not a number") from None
    if isinstance(raw, float) and math.isnan(raw):
        return math.nan  # Parquet and Arrow write a missing float as NaN
    if not math.isfinite(number):
        raise InvalidInput.of(FORM, f"{where}: {raw!r} is not a finite number")
    return number


def check_columns(columns: Iterable[str], *, source: str) -> None:
    present = set(columns)
    missing = [c for c in REQUIRED_COLUMNS if c not in present]
    if missing:
        raise InvalidInput.of(
            FORM,
            f"{source}: missing column(s) {', '.join(missing)}; the metrics output format has "
            "area_code, indicator, period_start, period_end, numerator, denominator, value, "
            "lower_95, upper_95, lower_998, upper_998",
        )


def _check_interval(numbers: dict[str, float], level: str, *, where: str) -> None:
    lower, upper = numbers[f"lower_{level}"], numbers[f"upper_{level}"]
    if math.isnan(lower) != math.isnan(upper):
        blank = f"lower_{level}" if math.isnan(lower) else f"upper_{level}"
        raise InvalidInput.of(
            FORM, f"{where}, column {blank}: blank while the other limit is given"
        )
    if math.isnan(lower):
        return
    value = numbers["value"]
    if math.isnan(value):
        raise InvalidInput.of(
            FORM, f"{where}, column value: blank while the {level} interval is given"
        )
    if not lower <= value <= upper:
        raise InvalidInput.of(
            FORM,
            f"{where}, columns lower_{level}/upper_{level}: interval {lower}-{upper} does not "
            f"contain the value {value}",
        )


def values_for_period(
    rows: Iterable[Mapping[str, object]],
    *,
    period_start: date,
    source: str,
    first_row_number: int = 2,
) -> IndicatorValues:
    """The matrices of one period; rows are numbered from ``first_row_number`` in messages."""
    cells: dict[tuple[str, str], dict[str, float]] = {}
    seen_at: dict[tuple[str, str], int] = {}
    periods: set[date] = set()
    area_order: list[str] = []
    indicator_order: list[str] = []
    for number, row in enumerate(rows, start=first_row_number):
        where = f"{source}, row {number}"
        period = parse_period(row.get("period_start"), where=f"{where}, column period_start")
        periods.add(period)
        indicator = str(row.get("indicator") or "").strip()
        if indicator not in INDICATORS:
            raise InvalidInput.of(
                FORM,
                f"{where}, column indicator: {indicator!r} is not an indicator the ranking knows "
                f"({', '.join(INDICATORS)})",
            )
        area = str(row.get("area_code") or "").strip()
        if not area:
            raise InvalidInput.of(FORM, f"{where}, column area_code: empty")
        if period != period_start:
            continue
        numbers = {c: _number(row.get(c), where=f"{where}, column {c}") for c in _NUMBER_COLUMNS}
        _check_interval(numbers, "95", where=where)
        _check_interval(numbers, "998", where=where)
        key = (area, indicator)
        if key in seen_at:
            raise InvalidInput.of(
                FORM, f"{where}: {area} {indicator} {period_start} repeats row {seen_at[key]}"
            )
        seen_at[key] = number
        cells[key] = numbers
        if area != ENGLAND and area not in area_order:
            area_order.append(area)
        if (
            area != ENGLAND
            and indicator not in indicator_order
            and not math.isnan(numbers["value"])
        ):
            indicator_order.append(indicator)
    if not cells:
        shown = ", ".join(p.isoformat() for p in sorted(periods)) or "none"
        raise InvalidInput.of(
            FORM,
            f"{source}: no values for the period starting {period_start.isoformat()}; "
            f"periods in the file: {shown}",
        )
    if not area_order:
        raise InvalidInput.of(
            FORM, f"{source}: only England has values for {period_start.isoformat()}"
        )
    # Indicators in the order of the known table, areas in code order, so output is stable.
    indicators = tuple(i for i in INDICATORS if i in indicator_order)
    areas = tuple(sorted(area_order))
    matrices = {c: np.full((len(areas), len(indicators)), np.nan) for c in _NUMBER_COLUMNS}
    england = np.full(len(indicators), np.nan)
    area_index = {a: k for k, a in enumerate(areas)}
    for (area, indicator), numbers in cells.items():
        if indicator not in indicators:  # no area has a value: nothing to rank on
            continue
        j = indicators.index(indicator)
        if area == ENGLAND:
            england[j] = numbers["value"]
            continue
        for column, matrix in matrices.items():
            matrix[area_index[area], j] = numbers[column]
    return IndicatorValues(
        period_start=period_start,
        area_codes=areas,
        indicator_ids=indicators,
        value=matrices["value"],
        lower_95=matrices["lower_95"],
        upper_95=matrices["upper_95"],
        lower_998=matrices["lower_998"],
        upper_998=matrices["upper_998"],
        england=england,
    )
