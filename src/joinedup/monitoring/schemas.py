"""The monitoring door's models: the input of every change (one model per use case, shared by
its page form and its API operation, problems reported by field) and the API's answers."""

from __future__ import annotations

import math
import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    BeforeValidator,
    Field,
    field_validator,
)

from joinedup.errors import InvalidInput
from joinedup.inputs import HappenedOn, Key, PlanningDate, ShortText, Title, clean_text, uk_date
from joinedup.monitoring.answers import (
    FigureOut,
    FrameworkOut,
    KpiDetailOut,
    KpiOut,
    PartOut,
    PeriodHistoryOut,
    PointOut,
    RebaseIO,
    SpcOut,
    SpcPointOut,
    TravelOut,
    ValueEntryOut,
    ValueOut,
)
from joinedup.monitoring.basis import MAX_LAG, Basis
from joinedup.monitoring.direction import Polarity, Travel
from joinedup.monitoring.series_csv import parse_date
from joinedup.monitoring.spc_terms import Assurance, Direction, Rebase, Variation
from joinedup.monitoring.targets import parse_target

__all__ = [
    "EDITABLE",
    "Assurance",
    "Basis",
    "Direction",
    "FigureOut",
    "FrameworkAgreedIn",
    "FrameworkIn",
    "FrameworkOut",
    "KpiChange",
    "KpiDetailOut",
    "KpiIn",
    "KpiOut",
    "OutputFormat",
    "PartIn",
    "PartOut",
    "PeriodHistoryOut",
    "PointOut",
    "Polarity",
    "Rebase",
    "RebaseIO",
    "RebaseIn",
    "ReportDates",
    "SpcOut",
    "SpcPointOut",
    "Travel",
    "TravelOut",
    "ValueEntryOut",
    "ValueIn",
    "ValueOut",
    "ValuesImport",
    "Variation",
]

# Fields of a KPI a lead edits, in the order they are shown.
EDITABLE = (
    "name",
    "unit",
    "polarity",
    "target",
    "target_basis",
    "expected_lag",
    "screen_outliers",
    "fix_after",
    "rebases",
)


class OutputFormat(StrEnum):
    """What `joinedup spc` writes."""

    CSV = "csv"
    JSON = "json"


# --- what people type -------------------------------------------------------------------------


def _collapsed(value: object) -> object:
    return " ".join(value.split()) if isinstance(value, str) else value


def _day(message: str) -> BeforeValidator:
    """A date typed as people in the UK write it (31/03/2020, 31 March 2020) or as 2020-03-31,
    or a month as 2020-04 (its first day)."""

    def read(value: object) -> object:
        value = uk_date(value)
        if isinstance(value, str):
            try:
                return parse_date(value, where="date")
            except InvalidInput:
                raise ValueError(message) from None
        return value

    return BeforeValidator(read)


def _blank_is_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


def _points(value: object) -> object:
    if isinstance(value, str) and value.strip() and not value.strip().isdigit():
        raise ValueError("Enter a whole number of points, like 12, or leave it empty")
    return _blank_is_none(value)


def _target(value: str) -> str:
    if len(value) > 100:
        raise ValueError(f"Use at most 100 characters (this has {len(value)})")
    if value:
        try:
            parse_target(value)
        except InvalidInput as error:  # it says which wordings are understood
            raise ValueError(str(error)) from None
    return value


Collapsed = BeforeValidator(_collapsed)
Target = Annotated[str, BeforeValidator(clean_text), Collapsed, AfterValidator(_target)]


def _required(message: str) -> AfterValidator:
    def check(value: str) -> str:
        if not value:
            raise ValueError(message)
        return value

    return AfterValidator(check)


# Text comes through the shared field types (clean at the door, limits on every database); a
# one-line field's runs of spaces are then read as one, as before.
_spaces = AfterValidator(lambda value: " ".join(value.split()))
MeasureName = Annotated[Title, _spaces, _required("Enter what the measure is")]
Unit = Annotated[Key, _spaces]


def _at_least_two(value: int | None) -> int | None:
    if value is not None and value < 2:
        raise ValueError(f"{value} point is too few: limits need at least 2")
    return value


FixAfter = Annotated[
    int | None,
    BeforeValidator(_points),
    AfterValidator(_at_least_two),
    Field(description="Fix the limits on the first N points of each period"),
]
OptionalPolarity = Annotated[Polarity | None, BeforeValidator(_blank_is_none)]


def _lag(value: object) -> object:
    if isinstance(value, str) and value.strip() and not value.strip().isdigit():
        raise ValueError(f"Enter the lag as a whole number of months from 0 to {MAX_LAG}, like 3")
    return _blank_is_none(value)


def _lag_range(value: int | None) -> int | None:
    if value is not None and not 0 <= value <= MAX_LAG:
        raise ValueError(f"Enter the lag as a whole number of months from 0 to {MAX_LAG}, like 3")
    return value


ExpectedLag = Annotated[
    int | None,
    BeforeValidator(_lag),
    AfterValidator(_lag_range),
    Field(description="Months a figure may trail the date it is read at before it is out of date"),
]
TargetBasis = Annotated[
    Basis | None,
    BeforeValidator(_blank_is_none),
    Field(
        description="The period the target applies to: month, quarter, financial_year, "
        "financial_year_to_date or rolling12"
    ),
]
TARGET_NAMES = AliasChoices("target", "target_text")  # the page's older field name still reads
_REBASE_LINE = re.compile(r"^\s*([^:]+?)\s*:\s*(.*)$")


