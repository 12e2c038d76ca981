"""An SPC chart as CSV or JSON: one row per point with its limits and point type."""

from __future__ import annotations

import csv
import io
import json
from enum import StrEnum

from joinedup.monitoring.spc import SpcChart

COLUMNS = ("date", "value", "mean", "lpl", "upl", "point_type")


class OutputFormat(StrEnum):
    CSV = "csv"
    JSON = "json"


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
