"""Benchmark of the measure capability: Joined Up's DuckDB engine against its baselines.

    .venv/bin/python bench/metrics.py [--sizes 1000000 10000000 50000000] [--repeats 3]

On synthetic England (spells with proportional reablement, delayed-days and long-term care
admissions tables, cached under ``bench/data/``), the WHOLE catalogue (the six interface
indicators and today's four discharge and Better Care Fund measures, put in force as
``JOINEDUP_CATALOGUE_DIR=current`` does) for every area and England, 36 monthly periods plus
the rolling 12-month windows, each indicator for the periods within its validity, computed by:

* **engine**: ``joinedup.metrics.service.compute`` (validation included);
* **floor**: one hand-written DuckDB query in ``bench/metrics_floor.py`` (the same catalogue);
* **pandas**: the straightforward pandas implementation of the six interface indicators in
  ``bench/metrics_pandas.py`` (``--pandas-repeats 0`` leaves it out; it needs far more memory).

Each run is a fresh subprocess that reports its own time (computation only, not interpreter
start-up) and peak resident memory; engine and floor runs alternate and the best of
``--repeats`` is kept (the machine is shared). Every value of the engine is compared with the
floor's, and the six interface indicators with pandas'.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
OUT = HERE / "out"
# Three years in which every indicator of the whole catalogue has periods within its validity:
# delayed transfers to February 2020, discharge ready dates from April 2022.
FIRST, LAST = date(2019, 10, 1), date(2022, 9, 1)
SEED = 1
CONTENDERS = ("engine", "floor", "pandas")
TARGET_OVER_FLOOR = 1.3
TARGET_PEAK_MIB = 2048


def dataset(spells: int) -> Path:
    """The cached synthetic folder of this size, generated when missing."""
    folder = DATA / f"synth-{spells}-seed{SEED}-from{FIRST:%Y%m}"
    if not (folder / "population.parquet").exists():
        from joinedup.metrics.synth import synth

        print(f"generating {spells:,} spells into {folder} ...", flush=True)
        started = time.perf_counter()
        synth(folder, spells=spells, seed=SEED, start=f"{FIRST:%Y-%m}", months=36)
        print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
    return folder


def worker(name: str, folder: Path, out: Path) -> None:
    """Run one contender in this process; print its time and peak memory as JSON."""
    import pyarrow.parquet as pq

    if name == "engine":
        from joinedup.metrics.periods import PeriodKind
        from joinedup.metrics.service import compute, use_catalogue

        use_catalogue("current")  # the whole catalogue: today's measures with the six
        # Modules the engine imports when it first runs, imported before the clock starts as
        # the floor's are (interpreter start-up is not timed for either). pyarrow imports pandas
        # the first time it builds an array from Python values (0.7 s, once per process).
        import pandas  # noqa: F401

        import joinedup.metrics.counting
        import joinedup.metrics.engines.duckdb
        import joinedup.metrics.results
        import joinedup.metrics.validation  # noqa: F401
        from joinedup.metrics.service import reference_area_codes

        reference_area_codes()

        def run() -> object:
            return compute(folder, [PeriodKind.MONTH, PeriodKind.ROLLING12], first=FIRST, last=LAST)
    elif name == "floor":
        import metrics_floor

        def run() -> object:
            return metrics_floor.run(folder, FIRST, LAST)
    else:
        import metrics_pandas

        def run() -> object:
            return metrics_pandas.run(folder, FIRST, LAST)

    started = time.perf_counter()
    table = run()
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pq.write_table(table, out)
    print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024}))


def measure(name: str, folder: Path, out: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--worker", name, "--folder", str(folder), "--out", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def compare(reference: Path, other: Path, *, inner: bool = False) -> tuple[int, int, float]:
    """Rows compared, rows differing, largest absolute difference (numerator/denominator/value).

    ``inner``: only the rows both hold (pandas computes six indicators, for every period)."""
    import numpy as np
    import pandas as pd

    keys = ["area_code", "indicator", "period_start", "period_end"]
    left = pd.read_parquet(reference)[[*keys, "numerator", "denominator", "value"]]
    right = pd.read_parquet(other)[[*keys, "numerator", "denominator", "value"]]
    how = "inner" if inner else "outer"
    merged = left.merge(right, on=keys, how=how, suffixes=("_a", "_b"), indicator=True)
    unmatched = int((merged["_merge"] != "both").sum())
    worst, differing = 0.0, np.zeros(len(merged), bool)
    for column in ("numerator", "denominator", "value"):
        a = merged[f"{column}_a"].to_numpy(float)
        b = merged[f"{column}_b"].to_numpy(float)
        same = np.isclose(a, b, rtol=1e-9, atol=1e-9) | (np.isnan(a) & np.isnan(b))
        differing |= ~same
        both = ~np.isnan(a) & ~np.isnan(b)
        if both.any():
            worst = max(worst, float(np.max(np.abs(a[both] - b[both]))))
    return len(merged), int(differing.sum()) + unmatched, worst


def bench(sizes: list[int], repeats: int, pandas_repeats: int) -> list[dict[str, object]]:
    OUT.mkdir(exist_ok=True)
    report: list[dict[str, object]] = []
    for spells in sizes:
        folder = dataset(spells)
        names = ["engine", "floor"] + (["pandas"] if pandas_repeats else [])
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in names}
        for _ in range(repeats):
            for name in ("engine", "floor"):
                runs[name].append(measure(name, folder, OUT / f"metrics-{name}-{spells}.parquet"))
        for _ in range(pandas_repeats):
            runs["pandas"].append(
                measure("pandas", folder, OUT / f"metrics-pandas-{spells}.parquet")
            )
        best = {name: min(r["seconds"] for r in runs[name]) for name in names}
        peak = {name: max(r["peak_mib"] for r in runs[name]) for name in names}
        out = {name: OUT / f"metrics-{name}-{spells}.parquet" for name in names}
        checks = {"engine vs floor": compare(out["floor"], out["engine"])}
        if pandas_repeats:
            checks["engine vs pandas (six)"] = compare(out["pandas"], out["engine"], inner=True)
        values = compare(out["engine"], out["engine"])[0]
        entry: dict[str, object] = {
            "spells": spells,
            "values": values,
            "seconds": best,
            "peak_mib": peak,
            "engine_over_floor": best["engine"] / best["floor"],
            "agreement": {
                name: {"rows": rows, "differing": bad, "max_abs_diff": diff}
                for name, (rows, bad, diff) in checks.items()
            },
        }
        if pandas_repeats:
            entry["pandas_over_engine"] = best["pandas"] / best["engine"]
        report.append(entry)
        ratio, worst = best["engine"] / best["floor"], peak["engine"]
        print(
            f"\n{spells:>12,} spells, whole catalogue, {values:,} values "
            f"(best of {repeats}; pandas best of {pandas_repeats})\n"
            + "".join(
                f"  {name:<6} {best[name]:8.2f} s  peak {peak[name]:7.0f} MiB\n" for name in names
            )
            + f"  engine / floor  = {ratio:.2f}x (target <= {TARGET_OVER_FLOOR}x): "
            f"{'met' if ratio <= TARGET_OVER_FLOOR else 'NOT met'}\n"
            f"  engine peak     = {worst:.0f} MiB (target < {TARGET_PEAK_MIB} MiB): "
            f"{'met' if worst < TARGET_PEAK_MIB else 'NOT met'}\n"
            + (
                f"  pandas / engine = {best['pandas'] / best['engine']:.1f}x\n"
                if pandas_repeats
                else ""
            )
            + "".join(
                f"  {name}: {rows} rows, {bad} differing, max |diff| {diff:.2e}\n"
                for name, (rows, bad, diff) in checks.items()
            ),
            flush=True,
        )
    (OUT / "metrics.json").write_text(json.dumps(report, indent=2))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pandas-repeats", type=int, default=1)
    parser.add_argument("--worker", choices=CONTENDERS)
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.folder, args.out)
    else:
        bench(args.sizes, args.repeats, args.pandas_repeats)


if __name__ == "__main__":
    main()
