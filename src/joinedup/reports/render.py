"""One entry point for every format a report is offered in."""

from __future__ import annotations

from joinedup.reports.document import Document
from joinedup.reports.html import render_html
from joinedup.reports.schemas import ReportFormat


def render(document: Document, report_format: ReportFormat) -> bytes:
    """The document in one format, as the bytes of a file."""
    # The heavy renderers (WeasyPrint, python-docx, openpyxl) load when first asked for.
    if report_format is ReportFormat.HTML:
        return render_html(document).encode("utf-8")
    if report_format is ReportFormat.PDF:
        from joinedup.reports.pdf import render_pdf

        return render_pdf(document)
    if report_format is ReportFormat.DOCX:
        from joinedup.reports.word import render_docx

        return render_docx(document)
    from joinedup.reports.spreadsheet import render_xlsx

    return render_xlsx(document)
