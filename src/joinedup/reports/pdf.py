"""A report document as PDF: WeasyPrint prints the very HTML shown on screen, with the print
stylesheet (A4, page numbers, table borders in CSS) and the charts as inline SVG."""

from __future__ import annotations

import logging

from weasyprint import HTML

from joinedup.reports.document import Document
from joinedup.reports.html import render_html

# WeasyPrint logs every CSS property it does not support (e.g. print-color-adjust) as a warning.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


def render_pdf(document: Document) -> bytes:
    html = render_html(document, standalone=True, for_print=True)
    pdf: bytes = HTML(string=html, base_url=None).write_pdf()
    return pdf
