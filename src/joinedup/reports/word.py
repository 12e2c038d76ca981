"""A report document as DOCX that a council can finish in Word: real Heading styles, real tables
with a repeating header row, pictures rasterised here from the charts' SVG with their alternative
text, RAG cells shaded and labelled with the word. python-docx writes text runs, never markup, so
nothing is interpreted."""

from __future__ import annotations

import io
from functools import cache
from typing import Any

import cairosvg
import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from joinedup.inputs import strip_control
from joinedup.reports.document import (
    BulletList,
    Cell,
    Document,
    Figure,
    Image,
    Paragraph,
    Quote,
    SignOffRole,
    Table,
    from_json,
    to_json,
    walk,
)
from joinedup.reports.html import long_date, short_date
from joinedup.reports.svg import safe_svg

RAG_FILL = {"green": "CCE2D8", "amber": "FFF7BF", "red": "F4CDC6"}
RAG_INK = {
    "green": RGBColor(0x00, 0x5A, 0x30),
    "amber": RGBColor(0x59, 0x4D, 0x00),
    "red": RGBColor(0x94, 0x25, 0x14),
}
HEADER_FILL = "F3F2F1"
TEXT_WIDTH_MM = 170.0
LANGUAGE = "en-GB"
CHARACTER_MM = 2.3  # the width of a bold character at 11 points, generously
CELL_MARGINS_MM = 4.0


def _shade(cell: object, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _british_english(document: object) -> None:
    """The document's language, so that screen readers and spelling use British English."""
    styles = document.styles.element  # type: ignore[attr-defined]
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)
    document.core_properties.language = LANGUAGE  # type: ignore[attr-defined]


