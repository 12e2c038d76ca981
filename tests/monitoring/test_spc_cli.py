"""`joinedup spc FILE.csv ...`: the XmR chart of a CSV series as CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from joinedup.cli import app, main
from joinedup.errors import InvalidInput

runner = CliRunner()

# The series of test_spc.OUTSIDE: mean 11.8; moving ranges 4 (x8) and 22; 22 is screened out
# (>= 3.267 x 6), so limits are 11.8 -/+ 2.66 x 4 = 1.16 and 22.44; 30 is above the upper limit.
OUTSIDE = [8, 12, 8, 12, 8, 12, 8, 12, 8, 30]


def write_series(folder: Path, values: list[float], header: str = "date,value") -> Path:
    lines = [header] + [f"2020-{m + 1:02d}-01,{v}" for m, v in enumerate(values)]
    path = folder / "series.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> tuple[str, str]:
    result = runner.invoke(app, ["spc", *args])
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def test_csv_output_one_row_per_point(tmp_path: Path) -> None:
    out, err = run(str(write_series(tmp_path, OUTSIDE)), "--direction", "increase")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["date", "value", "mean", "lpl", "upl", "point_type"]
    assert rows[1] == ["2020-01-01", "8", "11.8", "1.16", "22.44", "common_cause"]
    assert rows[10] == ["2020-10-01", "30", "11.8", "1.16", "22.44", "special_cause_improvement"]
    assert len(rows) == 11
    assert "fewer than 12 points" in err


def test_json_output_with_icons(tmp_path: Path) -> None:
    out, _ = run(
        str(write_series(tmp_path, OUTSIDE)), "--direction", "increase", "--target", "25",
        "--format", "json",
    )  # fmt: skip
    document = json.loads(out)
    assert set(document) == {"points", "variation", "assurance"}
    assert document["variation"] == "improvement_high"
    assert document["assurance"] == "consistent_fail"  # 25 is above the upper limit 22.44
    assert document["points"][0] == {
        "date": "2020-01-01",
        "value": 8,
        "mean": 11.8,
        "lpl": 1.16,
        "upl": 22.44,
        "point_type": "common_cause",
    }


@pytest.mark.parametrize(
    ("target", "assurance"),
    [("1 or above", "consistent_pass"), ("10", "inconsistent"), (None, "none")],
)
def test_target_as_a_number_or_in_words(tmp_path: Path, target: str | None, assurance: str) -> None:
    args = [str(write_series(tmp_path, OUTSIDE)), "--direction", "increase", "--format", "json"]
    if target is not None:
        args += ["--target", target]
    assert json.loads(run(*args)[0])["assurance"] == assurance


def test_decrease_makes_the_jump_a_concern(tmp_path: Path) -> None:
    out, _ = run(
        str(write_series(tmp_path, OUTSIDE)), "--direction", "decrease", "--format", "json"
    )
    document = json.loads(out)
    assert document["points"][-1]["point_type"] == "special_cause_concern"
    assert document["variation"] == "concern_high"


def test_without_screening(tmp_path: Path) -> None:
    # Mean moving range 6 is kept: limits 11.8 -/+ 15.96 = -4.16 and 27.76.
    out, _ = run(
        str(write_series(tmp_path, OUTSIDE)), "--direction", "increase", "--no-screen-outliers"
    )
    assert list(csv.reader(io.StringIO(out)))[1][3:5] == ["-4.16", "27.76"]


def test_fix_after(tmp_path: Path) -> None:
    # 10, 12, 10, 12 fix the limits at 11 -/+ 5.32: the later 20s and 22s are above them.
    out, _ = run(
        str(write_series(tmp_path, [10, 12, 10, 12, 20, 22, 20, 22])),
        "--direction", "increase", "--fix-after", "4", "--format", "json",
    )  # fmt: skip
    points = json.loads(out)["points"]
    assert {(p["lpl"], p["upl"]) for p in points} == {(5.68, 16.32)}
    assert [p["point_type"] for p in points][4:] == ["special_cause_improvement"] * 4


def test_rebase_with_and_without_a_reason(tmp_path: Path) -> None:
    # Rebased at July: 10/12 then 20/22, limits 5.68-16.32, then 15.68-26.32.
    path = write_series(tmp_path, [10, 12] * 3 + [20, 22] * 3)
    for rebase in ("2020-07-01", "2020-07-01=new discharge pathway"):
        out, _ = run(str(path), "--direction", "increase", "--rebase", rebase, "--format", "json")
        points = json.loads(out)["points"]
        assert (points[0]["lpl"], points[0]["upl"]) == (5.68, 16.32)
        assert (points[6]["lpl"], points[6]["upl"]) == (15.68, 26.32)


def test_other_column_names_months_and_out_file(tmp_path: Path) -> None:
    path = tmp_path / "delays.csv"
    lines = ["month,delayed"] + [f"2020-{m + 1:02d},{v}" for m, v in enumerate(OUTSIDE)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "chart.json"
    out, _ = run(
        str(path), "--date-col", "month", "--value-col", "delayed", "--direction", "increase",
        "--format", "json", "--out", str(target),
    )  # fmt: skip
    assert out == ""
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["points"][9]["date"] == "2020-10-01"


def fails(*args: str) -> str:
    result = runner.invoke(app, ["spc", *args])
    assert isinstance(result.exception, InvalidInput), result.output
    return str(result.exception)


def test_missing_column_names_the_file_and_the_columns(tmp_path: Path) -> None:
    path = write_series(tmp_path, OUTSIDE, header="period,value")
    message = fails(str(path), "--direction", "increase")
    assert message == f"{path}: no column 'date' (the columns are period, value)"


def test_bad_value_names_file_row_column_and_value(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("date,value\n2020-01-01,8\n2020-02-01,n/a\n", encoding="utf-8")
    message = fails(str(path), "--direction", "increase")
    assert message.startswith(f"{path}, row 3, column value: 'n/a' is not a number")


def test_bad_date_names_file_row_column_and_value(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("date,value\n2020-01-01,8\n01/02/2020,9\n", encoding="utf-8")
    message = fails(str(path), "--direction", "increase")
    assert message.startswith(f"{path}, row 3, column date: '01/02/2020' is not a date")


def test_duplicate_dates_name_both_rows(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("date,value\n2020-01-01,8\n2020-02-01,9\n2020-01-01,7\n", encoding="utf-8")
    message = fails(str(path), "--direction", "increase")
    assert message.startswith(f"{path}, row 4, column date: '2020-01-01' is also on row 2")


def test_fewer_than_two_points(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text("date,value\n2020-01-01,8\n", encoding="utf-8")
    assert "at least 2 rows" in fails(str(path), "--direction", "increase")


def test_unclear_target_and_unknown_rebase_date(tmp_path: Path) -> None:
    path = write_series(tmp_path, OUTSIDE)
    assert "--target: target 'about 20' is not understood" in fails(
        str(path), "--direction", "increase", "--target", "about 20"
    )
    assert "Rebase at 2020-07-15: no point has that date" in fails(
        str(path), "--direction", "increase", "--rebase", "2020-07-15"
    )


def test_nothing_is_written_when_the_input_is_bad(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("date,value\n2020-01-01,8\n2020-02-01,x\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    target.write_text("earlier", encoding="utf-8")
    fails(str(path), "--direction", "increase", "--out", str(target))
    assert target.read_text(encoding="utf-8") == "earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "out.csv"]


def test_the_joinedup_command_prints_the_error_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("date,value\n2020-01-01,8\n2020-02-01,n/a\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["joinedup", "spc", str(path), "--direction", "increase"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "Error:" in err
    assert "row 3, column value: 'n/a' is not a number" in err
    assert "Traceback" not in err
