"""The indicator catalogue in files: the six shipped, a deployment's own, bad files refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from joinedup.cli import app
from joinedup.errors import InvalidInput
from joinedup.metrics import service
from joinedup.metrics.indicators import INDICATORS

runner = CliRunner()
SIX = [
    "emergency_admissions_65plus",
    "los_p90_emergency_65plus",
    "delayed_days_per_day_18plus",
    "reablement_at_home_91d_65plus",
    "reablement_offered_65plus",
    "weekend_discharges_emergency",
]
GOOD = """\
id: emergency_readmissions_75plus
title: Emergency admissions (75+) per 100,000 of the 65+ population
short_title: Emergency admissions 75+
unit: per 100,000 aged 65+
definition: Emergency spells of people aged 75 or over, per 100,000 residents aged 65 or over.
source: Local measure
version: 2
valid_from: 2015-04-01
polarity: lower_is_better
statistic: rate
interval: byar_exact
per: 100000
numerator:
  tally: emergency_admissions_75
  table: spells
  area: resladst_ons
  date: admidate
  where:
    - {column: admimeth, starts_with: "2"}
    - {column: startage, at_least: 75}
denominator:
  population: population_65plus
"""
BAD = """\
id: bad_one
title: A bad one
unit: "%"
definition: Testing.
version: 0
valid_from: 2020-13-01
polarity: up
statistic: proportion
interval: byar_exact
per: 100
numerator:
  tally: x_y
  table: spells
  area: resladst_ons
  date: admidate
  where:
    - {column: agee, at_least: 65}
denominator:
  population: population_65plus
"""


@pytest.fixture(autouse=True)
def catalogue_restored() -> Iterator[None]:
    yield
    INDICATORS.forget()


def test_the_six_interface_indicators_ship_as_catalogue_files() -> None:
    shipped = service.catalogue()
    assert [i.id for i in shipped] == SIX
    for item in shipped:
        assert Path(item.declared_in).suffix == ".yaml"
        assert item.definition
        assert item.citation
        assert item.valid_from is not None
    delayed = service.indicator("delayed_days_per_day_18plus")
    assert str(delayed.valid_to) == "2020-02-29"  # the collection stopped in February 2020


def test_a_deployment_folder_adds_its_indicators_after_the_shipped_ones(tmp_path: Path) -> None:
    (tmp_path / "emergency_readmissions_75plus.yaml").write_text(GOOD)
    in_force = service.use_catalogue(tmp_path)
    assert [i.id for i in in_force] == [*SIX, "emergency_readmissions_75plus"]
    added = service.indicator("emergency_readmissions_75plus")
    assert (added.version, added.short_title) == (2, "Emergency admissions 75+")


def test_a_bad_declaration_is_refused_with_file_line_field_and_expectation(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad_one.yaml"
    bad.write_text(BAD)
    with pytest.raises(InvalidInput) as caught:
        service.check_catalogue_file(bad)
    message = str(caught.value)
    assert f"{bad}, line 5, version: 0 is not a whole number from 1" in message
    assert f"{bad}, line 6, valid_from: '2020-13-01' is not a date written YYYY-MM-DD" in message
    assert f"{bad}, line 7, polarity: 'up' is not allowed; expected lower_is_better or" in message
    assert f"{bad}, line 9, interval: byar_exact does not suit proportion; expected wilson" in (
        message
    )
    assert f"{bad}, line 17, numerator.where[1].column: 'agee' is not a column of spells" in (
        message
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("id: [unclosed\n", "line 2, file: is not valid YAML"),
        ("- a list\n", "line 1, file: expected a mapping of field: value"),
        ("", "line 1, file: is empty"),
        (GOOD.replace("version: 2", "version: 2\ncolour: red"), "line 8, colour: unknown"),
        (
            GOOD.replace("population_65plus", "population_99plus"),
            "line 22, denominator.population: 'population_99plus' is not a population column",
        ),
    ],
)
def test_files_that_are_not_declarations_are_named(tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / "emergency_readmissions_75plus.yaml"
    path.write_text(text)
    with pytest.raises(InvalidInput, match="nothing was loaded") as caught:
        service.check_catalogue_file(path)
    assert f"{path}, {said}" in str(caught.value)


def test_nothing_is_loaded_from_a_catalogue_that_fails(tmp_path: Path) -> None:
    (tmp_path / "emergency_readmissions_75plus.yaml").write_text(GOOD)
    (tmp_path / "bad_one.yaml").write_text(BAD)
    with pytest.raises(InvalidInput, match=r"bad_one\.yaml, line 5, version"):
        service.use_catalogue(tmp_path)
    assert [i.id for i in service.catalogue()] == SIX  # the good file was not loaded either


def test_a_clash_with_the_catalogue_in_force_is_refused(tmp_path: Path) -> None:
    same_id = tmp_path / "emergency_admissions_65plus.yaml"
    same_id.write_text(GOOD.replace("emergency_readmissions_75plus", "emergency_admissions_65plus"))
    with pytest.raises(InvalidInput, match="'emergency_admissions_65plus' is already declared"):
        service.check_catalogue_file(same_id)
    same_id.unlink()
    same_tally = tmp_path / "emergency_readmissions_75plus.yaml"
    same_tally.write_text(GOOD.replace("emergency_admissions_75", "emergency_admissions_65"))
    with pytest.raises(InvalidInput) as caught:
        service.check_catalogue_file(same_tally)
    assert "line 14, numerator.tally: 'emergency_admissions_65' is declared differently" in str(
        caught.value
    )


def test_indicators_list_show_and_check_commands(tmp_path: Path) -> None:
    listed = runner.invoke(app, ["indicators", "list"], env={"COLUMNS": "200"})
    assert listed.exit_code == 0, listed.output
    for indicator_id in SIX:
        assert indicator_id in listed.output
    shown = runner.invoke(app, ["indicators", "show", "reablement_offered_65plus"])
    assert shown.exit_code == 0, shown.output
    assert "source: ASCOF 2B(2)" in shown.output
    assert "tally: live_discharges_65" in shown.output
    good = tmp_path / "emergency_readmissions_75plus.yaml"
    good.write_text(GOOD)
    checked = runner.invoke(app, ["indicators", "check", str(good)], env={"COLUMNS": "200"})
    assert checked.exit_code == 0, checked.output
    assert "emergency_readmissions_75plus" in checked.output
    assert "is a valid declaration, version 2" in " ".join(checked.output.split())
    unknown = runner.invoke(app, ["indicators", "show", "bed_days"])
    assert "'bed_days' is not an indicator" in str(unknown.exception)
