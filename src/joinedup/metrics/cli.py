"""`joinedup metrics ...` and `joinedup synth`: a thin layer over the measure service (imported
by each command when it runs, so that help is shown at once)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from joinedup.access.rules import OPERATOR
from joinedup.cli_support import cli_session, console
from joinedup.errors import InvalidInput
from joinedup.metrics.schemas import PeriodKind

app = typer.Typer(
    help="Measure: the NHS Social Care Interface Dashboard, computed from patient-level files.",
    no_args_is_help=True,
)
Report = Callable[[str, int, int], None]


class EngineName(StrEnum):
    DUCKDB = "duckdb"
    SPARK = "spark"


class FileFormat(StrEnum):
    PARQUET = "parquet"
    CSV = "csv"


@contextmanager
def progress_bar(quiet: bool) -> Iterator[Report | None]:
    """A progress bar on the terminal, or nothing with ``--quiet``."""
    if quiet:
        yield None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("Starting", total=None)

        def report(description: str, done: int, total: int) -> None:
            bar.update(task, description=description, completed=done, total=total)

        yield report


@app.command("compute")
def compute(
    folder: Annotated[
        Path,
        typer.Argument(
            help="Folder holding spells, reablement, dtoc and population (.parquet or .csv)."
        ),
    ],
    period: Annotated[PeriodKind, typer.Option(help="Kind of reporting period.")],
    out: Annotated[Path, typer.Option(help="Where to write the values (.csv or .parquet).")],
    from_month: Annotated[
        str | None,
        typer.Option("--from", help="First month, YYYY-MM; the data's first by default."),
    ] = None,
    to_month: Annotated[
        str | None,
        typer.Option("--to", help="Last month, YYYY-MM; the data's last by default."),
    ] = None,
    engine: Annotated[EngineName, typer.Option(help="Engine that counts.")] = EngineName.DUCKDB,
    indicator: Annotated[
        list[str] | None,
        typer.Option(help="Indicator id (repeat for several); the whole catalogue by default."),
    ] = None,
    spark_folder: Annotated[
        str | None,
        typer.Option(
            help="With --engine spark: the same folder as the cluster reads it (for example "
            "s3a://bucket/england or hdfs:///data/england), when FOLDER is the driver's mount "
            "or copy of it; the files are checked through FOLDER."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress and no summary.")] = False,
    load: Annotated[
        bool,
        typer.Option(
            "--load",
            help="Also store the values in the database as a new vintage (a period loaded "
            "again supersedes the earlier values, which are kept).",
        ),
    ] = False,
    for_publication: Annotated[
        bool,
        typer.Option(
            "--for-publication",
            help="Write the values disclosure controlled, as they may be published (small "
            "counts suppressed, others rounded; a status column); --load stores them unrounded.",
        ),
    ] = False,
) -> None:
    """Compute every indicator for every area and England, with 95% and 99.8% intervals.

    Periods lie wholly inside --from to --to: months, quarters, financial years or rolling
    12-month windows.

    Nothing is written when the files fail validation.
    """
    from joinedup.metrics import service

    if out.suffix.lower() not in (".csv", ".parquet"):  # checked before any work is done
        raise InvalidInput.of("--out", f"{str(out)!r} must end in .csv or .parquet")
    if spark_folder and engine is not EngineName.SPARK:
        raise InvalidInput.of("--spark-folder", "is read by the Spark engine: add --engine spark")
    first = service.month(from_month, field="--from") if from_month else None
    last = service.month(to_month, field="--to") if to_month else None
    with progress_bar(quiet) as report:
        table = service.compute(
            folder,
            period,
            first=first,
            last=last,
            engine=engine.value,
            indicator_ids=indicator,
            progress=report,
            spark_folder=spark_folder,
        )
        service.write_values(service.publication_table(table) if for_publication else table, out)
    if load:
        with cli_session() as session:
            stored = service.load_values(
                session,
                actor=OPERATOR,
                table=table,
                source=str(folder),
                engine=engine.value,
                checksum=service.folder_checksum(folder),
            )
        if not quiet:
            console.print(
                f"Loaded {stored.rows:,} values into the database as vintage {stored.id} "
                f"({stored.replaced:,} earlier values of the same periods superseded and kept)."
            )
    if not quiet:
        starts = table.column("period_start")
        areas = len(set(table.column("area_code").to_pylist())) - 1
        console.print(
            f"Wrote {table.num_rows:,} values to {out}: "
            f"{len(set(table.column('indicator').to_pylist()))} indicators, "
            f"{areas} areas and England, {len(set(starts.to_pylist()))} {period.value} periods "
            f"from {min(starts.to_pylist()):%Y-%m} to "
            f"{max(table.column('period_end').to_pylist()):%Y-%m}.",
            highlight=False,
        )


def synth(
    out: Annotated[Path, typer.Option(help="Folder to write the four tables into.")],
    sample: Annotated[
        float | None,
        typer.Option(
            help="Fraction of a real-size England to write (0.01: one spell in a hundred), "
            "populations scaled alike."
        ),
    ] = None,
    spells: Annotated[
        int | None,
        typer.Option(
            help="Spells admitted in the window instead (the fraction follows); 1,000,000 when "
            "neither is given."
        ),
    ] = None,
    seed: Annotated[int, typer.Option(help="Same seed, same files.")] = 1,
    start: Annotated[str, typer.Option(help="First month, YYYY-MM.")] = "2017-04",
    months: Annotated[int, typer.Option(help="Number of months.")] = 36,
    file_format: Annotated[
        FileFormat, typer.Option("--format", help="File format.")
    ] = FileFormat.PARQUET,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress and no summary.")] = False,
) -> None:
    """Write a synthetic England in the data contract: spells, reablement, dtoc, population."""
    from joinedup.metrics import service

    with progress_bar(quiet) as report:
        summary = service.synth(
            out,
            spells=spells,
            sample=sample,
            seed=seed,
            start=start,
            months=months,
            fmt=file_format.value,
            step=report,
        )
    if not quiet:
        rows = ", ".join(f"{name} {count:,}" for name, count in summary.rows.items())
        console.print(
            f"Wrote {out}: {rows} rows; {summary.sample:.4g} of a real-size England, "
            "populations scaled alike.",
            highlight=False,
        )


@app.command("list")
def list_loaded() -> None:
    """Show what indicator values are loaded in the database, by length of period."""
    from joinedup.metrics import service

    names = {1: "months", 3: "quarters", 12: "years (financial and rolling)"}
    with cli_session() as session:
        loaded = service.loaded_periods(session)
    if not loaded:
        console.print("No indicator values are loaded: use joinedup metrics compute --load.")
        return
    table = Table("periods", "first", "last", "count", "areas", "indicators", "last loaded")
    for row in loaded:
        table.add_row(
            names.get(row.months, f"{row.months} months"),
            f"{row.first_start:%Y-%m}",
            f"{row.last_start:%Y-%m}",
            str(row.periods),
            str(row.areas),
            str(row.indicators),
            f"{row.loaded_at:%Y-%m-%d %H:%M}",
        )
    console.print(table)


@app.command("vintages")
def list_vintages(
    revisions: Annotated[
        int | None,
        typer.Option(help="A vintage's id: list the figures it revised, before and after."),
    ] = None,
) -> None:
    """List the data vintages (each load of values), or the figures one vintage revised."""
    from joinedup.metrics import service

    with cli_session() as session:
        if revisions is not None:
            changed = service.revisions(session, vintage_id=revisions)
            table = Table("area", "indicator", "period", "before", "after", "change")
            for item in changed:
                change = item.change
                table.add_row(
                    item.area_code,
                    item.indicator,
                    f"{item.period_start:%Y-%m} to {item.period_end:%Y-%m}",
                    _number(item.before),
                    _number(item.after),
                    "" if change is None else f"{change:+.4g}",
                )
            console.print(f"Vintage {revisions} revised {len(changed):,} figures.")
            if changed:
                console.print(table)
            return
        vintages = service.list_vintages(session)
    if not vintages:
        console.print("No vintages are loaded: use joinedup metrics compute --load.")
        return
    table = Table("id", "known from", "by", "periods", "indicators", "values", "superseded")
    for v in vintages:
        periods = f"{v.first_period:%Y-%m} to {v.last_period:%Y-%m}" if v.first_period else ""
        table.add_row(
            str(v.id),
            f"{v.loaded_on:%Y-%m-%d}",
            v.loaded_by,
            periods,
            str(len(v.indicators)),
            f"{v.rows:,}",
            f"{v.replaced:,}",
        )
    console.print(table)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4g}"


indicators_app = typer.Typer(
    help="The indicator catalogue: the declarations every measure is computed from.",
    no_args_is_help=True,
)


@indicators_app.command("list")
def list_indicators() -> None:
    """List the indicators in force: the package's catalogue and the deployment's folder."""
    from joinedup.metrics import service

    table = Table("id", "short title", "statistic", "version", "valid")
    table.columns[0].no_wrap = True
    for item in service.catalogue():
        table.add_row(
            item.id,
            item.short_title or item.title,
            item.statistic.value,
            str(item.version),
            f"{item.valid_from or ''} to {item.valid_to or 'now'}",
        )
    console.print(table)


@indicators_app.command("show")
def show_indicator(
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help="The indicator's id.")],
) -> None:
    """Show one indicator's declaration, as written in its catalogue file."""
    from joinedup.metrics import service

    item = service.indicator(indicator_id)
    console.print(f"# {item.declared_in}", highlight=False, markup=False)
    console.print(Path(item.declared_in).read_text(encoding="utf-8"), highlight=False, markup=False)


@indicators_app.command("check")
def check_indicator(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A catalogue file (YAML).")],
) -> None:
    """Check a catalogue file: every problem with its line, field and what was expected."""
    from joinedup.metrics import service

    for item in service.check_catalogue_file(file):
        console.print(
            f"{file}: {item.id} ({item.title}) is a valid declaration, version {item.version}.",
            highlight=False,
            markup=False,
        )