def _page_number_footer(document: object) -> None:
    footer = document.sections[0].footer  # type: ignore[attr-defined]
    paragraph = footer.paragraphs[0]
    paragraph.add_run("Page ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


@cache
def _icon_png(svg: str) -> bytes:
    png: bytes = cairosvg.svg2png(bytestring=safe_svg(svg).encode("utf-8"), output_width=48)
    return png


def _png(image: Image) -> bytes:
    if image.png:
        return image.png
    return _icon_png(image.svg) if image.svg else b""


def _chart_png(image: Image) -> bytes:
    """A chart's picture for Word, rasterised here from its SVG (documents keep no PNG); 1.5
    pixels a point prints sharply at A4 text width. Older documents may carry their PNG."""
    if image.png:
        return image.png
    if not image.svg:
        return b""
    png: bytes = cairosvg.svg2png(bytestring=safe_svg(image.svg).encode("utf-8"), scale=1.5)
    return png


def _describe(inline_shape: object, alt: str) -> None:
    """Word's alternative text for a picture lives in the drawing's docPr description."""
    inline_shape._inline.docPr.set("descr", alt)  # type: ignore[attr-defined]


def _write_cell(cell: object, content: Cell, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    if content.icon is not None:
        png = _png(content.icon)
        if png:
            picture = paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(6))
            _describe(picture, content.icon.alt)
            paragraph.add_run(" ")
    text = content.text or (content.rag.label if content.rag else "")
    run = paragraph.add_run(text)
    run.bold = bold or content.rag is not None
    if content.rag is not None:
        _shade(cell, RAG_FILL[content.rag.value])
        run.font.color.rgb = RAG_INK[content.rag.value]


def _caption(document: object, text: str) -> None:
    caption = document.add_paragraph(text, style="Caption")  # type: ignore[attr-defined]
    caption.paragraph_format.keep_with_next = True  # never alone at the foot of a page


def _column_widths(grid: object, columns: list[list[str]]) -> None:
    """Columns as wide as their words need, within the text width, written as a fixed layout:
    an office suite that does not fit columns to their content (LibreOffice) otherwise shares
    the width equally and breaks long words in narrow columns."""
    longest = [max((len(word) for text in c for word in text.split()), default=1) for c in columns]
    average = [sum(len(text) for text in c) / max(len(c), 1) for c in columns]
    # Room for the longest word (bold, with the cell's margins), then the rest of the width
    # shared by how much text a column holds.
    least = [n * CHARACTER_MM + CELL_MARGINS_MM for n in longest]
    spare = TEXT_WIDTH_MM - sum(least)
    if spare <= 0:
        widths = [Mm(w * TEXT_WIDTH_MM / sum(least)) for w in least]
    else:
        shares = [max(a, 1.0) ** 0.5 for a in average]
        widths = [Mm(w + spare * s / sum(shares)) for w, s in zip(least, shares, strict=True)]
    tbl = grid._tbl  # type: ignore[attr-defined]
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl.tblPr.append(layout)
    grid.autofit = False  # type: ignore[attr-defined]
    for col, width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
        col.w = width
    for row in grid.rows:  # type: ignore[attr-defined]
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _table(document: object, table: Table) -> None:
    _caption(document, table.caption)
    grid = document.add_table(rows=1, cols=len(table.header))  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    header = grid.rows[0]
    _repeat_header(header)
    for cell, text in zip(header.cells, table.header, strict=True):
        _write_cell(cell, Cell(text), bold=True)
        _shade(cell, HEADER_FILL)
    for row in table.rows:
        cells = grid.add_row().cells
        for index, (cell, content) in enumerate(zip(cells, row, strict=False)):
            _write_cell(cell, content, bold=table.row_headers and index == 0)
    columns = [
        [text, *(row[i].text if i < len(row) else "" for row in table.rows)]
        for i, text in enumerate(table.header)
    ]
    _column_widths(grid, columns)
    document.add_paragraph()  # type: ignore[attr-defined]


def _figure(document: object, figure: Figure) -> None:
    png = _chart_png(figure.image)
    if png:
        width = Mm(min(figure.image.width_mm, TEXT_WIDTH_MM))
        picture = document.add_picture(io.BytesIO(png), width=width)  # type: ignore[attr-defined]
        _describe(picture, figure.image.alt)
    _caption(document, figure.caption)
    if figure.summary:
        document.add_paragraph(figure.summary)  # type: ignore[attr-defined]


def _ticks(cell: object, labels: list[tuple[str, bool]]) -> None:
    first = True
    for label, ticked in labels:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()  # type: ignore[attr-defined]
        paragraph.add_run(("☒ " if ticked else "☐ ") + label)
        first = False


def _cover(document: object, doc: Document) -> None:
    cover = doc.cover
    assert cover is not None
    board = document.add_paragraph()  # type: ignore[attr-defined]
    board.add_run(cover.board.upper()).bold = True
    if cover.meeting_date:
        meeting = document.add_paragraph()  # type: ignore[attr-defined]
        meeting.add_run(long_date(cover.meeting_date).upper()).bold = True
    rows: list[tuple[str, object]] = [
        ("Report title", cover.title),
        ("Author(s)", cover.authors),
        ("Presenter(s)", cover.presenters),
        ("Summary and recommendations", cover.summary),
    ]
    if cover.sub_groups:
        rows.append(
            (
                "Is the work linked to a sub-group of the board",
                [(c.label, c.ticked) for c in cover.sub_groups],
            )
        )
    if cover.priorities:
        rows.append(
            (
                "This paper links to the following strategy priorities",
                [(c.label, c.ticked) for c in cover.priorities],
            )
        )
    purposes = [(c.label, c.ticked) for c in cover.purpose_lines()]
    rows.append(("The purpose of this paper is", purposes))
    grid = document.add_table(rows=0, cols=2)  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    for label, value in rows:
        left, right = grid.add_row().cells
        _write_cell(left, Cell(label), bold=True)
        _shade(left, HEADER_FILL)
        if isinstance(value, list):
            if label == "The purpose of this paper is" and cover.purpose_note:
                right.paragraphs[0].add_run(cover.purpose_note)
                _ticks_after(right, value)
            else:
                _ticks(right, value)
        else:
            right.paragraphs[0].add_run(str(value))
    document.add_page_break()  # type: ignore[attr-defined]


def _ticks_after(cell: object, labels: list[tuple[str, bool]]) -> None:
    for label, ticked in labels:
        cell.add_paragraph(("☒ " if ticked else "☐ ") + label)  # type: ignore[attr-defined]


def _sign_off(document: object, doc: Document) -> None:
    document.add_heading("Sign-off", level=1)  # type: ignore[attr-defined]
    header = (
        "Contributor/approver name",
        "Title",
        "Directorate or organisation",
        "Date doc sent out",
        "Date response received or approved",
    )
    _caption(document, "Contributors and approvers, with the dates the paper was sent and answered")
    grid = document.add_table(rows=1, cols=5)  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    _repeat_header(grid.rows[0])
    for cell, text in zip(grid.rows[0].cells, header, strict=True):
        _write_cell(cell, Cell(text), bold=True)
        _shade(cell, HEADER_FILL)
    groups = (
        (SignOffRole.CONTRIBUTOR, "Contributors:"),
        (SignOffRole.APPROVER, "Names of approvers for submission:"),
    )
    for role, label in groups:
        entries = [e for e in doc.sign_off if e.role is role]
        if not entries:
            continue
        cells = grid.add_row().cells
        merged = cells[0].merge(cells[4])
        _write_cell(merged, Cell(label), bold=True)
        for entry in entries:
            values = (
                entry.name,
                entry.title,
                entry.organisation or "-",
                short_date(entry.sent_on),
                short_date(entry.received_on),
            )
            for cell, text in zip(grid.add_row().cells, values, strict=True):
                _write_cell(cell, Cell(text))


def _printable(value: Any) -> Any:
    """Every text of the document without the control characters XML cannot hold (text stored
    before input was checked would otherwise fail the whole download)."""
    if isinstance(value, str):
        return strip_control(value)
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable(v) for v in value]
    return value


def render_docx(document: Document) -> bytes:
    document = from_json(_printable(to_json(document)))
    word = docx.Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    normal = word.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    word.core_properties.title = document.title
    _british_english(word)
    _page_number_footer(word)
    if document.status_note:
        word.add_paragraph().add_run(document.status_note).bold = True
    if document.cover is not None:
        _cover(word, document)
    word.add_heading(document.title, level=0)
    if document.subtitle:
        word.add_paragraph(document.subtitle, style="Subtitle")
    for key, value in document.facts:
        fact = word.add_paragraph()
        fact.add_run(f"{key}: ").bold = True
        fact.add_run(value)
    for depth, sec in walk(document.sections):
        if sec.page_break_before:
            word.add_page_break()  # type: ignore[no-untyped-call]
        word.add_heading(sec.heading, level=min(depth, 9))
        for block in sec.blocks:
            if isinstance(block, Paragraph):
                word.add_paragraph(block.text)
            elif isinstance(block, BulletList):
                for item in block.items:
                    word.add_paragraph(item, style="List Bullet")
            elif isinstance(block, Quote):
                word.add_paragraph(f"“{block.text}”", style="Quote")
                if block.source:
                    word.add_paragraph(block.source)
            elif isinstance(block, Table):
                _table(word, block)
            elif isinstance(block, Figure):
                _figure(word, block)
    if document.sign_off:
        _sign_off(word, document)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
