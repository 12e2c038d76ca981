"""A report document as PDF: WeasyPrint prints the very HTML shown on screen, with the print
stylesheet (A4, page numbers, table borders in CSS) and the charts as pictures with their
alternative text.

Written as PDF/UA-1 so that a published paper meets the accessibility duty on public bodies: a
structure tree that follows the HTML (headings, lists, tables whose data cells name their header
cells, figures carrying the chart's alternative text), the document's language from the page's
`lang`, and its title shown in place of the file name. Header cells carry their scope (column or
row) beside WeasyPrint's header ids. The running footer ("Page 2 of 9") is
marked as a pagination artifact, so that every piece of content is either tagged or an
artifact, as PDF/UA requires: WeasyPrint marks it as content but leaves it out of the tree."""

from __future__ import annotations

import io
import logging

import pikepdf
from weasyprint import HTML

from joinedup.reports.document import Document
from joinedup.reports.html import render_html

# WeasyPrint logs every CSS property it does not support (e.g. print-color-adjust) as a warning.
logging.getLogger("weasyprint").setLevel(logging.ERROR)

PDF_VARIANT = "pdf/ua-1"


def _tagged_content(pdf: pikepdf.Pdf) -> set[tuple[tuple[int, int], int]]:
    """Every (page, marked-content id) that the structure tree reaches."""
    found: set[tuple[tuple[int, int], int]] = set()
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if "/K" not in node:
            continue
        page = node.get("/Pg")
        kids = node.K
        for kid in list(kids) if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int) and page is not None:
                found.add((page.objgen, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary):
                if kid.get("/Type") == "/MCR":
                    found.add((kid.Pg.objgen, int(kid.MCID)))
                else:
                    stack.append(kid)
    return found


def _scope_header_cells(pdf: pikepdf.Pdf) -> None:
    """Each header cell says what it heads: a column in the table's head, else its row (the
    report's tables put row headers, and the sign-off table's group rows, in the body)."""
    stack: list[tuple[pikepdf.Object, bool]] = [(pdf.Root.StructTreeRoot, False)]
    while stack:
        node, in_head = stack.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in list(kids) if isinstance(kids, pikepdf.Array) else [kids]:
            if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
                continue
            tag = str(kid.S)
            if tag == "/TH":
                attributes = kid.get("/A")
                if isinstance(attributes, pikepdf.Dictionary):
                    attributes.Scope = pikepdf.Name.Column if in_head else pikepdf.Name.Row
            stack.append((kid, in_head or tag == "/THead"))


def _untagged(
    instruction: pikepdf.ContentStreamInstruction,
    page: tuple[int, int],
    tagged: set[tuple[tuple[int, int], int]],
) -> bool:
    """A `BDC` opening marked content with an id that no structure element owns."""
    operands = instruction.operands
    if str(instruction.operator) != "BDC" or len(operands) != 2:
        return False
    properties = operands[1]
    return (
        isinstance(properties, pikepdf.Dictionary)
        and "/MCID" in properties
        and (page, int(properties.MCID)) not in tagged
    )


def _untagged_as_artifacts(data: bytes) -> bytes:
    """Marked content that no structure element owns (the page margins) becomes an artifact."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tagged = _tagged_content(pdf)
        _scope_header_cells(pdf)
        for page in pdf.pages:
            operations: list[
                pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage
            ] = []
            changed = False
            for instruction in pikepdf.parse_content_stream(page):
                if isinstance(instruction, pikepdf.ContentStreamInstruction) and _untagged(
                    instruction, page.obj.objgen, tagged
                ):
                    pagination = pikepdf.Dictionary(Type=pikepdf.Name.Pagination)
                    instruction = pikepdf.ContentStreamInstruction(
                        [pikepdf.Name.Artifact, pagination], pikepdf.Operator("BDC")
                    )
                    changed = True
                operations.append(instruction)
            if changed:
                page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operations))
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def render_pdf(document: Document) -> bytes:
    html = render_html(document, standalone=True, for_print=True)
    pdf: bytes = HTML(string=html, base_url=None).write_pdf(pdf_variant=PDF_VARIANT)
    return _untagged_as_artifacts(pdf)
