"""`joinedup spc`: an XmR chart of one series from a CSV file, as CSV or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from joinedup.errors import InvalidInput
from joinedup.files import write_atomically
from joinedup.monitoring.schemas import Direction, OutputFormat


def spc(
    file: Annotated[Path, typer.Argument(help="CSV with one row per period.")],
    direction: Annotated[
        Direction,
        typer.Option(help="Which way is improvement: increase, decrease or neutral."),
    ],
    date_col: Annotated[str, typer.Option(help="Column holding the dates.")] = "date",
    value_col: Annotated[str, typer.Option(help="Column holding the values.")] = "value",
    target: Annotated[
        str | None,
        typer.Option(help='Target: a number, or words such as "95% or above".'),
    ] = None,
    screen_outliers: Annotated[
        bool,
        typer.Option(
            "--screen-outliers/--no-screen-outliers",
            help="Leave out moving ranges at or above 3.267 x their mean before setting limits.",
        ),
    ] = True,
    fix_after: Annotated[
        int | None,
        typer.Option(min=2, help="Fix the limits on the first N points of each period."),
    ] = None,
    rebase: Annotated[
        list[str] | None,
        typer.Option(
            help="Recalculate limits from this date: YYYY-MM-DD, or YYYY-MM-DD=reason. Repeatable."
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="csv or json.")
    ] = OutputFormat.CSV,
    out: Annotated[
        Path | None, typer.Option(help="Write here instead of to standard output.")
    ] = None,
) -> None:
    """Statistical process control (XmR chart, Making Data Count rules) of one series."""
    from joinedup.monitoring import service as monitoring  # what the command needs, when it runs

    chart = monitoring.spc_of_file(
        file,
        direction=direction,
        date_col=date_col,
        value_col=value_col,
        target=target,
        screen_outliers=screen_outliers,
        fix_after=fix_after,
        rebase=rebase or [],
        output_format=output_format,
    )
    for warning in chart.warnings:
        typer.echo(f"Warning: {warning}", err=True)
    if out is None:
        typer.echo(chart.text, nl=False)
    else:
        _write_whole(out, chart.text)


def _write_whole(path: Path, text: str) -> None:
    """Write all of it or nothing: a failure leaves any earlier file as it was."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise InvalidInput.of("--out", f"{path}: folder {folder} does not exist")
    write_atomically(path, text, field="--out")
