"""The national dashboard: every area by the six indicators for one period, against England.

Pure: built from the period's stored values (one query, made by the caller) and the areas'
names, types and regions. Sorting keeps England on top and blank values last in either
direction; the CSV neutralises text that a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from joinedup.areas.rules import ENGLAND
from joinedup.errors import InvalidInput
from joinedup.metrics.comparison import NOT_COMPARED, compare_with_england
from joinedup.metrics.disclosure import MARKER, SHOWN, SUPPRESSED
from joinedup.metrics.indicators import INDICATORS, IntervalMethod
from joinedup.metrics.schemas import AreaInfo, AreaRow, Cell, Dashboard
from joinedup.metrics.stored import StoredValue
from joinedup.periods import period_end
from joinedup.spreadsheets import safe_text


def sort_keys() -> tuple[str, ...]:
    """What the dashboard can be sorted by: the area, or any indicator in force."""
    return ("area", *(i.id for i in INDICATORS))


def number(value: float | None, unit: str = "") -> str:
    """A value as shown on the pages: one decimal place, % for percentages."""
    if value is None or math.isnan(value):
        return "no value"
    text = f"{value:,.1f}"
    return f"{text}%" if unit == "%" else text


def check_sort(sort: str, direction: str) -> None:
    if sort not in sort_keys():
        raise InvalidInput.of("sort", f"{sort!r} is not one of {', '.join(sort_keys())}")
    if direction not in ("asc", "desc"):
        raise InvalidInput.of("dir", f"{direction!r} must be asc or desc")


def _cells(
    values: Mapping[str, StoredValue], england: Mapping[str, StoredValue], code: str
) -> tuple[Cell, ...]:
    cells = []
    for item in INDICATORS:
        stored = values.get(item.id)
        benchmark = england.get(item.id)
        if stored is None:
            cells.append(Cell(item, None, None, None, NOT_COMPARED))
            continue
        comparison = NOT_COMPARED
        if code != ENGLAND and item.interval is not IntervalMethod.NONE:
            comparison = compare_with_england(
                lower_95=stored.lower_95,
                upper_95=stored.upper_95,
                lower_998=stored.lower_998,
                upper_998=stored.upper_998,
                england=benchmark.value if benchmark else None,
                polarity=item.polarity,
            )
        status = getattr(stored, "status", SHOWN)  # disclosure.ShownValue
        if status == SUPPRESSED:
            comparison = NOT_COMPARED
        cells.append(
            Cell(
                item,
                stored.value,
                stored.lower_95,
                stored.upper_95,
                comparison,
                stored.numerator,
                stored.denominator,
                status,
            )
        )
    return tuple(cells)


def _sorted(rows: list[AreaRow], sort: str, direction: str) -> list[AreaRow]:
    if sort == "area":
        return sorted(rows, key=lambda r: r.area.name.lower(), reverse=direction == "desc")
    known = [r for r in rows if r.cell(sort).value is not None]
    blank = [r for r in rows if r.cell(sort).value is None]
    known.sort(key=lambda r: r.area.name.lower())
    known.sort(key=lambda r: r.cell(sort).value or 0.0, reverse=direction == "desc")
    return known + sorted(blank, key=lambda r: r.area.name.lower())


def build_dashboard(
    values: Iterable[StoredValue],
    areas: Sequence[AreaInfo],
    *,
    period_start: date,
    months: int,
    sort: str = "area",
    direction: str = "asc",
    area_type: str = "",
    region: str = "",
    audience: str = "national",
    suppressed_reason: str = "",
) -> Dashboard:
    """England's row and one row per area (filtered by type and region), sorted."""
    check_sort(sort, direction)
    by_area: dict[str, dict[str, StoredValue]] = {}
    for value in values:
        by_area.setdefault(value.area_code, {})[value.indicator] = value
    england_values = by_area.get(ENGLAND, {})
    england_info = next(
        (a for a in areas if a.code == ENGLAND), AreaInfo(ENGLAND, "England", "country")
    )
    rows = [
        AreaRow(area, _cells(by_area.get(area.code, {}), england_values, area.code))
        for area in areas
        if area.code != ENGLAND
        and (not area_type or area.area_type == area_type)
        and (not region or area.region_code == region)
    ]
    return Dashboard(
        period_start=period_start,
        months=months,
        england=AreaRow(england_info, _cells(england_values, england_values, ENGLAND)),
        rows=tuple(_sorted(rows, sort, direction)),
        sort=sort,
        direction=direction,
        audience=audience,
        suppressed_reason=suppressed_reason,
    )


def _csv_number(value: float | None) -> str:
    return "" if value is None or math.isnan(value) else repr(round(value, 6))


def dashboard_csv(dashboard: Dashboard) -> str:
    """The table as CSV: England first, each indicator's value, interval, comparison, the
    counts behind it and its status (a disclosure-controlled table: counts rounded, small ones
    suppressed and marked, values to one decimal place as on the pages)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = ["period_start", "period_end", "area_code", "area_name", "area_type", "region"]
    for item in INDICATORS:
        header += [item.id, f"{item.id}_lower_95", f"{item.id}_upper_95", f"{item.id}_vs_england"]
        header += [f"{item.id}_numerator", f"{item.id}_denominator", f"{item.id}_status"]
    writer.writerow(header)
    controlled = dashboard.audience != "national"
    shown = _shown_number if controlled else _csv_number
    end = period_end(dashboard.period_start, dashboard.months)
    for row in (dashboard.england, *dashboard.rows):
        line = [
            dashboard.period_start.isoformat(),
            end.isoformat(),
            safe_text(row.area.code),
            safe_text(row.area.name),
            safe_text(row.area.area_type),
            safe_text(row.area.region_name),
        ]
        for cell in row.cells:
            suppressed = cell.status == SUPPRESSED
            line += [
                shown(cell.value),
                shown(cell.lower_95),
                shown(cell.upper_95),
                "" if row.area.code == ENGLAND or suppressed else cell.comparison.style.words,
                _csv_number(cell.numerator),
                _csv_number(cell.denominator),
                f"{MARKER} {dashboard.suppressed_reason}" if suppressed else SHOWN,
            ]
        writer.writerow(line)
    return buffer.getvalue()


def _shown_number(value: float | None) -> str:
    """A controlled figure at the precision shown on the pages (one decimal place)."""
    return "" if value is None or math.isnan(value) else repr(round(value, 1))
