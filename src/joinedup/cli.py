"""`joinedup`: the command line, a thin layer over each capability's Python API.

Each capability's commands are imported only when they run (or their own help is asked for):
the root knows their names and one-line help, so `joinedup --help` and a small command such as
`joinedup spc` do not pay for scipy, DuckDB, WeasyPrint and the web app.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from joinedup import __version__
from joinedup.errors import FORM, InvalidInput, JoinedUpError


@dataclass(frozen=True)
class Lazy:
    """A command (a function) or a group of commands (a Typer app) imported when it runs."""

    target: str  # "module:attribute"
    help: str  # the command's first line of help, shown by `joinedup --help`

    def load(self, name: str) -> Any:
        module, _, attribute = self.target.partition(":")
        found = getattr(importlib.import_module(module), attribute)
        command: Any
        if isinstance(found, typer.Typer):
            command = typer.main.get_group(found)
        else:
            single = typer.Typer(add_completion=False)
            single.command(name)(found)
            command = typer.main.get_command(single)
        command.name = name
        return command


# `joinedup --help` lists these commands, then the root's own, then these groups; tests/test_cli.py
# checks each help line against its command's own.
COMMANDS: dict[str, Lazy] = {
    "backup": Lazy(
        "joinedup.store.cli:backup",
        "Back up the whole database (consistent while the app runs); a failure keeps the old file.",
    ),
    "restore": Lazy(
        "joinedup.store.cli:restore",
        "Restore a backup; refuses to overwrite a database that holds data unless --force.",
    ),
    "synth": Lazy(
        "joinedup.metrics.cli:synth",
        "Write a synthetic England in the data contract: spells, reablement, dtoc, population.",
    ),
    "rank": Lazy(
        "joinedup.ranking.cli:rank",
        "Rank the areas on the composite index, with 5-95% rank intervals from Monte Carlo draws.",
    ),
    "spc": Lazy(
        "joinedup.monitoring.cli:spc",
        "Statistical process control (XmR chart, Making Data Count rules) of one series.",
    ),
    "remind": Lazy(
        "joinedup.reminders.cli:remind",
        "Email each person, once, what falls due: actions, milestones, sign-offs, paper deadlines.",
    ),
}
GROUPS: dict[str, Lazy] = {
    "db": Lazy("joinedup.store.cli:app", "The application database."),
    "users": Lazy("joinedup.access.cli:app", "Manage users, their roles and their API tokens."),
    "areas": Lazy("joinedup.areas.cli:areas_app", "Reference geography: areas and populations."),
    "systems": Lazy("joinedup.areas.cli:systems_app", "Local systems that use Joined Up."),
    "metrics": Lazy(
        "joinedup.metrics.cli:app",
        "Measure: the NHS Social Care Interface Dashboard, computed from patient-level files.",
    ),
    "indicators": Lazy(
        "joinedup.metrics.cli:indicators_app",
        "The indicator catalogue: the declarations every measure is computed from.",
    ),
    "reviews": Lazy(
        "joinedup.reviews.cli:reviews_app", "Review programmes, reviews and review frameworks."
    ),
    "plan": Lazy(
        "joinedup.plans.cli:plan_app", "Improvement plans: import and export spreadsheets."
    ),
    "report": Lazy(
        "joinedup.reports.cli:report_app",
        "Board reports: highlight and review reports in HTML, PDF, DOCX and XLSX.",
    ),
    "boards": Lazy(
        "joinedup.governance.cli:boards_app",
        "Boards and meetings: forward plans, minutes, resolutions and risk registers.",
    ),
}
LAZY = COMMANDS | GROUPS


class LazyGroup(TyperGroup):
    """The root group: lists every command at once, imports one only to run it."""

    def list_commands(self, ctx: Any) -> list[str]:
        own = [name for name in self.commands if name not in LAZY]
        return [*COMMANDS, *own, *GROUPS]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        lazy = LAZY.get(cmd_name)
        # For listing only: a stand-in that carries the name and help; running it loads it.
        return None if lazy is None else typer.core.TyperCommand(cmd_name, help=lazy.help)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args:
            self.load(args[0])
        return super().resolve_command(ctx, args)

    def load(self, name: str) -> Any:
        """The real command called ``name`` (imported now if it was not yet)."""
        if name not in self.commands and name in LAZY:
            self.commands[name] = LAZY[name].load(name)
        return self.commands.get(name)


app = typer.Typer(
    cls=LazyGroup,
    help="Joined Up: measure, rank, review, improve, monitor and report on local health and "
    "social care systems.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _print_version(asked: bool) -> None:
    if asked:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_print_version, help="Print the version."
        ),
    ] = False,
) -> None:
    """Options that come before any command."""


@app.command("settings")
def show_settings() -> None:
    """Print every setting with its value (secrets masked) and what it does."""
    from rich.table import Table

    from joinedup.cli_support import console
    from joinedup.settings import get_settings

    table = Table("environment variable", "value", "meaning")
    for variable, shown, description in get_settings().described():
        table.add_row(variable, shown, description)
    console.print(table)


@app.command("serve")
def serve(
    host: Annotated[str | None, typer.Option(help="Address; JOINEDUP_HOST by default.")] = None,
    port: Annotated[int | None, typer.Option(help="Port; JOINEDUP_PORT by default.")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Upgrade the database and serve the web app."""
    from joinedup.cli_support import database
    from joinedup.metrics import service as metrics
    from joinedup.settings import get_settings
    from joinedup.web.server import run

    settings = get_settings()
    settings.signing_key()
    metrics.check_deployment_catalogue(settings.catalogue_dir)  # refused before serving
    database().dispose()  # it must exist: `joinedup db upgrade` creates it
    run(settings, host=host or settings.host, port=port or settings.port, workers=workers)


