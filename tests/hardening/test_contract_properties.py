"""The data contract under random bad cells: validation names the file, row, column and value of
a problem, and nothing is computed from a folder that has one."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.errors import InvalidInput
from joinedup.metrics.periods import PeriodKind
from joinedup.metrics.service import compute
from joinedup.metrics.validation import validate

AREAS = ["E06000001", "E06000002"]

# A good folder: three data rows per file (CSV rows 2 to 4).
GOOD = {
    "spells": (
        "spell_id,person_id,startage,admidate,disdate,admimeth,disdest,resladst_ons",
        [
            ["s1", "p1", "70", "2021-01-04", "2021-01-09", "21", "19", "E06000001"],
            ["s2", "p2", "81", "2021-01-05", "2021-01-20", "21", "19", "E06000002"],
            ["s3", "p3", "90", "2021-02-01", "2021-02-03", "21", "19", "E06000001"],
        ],
    ),
    "reablement": (
        "person_id,area_code,startage,hospital_disdate,at_home_day91",
        [
            ["p1", "E06000001", "70", "2021-01-09", "true"],
            ["p2", "E06000002", "81", "2021-01-20", "false"],
            ["p3", "E06000001", "90", "2021-02-03", "true"],
        ],
    ),
    "dtoc": (
        "area_code,month,delayed_days,attribution",
        [
            ["E06000001", "2021-01", "40", "NHS"],
            ["E06000002", "2021-01", "12", "social_care"],
            ["E06000001", "2021-02", "7", "both"],
        ],
    ),
    "population": (
        "area_code,year,population_all,population_18plus,population_65plus",
        [
            ["E06000001", "2021", "1000", "800", "200"],
            ["E06000002", "2021", "2000", "1600", "300"],
            ["E06000001", "2020", "990", "790", "190"],
        ],
    ),
}

# Bad values by what a column holds, each wrong whatever the row.
BAD = {
    "age": ["seventy", "-3", "7.5", "1e3", "=1+1"],
    "date": ["2021-02-30", "31/01/2021", "yesterday", "2021-13-01", "<script>"],
    "month": ["2021-1", "2021-13", "January", "=A1"],
    "count": ["-5", "many", "3.5", "@SUM(A1)"],
    "area": ["E99999999", "Oxfordshire", '=HYPERLINK("http://x","y")', "e06000001x"],
    "boolean": ["maybe", "2", "+1"],
    "attribution": ["nhs ", "council", "-"],
}
COLUMNS = {
    ("spells", "startage"): "age",
    ("spells", "admidate"): "date",
    ("spells", "resladst_ons"): "area",
    ("reablement", "startage"): "age",
    ("reablement", "hospital_disdate"): "date",
    ("reablement", "area_code"): "area",
    ("reablement", "at_home_day91"): "boolean",
    ("dtoc", "month"): "month",
    ("dtoc", "delayed_days"): "count",
    ("dtoc", "area_code"): "area",
    ("dtoc", "attribution"): "attribution",
    ("population", "year"): "age",
    ("population", "population_all"): "count",
    ("population", "area_code"): "area",
}


@st.composite
def bad_cells(draw: st.DrawFn) -> tuple[str, str, int, str]:
    table, column = draw(st.sampled_from(sorted(COLUMNS)))
    value = draw(st.sampled_from(BAD[COLUMNS[(table, column)]]))
    row = draw(st.integers(2, 4))  # as a spreadsheet shows it: the header is row 1
    return table, column, row, value


def _write(folder: Path, table: str, column: str, row: int, value: str) -> None:
    for name, (header, rows) in GOOD.items():
        lines = [header]
        for number, cells in enumerate(rows, start=2):
            cells = list(cells)
            if name == table and number == row:
                cells[header.split(",").index(column)] = value
            lines.append(",".join('"' + c.replace('"', '""') + '"' for c in cells))
        (folder / f"{name}.csv").write_text("\n".join(lines) + "\n")


def test_the_good_folder_passes(tmp_path: Path) -> None:
    _write(tmp_path, "", "", 0, "")
    with duckdb.connect() as con:
        validate(con, tmp_path, AREAS)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bad_cells())
def test_a_bad_cell_is_named_by_file_row_column_and_value(cell: tuple[str, str, int, str]) -> None:
    table, column, row, value = cell
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        _write(folder, table, column, row, value)
        with duckdb.connect() as con, pytest.raises(InvalidInput) as caught:
            validate(con, folder, AREAS)
        message = str(caught.value)
        assert f"{table}.csv, row {row}, column {column}: {value!r}" in message, message
        assert "nothing was computed" in message
        # The use case that computes indicators refuses the folder the same way.
        with pytest.raises(InvalidInput, match=f"{table}.csv, row {row}, column {column}"):
            compute(folder, PeriodKind.MONTH, areas=AREAS)
