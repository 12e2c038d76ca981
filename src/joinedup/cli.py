"""`joinedup`: the command line, a thin layer over each capability's Python API."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.table import Table

from joinedup import __version__
from joinedup.access.cli import app as users_app
from joinedup.areas.cli import areas_app, systems_app
from joinedup.cli_support import console, err_console
from joinedup.errors import JoinedUpError
from joinedup.metrics.cli import app as metrics_app
from joinedup.metrics.cli import synth
from joinedup.monitoring.cli import spc
from joinedup.plans.cli import plan_app
from joinedup.ranking.cli import rank
from joinedup.reports.cli import report_app
from joinedup.reviews.cli import reviews_app
from joinedup.settings import InsecureSettingsError, Settings, get_settings
from joinedup.store.cli import app as db_app
from joinedup.store.cli import backup, restore

app = typer.Typer(
    help="Joined Up: measure, rank, review, improve, monitor and report on local health and "
    "social care systems.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(areas_app, name="areas")
app.add_typer(systems_app, name="systems")
app.command("backup")(backup)
app.command("restore")(restore)
app.add_typer(metrics_app, name="metrics")
app.command("synth")(synth)
app.add_typer(reviews_app, name="reviews")
app.add_typer(plan_app, name="plan")
app.command("rank")(rank)
app.command("spc")(spc)
app.add_typer(report_app, name="report")


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False,
) -> None:
    if version:
        console.print(__version__)
        raise typer.Exit()


@app.command("settings")
def show_settings() -> None:
    """Print every setting with its value (secrets masked) and what it does."""
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
    from joinedup.web.server import run

    settings = get_settings()
    settings.signing_key()
    run(settings, host=host or settings.host, port=port or settings.port, workers=workers)


@app.command("demo")
def demo(
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
    db: Annotated[str, typer.Option(help="SQLite file of the demo world.")] = "joinedup-demo.db",
    serve_it: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the demo after building it.")
    ] = True,
) -> None:
    """Build (or rebuild) the demo world and serve it on http://127.0.0.1:PORT."""
    from joinedup.demo import build_demo_world, print_demo_users

    os.environ["JOINEDUP_DEMO_MODE"] = "true"
    os.environ["JOINEDUP_DATABASE_URL"] = f"sqlite:///{db}"
    get_settings.cache_clear()
    settings = get_settings()
    users = build_demo_world(settings, progress=console)
    print_demo_users(users, console=console, url=f"http://127.0.0.1:{port}")
    if serve_it:
        from joinedup.web.server import run

        run(settings, host="127.0.0.1", port=port, workers=1)


def _settings_message(error: ValidationError) -> str:
    lines = []
    for problem in error.errors():
        field = ".".join(str(p) for p in problem["loc"]) or "secret_key"
        lines.append(
            f"setting JOINEDUP_{field.upper()}: {problem['msg']} (got {problem.get('input')!r})"
            if problem["loc"]
            else problem["msg"].removeprefix("Value error, ")
        )
    return "\n".join(lines)


def main() -> None:
    """Entry point: turns the errors people can act on into a message and an exit code."""
    try:
        app(standalone_mode=False)
    except ValidationError as error:
        if error.title == Settings.__name__:
            err_console.print(f"[bold red]Error:[/] {_settings_message(error)}", highlight=False)
            raise SystemExit(2) from None
        raise
    except InsecureSettingsError as error:
        err_console.print(f"[bold red]Error:[/] {error}", highlight=False)
        raise SystemExit(2) from None
    except JoinedUpError as error:
        err_console.print(f"[bold red]Error:[/] {error}", highlight=False)
        raise SystemExit(1) from None
    except typer.Exit as done:
        raise SystemExit(done.exit_code) from None
    except typer.Abort:
        raise SystemExit(1) from None
    except Exception as error:
        # Usage errors (Typer's own Click): shown as Click would, with its exit code.
        show, exit_code = getattr(error, "show", None), getattr(error, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):
            show()
            raise SystemExit(exit_code) from None
        raise


if __name__ == "__main__":
    main()
