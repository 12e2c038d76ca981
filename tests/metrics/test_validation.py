"""Bad input is reported with file, row, column and value, and nothing is computed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from joinedup.errors import InvalidInput
from joinedup.metrics.validation import validate

AREAS = ["E06000001", "E06000002"]

SPELLS = """spell_id,person_id,startage,admidate,disdate,admimeth,disdest,resladst_ons
s1,p1,70,2021-01-04,2021-01-09,21,19,E06000001
s2,p2,81,2021-01-05,,21,,E06000002
"""
REABLEMENT = """person_id,area_code,startage,hospital_disdate,at_home_day91
p1,E06000001,70,2021-01-09,true
"""
DTOC = """area_code,month,delayed_days,attribution
E06000001,2021-01,40,NHS
"""
POPULATION = """area_code,year,population_all,population_18plus,population_65plus
E06000001,2021,1000,800,200
E06000002,2021,2000,1600,300
"""


def write_folder(folder: Path, **tables: str) -> Path:
    texts = {
        "spells": SPELLS,
        "reablement": REABLEMENT,
        "dtoc": DTOC,
        "population": POPULATION,
    } | tables
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        if text:
            (folder / f"{name}.csv").write_text(text)
    return folder


def check(folder: Path) -> None:
    with duckdb.connect() as con:
        validate(con, folder, AREAS)


def test_a_good_folder_passes(tmp_path: Path) -> None:
    check(write_folder(tmp_path))


def test_missing_file_and_missing_column_are_named(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path,
        dtoc="",
        population="area_code,year,population_all,population_65plus\nE06000001,2021,1,1\n",
    )
    with pytest.raises(InvalidInput) as caught:
        check(folder)
    message = str(caught.value)
    assert "missing dtoc.parquet or dtoc.csv" in message
    assert "population.csv, row 1, column population_18plus: missing" in message


def test_every_row_problem_names_file_row_column_and_value(tmp_path: Path) -> None:
    spells = (
        SPELLS
        + "s3,p3,seventy,2021-01-05,2021-01-06,21,19,E06000001\n"  # row 4: age is not a number
        + "s4,p4,75,2021-02-10,2021-02-01,21,19,E06000001\n"  # row 5: discharge before admission
        + "s5,p5,75,2021-02-30,2021-03-01,21,19,E06000001\n"  # row 6: no 30 February
        + "s6,p6,75,2021-02-01,2021-03-01,21,19,E99999999\n"  # row 7: unknown area
        + "s7,p7,-3,2021-02-01,2021-03-01,21,19,E06000001\n"  # row 8: negative age
    )
    dtoc = DTOC + "E06000002,2021-01,-5,social_care\nE06000002,2021-1,5,council\n"
    folder = write_folder(tmp_path, spells=spells, dtoc=dtoc)
    with pytest.raises(InvalidInput) as caught:
        check(folder)
    message = str(caught.value)
    assert "8 problems found; nothing was computed" in message
    assert "spells.csv, row 4, column startage: 'seventy' is not a whole number" in message
    assert "spells.csv, row 5, column disdate: '2021-02-01' is before admidate 2021-02-10" in (
        message
    )
    assert "spells.csv, row 6, column admidate: '2021-02-30' is not a date" in message
    assert "spells.csv, row 7, column resladst_ons: 'E99999999' is not a known area code" in message
    assert "spells.csv, row 8, column startage: '-3' is negative" in message
    assert "dtoc.csv, row 3, column delayed_days: '-5' is negative" in message
    assert "dtoc.csv, row 4, column month: '2021-1' is not a month written YYYY-MM" in message
    assert "dtoc.csv, row 4, column attribution: 'council' is not one of NHS" in message


def test_only_the_first_problems_are_listed_with_the_total(tmp_path: Path) -> None:
    bad = "".join(f"s{i},p{i},70,2021-01-04,2021-01-01,21,19,E06000001\n" for i in range(30))
    with pytest.raises(InvalidInput) as caught:
        check(write_folder(tmp_path, spells=SPELLS + bad))
    message = str(caught.value)
    assert "30 problems found" in message
    assert "The first 20:" in message
    assert "row 23," in message  # the 20th bad row: rows 4 to 33
    assert "row 24," not in message


def test_population_repeating_an_area_and_year_is_refused(tmp_path: Path) -> None:
    population = POPULATION + "E06000001,2021,5,4,3\n"
    with pytest.raises(InvalidInput, match=r"population.csv, row 4, column area_code: "):
        check(write_folder(tmp_path, population=population))


def test_codes_stored_as_numbers_in_parquet_are_read_as_codes(tmp_path: Path) -> None:
    # A Parquet writer that took admimeth and disdest for integers, and a float age column.
    folder = write_folder(tmp_path)
    (folder / "spells.csv").unlink()
    table = pa.table(
        {
            "spell_id": ["s1", "s2"],
            "person_id": ["p1", "p2"],
            "startage": pa.array([70.0, 80.5]),
            "admidate": pa.array(["2021-01-04", "2021-01-05"]),
            "disdate": pa.array(["2021-01-09", None]),
            "admimeth": pa.array([21, 11], pa.int64()),
            "disdest": pa.array([79, None], pa.int64()),
            "resladst_ons": ["E06000001", "E06000002"],
        }
    )
    pq.write_table(table, folder / "spells.parquet")
    with pytest.raises(InvalidInput) as caught:
        check(folder)
    # Parquet rows count from 1: the second record is row 2.
    assert "spells.parquet, row 2, column startage: '80.5' is not a whole number" in str(
        caught.value
    )
    assert "1 problem found" in str(caught.value)


def test_a_file_in_both_formats_is_refused(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    (folder / "dtoc.parquet").write_bytes(b"")
    with pytest.raises(InvalidInput, match=r"both dtoc\.parquet and dtoc\.csv"):
        check(folder)


def test_an_empty_string_in_parquet_text_is_missing_as_a_blank_is_in_csv(tmp_path: Path) -> None:
    import pyarrow.csv as pacsv

    from joinedup.metrics.periods import PeriodKind
    from joinedup.metrics.service import compute

    from .tiny import write_tiny

    as_csv = write_tiny(tmp_path / "csv")
    as_parquet = tmp_path / "parquet"
    as_parquet.mkdir()
    for path in as_csv.glob("*.csv"):
        # Every column as text, blanks as '' (not null): at_home_day91 = '' among them.
        names = path.read_text().splitlines()[0].split(",")
        options = pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False
        )
        table = pacsv.read_csv(path, convert_options=options)
        pq.write_table(table, as_parquet / f"{path.stem}.parquet")
    blanks = pq.read_table(as_parquet / "reablement.parquet").column("at_home_day91")
    assert "" in blanks.to_pylist()
    from_csv = compute(as_csv, PeriodKind.MONTH).to_pylist()
    assert compute(as_parquet, PeriodKind.MONTH).to_pylist() == from_csv