@app.command("demo")
def demo(
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
    db: Annotated[str, typer.Option(help="SQLite file of the demo world.")] = "joinedup-demo.db",
    serve_it: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the demo after building it.")
    ] = True,
    today: Annotated[
        str | None,
        typer.Option(
            help="Build the world as at this day (YYYY-MM-DD) and serve it with the clock set "
            "to it; by default the story is moved forward to the real date."
        ),
    ] = None,
) -> None:
    """Build (or rebuild) the demo world and serve it on http://127.0.0.1:PORT."""
    from joinedup.cli_support import console
    from joinedup.demo import build_demo_world, print_demo_users
    from joinedup.settings import get_settings

    os.environ["JOINEDUP_DEMO_MODE"] = "true"
    os.environ["JOINEDUP_DATABASE_URL"] = f"sqlite:///{db}"
    if today is not None:
        os.environ["JOINEDUP_TODAY"] = today
    get_settings.cache_clear()
    settings = get_settings()
    users = build_demo_world(settings, progress=console)
    print_demo_users(users, console=console, url=f"http://127.0.0.1:{port}")
    if serve_it:
        from joinedup.web.server import run

        run(settings, host="127.0.0.1", port=port, workers=1)


def _settings_message(error: Exception) -> str | None:
    """What is wrong with the settings, or None when ``error`` is about something else."""
    from pydantic import ValidationError

    from joinedup.settings import InsecureSettingsError, Settings

    if isinstance(error, InsecureSettingsError):
        return str(error)
    if not isinstance(error, ValidationError) or error.title != Settings.__name__:
        return None
    lines = []
    for problem in error.errors():
        field = ".".join(str(p) for p in problem["loc"]) or "secret_key"
        lines.append(
            f"setting JOINEDUP_{field.upper()}: {problem['msg']} (got {problem.get('input')!r})"
            if problem["loc"]
            else problem["msg"].removeprefix("Value error, ")
        )
    return "\n".join(lines)


def error_message(error: JoinedUpError) -> str:
    """An error as the command line shows it: each problem after the option it belongs to."""
    if not isinstance(error, InvalidInput):
        return str(error)
    # A file's problem names the file (and sheet, row, column) itself.
    return "\n".join(
        problem if field in (FORM, "file") else f"{field}: {problem}"
        for field, problem in error.problems.items()
    )


def _fail(message: str, code: int) -> SystemExit:
    from joinedup.cli_support import err_console

    # One problem a line, never wrapped: a line names the file, sheet, row, column and value.
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False, soft_wrap=True)
    return SystemExit(code)


def main() -> None:
    """Entry point: turns the errors people can act on into a message and an exit code."""
    try:
        app(standalone_mode=False)
    except JoinedUpError as error:
        raise _fail(error_message(error), 1) from None
    except typer.Exit as done:
        raise SystemExit(done.exit_code) from None
    except typer.Abort:
        raise SystemExit(1) from None
    except Exception as error:
        settings_problem = _settings_message(error)
        if settings_problem is not None:
            raise _fail(settings_problem, 2) from None
        # Usage errors (Typer's own Click): shown as Click would, with its exit code.
        show, exit_code = getattr(error, "show", None), getattr(error, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):
            show()
            raise SystemExit(exit_code) from None
        raise


if __name__ == "__main__":
    main()
