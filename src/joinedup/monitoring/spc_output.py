"""`joinedup spc`: a series read from a CSV file, its chart as CSV or JSON (one row per point
with its limits and point type), and the command's target and rebase options read."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from joinedup.errors import FORM, InvalidInput
from joinedup.monitoring.schemas import OutputFormat
from joinedup.monitoring.series_csv import parse_date, read_series
from joinedup.monitoring.spc import (
    TOO_LARGE_FOR_LIMITS,
    Direction,
    Rebase,
    SpcChart,
    all_finite,
    xmr_chart,
)
from joinedup.monitoring.targets import Target, parse_target

COLUMNS = ("date", "value", "mean", "lpl", "upl", "point_type")
_REBASE = re.compile(r"^(?P<date>[^=]+?)\s*(?:=\s*(?P<reason>.*))?$")
DEFAULT_REASON = "rebased on the command line"


def _number(x: float) -> float:
    # 12 significant digits: the limits read 1.16, not 1.1600000000000001.
    return float(f"{x:.12g}")


def _text(x: float) -> str:
    return f"{x:.12g}"


def point_rows(chart: SpcChart) -> list[dict[str, str | float]]:
    return [
        {
            "date": p.date.isoformat(),
            "value": _number(p.value),
            "mean": _number(p.mean),
            "lpl": _number(p.lpl),
            "upl": _number(p.upl),
            "point_type": p.point_type.value,
        }
        for p in chart.points
    ]


def to_csv(chart: SpcChart) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for p in chart.points:
        writer.writerow(
            [
                p.date.isoformat(),
                _text(p.value),
                _text(p.mean),
                _text(p.lpl),
                _text(p.upl),
                p.point_type.value,
            ]
        )
    return buffer.getvalue()


def to_json(chart: SpcChart) -> str:
    document = {
        "points": point_rows(chart),
        "variation": chart.variation.value,
        "assurance": chart.assurance.value,
    }
    return json.dumps(document, indent=2) + "\n"


def render(chart: SpcChart, output_format: OutputFormat) -> str:
    return to_csv(chart) if output_format is OutputFormat.CSV else to_json(chart)


@dataclass(frozen=True)
class SpcText:
    text: str  # the chart as CSV or JSON
    warnings: tuple[str, ...]


def spc_of_file(
    file: Path,
    *,
    direction: Direction,
    date_col: str = "date",
    value_col: str = "value",
    target: str | None = None,
    screen_outliers: bool = True,
    fix_after: int | None = None,
    rebase: Sequence[str] = (),
    output_format: OutputFormat = OutputFormat.CSV,
) -> SpcText:
    """The XmR chart of the series in `file`, written as `output_format`."""
    series = read_series(file, date_col=date_col, value_col=value_col)
    chart = xmr_chart(
        series.dates,
        series.values,
        direction=direction,
        target=_target(target),
        screen_outliers=screen_outliers,
        fix_after=fix_after,
        rebase=[_rebase(text) for text in rebase],
    )
    if not all_finite(chart):
        raise InvalidInput.of("values", f"in {file.name}, {TOO_LARGE_FOR_LIMITS}")
    return SpcText(render(chart, output_format), chart.warnings)


def _target(text: str | None) -> float | Target | None:
    if text is None:
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return parse_target(text, where="--target", field=FORM)


def _rebase(text: str) -> Rebase:
    match = _REBASE.match(text.strip())
    day = parse_date(match.group("date") if match else text, where=f"--rebase {text!r}", field=FORM)
    reason = (match.group("reason") if match else None) or DEFAULT_REASON
    return Rebase(day, reason.strip() or DEFAULT_REASON)
