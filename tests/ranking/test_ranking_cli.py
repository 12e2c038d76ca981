"""`joinedup rank` end to end on a small file written here."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from ranking_examples import (
    AT_HOME,
    DELAYED,
    EMERGENCY,
    FOUR_AREAS,
    FOUR_ENGLAND,
    A,
    B,
    C,
    D,
    rows_from,
)
from typer.testing import CliRunner, Result

from joinedup.cli import app
from joinedup.errors import InvalidInput

COLUMNS = [
    "area_code",
    "area_name",
    "score",
    "rank",
    "median_rank",
    "rank_p05",
    "rank_p95",
    f"contribution_{EMERGENCY}",
    f"contribution_{DELAYED}",
    f"contribution_{AT_HOME}",
    "selected",
]


def write_csv(path: Path, rows: list[dict[str, object]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def values_file(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "values.csv", rows_from(FOUR_AREAS, FOUR_ENGLAND))


def invoke(values: Path, out: Path, *extra: str) -> Result:
    base = ["rank", "--values", str(values), "--period-start", "2018-04-01", "--out", str(out)]
    return CliRunner().invoke(app, [*base, *extra])


def rank_ok(values: Path, out: Path, *extra: str) -> list[dict[str, str]]:
    result = invoke(values, out, "--draws", "200", "--seed", "3", *extra)
    assert result.exit_code == 0, result.output
    return read_csv(out)


def test_rank_writes_one_row_per_area(values_file: Path, tmp_path: Path) -> None:
    rows = rank_ok(values_file, tmp_path / "ranking.csv", "--select", "1", "--quiet")
    assert list(rows[0])[: len(COLUMNS)] == COLUMNS
    by_code = {row["area_code"]: row for row in rows}
    assert set(by_code) == {A, B, C, D}  # England is the benchmark, not ranked
    # Worked by hand in test_ranking_composite.py: B 1.25, A 2.25, C 2.5, D 4.
    assert [row["area_code"] for row in rows] == [B, A, C, D]
    assert {c: float(by_code[c]["score"]) for c in by_code} == pytest.approx(
        {A: 2.25, B: 1.25, C: 2.5, D: 4.0}
    )
    assert by_code[A]["area_name"] == "Hartlepool"
    contributions = [float(by_code[A][c]) for c in COLUMNS[7:10]]
    assert contributions == pytest.approx([0.25, 1.5, 0.5])
    # D is the worst on every indicator: last whatever the assumptions, so a robust choice.
    assert by_code[D]["selected"] == "robust"
    assert (by_code[D]["rank_p05"], by_code[D]["rank_p95"]) == ("4", "4")
    assert by_code[B]["selected"] == ""


def test_same_seed_same_file(values_file: Path, tmp_path: Path) -> None:
    first = rank_ok(values_file, tmp_path / "one.csv", "--quiet")
    second = rank_ok(values_file, tmp_path / "two.csv", "--quiet")
    assert first == second


def test_summary_names_settings_and_selection(values_file: Path, tmp_path: Path) -> None:
    result = invoke(values_file, tmp_path / "r.csv", "--draws", "100", "--select", "2")
    assert result.exit_code == 0, result.output
    assert "delayed_days_per_day_18plus=2" in result.output
    assert "No confidence interval" in result.output
    assert "most challenged" in result.output


def test_weights_and_options_change_the_ranking(values_file: Path, tmp_path: Path) -> None:
    # Weights 3, 1, 1 make A and B tie at 1.6 (worked by hand): both rank 1.
    rows = rank_ok(
        values_file,
        tmp_path / "r.csv",
        "--weights",
        f"{EMERGENCY}=3,{DELAYED}=1",
        "--normalisation",
        "rank",
        "--quiet",
    )
    ranks = {row["area_code"]: row["rank"] for row in rows}
    assert ranks == {A: "1", B: "1", C: "3", D: "4"}


def test_missing_values_rules(tmp_path: Path) -> None:
    table = {a: dict(v) for a, v in FOUR_AREAS.items()}
    table[D][DELAYED] = None
    values = write_csv(tmp_path / "holes.csv", rows_from(table, FOUR_ENGLAND))
    excluded = {
        r["area_code"]: r
        for r in rank_ok(values, tmp_path / "x.csv", "--missing", "exclude", "--quiet")
    }
    assert excluded[D]["rank"] == ""
    assert excluded[D]["missing_indicators"] == DELAYED
    assert [excluded[c]["rank"] for c in (B, A, C)] == ["1", "2", "3"]
    kept = {
        r["area_code"]: r
        for r in rank_ok(values, tmp_path / "k.csv", "--missing", "reweight", "--quiet")
    }
    assert kept[D]["rank"] == "4"
    assert kept[D][f"contribution_{DELAYED}"] == ""


def test_parquet_and_xlsx_out(values_file: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq
    from openpyxl import load_workbook

    rank_ok(values_file, tmp_path / "r.csv", "--quiet")
    for name in ("r.parquet", "r.xlsx"):
        result = invoke(values_file, tmp_path / name, "--draws", "200", "--seed", "3", "--quiet")
        assert result.exit_code == 0, result.output
    assert pq.read_table(tmp_path / "r.parquet").column("area_code").to_pylist() == [B, A, C, D]
    sheet = load_workbook(tmp_path / "r.xlsx").active
    assert [c.value for c in sheet["A"]][1:] == [B, A, C, D]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weights", "no_such_indicator=2"], "Unknown indicator.*no_such_indicator"),
        (["--weights", f"{DELAYED}:2"], "is not like indicator_id=2"),
        (["--weights", f"{DELAYED}=heavy"], "'heavy' for delayed_days_per_day_18plus"),
        (
            ["--period-start", "2017-04-01"],
            "no values for the period starting 2017-04-01.*2018-04-01",
        ),
        (["--period-start", "April 2018"], "'April 2018' is not a date"),
        (["--select", "9"], "between 1 and 4"),
        (["--vary", "weights,mood"], "Unknown mood"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(
    values_file: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "never.csv"
    result = invoke(values_file, out, "--draws", "20", *args)
    assert isinstance(result.exception, InvalidInput)
    assert re.search(message, str(result.exception)), str(result.exception)
    assert not out.exists()


def test_bad_file_names_row_and_column(tmp_path: Path) -> None:
    rows = rows_from(FOUR_AREAS, FOUR_ENGLAND)
    rows[4]["value"] = "lots"
    values = write_csv(tmp_path / "bad.csv", rows)
    out = tmp_path / "never.csv"
    result = invoke(values, out)
    assert isinstance(result.exception, InvalidInput)
    assert str(result.exception) == f"{values}, row 6, column value: 'lots' is not a number"
    assert not out.exists()


def test_missing_columns_are_named(tmp_path: Path) -> None:
    rows = [{k: v for k, v in r.items() if k != "upper_95"} for r in rows_from(FOUR_AREAS)]
    values = write_csv(tmp_path / "short.csv", rows)
    result = invoke(values, tmp_path / "r.csv")
    assert isinstance(result.exception, InvalidInput)
    assert "missing column(s) upper_95" in str(result.exception)


def test_values_come_from_a_file_or_the_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["rank", "--period-start", "2018-04-01", "--out", str(tmp_path / "r.csv")]
    )
    assert isinstance(result.exception, InvalidInput)
    assert "--values FILE" in str(result.exception)
    assert "--from-db" in str(result.exception)


def typed_rows() -> list[dict[str, object]]:
    """The example as Parquet and XLSX hold it: numbers, dates and nulls rather than text."""
    typed: list[dict[str, object]] = []
    for row in rows_from(FOUR_AREAS, FOUR_ENGLAND):
        cells: dict[str, object] = {k: (None if v == "" else v) for k, v in row.items()}
        for column in ("value", "lower_95", "upper_95", "lower_998", "upper_998"):
            if cells[column] is not None:
                cells[column] = float(str(cells[column]))
        cells["period_start"] = date(2018, 4, 1)
        typed.append(cells)
    return typed


def test_parquet_and_xlsx_in(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq
    from openpyxl import Workbook

    rows = typed_rows()
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "values.parquet")
    book = Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    book.save(tmp_path / "values.xlsx")
    expected = rank_ok(
        write_csv(tmp_path / "v.csv", rows_from(FOUR_AREAS, FOUR_ENGLAND)),
        tmp_path / "c.csv",
        "--quiet",
    )
    for name in ("values.parquet", "values.xlsx"):
        assert rank_ok(tmp_path / name, tmp_path / f"{name}.csv", "--quiet") == expected
