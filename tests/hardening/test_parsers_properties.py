"""Property tests for every parser of people's input: whatever is typed or uploaded, the answer
is a value or `InvalidInput` naming where the problem is, never a crash.

Pure parsers only here (no database): targets, months and periods, the areas CSV, KPI values
files (CSV and XLSX) and the plan spreadsheet. The data contract is in test_contract_properties.
"""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from joinedup.areas.service import read_area_rows
from joinedup.errors import InvalidInput
from joinedup.metrics.periods import PeriodKind, add_months, parse_month, periods_between
from joinedup.monitoring.targets import Comparator, parse_target
from joinedup.monitoring.values_file import read_pasted, read_values
from joinedup.plans.excel import COLUMNS, OPTIONAL_COLUMNS, read_plan

T = TypeVar("T")

QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FILES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text people type or paste: any unicode, plus the pieces parsers look for.
PIECES = st.sampled_from(
    [
        "=",
        "+",
        "-",
        "@",
        "%",
        ",",
        "\t",
        "\r",
        "\n",
        '"',
        "'",
        "<script>alert(1)</script>",
        '=HYPERLINK("http://x","y")',
        "between",
        "and",
        "or fewer",
        "at least",
        "2019-04",
        "2019-13",
        "9" * 40,
        "1e308",
        "NaN",
        "inf",
        "−",
        "\u00a0",
        "\x00",
        "2020-02-30",
        "31/12/2019",
    ]
)
HOSTILE_TEXT = st.lists(st.one_of(st.text(max_size=12), PIECES), max_size=6).map("".join)


def attempt(parse: Callable[[], T]) -> tuple[T | None, str]:
    """Call the parser: a value, or the message of its InvalidInput; anything else fails."""
    try:
        return parse(), ""
    except InvalidInput as error:
        return None, str(error) or "an error that says nothing"


# --- targets -----------------------------------------------------------------------------------


@QUICK
@given(HOSTILE_TEXT)
@example("between 90 and 80")
@example("9" * 400 + " or fewer")
@example("between 1e309 and 2")
def test_any_target_text_is_understood_or_refused_with_its_value(text: str) -> None:
    target, error = attempt(lambda: parse_target(text, where="plan.xlsx, row 7, column target"))
    if target is None:
        assert error.startswith("plan.xlsx, row 7, column target: ")
    else:
        assert target.met(target.value) or target.comparator in ("less_than", "more_than")


@QUICK
@given(
    st.sampled_from(["{n} or fewer", "at least {n}", "less than {n}", "more than {n}"]),
    st.integers(min_value=-10_000, max_value=10_000),
    st.integers(min_value=-10_000, max_value=10_000),
)
def test_met_agrees_with_the_words(form: str, n: int, value: int) -> None:
    target = parse_target(form.replace("{n}", str(n)))
    expected = {
        Comparator.AT_MOST: value <= n,
        Comparator.AT_LEAST: value >= n,
        Comparator.LESS_THAN: value < n,
        Comparator.MORE_THAN: value > n,
    }[target.comparator]
    assert target.met(value) is expected


@QUICK
@given(st.integers(-1000, 1000), st.integers(0, 1000), st.integers(-1000, 2000))
def test_a_range_includes_both_ends_and_nothing_outside(low: int, width: int, value: int) -> None:
    target = parse_target(f"between {low} and {low + width}")
    assert target.met(value) is (low <= value <= low + width)


# --- months and periods ------------------------------------------------------------------------


@QUICK
@given(HOSTILE_TEXT)
@example("2019-00")
@example("2019-13")
@example("0000-01")
@example("２０１９-０４")  # full-width digits match \d but are not a month people mean
def test_any_month_text_is_a_first_of_month_or_refused(text: str) -> None:
    refused: InvalidInput | None = None
    try:
        month = parse_month(text, option="--from")
    except InvalidInput as error:
        refused = error
    if refused is not None:
        assert list(refused.problems) == ["--from"]  # the command line prints it after the option
        assert "month written YYYY-MM" in refused.problems["--from"]
        return
    assert month.day == 1
    assert f"{month:%Y-%m}" == text.strip() or not text.strip().isascii()


