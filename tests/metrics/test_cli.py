"""`joinedup synth` and `joinedup metrics compute` as a user runs them."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from joinedup.cli import app
from joinedup.errors import InvalidInput

from .tiny import write_tiny

runner = CliRunner()


def test_synth_then_compute_writes_a_csv_with_blanks_where_undefined(tmp_path: Path) -> None:
    folder = tmp_path / "england"
    made = runner.invoke(
        app, ["synth", "--out", str(folder), "--spells", "5000", "--months", "3", "--quiet"]
    )
    assert made.exit_code == 0, made.output
    assert made.output == ""
    assert {p.name for p in folder.iterdir()} == {
        "spells.parquet", "reablement.parquet", "dtoc.parquet", "population.parquet",
        "ltc_admissions.parquet",
    }  # fmt: skip
    out = tmp_path / "values.csv"
    result = runner.invoke(
        app, ["metrics", "compute", str(folder), "--period", "month", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Wrote 2,754 values" in result.output  # 6 indicators x 153 areas x 3 months
    with out.open() as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [
        "area_code", "indicator", "period_start", "period_end", "numerator", "denominator",
        "value", "lower_95", "upper_95", "lower_998", "upper_998",
    ]  # fmt: skip
    assert rows[0]["area_code"] == "E92000001"
    los = [r for r in rows if r["indicator"] == "los_p90_emergency_65plus"]
    assert all(r["numerator"] == "" and r["lower_95"] == "" for r in los)


def test_compute_a_chosen_indicator_and_range_to_parquet(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    folder = write_tiny(tmp_path / "tiny")
    out = tmp_path / "values.parquet"
    result = runner.invoke(
        app,
        [
            "metrics", "compute", str(folder), "--period", "quarter", "--from", "2021-01",
            "--to", "2021-03", "--indicator", "weekend_discharges_emergency", "--out", str(out),
            "--quiet",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    table = pq.read_table(out).to_pylist()
    assert {r["indicator"] for r in table} == {"weekend_discharges_emergency"}
    england = next(r for r in table if r["area_code"] == "E92000001")
    assert (england["numerator"], england["denominator"]) == (4, 8)  # Jan 4 of 7, Feb 0 of 1


def test_invalid_files_exit_1_name_the_problem_and_write_nothing(tmp_path: Path) -> None:
    folder = write_tiny(tmp_path / "tiny")
    spells = folder / "spells.csv"
    spells.write_text(spells.read_text() + "s12,p12,70,2021-01-09,2021-01-04,21,19,E06000001\n")
    out = tmp_path / "values.csv"
    done = subprocess.run(
        [
            sys.executable, "-c", "from joinedup.cli import main; main()", "metrics", "compute",
            str(folder), "--period", "month", "--out", str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert "spells.csv, row 13, column disdate: '2021-01-04' is before admidate" in done.stderr
    assert not out.exists()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from joinedup.cli import main; main()", *args],
        env={**os.environ, "COLUMNS": "1000"},  # a wide terminal: a message is one line
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda line: line.replace(",80,", ",8\x000,"), "row 3: holds a NUL character"),
        (lambda line: line + ",extra,x", "row 3: has 10 values where the header names 8 columns"),
        (lambda line: line.split(",", 1)[1], "row 3: has 7 values where the header names 8"),
    ],
    ids=["nul", "too-many", "too-few"],
)
def test_a_csv_that_cannot_be_read_is_refused_in_one_line_naming_file_and_row(
    tmp_path: Path, damage: Callable[[str], str], said: str
) -> None:
    folder = write_tiny(tmp_path / "tiny")
    spells = folder / "spells.csv"
    lines = spells.read_text().splitlines()
    lines[2] = damage(lines[2])
    spells.write_text("\n".join(lines) + "\n")
    out = tmp_path / "values.csv"
    done = run_cli("metrics", "compute", str(folder), "--period", "month", "--out", str(out))
    assert done.returncode == 1
    message = " ".join(done.stderr.split())
    assert f"spells.csv, {said}" in message
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
    assert "DuckDB" not in done.stderr
    assert not out.exists()


def test_values_to_a_path_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    folder = write_tiny(tmp_path / "tiny")
    (tmp_path / "a-file").write_text("x")
    out = tmp_path / "a-file" / "values.csv"
    done = run_cli("metrics", "compute", str(folder), "--period", "month", "--out", str(out))
    assert done.returncode == 1
    message = done.stderr.strip()
    assert f"--out: Cannot write {out}: part of that path is a file, not a folder" in message
    assert "Traceback" not in done.stderr


def test_unknown_indicator_and_bad_month_are_refused(tmp_path: Path) -> None:
    folder = write_tiny(tmp_path / "tiny")
    out = str(tmp_path / "v.csv")
    bad = runner.invoke(
        app, ["metrics", "compute", str(folder), "--period", "month", "--out", out,
              "--indicator", "bed_days"],
    )  # fmt: skip
    assert "'bed_days' is not an indicator" in str(bad.exception)
    month = runner.invoke(
        app, ["metrics", "compute", str(folder), "--period", "month", "--out", out,
              "--from", "2021/01"],
    )  # fmt: skip
    assert isinstance(month.exception, InvalidInput)
    assert month.exception.problems["--from"].startswith("'2021/01' is not a month written YYYY-MM")


def test_synth_sample_says_what_fraction_of_england_it_wrote(tmp_path: Path) -> None:
    folder = tmp_path / "england"
    made = runner.invoke(
        app, ["synth", "--out", str(folder), "--sample", "0.001", "--months", "12"]
    )
    assert made.exit_code == 0, made.output
    said = " ".join(made.output.split())
    assert "0.001 of a real-size England, populations scaled alike" in said
    both = runner.invoke(
        app, ["synth", "--out", str(folder), "--sample", "0.001", "--spells", "10"]
    )
    assert isinstance(both.exception, InvalidInput)
    assert "not both" in str(both.exception)
