"""Start-up of the command line: `joinedup --help` and `joinedup spc` on a 24-point file.

Each command runs as a user runs it (the installed `joinedup` script, a fresh interpreter each
time), interleaved with the baseline `python -c pass` so that all of them see the same load; the
median of the runs is kept and compared with the baseline.

    .venv/bin/python bench/cli.py [--runs 15]

Targets: `joinedup --help` at most 0.5 s, `joinedup spc` (24 points) at most 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"joinedup --help": 0.5, "joinedup spc (24 points)": 1.0}


def series_file(folder: Path) -> Path:
    """24 months of a KPI with a shift in its last third (a real chart, not a flat line)."""
    path = folder / "kpi.csv"
    rows = []
    for m in range(24):
        value = 60 + (m * 7) % 5 + (8 if m >= 16 else 0)
        rows.append(f"{2021 + m // 12}-{m % 12 + 1:02d}-01,{value}")
    path.write_text("date,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def seconds(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    joinedup = str(Path(sys.executable).parent / "joinedup")
    with tempfile.TemporaryDirectory() as folder:
        kpi = series_file(Path(folder))
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "joinedup --help": [joinedup, "--help"],
            "joinedup spc (24 points)": [joinedup, "spc", str(kpi), "--direction", "increase"],
        }
        for command in commands.values():  # warm the file cache and .pyc files
            seconds(command)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                times[name].append(seconds(command))
    baseline = statistics.median(times["python -c pass"])
    print(f"{runs} runs each, interleaved; median (min to max):")
    for name, measured in times.items():
        median = statistics.median(measured)
        ratio = "" if name == "python -c pass" else f"  {median / baseline:5.1f}x python -c pass"
        target = TARGETS.get(name)
        verdict = (
            ""
            if target is None
            else f"  target {target:g} s: {'met' if median <= target else 'MISSED'}"
        )
        print(
            f"  {name:26} {median:6.3f} s ({min(measured):.3f} to {max(measured):.3f}){ratio}"
            f"{verdict}"
        )


if __name__ == "__main__":
    main()
