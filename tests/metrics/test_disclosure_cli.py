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
    by_area = {r["area_code"]: r for r in published}
    # A's 2 of 4 and B's 1 of 3 are small counts; England's 4 of 8 is suppressed for its 4, and
    # its 8 is held back too: with both areas hidden it would give their 7 people away.
    for code in ("E06000001", "E06000002", "E92000001"):
        row = by_area[code]
        assert (row["numerator"], row["denominator"], row["value"], row["lower_95"]) == ("",) * 4
        assert (row["status"], row["status_reason"]) == ("suppressed", REASON)
    assert all(r["status"] in ("shown", "suppressed") for r in published)
    assert all(r["value"] == "" for r in published if r["status"] == "suppressed")


def test_every_count_published_is_a_multiple_of_5_and_every_value_the_unrounded_one(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "england"
    made = runner.invoke(
        app, ["synth", "--out", str(folder), "--spells", "5000", "--months", "3", "--quiet"]
    )
    assert made.exit_code == 0, made.output
    rows = {}
    for name, extra in (("plain", ()), ("published", ("--for-publication",))):
        out = tmp_path / f"{name}.csv"
        result = runner.invoke(
            app,
            ["metrics", "compute", str(folder), "--period", "month", "--out", str(out), *extra],
        )
        assert result.exit_code == 0, result.output
        with out.open() as handle:
            rows[name] = list(csv.DictReader(handle))
    assert len(rows["plain"]) == len(rows["published"])
    shown = suppressed = 0
    for plain, published in zip(rows["plain"], rows["published"], strict=True):
        assert (plain["area_code"], plain["indicator"]) == (
            published["area_code"],
            published["indicator"],
        )
        if published["status"] == "suppressed":
            suppressed += 1
            assert published["value"] == ""
            continue
        shown += 1
        assert published["value"] == plain["value"]
        if plain["numerator"]:  # a count or a total of days, rounded alike
            assert float(published["numerator"]) % 5 == 0
    assert shown > 0
    assert suppressed > 0