class RebaseIn(BaseModel):
    at: Annotated[PlanningDate, _day("Enter the date limits are recalculated from as 01/04/2019")]
    reason: Annotated[Title, _spaces, _required("Give the reason for rebasing")]


def _rebase_lines(value: object) -> object:
    """The page's lines like "2019-04-01: new contract" (a month like 2019-04 also does)."""
    if not isinstance(value, str):
        return value
    out = []
    for number, line in enumerate(value.splitlines(), start=1):
        if not line.strip():
            continue
        match = _REBASE_LINE.match(line)
        if match is None or not match.group(2).strip():
            raise ValueError(f"Rebase line {number}: give the reason after the date and a colon")
        try:
            day = parse_date(match.group(1), where=f"Rebase line {number}")
        except InvalidInput as error:
            raise ValueError(str(error)) from None
        out.append({"at": day, "reason": match.group(2)})
    return out


def _distinct(rebases: list[RebaseIn] | None) -> list[RebaseIn] | None:
    seen: set[date] = set()
    for item in rebases or []:
        if item.at in seen:
            raise ValueError(f"{item.at.isoformat()} is given twice: rebase once on each date")
        seen.add(item.at)
    return None if rebases is None else sorted(rebases, key=lambda r: r.at)


Rebases = Annotated[list[RebaseIn], BeforeValidator(_rebase_lines), AfterValidator(_distinct)]


class PartIn(BaseModel):
    number: int = Field(ge=1, le=99)
    title: Annotated[Title, _spaces, _required("Enter the part's title")]


class FrameworkIn(BaseModel):
    """A new framework; an empty title reads "<system> evaluation framework"."""

    title: Annotated[Title, _spaces] = ""
    parts: list[PartIn] = Field(default_factory=list)


class FrameworkAgreedIn(BaseModel):
    """When, and by which board, the framework was agreed (an empty date: not yet agreed)."""

    version: int = Field(description="The version you loaded; a stale one is refused.")
    agreed_on: Annotated[HappenedOn | None, BeforeValidator(lambda v: v or None)] = None
    agreed_by: Annotated[Title, _spaces] = ""


class KpiIn(BaseModel):
    """A new KPI: with values entered here, or linked to a stored indicator."""

    part: int = Field(ge=1, le=99, description="The number of the part (1, 2, ...)")
    code: str = Field(examples=["1h"], description="The part's number, then letters")
    name: MeasureName
    unit: Unit = ""
    polarity: Annotated[Polarity, BeforeValidator(lambda v: v or Polarity.HIGHER_IS_BETTER)] = (
        Polarity.HIGHER_IS_BETTER
    )
    target: Target = Field(default="", validation_alias=TARGET_NAMES, examples=["83 or fewer"])
    target_basis: TargetBasis = None  # a month when not given
    expected_lag: ExpectedLag = None  # DEFAULT_LAG months when not given
    indicator_id: Annotated[str | None, BeforeValidator(_blank_is_none)] = None
    indicator_months: int = Field(default=1, description="1, 3 or 12")
    screen_outliers: bool = True
    fix_after: FixAfter = None
    rebases: Rebases = Field(default_factory=list)

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, value: object) -> object:
        code = value.strip().lower() if isinstance(value, str) else value
        if not isinstance(code, str) or not re.fullmatch(r"[0-9]{1,2}[a-z]{1,2}", code):
            raise ValueError("Enter a code like 1a or 2f: the part's number, then letters")
        return code

    @field_validator("indicator_months")
    @classmethod
    def _months(cls, value: int) -> int:
        if value not in (1, 3, 12):
            raise ValueError(f"{value} is not 1, 3 or 12")
        return value


class KpiChange(BaseModel):
    """What to change of a KPI (what is not given stays); `version` is the one you read."""

    version: int
    name: MeasureName | None = None
    unit: Unit | None = None
    polarity: OptionalPolarity = None
    target: Target | None = Field(default=None, validation_alias=TARGET_NAMES)
    target_basis: TargetBasis = None
    expected_lag: ExpectedLag = None
    screen_outliers: bool | None = None
    fix_after: FixAfter = None
    clear_fix_after: bool = False
    rebases: Rebases | None = None


def _number(value: object) -> object:
    """A value as written in a spreadsheet: 1218, 1,218, 87.5 or 87.5%."""
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "").removesuffix("%").strip())
        except ValueError:
            raise ValueError("Enter the value as a number, like 1218 or 87.5") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("Enter the value as a number, like 1218 or 87.5")
    return value


class ValueIn(BaseModel):
    """A period's value; `version` is the period's version you saw (0: it had no value)."""

    period: Annotated[HappenedOn, _day("Enter the period as a month, like 2020-04")] = Field(
        examples=["2020-04-01"]
    )
    value: Annotated[float | None, BeforeValidator(_number)] = Field(
        description="None withdraws the period's value"
    )
    version: int = Field(default=0, ge=0)
    note: ShortText = ""


class ValuesImport(BaseModel):
    """Values from a CSV or XLSX file (columns date and value), or pasted as CSV text."""

    file_name: str = ""
    data: bytes = b""
    pasted: str = ""


class ReportDates(BaseModel):
    """The dates a framework is read at: as at `as_of` (today when empty), changes measured
    from `since` (the last report; each KPI's previous point when empty)."""

    as_of: Annotated[
        Annotated[PlanningDate, _day("Enter the date as 31/03/2020, or a month as 2020-03")] | None,
        BeforeValidator(_blank_is_none),
    ] = None
    since: Annotated[
        Annotated[PlanningDate, _day("Enter the date of the last report as 31/01/2020, or a month")]
        | None,
        BeforeValidator(_blank_is_none),
    ] = None
