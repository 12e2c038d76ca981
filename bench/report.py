"""Benchmark: render the full highlight report (15 workstreams, 13 KPIs with their SPC charts)
as PDF and DOCX, with the HTML render alone as the baseline of the same run.

    .venv/bin/python bench/report.py            # --repeat 3

The document is built the way the highlight builder builds it (seed 003's 15 workstreams and
ratings, 13 KPIs of 36 monthly values each with their SPC chart as SVG, icons in the framework
table, the numbers behind every chart); building it is not timed. The DOCX render includes
rasterising the charts to PNG, which documents no longer carry. Targets: PDF at most 5 s, DOCX
at most 2 s.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from collections.abc import Callable
from datetime import date

from joinedup.monitoring import service as monitoring
from joinedup.reports.document import (
    BulletList,
    Cell,
    CoverSheet,
    Document,
    Figure,
    Image,
    Paragraph,
    Quote,
    Rag,
    Section,
    SignOffEntry,
    SignOffRole,
    Table,
)
from joinedup.reports.html import render_html
from joinedup.reports.pdf import render_pdf
from joinedup.reports.word import render_docx

WORKSTREAMS = [
    ("A", "Vision, Governance & Strategy", Rag.GREEN),
    ("B", "Organisational Development", Rag.AMBER),
    ("C", "Older People's Strategy", Rag.GREEN),
    ("D", "Learning After Escalation", Rag.GREEN),
    ("E", "Demand Pressures", Rag.AMBER),
    ("F", "Market Management", Rag.GREEN),
    ("G", "Workforce Strategy", Rag.AMBER),
    ("H", "Flow & Pathways", Rag.AMBER),
    ("I", "Housing", Rag.GREEN),
    ("J", "Review of Commissioned Services", Rag.AMBER),
    ("K", "Support for Carers", Rag.AMBER),
    ("L", "Self-Funders", Rag.GREEN),
    ("M", "Trusted Assessor", Rag.GREEN),
    ("N", "Co-production", Rag.AMBER),
    ("O", "Voluntary, Community & Social Enterprise (VCSE) Sector", Rag.RED),
]
KPIS = ["1a", "1b", "1c", "1d", "1e", "1f", "1g", "2a", "2b", "2c", "2d", "2e", "2f"]
OVERVIEW = (
    "The majority of actions in this workstream are completed or on track. However, updated "
    "plans are required, and the work has been delayed by the need to appoint to a post."
)


def _month(n: int) -> date:
    return date(2017 + (3 + n) // 12, (3 + n) % 12 + 1, 1)


def _kpi(index: int, code: str) -> tuple[tuple[Cell, ...], Figure]:
    dates = [_month(n) for n in range(36)]
    values = [
        1000 + 40 * math.sin(n / 3 + index) + (25 if n > 24 else 0) + 3 * (n % 5) for n in range(36)
    ]
    target = monitoring.parse_target("1100 or fewer")
    chart = monitoring.xmr_chart(
        dates, values, direction=monitoring.Direction.DECREASE, target=target
    )
    title = f"{code} Emergency admissions for conditions that should not need a hospital stay"
    svg = monitoring.spc_chart_svg(
        chart, title=title, unit="admissions", chart_id=code, tooltips=False
    )
    words = monitoring.summary(chart, title=title, unit="admissions")
    data = Table(
        caption=f"{title}: the values behind the chart",
        header=monitoring.DATA_TABLE_HEADINGS[:6],
        rows=tuple(
            tuple(
                Cell(t)
                for t in (r.period, r.value, r.mean, r.lower_limit, r.upper_limit, r.variation)
            )
            for r in monitoring.data_table(chart, unit="admissions")
        ),
        name=f"SPC {code}",
    )
    row = (
        Cell(code),
        Cell(title.split(" ", 1)[1]),
        Cell("1100 or fewer"),
        Cell(f"{values[-1]:,.0f} (Mar-20)"),
        Cell("Yes" if values[-1] <= 1100 else "No"),
        Cell("↑ (3%)"),
        Cell(
            "No significant change",
            icon=Image(
                alt=monitoring.VARIATION[chart.variation],
                svg=monitoring.variation_icon_svg(chart.variation, 32),
            ),
        ),
        Cell(
            "Hit and miss",
            icon=Image(
                alt=monitoring.ASSURANCE[chart.assurance],
                svg=monitoring.assurance_icon_svg(chart.assurance, 32)
                or monitoring.variation_icon_svg(chart.variation, 32),
            ),
        ),
    )
    figure = Figure(caption=title, image=Image(alt=words, svg=svg), summary=words, data=data)
    return row, figure


def highlight_document() -> Document:
    names = {rag: [f"{c} - {t}" for c, t, r in WORKSTREAMS if r is rag] for rag in Rag}
    depth = max(len(v) for v in names.values())
    rag_table = Table(
        caption="Workstreams by rating",
        header=("Green", "Amber", "Red"),
        rows=tuple(
            tuple(Cell(names[rag][i], rag=rag) if i < len(names[rag]) else Cell("") for rag in Rag)
            for i in range(depth)
        ),
    )
    groups = []
    for number, rag in enumerate(Rag, start=1):
        subsections = []
        for code, title, rated in WORKSTREAMS:
            if rated is not rag:
                continue
            blocks: list[Paragraph | Quote | BulletList] = [Paragraph(OVERVIEW)]
            if rag is not Rag.GREEN:
                blocks.append(
                    Quote(
                        "Further organisation development work should take place "
                        "to address the culture of frontline staff."
                    )
                )
                blocks.append(
                    BulletList(
                        (
                            "Mitigation – A workstream lead has been identified "
                            "and plans are being developed at pace.",
                        )
                    )
                )
            subsections.append(Section(f"{code} - {title}", blocks=tuple(blocks)))
        groups.append(Section(f"2.{number}. {rag.label}", subsections=tuple(subsections)))
    rows, figures = zip(*(_kpi(i, code) for i, code in enumerate(KPIS)), strict=True)
    header = (
        "Code",
        "Measure",
        "Target",
        "Latest",
        "Met",
        "Performance since last report",
        "Variation",
        "Assurance",
    )
    parts = (
        Table("Part 1 – Joint Health & Wellbeing Strategy", header, tuple(rows[:7]), True),
        Table("Part 2 – NHS Social Care Interface Dashboard", header, tuple(rows[7:]), True),
    )
    return Document(
        kind="highlight",
        title="CQC Action Plan Highlight Report",
        subtitle="Report from the Integrated System Delivery Board",
        cover=CoverSheet(
            board="Oxfordshire Health and Wellbeing Board",
            meeting_date="2019-06-13",
            title="CQC Action Plan Highlight Report",
            authors="Integrated System Delivery Board – System Leaders",
            presenters="Lucy Butler & Louise Patten",
            summary="This paper describes progress against each workstream in the CQC action "
            "plan and updated performance against the Evaluation Framework.",
        ),
        sections=(
            Section("1. Background", blocks=(Paragraph(OVERVIEW), Paragraph(OVERVIEW))),
            Section("2. Highlight Report", blocks=(rag_table,), subsections=tuple(groups)),
            Section("3. Evaluation Framework", blocks=parts),
            Section(
                "4. Changes since the last report",
                blocks=(BulletList(tuple(f"{c}.1 completed" for c, _, _ in WORKSTREAMS)),),
            ),
            Section("Appendix: SPC charts", blocks=tuple(figures), page_break_before=True),
        ),
        sign_off=tuple(
            SignOffEntry(
                SignOffRole.APPROVER if i > 2 else SignOffRole.CONTRIBUTOR,
                f"Person {i}",
                "Officer",
                "Council",
                "2019-05-15",
                "2019-05-20",
            )
            for i in range(8)
        ),
    )


def timed(label: str, work: Callable[[], object], repeat: int) -> float:
    """Median wall time of `repeat` runs; the CPU time of this process is printed beside it,
    since on a shared machine the wall time also counts the time other jobs held the cores."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    wall_median, cpu_median = statistics.median(walls), statistics.median(cpus)
    print(
        f"{label:<18} wall median {wall_median:6.2f} s (best {min(walls):5.2f})   "
        f"CPU median {cpu_median:6.2f} s   ({repeat} runs)"
    )
    return wall_median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    document = highlight_document()
    render_pdf(document)  # warm-up: fonts and WeasyPrint's caches, as in a running server
    render_docx(document)
    html = timed("HTML (baseline)", lambda: render_html(document, for_print=True), args.repeat)
    pdf = timed("PDF", lambda: render_pdf(document), args.repeat)
    docx = timed("DOCX", lambda: render_docx(document), args.repeat)
    print(f"ratios to the HTML render: PDF {pdf / html:.0f}x, DOCX {docx / html:.1f}x")
    print(
        f"targets (median): PDF <= 5 s {'met' if pdf <= 5 else 'MISSED'}, "
        f"DOCX <= 2 s {'met' if docx <= 2 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