@QUICK
@given(st.integers(1, 9999), st.integers(1, 12))
def test_every_written_month_reads_back(year: int, month: int) -> None:
    assert parse_month(f"{year:04d}-{month:02d}") == date(year, month, 1)


MONTHS = st.builds(date, st.integers(2000, 2030), st.integers(1, 12), st.just(1))


@QUICK
@given(MONTHS, st.integers(0, 60))
def test_months_tile_the_range(first: date, count: int) -> None:
    last = add_months(first, count)
    periods = periods_between(PeriodKind.MONTH, first, last)
    assert len(periods) == count + 1
    assert periods[0].start == first
    for before, after in itertools.pairwise(periods):
        assert (after.start - before.end).days == 1  # no gap, no overlap


@QUICK
@given(MONTHS, st.integers(0, 60))
def test_quarters_and_financial_years_tile_whole_blocks_inside_the_range(
    first: date, count: int
) -> None:
    last = add_months(first, count)
    for kind, length, starts in (
        (PeriodKind.QUARTER, 3, {1, 4, 7, 10}),
        (PeriodKind.FINANCIAL_YEAR, 12, {4}),  # UK financial years run April to March
    ):
        periods = periods_between(kind, first, last)
        for period in periods:
            assert period.start.month in starts
            assert len(period.months) == length
            assert first <= period.start
            assert period.end < add_months(last, 1)
        for before, after in itertools.pairwise(periods):
            assert (after.start - before.end).days == 1
        # Every whole block inside the range is there: count them by hand.
        whole = [
            m
            for m in (add_months(first, i) for i in range(count + 1))
            if m.month in starts and add_months(m, length - 1) <= last
        ]
        assert [p.start for p in periods] == whole


@QUICK
@given(MONTHS, st.integers(0, 40))
def test_rolling_years_end_each_month_with_twelve_months_behind(first: date, count: int) -> None:
    last = add_months(first, count)
    periods = periods_between(PeriodKind.ROLLING12, first, last)
    assert len(periods) == max(0, count - 10)
    for period in periods:
        assert len(period.months) == 12
        assert period.start >= first


@QUICK
@given(MONTHS, st.integers(1, 30))
def test_a_backwards_range_is_refused(first: date, back: int) -> None:
    with pytest.raises(InvalidInput, match="is before"):
        periods_between(PeriodKind.MONTH, first, add_months(first, -back))


# --- the areas CSV -----------------------------------------------------------------------------

AREA_HEADER = "area_code,area_name,area_type,population_all,population_18plus,population_65plus"
GOOD_AREA = ["E06000001", "Hartlepool", "UA", "93000", "72000", "18000"]


@QUICK
@given(st.integers(0, 5), HOSTILE_TEXT)
@example(3, "9" * 5000)
@example(1, "")
def test_areas_csv_with_a_hostile_cell_is_refused_naming_row_and_column(
    column: int, cell: str
) -> None:
    row = list(GOOD_AREA)
    row[column] = cell
    text = AREA_HEADER + "\n" + ",".join(_csv_cell(c) for c in row) + "\n"
    rows, error = attempt(lambda: read_area_rows(text, source="areas.csv"))
    if rows is None:
        assert error.startswith(f"areas.csv, row 2, column {AREA_HEADER.split(',')[column]}: ")
    else:
        assert len(rows) == 1


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# --- KPI values files --------------------------------------------------------------------------


@QUICK
@given(HOSTILE_TEXT, HOSTILE_TEXT)
@example("2019-02-30", "12")
@example("2019-04-01", "1e400")
@example("2019-04-01", "NaN")
def test_pasted_values_with_hostile_cells_are_refused_naming_the_row(day: str, value: str) -> None:
    text = f"date,value\n2019-03-01,10\n{_csv_cell(day)},{_csv_cell(value)}\n"
    values, error = attempt(lambda: read_pasted(text))
    if values is None:
        assert error.startswith(("pasted values, row 3, column", "pasted values: ")), error
    else:
        assert all(math.isfinite(v.value) for v in values if v.value is not None)


