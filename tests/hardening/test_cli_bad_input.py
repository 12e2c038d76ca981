"""Every command of the command line (found by walking the app, so a new command is covered
without being listed) ends bad input with a message and a non-zero exit: never a Python
traceback. Each runs as the console entry point runs it, in this process for speed: an
exception escaping ``main`` is what a user would see as "Traceback"."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from joinedup.cli import LAZY, app, main
from joinedup.settings import get_settings
from tests.conftest import upgrade_database

# Commands that serve or build a world: they take no input worth fuzzing and run for ever.
LONG_RUNNING = {("serve",), ("demo",)}


def _leaves(path: tuple[str, ...], command: Any) -> Iterator[tuple[tuple[str, ...], Any]]:
    children = getattr(command, "commands", None)
    if isinstance(children, dict) and children:
        for name, child in children.items():
            yield from _leaves((*path, name), child)
    else:
        yield path, command


def _commands() -> list[tuple[tuple[str, ...], Any]]:
    root = typer.main.get_group(app)
    found = []
    for name in [*root.commands, *LAZY]:
        command = root.load(name) if name in LAZY else root.commands[name]
        found += [leaf for leaf in _leaves((name,), command) if leaf[0] not in LONG_RUNNING]
    return found


COMMANDS = _commands()
# Tracebacks known and being mended in their own capability (remove the entry with the fix).
KNOWN: dict[tuple[str, ...], str] = {}
CASES = [
    pytest.param(
        path,
        command,
        id=" ".join(path),
        marks=[pytest.mark.xfail(reason=KNOWN[path], strict=False)] if path in KNOWN else [],
    )
    for path, command in COMMANDS
]


def _bad_value(command: tuple[str, ...], name: str, scenario: str, files: dict[str, Path]) -> str:
    """A value a careless user or an attacker might give for the parameter ``name``."""
    if scenario == "control characters":
        return "bad\x00\x0b\x1b value"
    if name == "out" or (name == "file" and command == ("backup",)):
        return str(files["unwritable"] if scenario == "missing files" else files["read_only"])
    if name in ("file", "folder"):
        return str(files["missing"] if scenario == "missing files" else files["garbage"])
    guesses = {
        "email": "nobody@example.test",
        "role": "emperor",
        "system": "E99999999",
        "area_code": "E99999999",
        "as_of": "9999-99-99",
        "period_start": "0001-01-01",
        "period": "fortnight",
        "direction": "sideways",
        "report_format": "exe",
        "state": "maybe",
        "prefix": "ju_nothing",
        "indicator_id": "no_such_indicator",
    }
    return guesses.get(name, "999999999")


def _argv(path: tuple[str, ...], command: Any, scenario: str, files: dict[str, Path]) -> list[str]:
    argv = list(path)
    for parameter in command.params:
        if not parameter.required:
            continue
        value = _bad_value(path, parameter.name, scenario, files)
        if parameter.param_type_name == "argument":
            argv.append(value)
        else:
            argv += [parameter.opts[0], value]
    return argv


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    place = tmp_path_factory.mktemp("cli-bad-input")
    garbage = place / "garbage.csv"
    garbage.write_bytes(b'\x00\xff\xfe not,what,you\nexpected\x00,1\n"unclosed\n' * 20)
    blocker = place / "a-file"
    blocker.write_text("a file where a folder should be")
    database = place / "cli.db"
    upgrade_database(f"sqlite:///{database}")
    return {
        "garbage": garbage,
        "missing": place / "no-such-file.csv",
        "unwritable": blocker / "out.csv",
        "read_only": Path("/proc/version"),  # not writable, even by root
        "database": database,
    }


def _run(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "argv", ["joinedup", *argv])
    monkeypatch.setattr(sys, "stdin", open("/dev/null"))  # noqa: SIM115
    try:
        main()
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 1
    return 0


@pytest.mark.parametrize("scenario", ["missing files", "garbage", "control characters"])
@pytest.mark.parametrize(("path", "command"), CASES)
def test_bad_input_ends_in_a_message_never_a_traceback(
    path: tuple[str, ...],
    command: Any,
    scenario: str,
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("JOINEDUP_DATABASE_URL", f"sqlite:///{files['database']}")
    monkeypatch.setenv("JOINEDUP_SECRET_KEY", "k" * 48)
    monkeypatch.setenv("COLUMNS", "200")
    get_settings.cache_clear()
    argv = _argv(path, command, scenario, files)
    try:
        code = _run(argv, monkeypatch)
    finally:
        get_settings.cache_clear()
    shown = capsys.readouterr()
    assert "Traceback" not in shown.out + shown.err
    if any(p.required for p in command.params):
        assert code != 0, f"joinedup {' '.join(argv)!r} accepted bad input"
        assert shown.err.strip(), "a refusal says why"
