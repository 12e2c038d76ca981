"""`joinedup metrics compute --for-publication`: the hand-built folder's values written as they
may be published (worked by hand in tiny.py and test_indicators.py)."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from joinedup.cli import app

from .tiny import write_tiny

runner = CliRunner()
WEEKEND = "weekend_discharges_emergency"
REASON = "suppressed: fewer than 8 people or records"


def _compute(folder: Path, out: Path, *extra: str) -> list[dict[str, str]]:
    result = runner.invoke(
        app,
        [
            "metrics", "compute", str(folder), "--period", "quarter", "--from", "2021-01",
            "--to", "2021-03", "--indicator", WEEKEND, "--out", str(out), "--quiet", *extra,
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with out.open() as handle:
        return list(csv.DictReader(handle))


def test_values_for_publication_are_suppressed_rounded_and_marked(tmp_path: Path) -> None:
    folder = write_tiny(tmp_path / "tiny")
    # England's first quarter: 4 of 8 emergency live discharges at a weekend (50%).
    plain = _compute(folder, tmp_path / "plain.csv")
    england = next(r for r in plain if r["area_code"] == "E92000001")
    assert (england["numerator"], england["denominator"], england["value"]) == (
        "4",
        "8",
        "50",
    )
    assert "status" not in england
    published = _compute(folder, tmp_path / "published.csv", "--for-publication")
    england = next(r for r in published if r["area_code"] == "E92000001")
    # 4 is suppressed, and the proportion with it; 8 is rounded to 10.
    assert (england["numerator"], england["denominator"], england["value"]) == ("", "10", "")
    assert (england["lower_95"], england["status"], england["status_reason"]) == (
        "",
        "suppressed",
        REASON,
    )
    assert all(r["status"] in ("shown", "suppressed") for r in published)
    assert all(r["value"] == "" for r in published if r["status"] == "suppressed")
