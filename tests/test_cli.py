"""The command line, end to end on a real database, and its documentation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from joinedup import __version__
from joinedup.cli import LAZY, app
from joinedup.errors import InvalidInput
from joinedup.files import replacing, write_atomically
from joinedup.settings import get_settings
from tests.conftest import upgrade_database

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "cli.db"
    monkeypatch.setenv("JOINEDUP_DATABASE_URL", f"sqlite:///{db}")
    upgrade_database(f"sqlite:///{db}")  # as `joinedup db upgrade`: no command creates it
    monkeypatch.delenv("JOINEDUP_SECRET_KEY", raising=False)
    get_settings.cache_clear()
    yield db
    get_settings.cache_clear()


def joinedup(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point, so exit codes and stderr are what a user sees."""
    return subprocess.run(
        [sys.executable, "-c", "from joinedup.cli import main; main()", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
    )


def test_users_and_systems_round_trip(cli_env: Path) -> None:
    assert joinedup("systems", "add", "E10000025", "--partners", "County; ICB").returncode == 0
    added = joinedup(
        "users",
        "add",
        "lead@oxon.test",
        "--role",
        "system_lead",
        "--system",
        "E10000025",
        "--name",
        "Lucy Barton",
        "--password-stdin",
        stdin="a long enough passphrase\n",
    )
    assert added.returncode == 0, added.stderr
    assert "Password" not in added.stdout  # read from stdin: nothing to print
    generated = joinedup("users", "add", "analyst@dhsc.test", "--role", "analyst")
    assert "Password (shown once):" in generated.stdout
    listed = joinedup("users", "list")
    assert "lead@oxon.test" in listed.stdout
    assert "system_lead (E10000025)" in listed.stdout
    assert (
        joinedup(
            "users", "set-role", "lead@oxon.test", "--role", "viewer", "--system", "E10000025"
        ).returncode
        == 0
    )
    assert "viewer (E10000025)" in joinedup("users", "list").stdout
    token = joinedup("users", "token", "lead@oxon.test").stdout.strip()
    assert token.startswith("ju_")
    assert len(token) > 40
    reset = joinedup("users", "reset-password", "lead@oxon.test")
    assert "Password (shown once):" in reset.stdout
    assert "Oxfordshire" in joinedup("systems", "list").stdout


def test_unknown_system_code_is_a_clear_error(cli_env: Path) -> None:
    result = joinedup("users", "add", "x@oxon.test", "--role", "viewer", "--system", "E10000099")
    assert result.returncode == 1
    assert "'E10000099' is not a system" in result.stderr
    assert "Traceback" not in result.stderr
    result = joinedup("systems", "add", "E10000099")
    assert result.returncode == 1
    assert "not a known area code" in result.stderr


def test_malformed_setting_exits_naming_it(cli_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOINEDUP_PORT", "eighty")
    result = joinedup("settings")
    assert result.returncode == 2
    assert "JOINEDUP_PORT" in result.stderr
    assert "'eighty'" in result.stderr
    assert "Traceback" not in result.stderr


def test_settings_masks_secrets(cli_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOINEDUP_SECRET_KEY", "x" * 40)
    result = joinedup("settings")
    assert result.returncode == 0
    assert "x" * 40 not in result.stdout
    assert "********" in result.stdout


def test_areas_import_reports_the_bad_row_and_changes_nothing(
    cli_env: Path, tmp_path: Path
) -> None:
    good = "area_code,area_name,area_type,population_all,population_18plus,population_65plus\n"
    bad = tmp_path / "areas.csv"
    bad.write_text(
        good + "E06000001,Hartlepool,unitary,93000,73000,18000\n"
        "E06000002,Middlesbrough,unitary,lots,100000,20000\n"
    )
    result = joinedup("areas", "import", str(bad), "--year", "2020")
    assert result.returncode == 1
    assert "row 3, column population_all: 'lots' is not a whole number" in result.stderr
    assert "2018" in joinedup("areas", "list").stdout
    assert "93,000" not in joinedup("areas", "list").stdout


def test_db_upgrade(cli_env: Path) -> None:
    result = joinedup("db", "upgrade")
    assert result.returncode == 0
    assert "is at revision" in result.stdout


def _commands(group: object, prefix: str = "") -> list[str]:
    """Every command's name, the root's loaded as running it would load it."""
    names = []
    for name in group.list_commands(None):  # type: ignore[attr-defined]
        load = getattr(group, "load", None)
        command = load(name) if load else group.get_command(None, name)  # type: ignore[attr-defined]
        names.append(f"{prefix}{name}")
        if hasattr(command, "list_commands"):
            names.extend(_commands(command, f"{prefix}{name} "))
    return names


def test_every_command_is_documented_in_the_user_guide() -> None:
    guide = (ROOT / "docs" / "user-guide.md").read_text()
    group = typer.main.get_command(app)
    missing = [c for c in _commands(group) if f"joinedup {c}" not in guide]
    assert not missing, f"commands missing from docs/user-guide.md: {missing}"


def test_help_runs_for_every_command() -> None:
    group = typer.main.get_command(app)
    for command in _commands(group):
        result = runner.invoke(app, [*command.split(), "--help"])
        assert result.exit_code == 0, command


def test_root_help_lists_each_command_with_its_own_help() -> None:
    listed = " ".join(runner.invoke(app, ["--help"]).output.replace("│", " ").split())
    for name, lazy in LAZY.items():
        real = lazy.load(name)
        first_line = (real.short_help or real.help or "").split("\n\n")[0].replace("\n", " ")
        assert lazy.help == first_line.strip(), name
        assert lazy.help in listed, name


HEAVY = ("scipy", "duckdb", "weasyprint", "pyarrow", "sqlalchemy", "fastapi", "matplotlib")


def _loaded_after(*args: str) -> set[str]:
    """Top-level packages imported by running ``joinedup ARGS`` in a fresh interpreter."""
    script = (
        "import sys\n"
        "from joinedup.cli import main\n"
        f"sys.argv = ['joinedup', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    return set(done.stderr.split("\n")[-2].split())


def test_help_starts_without_loading_any_capability() -> None:
    loaded = _loaded_after("--help")
    assert not loaded & set(HEAVY)
    assert "joinedup" in loaded


def test_spc_on_a_small_file_loads_no_database_or_engine(tmp_path: Path) -> None:
    series = tmp_path / "series.csv"
    series.write_text(
        "date,value\n" + "".join(f"2020-{m:02d}-01,{50 + m % 3}\n" for m in range(1, 13))
    )
    loaded = _loaded_after("spc", str(series), "--direction", "increase")
    assert not loaded & {"scipy", "duckdb", "weasyprint", "pyarrow", "fastapi", "matplotlib"}


def test_version_is_printed_without_a_command() -> None:
    result = joinedup("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == __version__


def test_a_file_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "values.csv"
    target.write_text("earlier values")

    def fail_half_way() -> None:
        with replacing(target) as temporary:
            temporary.write_text("half of the new")
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        fail_half_way()
    assert target.read_text() == "earlier values"
    assert list(tmp_path.iterdir()) == [target]
    write_atomically(target, "new values")
    assert target.read_text() == "new values"
    assert list(tmp_path.iterdir()) == [target]
    with pytest.raises(InvalidInput) as refused:
        write_atomically(tmp_path / "no such folder" / "x.csv", "x", field="--out")
    assert refused.value.problems["--out"].startswith("Cannot write")
    with pytest.raises(InvalidInput) as folder:
        write_atomically(tmp_path, "x", field="--out")
    assert folder.value.problems["--out"].startswith("That is a folder")


def test_an_option_s_problem_is_shown_after_the_option(tmp_path: Path) -> None:
    result = joinedup("metrics", "compute", str(tmp_path), "--period", "month", "--out", "x.txt")
    assert result.returncode == 1
    assert "--out: 'x.txt' must end in .csv or .parquet" in result.stderr


@pytest.mark.parametrize(
    "command",
    [["users", "list"], ["systems", "list"], ["db", "current"], ["backup", "x.json"], ["serve"]],
)
def test_a_command_refuses_to_create_a_database_it_would_have_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    missing = tmp_path / "mistyped.db"
    monkeypatch.setenv("JOINEDUP_DATABASE_URL", f"sqlite:///{missing}")
    monkeypatch.setenv("JOINEDUP_SECRET_KEY", "k" * 48)
    refused = joinedup(*command)
    assert refused.returncode == 1
    said = "".join(refused.stderr.split())  # the console wraps long lines
    assert f"noJoinedUpdatabaseatsqlite:///{missing}" in said
    assert "joinedupdbupgrade" in said
    assert "Traceback" not in refused.stderr
    assert not missing.exists()


def test_db_upgrade_creates_the_database_and_then_commands_use_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = tmp_path / "new.db"
    monkeypatch.setenv("JOINEDUP_DATABASE_URL", f"sqlite:///{made}")
    assert joinedup("db", "upgrade").returncode == 0
    assert joinedup("users", "list").returncode == 0
