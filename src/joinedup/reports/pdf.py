"""A report document as PDF: WeasyPrint prints the very HTML shown on screen, with the print
stylesheet (A4, page numbers, table borders in CSS) and the charts as pictures with their
alternative text.

Written as PDF/UA-1 so that a published paper meets the accessibility duty on public bodies: a
structure tree that follows the HTML (headings, lists, tables whose data cells name their header
cells, figures carrying the chart's alternative text), the document's language from the page's
`lang`, and its title shown in place of the file name."""

from __future__ import annotations

import logging

from weasyprint import HTML

from joinedup.reports.document import Document
from joinedup.reports.html import render_html

# WeasyPrint logs every CSS property it does not support (e.g. print-color-adjust) as a warning.
logging.getLogger("weasyprint").setLevel(logging.ERROR)

PDF_VARIANT = "pdf/ua-1"


def render_pdf(document: Document) -> bytes:
    html = render_html(document, standalone=True, for_print=True)
    pdf: bytes = HTML(string=html, base_url=None).write_pdf(pdf_variant=PDF_VARIANT)
    return pdf
