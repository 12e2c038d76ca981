"""`joinedup rank`: the composite ranking of one period, with rank intervals, to a file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as ProgressBar
from rich.table import Table

from joinedup.access.rules import OPERATOR
from joinedup.cli_support import cli_session, console
from joinedup.errors import FORM, InvalidInput
from joinedup.ranking.schemas import (
    DEFAULT_MONTHS,
    GROUPS,
    SMALL_AREA_MIN_65PLUS,
    Aggregation,
    MissingRule,
    Normalisation,
    Progress,
    RankingOptions,
)

if TYPE_CHECKING:
    from joinedup.ranking.schemas import RankingResult


def parse_weights(text: str | None) -> dict[str, float]:
    """``id=w,id=w`` into a dict; the service checks that the ids are indicators."""
    weights: dict[str, float] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        name, sep, number = part.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InvalidInput.of("--weights", f"{part.strip()!r} is not like indicator_id=2")
        try:
            weight = float(number)
        except ValueError:
            raise InvalidInput.of(
                "--weights", f"{number.strip()!r} for {name} is not a number"
            ) from None
        if not weight >= 0 or weight == float("inf"):
            raise InvalidInput.of("--weights", f"{number.strip()!r} for {name} must be 0 or more")
        if name in weights:
            raise InvalidInput.of("--weights", f"{name} is given twice")
        weights[name] = weight
    return weights


def parse_weight_range(text: str) -> tuple[float, float]:
    try:
        low, high = (float(x) for x in text.split(","))
    except ValueError:
        raise InvalidInput.of("--weight-range", f"{text!r} is not like 0.5,1.5") from None
    return low, high


def parse_vary(text: str) -> tuple[str, ...]:
    groups = tuple(g.strip() for g in text.split(",") if g.strip())
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        raise InvalidInput.of(
            "--vary", f"unknown {', '.join(unknown)} (choose from {', '.join(GROUPS)})"
        )
    return groups


@contextmanager
def _progress(quiet: bool) -> Iterator[Progress | None]:
    if quiet:
        yield None
        return
    with ProgressBar(
        TextColumn("Monte Carlo draws"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("draws", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def _summary(result: RankingResult, out: Path) -> None:
    settings = result.settings
    console.print(
        f"Ranked {sum(a.rank is not None for a in result.areas)} areas for the period starting "
        f"{result.period_start.isoformat()} on {len(result.indicator_ids)} indicators: "
        f"{settings['normalisation']} normalisation, {settings['aggregation']} aggregation, "
        f"weights {', '.join(f'{k}={v:g}' for k, v in settings['weights'].items())}.",
        highlight=False,
    )
    for line in result.missing.describe():
        console.print(line, highlight=False)
    for note in result.notes:
        console.print(note, highlight=False)
    sensitivity = Table("assumption", "first-order index", "total effect", title="What moves ranks")
    for group in GROUPS:
        varied = group in settings["vary"]
        sensitivity.add_row(
            group,
            f"{result.first_order[group]:.2f}" if varied else "held fixed",
            f"{result.total_effect[group]:.2f}" if varied else "",
        )
    console.print(sensitivity)
    if result.selection is not None:
        table = Table("area", "rank", "5-95% rank interval", "in worst N", "selection")
        by_code = {a.area_code: a for a in result.areas}
        for pick in result.selection.selected:
            area = by_code[pick.area_code]
            table.add_row(
                f"{area.area_name} ({area.area_code})",
                str(area.rank),
                f"{area.rank_p05}-{area.rank_p95}",
                f"{pick.share_in_worst:.0%}",
                pick.robustness.value,
            )
        table.title = f"The {result.selection.size} most challenged"
        console.print(table)
        if result.selection.contenders:
            shown = ", ".join(
                f"{code} {share:.0%}" for code, share in result.selection.contenders[:5]
            )
            console.print(f"Also among the worst {result.selection.size} in some draws: {shown}")
    console.print(f"Wrote {out}", highlight=False)


def rank(
    out: Annotated[
        Path, typer.Option("--out", help="Ranking to write: .csv, .parquet, .xlsx or .json.")
    ],
    period_start: Annotated[
        str, typer.Option("--period-start", help="First day of the period, YYYY-MM-DD.")
    ],
    values: Annotated[
        Path | None,
        typer.Option(
            "--values", help="Indicator values in the metrics output format (CSV, Parquet, XLSX)."
        ),
    ] = None,
    from_db: Annotated[
        bool,
        typer.Option(
            "--from-db",
            help="Indicator values stored by `joinedup metrics compute --load` (see --months).",
        ),
    ] = False,
    months: Annotated[
        int,
        typer.Option(
            help="With --from-db: length of the period in months, 1 (month), 3 (quarter) or "
            "12 (financial or rolling year, as the Department ranked annual figures)."
        ),
    ] = DEFAULT_MONTHS,
    weights: Annotated[
        str | None,
        typer.Option(
            help="Weights by indicator, e.g. delayed_days_per_day_18plus=2; others keep theirs."
        ),
    ] = None,
    normalisation: Annotated[
        Normalisation, typer.Option(help="How each indicator is put on one scale.")
    ] = Normalisation.RANK,
    aggregation: Annotated[
        Aggregation, typer.Option(help="How the indicators are combined.")
    ] = Aggregation.ARITHMETIC,
    missing: Annotated[
        MissingRule,
        typer.Option(help="Missing values: exclude the area, or reweight over what it has."),
    ] = MissingRule.REWEIGHT,
    draws: Annotated[int, typer.Option(help="Monte Carlo draws.")] = 10_000,
    seed: Annotated[int, typer.Option(help="Seed of the draws (same seed, same result).")] = 1,
    select: Annotated[
        int | None, typer.Option(help="Select the N most challenged for review.")
    ] = None,
    vary: Annotated[
        str,
        typer.Option(help="What the Monte Carlo varies: weights,normalisation,aggregation,values."),
    ] = ",".join(GROUPS),
    weight_range: Annotated[
        str, typer.Option("--weight-range", help="Each weight is multiplied by U(low, high).")
    ] = "0.5,1.5",
    min_population: Annotated[
        int,
        typer.Option(
            "--min-population",
            min=0,
            help="Areas with fewer residents aged 65 and over are not ranked (0: rank all).",
        ),
    ] = SMALL_AREA_MIN_65PLUS,
    save: Annotated[
        str | None,
        typer.Option(
            "--save",
            help="With --from-db: also save the run under this name (shown on /rankings).",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress and no summary.")] = False,
) -> None:
    """Rank the areas on the composite index, with 5-95% rank intervals from Monte Carlo draws."""
    # The engine is imported when a ranking runs, so that `joinedup rank --help` is quick.
    from joinedup.ranking.service import rank_file, rank_stored, save_run, write_ranking

    if from_db and values is not None:
        raise InvalidInput.of(FORM, "Give either --values FILE or --from-db, not both")
    if save is not None and not from_db:
        raise InvalidInput.of("--save", "It keeps rankings of stored values: use it with --from-db")
    if not from_db and values is None:
        raise InvalidInput.of(
            FORM, "Give --values FILE (indicator values in the metrics output format) or --from-db"
        )
    try:
        start = date.fromisoformat(period_start)
    except ValueError:
        raise InvalidInput.of(
            "--period-start", f"{period_start!r} is not a date like 2018-04-01"
        ) from None
    options = RankingOptions(
        weights=parse_weights(weights),
        normalisation=normalisation,
        aggregation=aggregation,
        missing=missing,
        draws=draws,
        seed=seed,
        weight_range=parse_weight_range(weight_range),
        vary=parse_vary(vary),
        select=select,
        min_population=min_population,
    )
    saved = ""
    with _progress(quiet) as progress:
        if values is not None:
            result = rank_file(values, period_start=start, options=options, progress=progress)
        else:
            with cli_session() as session:
                result = rank_stored(
                    session,
                    period_start=start,
                    months=months,
                    options=options,
                    progress=progress,
                )
                if save is not None:
                    run = save_run(session, actor=OPERATOR, name=save, months=months, result=result)
                    saved = f"Saved as ranking run {run.id}: {run.name}"
                # Written before the run is committed: a file that cannot be written saves nothing.
                write_ranking(result, out)
    if values is not None:
        write_ranking(result, out)
    if not quiet:
        _summary(result, out)
        if saved:
            console.print(saved, highlight=False)
