"""`joinedup plan import|export` end to end on a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from joinedup.settings import get_settings
from tests.conftest import upgrade_database
from tests.test_cli import joinedup

HEADER = [
    "Workstream code",
    "Workstream",
    "Responsible group",
    "Lead",
    "Action",
    "Owner",
    "Due date",
    "Status",
    "Progress update",
    "RAG",
]


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JOINEDUP_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    upgrade_database(f"sqlite:///{tmp_path / 'cli.db'}")  # no command creates it
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def _write(path: Path, rows: list[list[object]]) -> None:
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    book.save(path)


def test_import_then_export_on_the_command_line(cli_env: Path) -> None:
    assert joinedup("systems", "add", "E10000025").returncode == 0
    source = cli_env / "plan.xlsx"
    _write(
        source,
        [
            [
                "A",
                "Vision",
                "ISDB",
                "Ann",
                "Agree the vision",
                "Ann",
                "31/03/2019",
                "Complete",
                "",
                "Green",
            ],
            [
                "B",
                "Flow",
                "",
                "Tom",
                "Review pathways",
                "Tom",
                "31/12/2019",
                "At risk",
                "Late",
                "Amber",
            ],
        ],
    )
    imported = joinedup("plan", "import", str(source), "--system", "E10000025", "--title", "Ours")
    assert imported.returncode == 0, imported.stderr
    assert "2 workstreams, 2 actions" in imported.stdout
    out = cli_env / "out.xlsx"
    exported = joinedup("plan", "export", "--system", "E10000025", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    rows = list(load_workbook(out)["Plan"].iter_rows(min_row=2, max_col=10, values_only=True))
    assert [(r[0], r[4], r[7], r[9]) for r in rows] == [
        ("A", "Agree the vision", "Complete", "Green"),
        ("B", "Review pathways", "At risk", "Amber"),
    ]


def test_a_bad_file_is_refused_with_its_row_and_column(cli_env: Path) -> None:
    assert joinedup("systems", "add", "E10000025").returncode == 0
    source = cli_env / "bad.xlsx"
    _write(source, [["A", "Vision", "", "", "Agree", "", "next year", "", "", ""]])
    refused = joinedup("plan", "import", str(source), "--system", "E10000025")
    assert refused.returncode == 1
    assert "bad.xlsx, sheet Sheet, row 2, column Due date: 'next year' is not a date" in (
        refused.stderr.replace("\n", " ")
    )
    missing = joinedup("plan", "export", "--system", "E10000025", "--out", str(cli_env / "x.xlsx"))
    assert missing.returncode == 1
    assert "E10000025 has no improvement plan" in missing.stderr


def test_every_problem_of_an_import_is_one_line_naming_its_place(cli_env: Path) -> None:
    assert joinedup("systems", "add", "E10000025").returncode == 0
    source = cli_env / "long.xlsx"
    _write(
        source,
        [
            ["A", "Vision", "", "", "x" * 5000, "", "2019-01-01", "", "", ""],
            ["B", "Flow", "", "", "Agree", "", "9999-12-31", "", "", ""],
        ],
    )
    refused = joinedup("plan", "import", str(source), "--system", "E10000025")
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    lines = refused.stderr.splitlines()
    assert lines[0] == "Error: 2 problem(s); nothing was imported:"
    assert lines[1].startswith("long.xlsx, sheet Sheet, row 2, column Action: 'xxxx")
    assert lines[1].endswith("Enter 4,000 characters or fewer (this has 5,000)")
    assert lines[2].startswith("long.xlsx, sheet Sheet, row 3, column Due date: '9999-12-31'")