@QUICK
@given(st.binary(max_size=300))
def test_any_bytes_as_a_csv_or_xlsx_upload_never_crash(data: bytes) -> None:
    for name in ("values.csv", "values.xlsx"):
        values, error = attempt(lambda n=name: read_values(n, data, max_bytes=10_000))  # type: ignore[misc]
        assert values is not None or error.startswith(name), error


CELLS = st.one_of(
    st.none(),
    HOSTILE_TEXT.map(lambda t: "".join(c for c in t if c.isprintable() or c in "\t\n")),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)


def _workbook(rows: list[list[object]], title: str = "Sheet") -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@FILES
@given(st.lists(st.tuples(CELLS, CELLS), min_size=1, max_size=5))
def test_xlsx_values_with_hostile_cells_are_a_value_or_refused(
    rows: list[tuple[object, object]],
) -> None:
    data = _workbook([["date", "value"], *[list(r) for r in rows]])
    values, error = attempt(lambda: read_values("values.xlsx", data, max_bytes=10**6))
    assert values is not None or error.startswith("values.xlsx"), error
    for value in values or []:
        assert value.value is None or math.isfinite(value.value)


# --- the plan spreadsheet ----------------------------------------------------------------------

PLAN_HEADER = [*COLUMNS, *OPTIONAL_COLUMNS]
GOOD_PLAN_ROW: list[object] = [
    "W1",
    "Discharge",
    "A&E delivery board",
    "Chief operating officer",
    "Open a discharge lounge",
    "Jo Bloggs",
    date(2019, 9, 30),
    "On track",
    "Lounge staffed",
    "Amber",
    date(2019, 4, 1),
    "No",
    "Recruitment slow",
    "Agency staff",
]


@FILES
@given(st.integers(0, len(PLAN_HEADER) - 1), CELLS)
@example(6, "2019-02-30")
@example(9, "Purple")
def test_plan_row_with_one_hostile_cell_is_read_or_refused_naming_it(
    column: int, cell: object
) -> None:
    row = list(GOOD_PLAN_ROW)
    row[column] = cell
    data = _workbook([PLAN_HEADER, row], title="Plan")
    workstreams, error = attempt(lambda: read_plan(data, source="plan.xlsx"))
    if workstreams is None:
        assert f"plan.xlsx, sheet Plan, row 2, column {PLAN_HEADER[column]}: " in error, error
    else:
        assert len(workstreams) == 1


@FILES
@given(st.lists(st.lists(CELLS, min_size=10, max_size=14), min_size=1, max_size=4), st.booleans())
def test_plan_spreadsheet_of_hostile_cells_is_read_or_refused(
    rows: list[list[object]], with_header: bool
) -> None:
    header = PLAN_HEADER if with_header else PLAN_HEADER[3:]
    data = _workbook([header, *rows], title="Plan")
    workstreams, error = attempt(lambda: read_plan(data, source="plan.xlsx"))
    assert workstreams is not None or "plan.xlsx" in error, error


@QUICK
@given(st.binary(max_size=300))
def test_any_bytes_as_a_plan_spreadsheet_are_refused(data: bytes) -> None:
    with pytest.raises(InvalidInput, match=r"plan\.xlsx"):
        read_plan(data, source="plan.xlsx")


def test_a_choice_written_with_spaces_is_shown_whole_in_the_problem() -> None:
    row = list(GOOD_PLAN_ROW)
    row[PLAN_HEADER.index("Status")] = "In progress"
    row[PLAN_HEADER.index("RAG")] = "Dark green"
    data = _workbook([PLAN_HEADER, row], title="Plan")
    _, error = attempt(lambda: read_plan(data, source="plan.xlsx"))
    assert "row 2, column Status: 'In progress' is not one of: Not started, On track" in error
    assert "row 2, column RAG: 'Dark green' is not one of: " in error
