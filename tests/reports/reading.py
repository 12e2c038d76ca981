"""Read rendered reports back the way a reader's tools would."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from pypdf import PdfReader


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text as poppler's pdftotext extracts it, reading order kept."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    return result.stdout


def pdf_pages(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def word(docx_bytes: bytes) -> WordDocument:
    return docx.Document(io.BytesIO(docx_bytes))


def headings(document: WordDocument) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith(("Heading", "Title"))
    ]


def table_text(table: object) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]  # type: ignore[attr-defined]


def cell_fill(cell: object) -> str:
    """The background colour Word shows for a table cell ("" when none)."""
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    shading = cell._tc.find(f"{ns}tcPr/{ns}shd")  # type: ignore[attr-defined]
    return "" if shading is None else str(shading.get(f"{ns}fill"))
