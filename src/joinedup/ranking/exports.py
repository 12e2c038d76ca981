"""A saved ranking run as a download (CSV or XLSX), safe to open in a spreadsheet.

Text cells that a spreadsheet would read as a formula (starting with = + - @, or a tab or
carriage return) are prefixed with an apostrophe: an area name or run name can never run as
a formula on the reader's machine (OWASP, CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from joinedup.ranking.models import RankingRun
from joinedup.spreadsheets import safe_cell

Cell = str | int | float | None


def run_columns(run: RankingRun) -> list[str]:
    """The columns of ``joinedup rank --out``, plus the share of draws among the worst N."""
    return [
        "area_code",
        "area_name",
        "score",
        "rank",
        "median_rank",
        "rank_p05",
        "rank_p95",
        *(f"contribution_{i}" for i in run.indicators),
        "selected",
        "share_in_worst",
        "missing_indicators",
        "not_ranked_because",
    ]


def _not_ranked_because(run: RankingRun, area_code: str) -> str:
    """Why an area has no rank: the small-area rule (recorded on the run) or missing values."""
    if area_code in run.settings.get("small_areas", []):
        threshold = run.settings.get("min_population_65plus", 0)
        return f"fewer than {threshold} residents aged 65 and over (small-area rule)"
    if area_code in run.missing.get("excluded_areas", []):
        return "missing values"
    return ""


def run_rows(run: RankingRun) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for row in run.rows:
        rows.append(
            [
                row.area_code,
                row.area_name,
                row.score,
                row.rank,
                row.median_rank,
                row.rank_p05,
                row.rank_p95,
                *(row.contributions.get(i) for i in run.indicators),
                row.selected or "",
                row.share_in_worst,
                " ".join(row.missing_indicators),
                _not_ranked_because(run, row.area_code),
            ]
        )
    return rows


def _safe(rows: Sequence[Sequence[Cell]]) -> list[list[Cell]]:
    return [[safe_cell(c) for c in row] for row in rows]


def run_csv(run: RankingRun) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(run_columns(run))
    writer.writerows(["" if c is None else c for c in row] for row in _safe(run_rows(run)))
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def run_xlsx(run: RankingRun) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "ranking"
    sheet.append(run_columns(run))
    for row in _safe(run_rows(run)):
        sheet.append(row)
    about = book.create_sheet("settings")
    about.append(["setting", "value"])
    facts: list[tuple[str, Cell]] = [
        ("name", run.name),
        ("period_start", run.period_start.isoformat()),
        ("months", run.months),
        ("ran_by", run.ran_by),
        ("ran_at", run.ran_at.isoformat()),
        *((str(k), _text(v)) for k, v in run.settings.items()),
    ]
    for key, value in facts:
        about.append([key, safe_cell(value)])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _text(value: object) -> Cell:
    if isinstance(value, (str, int, float)) or value is None:
        return value
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)
