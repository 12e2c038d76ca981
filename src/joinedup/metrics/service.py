"""Use cases of the measure capability: compute indicator values from a data-contract folder.

``compute`` returns an Arrow table (one row per area, indicator and period) that the CLI
writes to a file and that a service can store; nothing is computed from a folder that fails
validation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from joinedup.areas.rules import ENGLAND
from joinedup.areas.service import reference_rows
from joinedup.errors import InvalidInput
from joinedup.files import replacing
from joinedup.metrics.benchmarking import (
    FunnelView,
    WorseList,
    area_spine,
    funnel_indicators,
    funnel_view,
    worse_and_worsening,
)
from joinedup.metrics.catalogue_in_force import (
    catalogue,
    check_catalogue_file,
    check_deployment_catalogue,
    use_catalogue,
)
from joinedup.metrics.comparison import compare_with_england
from joinedup.metrics.dashboard import dashboard_csv
from joinedup.metrics.disclosure import Audience, Rule, ShownValue, audience_of, control_all
from joinedup.metrics.indicators import Indicator, indicator
from joinedup.metrics.periods import PeriodKind, parse_month
from joinedup.metrics.queries import (
    area_profile,
    find_values,
    national_dashboard,
    period_choices,
    region_choices,
    shown_values,
)
from joinedup.metrics.stored import (
    StoredValue,
    indicator_series,
    latest_period_start,
    load_values,
    loaded_periods,
    period_starts,
    period_values,
    values_table,
)
from joinedup.metrics.vintages import (
    folder_checksum,
    get_vintage,
    latest_vintage_id,
    list_vintages,
    revisions,
    values_known_on,
    vintage_known_on,
)

if TYPE_CHECKING:
    import pyarrow as pa
    from sqlalchemy.orm import Session

    from joinedup.access.rules import Principal
    from joinedup.metrics.funnel import Funnel
    from joinedup.metrics.funnel_plot import FunnelPlot
    from joinedup.metrics.spine import SpineChart
    from joinedup.metrics.synth import SynthSummary

# The use cases; the words and types they use are in joinedup.metrics.schemas. The engines
# (DuckDB, Spark), pyarrow and scipy are imported by the use cases that compute, when they run.
__all__ = [
    "Audience",
    "FunnelView",
    "WorseList",
    "area_profile",
    "area_spine",
    "audience_of",
    "catalogue",
    "check_catalogue_file",
    "check_deployment_catalogue",
    "compare_with_england",
    "compute",
    "dashboard_csv",
    "disclosure_rule",
    "find_values",
    "folder_checksum",
    "funnel",
    "funnel_csv",
    "funnel_indicators",
    "funnel_plot",
    "funnel_view",
    "get_vintage",
    "indicator",
    "indicator_series",
    "latest_period_start",
    "latest_vintage_id",
    "list_vintages",
    "load_values",
    "loaded_periods",
    "month",
    "national_dashboard",
    "period_choices",
    "period_starts",
    "period_values",
    "publication_table",
    "reference_area_codes",
    "region_choices",
    "revisions",
    "shown_to",
    "shown_values",
    "spine_csv",
    "synth",
    "use_catalogue",
    "values_known_on",
    "values_table",
    "vintage_known_on",
    "worse_and_worsening",
    "worse_csv",
    "write_values",
]

ENGINES = ("duckdb", "spark")
Progress = Callable[[str, int, int], None]


def month(text: str, *, field: str) -> date:
    """``YYYY-MM`` as the first day of that month; a problem is raised against ``field``."""
    return parse_month(text, option=field)


def disclosure_rule() -> Rule:
    """The deployment's disclosure-control rule (settings ``disclosure_*``): what pages,
    exports and papers say of a suppressed or rounded figure."""
    return Rule.from_settings()


def shown_to(actor: Principal, values: Iterable[StoredValue]) -> list[ShownValue]:
    """Stored values as ``actor`` may see them (disclosure controlled outside the national
    roles), one for one: for pages and papers that compute from the stored values and show
    them beside (a KPI's chart), so that each figure shown can be marked."""
    return control_all(values, audience=audience_of(actor))


def synth(
    out: Path,
    *,
    spells: int | None,
    sample: float | None = None,
    seed: int,
    start: str,
    months: int,
    fmt: str,
    step: Progress | None = None,
) -> SynthSummary:
    """Write a synthetic England in the data contract (see joinedup.metrics.synth)."""
    from joinedup.metrics import synth as synthetic

    return synthetic.synth(
        out,
        spells=spells,
        sample=sample,
        seed=seed,
        start=start,
        months=months,
        fmt=fmt,
        step=step,
    )


def funnel(session: Session, *, indicator_id: str, period_start: date, months: int) -> Funnel:
    """Every area's stored value of one period against England's, with the 95% and 99.8%
    funnel limits (rates and proportions; see joinedup.metrics.funnel)."""
    from joinedup.metrics.funnel import funnel_of

    item = indicator(indicator_id)
    rows = [
        (v.area_code, v.value, v.denominator)
        for v in period_values(session, period_start=period_start, months=months)
        if v.indicator == item.id
    ]
    return funnel_of(item.id, item.statistic, item.per, rows, ENGLAND)


def funnel_plot(view: FunnelView) -> FunnelPlot:
    """Where each point, limit and tick of a funnel view is drawn."""
    from joinedup.metrics.funnel_plot import plot

    return plot(view.funnel, view.names)


def funnel_csv(view: FunnelView) -> str:
    from joinedup.metrics.comparison_csv import funnel_csv as as_csv

    return as_csv(view)


def spine_csv(chart: SpineChart) -> str:
    from joinedup.metrics.comparison_csv import spine_csv as as_csv

    return as_csv(chart)


def worse_csv(worse: WorseList) -> str:
    from joinedup.metrics.comparison_csv import worse_csv as as_csv

    return as_csv(worse)


def reference_area_codes() -> list[str]:
    return [row.code for row in reference_rows()]


def compute(
    folder: Path,
    kind: PeriodKind | Sequence[PeriodKind],
    *,
    first: date | None = None,
    last: date | None = None,
    engine: str = "duckdb",
    indicator_ids: list[str] | None = None,
    areas: Iterable[str] | None = None,
    spark_session: Any | None = None,
    progress: Progress | None = None,
    years_moved: int = 0,
    spark_folder: str | None = None,
) -> pa.Table:
    """Indicator values for every area and England, for each period of ``kind`` in range.

    ``first``/``last`` are months (first days); by default the months the spells cover.
    Several kinds (months and rolling years, say) are computed in the same pass.
    An indicator is computed only for the periods within its validity (valid_from to
    valid_to; moved by ``years_moved`` when the data's dates are moved, as the demo's are).
    ``spark_folder``: the folder as a Spark cluster reads it (s3a://..., hdfs://...), when
    ``folder`` is the driver's mount or copy of it.
    ``progress`` is told each step as (description, steps done, steps in all).
    """
    import duckdb

    from joinedup.metrics.counting import count_periods, data_months, read_populations
    from joinedup.metrics.engines import Engine
    from joinedup.metrics.engines.duckdb import DuckDBEngine
    from joinedup.metrics.indicators import select, tallies
    from joinedup.metrics.periods import periods_between
    from joinedup.metrics.plan import Plan, scans, within_validity
    from joinedup.metrics.results import Grid, assemble
    from joinedup.metrics.validation import validate

    kinds = [kind] if isinstance(kind, PeriodKind) else list(kind)
    if engine not in ENGINES:
        raise InvalidInput.of("engine", f"{engine!r} is not one of {', '.join(ENGINES)}")
    indicators = select(indicator_ids)
    done = 0
    steps = len(scans(tallies(indicators))) + 3

    def step(description: str) -> None:
        nonlocal done
        if progress:
            progress(description, done, steps)
        done += 1

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    # Every file is opened by several statements: keep its Parquet footer after the first.
    con.execute("SET parquet_metadata_cache = true")
    runner: Engine | None = None
    try:
        step("Checking the files against the data contract")
        sources = validate(con, folder, areas if areas is not None else reference_area_codes())
        indicators = _computable(indicators, sources, asked=bool(indicator_ids))
        step(f"Reading the files with {engine}")
        if engine == "duckdb":
            runner = DuckDBEngine(con)
        else:
            from joinedup.metrics.engines.spark import SparkEngine

            runner = SparkEngine(spark_session, folder_url=spark_folder)
        runner.load(sources)
        if first is None or last is None:
            covered = data_months(runner)
            if covered is None:
                raise InvalidInput.of("folder", f"{folder}: the spells table has no dated records")
            first = first or covered[0]
            last = last or covered[1]
        # A financial year is also a rolling year ending in March: keep each period once.
        periods = list(dict.fromkeys(p for k in kinds for p in periods_between(k, first, last)))
        if not periods:
            wanted = " or ".join(k.value.replace("_", " ") for k in kinds)
            raise InvalidInput.of(
                "period", f"No whole {wanted} between {first:%Y-%m} and {last:%Y-%m}"
            )
        indicators = _in_force(indicators, periods, years_moved, asked=bool(indicator_ids))
        plan = Plan.build(indicators, first, last)
        populations = read_populations(runner)
        grid = Grid([ENGLAND, *populations.areas], periods)
        totals = count_periods(runner, plan, grid, step)
    finally:
        if runner is not None:
            runner.close()
        con.close()
    step("Computing values and confidence intervals")
    table = within_validity(
        assemble(indicators, grid, totals, populations), indicators, years_moved
    )
    if progress:
        progress("Done", steps, steps)
    return table


def _in_force(
    indicators: tuple[Indicator, ...], periods: list[Any], years_moved: int, *, asked: bool
) -> tuple[Indicator, ...]:
    """The indicators valid for some of the periods; one asked for by name that is valid for
    none of them is refused, and so is a range in which no indicator is valid."""
    from joinedup.metrics.plan import in_force

    kept = in_force(indicators, periods, years_moved)
    span = f"{min(p.start for p in periods):%Y-%m} to {max(p.end for p in periods):%Y-%m}"
    for item in indicators:
        if asked and item not in kept:
            valid = f"from {item.valid_from or 'the start'} to {item.valid_to or 'now'}"
            raise InvalidInput.of(
                "--indicator", f"{item.id} is valid {valid}: no period of {span} lies within it"
            )
    if not kept:
        raise InvalidInput.of("period", f"No indicator of the catalogue is valid in {span}")
    return kept


def _computable(
    indicators: tuple[Indicator, ...], sources: dict[str, Any], *, asked: bool
) -> tuple[Indicator, ...]:
    """The indicators the folder's files can give: an optional table or column left out leaves
    its measures out, or is refused when those measures were asked for by name."""
    from joinedup.metrics.contract import Storage
    from joinedup.metrics.indicators import missing_inputs

    present = {
        name: {c for c, kind in source.storage.items() if kind is not Storage.ABSENT}
        for name, source in sources.items()
    }
    kept: list[Indicator] = []
    for item in indicators:
        lacking = missing_inputs(item, present)
        if lacking and asked:
            raise InvalidInput.of(
                "--indicator", f"{item.id} needs {', '.join(lacking)}, which the folder lacks"
            )
        if not lacking:
            kept.append(item)
    return tuple(kept)


def publication_table(table: pa.Table) -> pa.Table:
    """Computed values as they may be published (``compute --for-publication``): disclosure
    controlled as on a public page, with every area beside England (so with secondary
    suppression), and a ``status`` and ``status_reason`` column for each value."""
    import pyarrow as pa

    from joinedup.metrics.results import COLUMNS, SCHEMA

    raw = [StoredValue(**{c: row[c] for c in COLUMNS}) for row in table.to_pylist()]
    shown = control_all(raw, audience=Audience.CONTROLLED, beside_total=True)
    columns = {c: [getattr(v, c) for v in shown] for c in COLUMNS}
    controlled = pa.table(columns, schema=SCHEMA)
    controlled = controlled.append_column("status", pa.array([v.status for v in shown]))
    return controlled.append_column("status_reason", pa.array([v.reason for v in shown]))


def write_values(table: pa.Table, path: Path) -> None:
    """Write to ``.csv`` (blank where undefined) or ``.parquet``, all or nothing."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise InvalidInput.of("--out", f"{str(path)!r} must end in .csv or .parquet")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(path, suffix=suffix, field="--out") as temporary:
            if suffix == ".csv":
                pacsv.write_csv(table, temporary)
            else:
                pq.write_table(table, temporary)
    except OSError as error:
        reason = error.strerror or str(error)
        if isinstance(error, FileExistsError | NotADirectoryError):
            reason = "part of that path is a file, not a folder"
        raise InvalidInput.of("--out", f"Cannot write {path}: {reason}") from None
