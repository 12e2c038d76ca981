"""The renderers, judged as a reader would: the PDF's text and page, the Word document's
structure, the spreadsheet's cells and the HTML's escaping."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image as PILImage

from joinedup.reports import document as doc_json
from joinedup.reports.document import Cell, Document, Figure, Image, Section, Table
from joinedup.reports.html import render_html
from joinedup.reports.pdf import render_pdf
from joinedup.reports.spreadsheet import render_xlsx
from joinedup.reports.svg import safe_svg
from joinedup.reports.word import render_docx
from tests.reports.reading import cell_fill, headings, pdf_pages, pdf_text, table_text, word
from tests.reports.sample import sample_document

A4_POINTS = (595.28, 841.89)  # 210 x 297 mm at 72 points per inch


@pytest.fixture(scope="module")
def report() -> Document:
    return sample_document()


@pytest.fixture(scope="module")
def pdf(report: Document) -> bytes:
    return render_pdf(report)


def test_a_document_survives_its_json_unchanged(report: Document) -> None:
    assert doc_json.loads(doc_json.dumps(report)) == report


def test_the_html_escapes_what_people_typed_and_drops_script_from_charts() -> None:
    hostile = sample_document(summary='<script>alert("x")</script> & <b>bold</b>')
    figure = Figure(
        caption="Chart",
        image=Image(
            alt="a chart",
            svg='<svg onload="alert(1)"><script>alert(2)</script>'
            '<a href="javascript:alert(3)"><rect width="1" height="1"/></a></svg>',
        ),
    )
    hostile = replace(hostile, sections=(*hostile.sections, Section("Extra", blocks=(figure,))))
    html = render_html(hostile)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "onload" not in html
    assert "javascript:" not in html
    assert '<rect width="1" height="1"/>' in html


def test_the_html_has_captioned_tables_with_headers_and_the_rag_word(report: Document) -> None:
    html = render_html(report)
    assert '<caption class="jr-caption">Workstreams by rating</caption>' in html
    assert '<th scope="col">Green</th>' in html
    assert 'class="jr-rag jr-rag--amber">B - Organisational Development</td>' in html
    assert "@media print" in html


def test_the_pdf_reads_like_the_paper(report: Document, pdf: bytes, tmp_path: Path) -> None:
    text = pdf_text(pdf, tmp_path)
    for expected in (
        "OXFORDSHIRE HEALTH AND WELLBEING",
        "13 JUNE 2019",
        "☒ Integrated Services Delivery Board",
        "☐ The Children's Trust",
        "☒ For information",
        "2. Highlight Report",
        "“Further organisation development work should take place.”",
        "Total Delayed Days per day per 100,000",  # wrapped as the fonts allow
        "Lara Knight",
        "15.05.18",
        "Page 1 of",
    ):
        assert expected in text, expected
    # Green, Amber and Red head the columns of the summary table, in that order.
    header = next(line for line in text.splitlines() if line.strip().startswith("Green"))
    assert header.split() == ["Green", "Amber", "Red"]


def test_the_pdf_is_a4_and_its_rag_table_is_coloured(pdf: bytes, tmp_path: Path) -> None:
    reader = pdf_pages(pdf)
    assert len(reader.pages) >= 3
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            A4_POINTS, abs=0.5
        )
    number = next(
        i
        for i, p in enumerate(reader.pages, 1)
        if "Workstreams by rating" in (p.extract_text() or "")
    )
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "50",
            "-png",
            "-f",
            str(number),
            "-l",
            str(number),
            str(path),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    png = next(tmp_path.glob("page*.png"))
    image = PILImage.open(png).convert("RGB")
    assert image.size == (414, 585)  # A4 at 50 dots per inch
    refs = {"green": (0xCC, 0xE2, 0xD8), "amber": (0xFF, 0xF7, 0xBF), "red": (0xF4, 0xCD, 0xC6)}
    near = dict.fromkeys(refs, 0)
    for count, rgb in image.getcolors(maxcolors=1_000_000) or []:
        for name, ref in refs.items():
            if isinstance(rgb, tuple) and all(
                abs(a - b) <= 6 for a, b in zip(rgb, ref, strict=True)
            ):
                near[name] += count
    # Each rated cell is a few hundred pixels of its colour: the table is there, not blank.
    assert all(count > 200 for count in near.values()), near


def test_the_word_document_has_real_headings_tables_and_pictures(report: Document) -> None:
    document = word(render_docx(report))
    found = headings(document)
    assert ("Title", "CQC Action Plan Highlight Report") in found
    assert ("Heading 1", "2. Highlight Report") in found
    assert ("Heading 2", "2.2. Amber") in found
    assert ("Heading 3", "B - Organisational Development") in found
    assert ("Heading 1", "Sign-off") in found
    # The numbers behind a chart go to the spreadsheet; Word gets the picture and its summary.
    cover, rag, framework, sign_off = document.tables
    assert table_text(cover)[0] == ["Report title", "CQC Action Plan Highlight Report"]
    assert "☒ Integrated Services Delivery Board" in table_text(cover)[4][1]
    assert table_text(rag)[0] == ["Green", "Amber", "Red"]
    assert table_text(rag)[1] == [
        "A - Vision, Governance & Strategy",
        "B - Organisational Development",
        "E - Demand Pressures",
    ]
    assert [cell_fill(c) for c in rag.rows[1].cells] == ["CCE2D8", "FFF7BF", "F4CDC6"]
    assert table_text(framework)[2][:4] == ["2c", table_text(framework)[2][1], "83 or fewer", "95"]
    assert table_text(sign_off)[1][0] == "Contributors:"
    assert table_text(sign_off)[2] == [
        "Lara Knight",
        "Governance Services Officer",
        "Place",
        "15.05.18",
        "20.05.18",
    ]
    # The chart and the SPC icon are pictures with their alternative text.
    described = {shape._inline.docPr.get("descr") for shape in document.inline_shapes}
    assert described == {"Emergency admissions rose, then fell", "Special cause improvement"}


def test_the_spreadsheet_has_a_sheet_per_table_and_never_a_formula() -> None:
    table = Table(
        caption="Risky",
        header=("Name", "Note"),
        rows=((Cell('=HYPERLINK("http://x")'), Cell("+1")), (Cell("@SUM(A1)"), Cell("-2 plain"))),
        name="Risky",
    )
    base = sample_document()
    report = replace(base, sections=(*base.sections, Section("Extra", blocks=(table,))))
    book = load_workbook(io.BytesIO(render_xlsx(report)))
    assert book.sheetnames == [
        "Contents",
        "RAG summary",
        "Framework part 2",
        "2a in numbers",
        "Risky",
        "Sign-off",
    ]
    risky = book["Risky"]
    values = [[c.value for c in row] for row in risky.iter_rows()]
    assert values == [
        ["Name", "Note"],
        ['\'=HYPERLINK("http://x")', "'+1"],
        ["'@SUM(A1)", "'-2 plain"],
    ]
    assert all(c.data_type == "s" for row in risky.iter_rows() for c in row)
    rag = book["RAG summary"]
    assert [c.value for c in rag[2]] == [
        "A - Vision, Governance & Strategy",
        "B - Organisational Development",
        "E - Demand Pressures",
    ]
    assert rag["B2"].fill.fgColor.rgb.endswith("FFF7BF")


def test_chart_text_that_mentions_script_is_kept_and_attributes_that_run_are_not() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" onload="alert(1)">'
        "<title>1a &lt;img src=x onerror=alert(1)&gt;</title>"
        '<rect x="a>" onclick=alert(2) width="1" height="1"/></svg>'
    )
    cleaned = safe_svg(svg)
    assert "<title>1a &lt;img src=x onerror=alert(1)&gt;</title>" in cleaned
    assert "onload" not in cleaned
    assert "onclick" not in cleaned
    # Word rasterises the chart from this very SVG: it must still be well-formed.
    picture = Figure(caption="1a", image=Image(alt="1a", svg=svg))
    document = replace(sample_document(), sections=(Section("Charts", blocks=(picture,)),))
    assert len(word(render_docx(document)).inline_shapes) == 1
