"""A highlight report built by hand, shaped like seed 003, for testing the renderers."""

from __future__ import annotations

import cairosvg

from joinedup.reports.document import (
    BulletList,
    Cell,
    Choice,
    CoverSheet,
    Document,
    Figure,
    Image,
    Paragraph,
    Purpose,
    Quote,
    Rag,
    Section,
    SignOffEntry,
    SignOffRole,
    Table,
)

CHART_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">'
    '<rect x="0" y="0" width="400" height="200" fill="#ffffff"/>'
    '<polyline points="20,150 80,120 140,130 200,90 260,100 320,60 380,70" fill="none" '
    'stroke="#00b0f0" stroke-width="3"/>'
    '<line x1="20" y1="110" x2="380" y2="110" stroke="#000000" stroke-width="1"/>'
    '<text x="20" y="20" font-size="14" fill="#0b0c0c">Emergency admissions</text></svg>'
)
ICON_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">'
    '<circle cx="16" cy="16" r="14" fill="#00b0f0"/></svg>'
)

WORKSTREAMS = [
    ("A - Vision, Governance & Strategy", Rag.GREEN, "The majority of tasks are complete."),
    ("B - Organisational Development", Rag.AMBER, "Detailed plans are not yet in place."),
    ("C - Older People's Strategy", Rag.GREEN, "The board approved the strategy in March."),
    ("E - Demand Pressures", Rag.RED, "Continuing Health Care plans are late."),
]


def chart_image() -> Image:
    png = cairosvg.svg2png(bytestring=CHART_SVG.encode(), output_width=600)
    return Image.from_png(png, alt="Emergency admissions rose, then fell", svg=CHART_SVG)


def rag_table() -> Table:
    """Seed 003's summary: workstreams listed under Green, Amber and Red."""
    columns = {rag: [name for name, r, _ in WORKSTREAMS if r is rag] for rag in Rag}
    depth = max(len(v) for v in columns.values())
    rows = tuple(
        tuple(Cell(columns[rag][i], rag=rag) if i < len(columns[rag]) else Cell("") for rag in Rag)
        for i in range(depth)
    )
    return Table(
        caption="Workstreams by rating",
        header=("Green", "Amber", "Red"),
        rows=rows,
        name="RAG summary",
    )


def framework_table() -> Table:
    return Table(
        caption="Part 2 - NHS Social Care Interface Dashboard",
        header=("Code", "Indicator", "Target", "Apr-19", "Met", "Since last report", "SPC"),
        rows=(
            (
                Cell("2a"),
                Cell("Emergency Admissions (65+) per 100,000 of the 65+ population"),
                Cell("24550 or fewer"),
                Cell("19,667"),
                Cell("Yes"),
                Cell("↑ (19%)"),
                Cell("Improving", icon=Image(alt="Special cause improvement", svg=ICON_SVG)),
            ),
            (
                Cell("2c"),
                Cell("Total Delayed Days per day per 100,000 of the 18+ population"),
                Cell("83 or fewer"),
                Cell("95"),
                Cell("No"),
                Cell("↑ (17%)"),
                Cell("Common cause"),
            ),
        ),
        row_headers=True,
        name="Framework part 2",
    )


def sample_document(
    *, summary: str = "This paper describes progress against each workstream."
) -> Document:
    overview = tuple(
        Section(heading=name, blocks=(Paragraph(text),))
        for name, rag, text in WORKSTREAMS
        if rag is Rag.GREEN
    )
    amber = (
        Section(
            heading="B - Organisational Development",
            blocks=(
                Paragraph("Detailed plans are not yet in place."),
                Quote("Further organisation development work should take place."),
                BulletList(("Mitigation – A workstream lead has been identified.",)),
            ),
        ),
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
            summary=summary,
            sub_groups=(
                Choice("Integrated Services Delivery Board", True),
                Choice("The Children's Trust"),
            ),
            priorities=(Choice("Improving the resident's journey", True), Choice("Living Well")),
            purpose=Purpose.INFORMATION,
            purpose_text="To update the board on progress and next steps.",
        ),
        sections=(
            Section(
                "1. Background", blocks=(Paragraph("In January 2018 the CQC published a report."),)
            ),
            Section(
                "2. Highlight Report",
                blocks=(
                    BulletList(
                        (
                            "Green – Workstream is progressing well",
                            "Amber – Development required",
                            "Red – Major problems identified",
                        )
                    ),
                    rag_table(),
                ),
                subsections=(
                    Section("2.1. Green", subsections=overview),
                    Section("2.2. Amber", subsections=amber),
                ),
            ),
            Section("3. Evaluation Framework", blocks=(framework_table(),)),
            Section(
                "Appendix: SPC charts",
                blocks=(
                    Figure(
                        caption="2a Emergency admissions (65+)",
                        image=chart_image(),
                        summary="The latest value is better than the mean.",
                        data=Table(
                            caption="2a in numbers",
                            header=("Month", "Value"),
                            rows=((Cell("Apr-19"), Cell("19,667")),),
                        ),
                    ),
                ),
                page_break_before=True,
            ),
        ),
        sign_off=(
            SignOffEntry(
                SignOffRole.CONTRIBUTOR,
                "Lara Knight",
                "Governance Services Officer",
                "Place",
                "2018-05-15",
                "2018-05-20",
            ),
            SignOffEntry(
                SignOffRole.APPROVER,
                "Gail Quinton",
                "Deputy Chief Executive",
                "People",
                "2018-05-16",
                "2018-05-21",
            ),
        ),
        facts=(("System", "Oxfordshire"), ("As of", "31 May 2019")),
    )
