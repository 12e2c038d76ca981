"""Section 3 of the highlight report, the evaluation framework: a table per part with target,
the latest figure with its period (marked when out of date), met, the change since the last
paper (``reports.last_paper``) and the SPC icons, with footnotes saying how to read them; and
the appendix of SPC charts, each as SVG with the numbers behind it (Word rasterises the SVG when
it renders)."""

from __future__ import annotations

from joinedup.monitoring import service as monitoring
from joinedup.reports.document import Cell, Figure, Image, Paragraph, PrintedFigure, Table
from joinedup.reports.last_paper import LastPaper, change_since, footnote

ASSURANCE_SHORT = {
    monitoring.Assurance.CONSISTENT_PASS: "Consistently passing the target",
    monitoring.Assurance.CONSISTENT_FAIL: "Consistently failing the target",
    monitoring.Assurance.INCONSISTENT: "Hit and miss",
    monitoring.Assurance.NONE: "No target",
}


OUT_OF_DATE = "out of date"
WITHHELD_NOTE = (
    "Figures from record-level data follow the disclosure control of Hospital Episode "
    "Statistics, as this paper may be published; a chart leaves out a held-back value, and the "
    "mean and limits of the period holding it (see the methods guide, Disclosure control)."
)


def _value(kpi: monitoring.KpiRow, *, with_period: bool) -> str:
    """The latest figure on the target's basis, with its period unless the column says it, and
    marked when it is older than the KPI's expected lag on the paper's date."""
    figure = kpi.figure
    if figure is None:
        return "No value yet"
    text = "[c]" if kpi.figure_withheld else monitoring.number(figure.value, kpi.unit)
    if with_period:
        text += f" ({figure.label})"
    if kpi.out_of_date:
        text += f" – {OUT_OF_DATE}"
    return text


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
    if kpi.target is not None and not kpi.chart_shows_target:
        # A target for other periods than the chart's (an annual target over monthly points)
        # is assured by no chart: the paper says why, as the framework's page does.
        return v_cell, Cell(kpi.assurance_words)
    a_svg = monitoring.assurance_icon_svg(assurance, 32)
    a_cell = Cell(
        ASSURANCE_SHORT[assurance],
        icon=Image(alt=a_words, svg=a_svg) if a_svg else None,
    )
    return v_cell, a_cell


def _met(kpi: monitoring.KpiRow) -> str:
    """Met or not; a figure on another basis than its target is never either."""
    if kpi.figure is not None and kpi.target is not None and not kpi.comparable:
        return "Not comparable with the target"
    return {True: "Yes", False: "No", None: "-"}[kpi.met]


def _since(kpi: monitoring.KpiRow, last: LastPaper | None) -> str:
    figure = kpi.figure
    if last is None or figure is None:
        return "-"
    if kpi.figure_withheld:  # the change would give a held-back figure away
        return "[c]" if kpi.code in last.figures else "-"
    return change_since(
        last.figures.get(kpi.code),
        figure.value,
        proportion=kpi.proportion,
        polarity=kpi.polarity,
    )


def _period_heading(kpis: tuple[monitoring.KpiRow, ...]) -> str | None:
    """Seed 003 heads the value column with the month ("Apr-19") when every figure is for it."""
    labels = {kpi.figure.label for kpi in kpis if kpi.figure is not None}
    return labels.pop() if len(labels) == 1 else None


def printed_figures(view: monitoring.FrameworkView) -> tuple[PrintedFigure, ...]:
    """The figures the tables print, as numbers, for the next paper to compare with."""
    return tuple(
        PrintedFigure(kpi.code, kpi.figure.value, kpi.unit, kpi.figure.label)
        for kpi in view.kpis
        if kpi.figure is not None and not kpi.figure_withheld  # never kept where held back
    )


def framework_tables(
    view: monitoring.FrameworkView, last: LastPaper | None = None
) -> list[Table | Paragraph]:
    """A table per part (seed 003's columns, then the SPC icons), and the footnotes that say
    what the change since the last paper is measured against and which figures are old."""
    blocks: list[Table | Paragraph] = []
    for part in view.parts:
        heading = _period_heading(part.kpis)
        rows = []
        for kpi in part.kpis:
            variation, assurance = _icon_cells(kpi)
            rows.append(
                (
                    Cell(kpi.code),
                    Cell(kpi.name),
                    Cell(kpi.target_text or "No target"),
                    Cell(_value(kpi, with_period=heading is None)),
                    Cell(_met(kpi)),
                    Cell(_since(kpi, last)),
                    variation,
                    assurance,
                )
            )
        blocks.append(
            Table(
                caption=f"Part {part.number} – {part.title}",
                header=(
                    "Code",
                    "Measure",
                    "Target",
                    heading or "Latest",
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
    blocks.append(Paragraph(footnote(last)))
    held = [kpi for kpi in view.kpis if kpi.withheld]
    if held:
        blocks.append(Paragraph(f"[c]: {held[0].withheld_reason}. {WITHHELD_NOTE}"))
    old = [kpi for kpi in view.kpis if kpi.out_of_date]
    if old:
        lags = sorted({kpi.expected_lag for kpi in old})
        months = " or ".join(str(n) for n in lags)
        blocks.append(
            Paragraph(
                f"Marked {OUT_OF_DATE}: {', '.join(k.code for k in old)}, whose latest figure is "
                f"more than {months} months older than {view.as_of.day} {view.as_of:%B %Y}, "
                "the date this paper is as at."
            )
        )
    return blocks


def spc_figures(view: monitoring.FrameworkView) -> list[Figure]:
    """One chart per KPI with enough values, as SVG only: no picture bytes are stored."""
    figures = []
    for kpi in view.kpis:
        spc = kpi.shown_spc  # as published: held-back figures left out
        if spc is None:
            continue
        title = f"{kpi.code} {kpi.name}"
        svg = monitoring.spc_chart_svg(
            spc, title=title, unit=kpi.unit, chart_id=f"kpi-{kpi.code}", tooltips=False
        )
        words = monitoring.summary(spc, title=title, unit=kpi.unit)
        rows = tuple(
            tuple(
                Cell(t)
                for t in (r.period, r.value, r.mean, r.lower_limit, r.upper_limit, r.variation)
            )
            for r in monitoring.data_table(spc, unit=kpi.unit)
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
