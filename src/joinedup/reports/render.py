"""One entry point for every format a report is offered in."""

from __future__ import annotations

from enum import StrEnum

from joinedup.reports.document import Document
from joinedup.reports.html import render_html
from joinedup.reports.pdf import render_pdf
from joinedup.reports.spreadsheet import render_xlsx
from joinedup.reports.word import render_docx


class ReportFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self]


MEDIA_TYPES = {
    ReportFormat.HTML: "text/html; charset=utf-8",
    ReportFormat.PDF: "application/pdf",
    ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render(document: Document, report_format: ReportFormat) -> bytes:
    """The document in one format, as the bytes of a file."""
    if report_format is ReportFormat.HTML:
        return render_html(document).encode("utf-8")
    if report_format is ReportFormat.PDF:
        return render_pdf(document)
    if report_format is ReportFormat.DOCX:
        return render_docx(document)
    return render_xlsx(document)
