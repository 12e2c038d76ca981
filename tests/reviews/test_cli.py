"""`joinedup reviews ...` end to end on a real database, through the console entry point."""

from __future__ import annotations

from pathlib import Path

from tests.test_cli import cli_env, joinedup  # noqa: F401  (cli_env is a fixture)

MINI = """
key: hospital-discharge-check
name: Hospital discharge check
questions:
  - {id: flow, title: Flow}
milestones:
  - {key: visit, label: Visit, days: 14}
  - {key: plan_due, label: Plan due, after: visit, months: 1}
"""


def test_frameworks_are_listed_and_added_from_a_file(cli_env: Path, tmp_path: Path) -> None:  # noqa: F811
    listed = joinedup("reviews", "frameworks")
    assert listed.returncode == 0, listed.stderr
    assert "local-system-review" in listed.stdout
    good = tmp_path / "discharge.yaml"
    good.write_text(MINI)
    added = joinedup("reviews", "add-framework", str(good))
    assert added.returncode == 0, added.stderr
    assert "hospital-discharge-check" in added.stdout
    again = joinedup("reviews", "add-framework", str(good))
    assert again.returncode == 1
    assert "discharge.yaml, key: a framework 'hospital-discharge-check' already exists" in (
        " ".join(again.stderr.split())
    )


def test_a_bad_framework_file_names_the_field(cli_env: Path, tmp_path: Path) -> None:  # noqa: F811
    bad = tmp_path / "bad.json"
    bad.write_text('{"key": "x", "name": "X", "questions": [], "milestones": []}')
    result = joinedup("reviews", "add-framework", str(bad))
    assert result.returncode == 1
    assert "bad.json, questions: must be a non-empty list" in " ".join(result.stderr.split())


def test_the_national_picture_needs_a_known_file_type(cli_env: Path, tmp_path: Path) -> None:  # noqa: F811
    result = joinedup("reviews", "national", "--programme", "1", "--out", str(tmp_path / "x.txt"))
    assert result.returncode == 1
    assert "x.txt must end .xlsx or .csv" in result.stderr
