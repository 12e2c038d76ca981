"""Every PDF the product writes is tagged as PDF/UA-1 asks, read back as a screen reader would:
the structure tree gives the headings in order with their words, tables whose data cells name
their header cells, and a figure with alternative text for every chart and icon; the catalogue
gives the language and the title to show."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject
from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.plans import service as plans
from joinedup.reports import service
from joinedup.reports.document import Document, Figure, Image, Table, walk
from joinedup.reports.highlight import build_highlight
from joinedup.reports.pdf import render_pdf
from joinedup.reports.rendered import stored_file
from joinedup.reports.review import build_review
from joinedup.reports.schemas import ReportFormat
from tests.conftest import OXFORDSHIRE
from tests.reports.sample import sample_document


@dataclass
class Element:
    """One structure element: its type, attributes, words and children, in reading order."""

    tag: str
    node: DictionaryObject
    text: str = ""
    children: list[Element] = field(default_factory=list)

    def all(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.all()

    def find(self, tag: str) -> list[Element]:
        return [e for e in self.all() if e.tag == tag]


@dataclass
class TaggedPdf:
    catalog: DictionaryObject
    title: str
    xmp: str
    root: Element
    untagged: set[tuple[int, int]]  # marked content no structure element owns


class _MarkedContent:
    """Follows one page's marked-content sequences, keeping the text shown inside each MCID."""

    def __init__(
        self, page: int, found: dict[tuple[int, int], list[str]], ids: set[tuple[int, int]]
    ) -> None:
        self.page = page
        self.found = found
        self.ids = ids
        self.open_ids: list[int | None] = []

    def before(self, op: bytes, args: Any, *_: Any) -> None:
        if op == b"BDC":
            props = args[1]
            mcid = props.get("/MCID") if hasattr(props, "get") else None
            if mcid is not None:
                self.ids.add((self.page, int(mcid)))
            self.open_ids.append(mcid)
        elif op == b"BMC":
            self.open_ids.append(None)
        elif op == b"EMC" and self.open_ids:
            self.open_ids.pop()

    def text(self, words: str, *_: Any) -> None:
        if self.open_ids and self.open_ids[-1] is not None and words:
            self.found.setdefault((self.page, int(self.open_ids[-1])), []).append(words)


def _marked_text(reader: PdfReader, ids: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """The text inside each marked-content sequence, by (page, MCID); every MCID into ``ids``."""
    found: dict[tuple[int, int], list[str]] = {}
    for number, page in enumerate(reader.pages):
        marks = _MarkedContent(number, found, ids)
        page.extract_text(visitor_operand_before=marks.before, visitor_text=marks.text)
    return {key: " ".join("".join(parts).split()) for key, parts in found.items()}


def read_tagged(pdf: bytes) -> TaggedPdf:
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}  # type: ignore[union-attr]
    content_ids: set[tuple[int, int]] = set()
    marked = _marked_text(reader, content_ids)
    owned: set[tuple[int, int]] = set()

    def element(node: DictionaryObject, page: int) -> Element:
        ref = node.get("/Pg")
        if isinstance(ref, IndirectObject):
            page = pages[ref.idnum]
        out = Element(str(node.get("/S", "")), node)
        kids = node.get("/K", [])
        words: list[str] = []
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object()
            if isinstance(kid, DictionaryObject) and "/S" in kid:
                child = element(kid, page)
                out.children.append(child)
                words.append(child.text)
            elif isinstance(kid, int):
                owned.add((page, int(kid)))
                words.append(marked.get((page, int(kid)), ""))
        out.text = " ".join(" ".join(words).split())
        return out

    tree = catalog["/StructTreeRoot"].get_object()
    root = Element("/StructTreeRoot", tree)
    for kid in tree["/K"]:
        root.children.append(element(kid.get_object(), 0))
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    title = str((reader.metadata or {}).get("/Title", ""))
    return TaggedPdf(catalog, title, xmp, root, untagged=content_ids - owned)


def expected_headings(document: Document) -> list[tuple[str, str]]:
    """The headings a reader of the paper sees: its title, each section, then the sign-off."""
    found = [("/H1", document.title)]
    found += [(f"/H{min(level + 1, 6)}", s.heading) for level, s in walk(document.sections)]
    if document.sign_off:
        found.append(("/H2", "Sign-off"))
    return found


