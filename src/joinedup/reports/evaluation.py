"""Section 3 of the highlight report, the evaluation framework: a table per part with target,
latest value, met, the arrow and % since the last report and the SPC icons; and the appendix of
SPC charts, each as SVG with the numbers behind it (Word rasterises the SVG when it renders)."""

from __future__ import annotations

from datetime import date

from joinedup.monitoring import service as monitoring
from joinedup.reports.document import Cell, Figure, Image, Table

ASSURANCE_SHORT = {
    monitoring.Assurance.CONSISTENT_PASS: "Consistently passing the target",
    monitoring.Assurance.CONSISTENT_FAIL: "Consistently failing the target",
    monitoring.Assurance.INCONSISTENT: "Hit and miss",
    monitoring.Assurance.NONE: "No target",
}


def _period(day: date) -> str:
    return f"{day:%b-%y}"


def _value(kpi: monitoring.KpiRow) -> str:
    latest = kpi.latest
    if latest is None:
        return "No value yet"
    return f"{monitoring.number(latest.value, kpi.unit)} ({_period(latest.period)})"


def _icon_cells(kpi: monitoring.KpiRow) -> tuple[Cell, Cell]:
    if kpi.spc is None:
        reason = kpi.spc_problem or "Too few values for a chart"
        return Cell(reason), Cell("-")
    variation = kpi.spc.variation
    assurance = kpi.spc.assurance
    v_words = monitoring.VARIATION[variation]
    a_words = monitoring.ASSURANCE[assurance]
    v_cell = Cell(
        v_words.split(": ", 1)[-1].capitalize(),
        icon=Image(alt=v_words, svg=monitoring.variation_icon_svg(variation, 32)),
    )
    a_svg = monitoring.assurance_icon_svg(assurance, 32)
    a_cell = Cell(
        ASSURANCE_SHORT[assurance],
        icon=Image(alt=a_words, svg=a_svg) if a_svg else None,
    )
    return v_cell, a_cell


def _met(kpi: monitoring.KpiRow) -> str:
    return {True: "Yes", False: "No", None: "-"}[kpi.met]


def framework_tables(view: monitoring.FrameworkView) -> list[Table]:
    tables = []
    for part in view.parts:
        rows = []
        for kpi in part.kpis:
            variation, assurance = _icon_cells(kpi)
            rows.append(
                (
                    Cell(kpi.code),
                    Cell(kpi.name),
                    Cell(kpi.target_text or "No target"),
                    Cell(_value(kpi)),
                    Cell(_met(kpi)),
                    Cell(kpi.travel.shown if kpi.travel else "-"),
                    variation,
                    assurance,
                )
            )
        tables.append(
            Table(
                caption=f"Part {part.number} – {part.title}",
                header=(
                    "Code",
                    "Measure",
                    "Target",
                    "Latest",
                    "Met",
                    "Performance since last report",
                    "Variation",
                    "Assurance",
                ),
                rows=tuple(rows),
                row_headers=True,
                name=f"Framework part {part.number}",
            )
        )
    return tables


def spc_figures(view: monitoring.FrameworkView) -> list[Figure]:
    """One chart per KPI with enough values, as SVG only: no picture bytes are stored."""
    figures = []
    for kpi in view.kpis:
        if kpi.spc is None:
            continue
        title = f"{kpi.code} {kpi.name}"
        svg = monitoring.spc_chart_svg(
            kpi.spc, title=title, unit=kpi.unit, chart_id=f"kpi-{kpi.code}", tooltips=False
        )
        words = monitoring.summary(kpi.spc, title=title, unit=kpi.unit)
        rows = tuple(
            tuple(
                Cell(t)
                for t in (r.period, r.value, r.mean, r.lower_limit, r.upper_limit, r.variation)
            )
            for r in monitoring.data_table(kpi.spc, unit=kpi.unit)
        )
        figures.append(
            Figure(
                caption=title,
                image=Image(alt=words, svg=svg),
                summary=words,
                data=Table(
                    caption=f"{title}: the values behind the chart",
                    header=monitoring.DATA_TABLE_HEADINGS[:6],
                    rows=rows,
                    name=f"SPC {kpi.code}",
                ),
            )
        )
    return figures