def pictures(document: Document) -> list[Image]:
    """Every picture the printed paper shows: charts and the icons inside table cells."""
    found: list[Image] = []
    for _, section in walk(document.sections):
        for block in section.blocks:
            if isinstance(block, Figure):
                found.append(block.image)
            elif isinstance(block, Table):
                found += [c.icon for row in block.rows for c in row if c.icon is not None]
    return found


def assert_tagged_for_everyone(document: Document, pdf: bytes) -> None:
    tagged = read_tagged(pdf)
    catalog = tagged.catalog
    # Declared PDF/UA-1, marked, in British English, with the paper's title shown as its name.
    assert 'pdfuaid:part="1"' in tagged.xmp
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a PDF boolean
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert tagged.title == document.title
    assert document.title in tagged.xmp

    # Every piece of content is tagged or an artifact: the running footer is not content.
    assert not tagged.untagged
    assert not any(e.text.startswith("Page 1 of") for e in tagged.root.all())

    headings = [
        (e.tag, e.text) for e in tagged.root.all() if e.tag in {f"/H{n}" for n in range(1, 7)}
    ]
    assert headings == expected_headings(document)
    levels = [int(tag[2]) for tag, _ in headings]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), "a level skipped"

    tables = tagged.root.find("/Table")
    assert tables
    for table in tables:
        for part in table.children:
            wanted = "/Column" if part.tag == "/THead" else "/Row"
            assert all(th.node["/A"]["/Scope"] == wanted for th in part.find("/TH")), part.text
        header_ids = {str(th.node["/ID"]) for th in table.find("/TH")}
        assert header_ids, f"a table without header cells: {table.text[:60]}"
        for td in table.find("/TD"):
            named = [str(h) for h in td.node["/A"]["/Headers"]]
            assert named, f"a data cell with no header: {td.text}"
            assert set(named) <= header_ids, td.text
    captions = {c.text for t in tables for c in t.children if c.tag == "/Caption"}
    printed = [b for _, s in walk(document.sections) for b in s.blocks if isinstance(b, Table)]
    assert {t.caption for t in printed} <= captions

    figures = tagged.root.find("/Figure")
    alts = sorted(str(f.node.get("/Alt", "")) for f in figures)
    assert all(alt.strip() for alt in alts), "a figure without alternative text"
    assert alts == sorted(image.alt for image in pictures(document))


def test_the_sample_paper_is_tagged_with_its_cover_tables_and_charts() -> None:
    document = sample_document()
    pdf = render_pdf(document)
    assert_tagged_for_everyone(document, pdf)
    tagged = read_tagged(pdf)
    # The cover sheet is a table of row headers: "Report title" names the title beside it.
    cover = tagged.root.find("/Table")[0]
    first_row = cover.find("/TR")[0]
    assert [c.tag for c in first_row.children] == ["/TH", "/TD"]
    assert first_row.children[0].text == "Report title"
    assert first_row.children[1].text == document.title
    # The chart is a figure whose alternative text says what it shows.
    assert "Emergency admissions rose, then fell" in [
        str(f.node["/Alt"]) for f in tagged.root.find("/Figure")
    ]
    # Bulleted lists are lists, not loose paragraphs.
    assert tagged.root.find("/L")
    assert tagged.root.find("/LI")


def _latest(session: Session) -> Any:
    plan = plans.current_plan(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    return max(plans.reporting_dates(session, actor=OPERATOR, plan_id=plan.id))


@pytest.mark.parametrize("kind", ["highlight", "review"])
def test_every_kind_of_report_prints_as_a_tagged_pdf(session: Session, kind: str) -> None:
    if kind == "highlight":
        document = build_highlight(
            session, actor=OPERATOR, area_code=OXFORDSHIRE, as_of=_latest(session)
        )
        assert len(pictures(document)) >= 13  # the SPC charts and the framework's icons
    else:
        document = build_review(session, actor=OPERATOR, review_id=1)
    assert_tagged_for_everyone(document, render_pdf(document))


def test_the_published_paper_people_download_is_tagged(session: Session) -> None:
    report, document = service.published_document(session, "oxfordshire-highlight-report-1")
    kept = stored_file(session, report.id, ReportFormat.PDF)
    assert kept is not None
    assert_tagged_for_everyone(document, kept)
