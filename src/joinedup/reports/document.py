"""A report as a plain document: cover sheet, sections of blocks, sign-off table.

The document is the contract between the content builders (which read the live plan, framework
and review) and the renderers (HTML, PDF, DOCX, XLSX). It holds text and numbers only, plus the
chart pictures themselves as SVG text, so that the JSON frozen at approval renders the same
report for ever, whatever changes in the plan afterwards. Pictures Word needs as PNG are
rasterised by the Word renderer when it runs, never stored.

Every string here is plain text written by people; renderers escape it. No markup travels in a
document except the SVG of figures, which renderers sanitise.
"""

from __future__ import annotations

import base64
import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from joinedup.errors import InvalidInput

SCHEMA_VERSION = 1


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Purpose(StrEnum):
    DECISION = "decision"
    DISCUSSION = "discussion"
    INFORMATION = "information"
    OTHER = "other"

    @property
    def label(self) -> str:
        """As a cover sheet lists it: "For decision", ..., "Other"."""
        return "Other" if self is Purpose.OTHER else f"For {self.value}"


@dataclass(frozen=True)
class Choice:
    """One tick box of the cover sheet (a sub-group or a strategy priority)."""

    label: str
    ticked: bool = False


@dataclass(frozen=True)
class CoverSheet:
    """The board paper's cover, as seed 003's: who, when, what for."""

    board: str
    meeting_date: str  # ISO date, or "" when not yet set
    title: str
    authors: str
    presenters: str
    summary: str  # summary and recommendations
    sub_groups: tuple[Choice, ...] = ()
    priorities: tuple[Choice, ...] = ()
    purpose: Purpose = Purpose.INFORMATION
    purpose_text: str = ""
    # The purposes the board offers, the paper's ticked; none on papers drafted before boards
    # had their own list (then the four of seed 003, ``purpose`` ticked).
    purposes: tuple[Choice, ...] = ()

    def purpose_choices(self) -> tuple[Choice, ...]:
        if self.purposes:
            return self.purposes
        return tuple(Choice(p.label, p is self.purpose) for p in Purpose)

    def purpose_lines(self) -> tuple[Choice, ...]:
        """The purposes as printed: a ticked "Other" carries what the author wrote for it."""
        return tuple(
            Choice(f"{c.label.rstrip(' :')}: {self.purpose_text}", True)
            if c.ticked and is_other(c.label) and self.purpose_text
            else c
            for c in self.purpose_choices()
        )

    @property
    def purpose_note(self) -> str:
        """What the board is asked to do, printed above the purposes unless "Other" says it."""
        folded = any(c.ticked and is_other(c.label) for c in self.purpose_choices())
        return "" if folded else self.purpose_text


def is_other(label: str) -> bool:
    """ "Other", "Other (please specify)": the purpose the author describes in words."""
    return label.strip().lower().startswith("other")


def purpose_of(label: str) -> Purpose:
    """The kind of purpose a board's wording is: one of seed 003's four, else other."""
    for purpose in Purpose:
        if label.strip().lower() in (purpose.label.lower(), purpose.value):
            return purpose
    return Purpose.OTHER


@dataclass(frozen=True)
class Image:
    """A picture as SVG (screen, PDF; Word rasterises it). ``png_base64`` is read only from
    documents stored before pictures stopped carrying PNG bytes."""

    alt: str
    svg: str = ""
    png_base64: str = ""
    width_mm: float = 160.0

    @property
    def png(self) -> bytes:
        return base64.b64decode(self.png_base64) if self.png_base64 else b""

    @staticmethod
    def from_png(png: bytes, *, alt: str, svg: str = "", width_mm: float = 160.0) -> Image:
        return Image(
            alt=alt, svg=svg, png_base64=base64.b64encode(png).decode("ascii"), width_mm=width_mm
        )


@dataclass(frozen=True)
class Cell:
    """A table cell: its words, and optionally a RAG rating or a small icon beside the words.

    A RAG cell always carries the word (Green, Amber, Red): colour is never the only signal.
    """

    text: str
    rag: Rag | None = None
    icon: Image | None = None


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "paragraph"


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    kind: str = "bullets"


@dataclass(frozen=True)
class Quote:
    text: str
    source: str = ""
    kind: str = "quote"


@dataclass(frozen=True)
class Table:
    """A table with one header row; `row_headers` makes the first column a header too."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    row_headers: bool = False
    name: str = ""  # short name for the spreadsheet tab
    kind: str = "table"


@dataclass(frozen=True)
class Figure:
    """A chart: its picture, a caption, and the table of numbers behind it."""

    caption: str
    image: Image
    summary: str = ""
    data: Table | None = None
    kind: str = "figure"


Block = Paragraph | BulletList | Quote | Table | Figure


@dataclass(frozen=True)
class Section:
    """A heading with its blocks and subsections; depth gives Heading 1, 2, 3."""

    heading: str
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()
    page_break_before: bool = False


@dataclass(frozen=True)
class PrintedFigure:
    """A KPI figure as the paper printed it, kept so that the next paper to the board measures
    its change since this one (``reports.last_paper``)."""

    code: str
    value: float
    unit: str = ""
    period: str = ""  # "Apr-19"


class SignOffRole(StrEnum):
    CONTRIBUTOR = "contributor"
    APPROVER = "approver"


@dataclass(frozen=True)
class SignOffEntry:
    """One row of seed 001's sign-off table."""

    role: SignOffRole
    name: str
    title: str = ""
    organisation: str = ""
    sent_on: str = ""  # ISO dates; "" when not yet
    received_on: str = ""


@dataclass(frozen=True)
class Document:
    kind: str  # "highlight" or "review"
    title: str
    subtitle: str = ""
    cover: CoverSheet | None = None
    sections: tuple[Section, ...] = ()
    sign_off: tuple[SignOffEntry, ...] = ()
    status_note: str = ""  # e.g. "Draft: not approved", shown as a banner
    facts: tuple[tuple[str, str], ...] = ()  # area, as-of date, version...
    printed: tuple[PrintedFigure, ...] = ()  # the KPI figures in the tables, as numbers
    schema: int = SCHEMA_VERSION


def walk(sections: tuple[Section, ...], depth: int = 1) -> list[tuple[int, Section]]:
    """Every section with its heading level, in reading order."""
    out: list[tuple[int, Section]] = []
    for section in sections:
        out.append((depth, section))
        out.extend(walk(section.subsections, depth + 1))
    return out


def tables_of(document: Document) -> list[Table]:
    """Every table of the document, figures' data tables included, in reading order."""
    found: list[Table] = []
    for _, section in walk(document.sections):
        for block in section.blocks:
            if isinstance(block, Table):
                found.append(block)
            elif isinstance(block, Figure) and block.data is not None:
                found.append(block.data)
    return found


# -- JSON ------------------------------------------------------------------------------------


def to_json(document: Document) -> dict[str, Any]:
    data: dict[str, Any] = asdict(document)
    return data


def dumps(document: Document) -> str:
    return json.dumps(to_json(document), ensure_ascii=False, sort_keys=True)


def loads(text: str) -> Document:
    return from_json(json.loads(text))


def _image(data: dict[str, Any] | None) -> Image | None:
    return None if data is None else Image(**data)


def _cell(data: dict[str, Any]) -> Cell:
    rag = data.get("rag")
    return Cell(text=data["text"], rag=Rag(rag) if rag else None, icon=_image(data.get("icon")))


def _table(data: dict[str, Any]) -> Table:
    return Table(
        caption=data["caption"],
        header=tuple(data["header"]),
        rows=tuple(tuple(_cell(c) for c in row) for row in data["rows"]),
        row_headers=data.get("row_headers", False),
        name=data.get("name", ""),
    )


def _block(data: dict[str, Any]) -> Block:
    kind = data.get("kind")
    if kind == "paragraph":
        return Paragraph(text=data["text"])
    if kind == "bullets":
        return BulletList(items=tuple(data["items"]))
    if kind == "quote":
        return Quote(text=data["text"], source=data.get("source", ""))
    if kind == "table":
        return _table(data)
    if kind == "figure":
        image = _image(data["image"])
        assert image is not None
        table = data.get("data")
        return Figure(
            caption=data["caption"],
            image=image,
            summary=data.get("summary", ""),
            data=_table(table) if table else None,
        )
    raise InvalidInput.of("document", f"Unknown block kind {kind!r}")


def _section(data: dict[str, Any]) -> Section:
    return Section(
        heading=data["heading"],
        blocks=tuple(_block(b) for b in data.get("blocks", ())),
        subsections=tuple(_section(s) for s in data.get("subsections", ())),
        page_break_before=data.get("page_break_before", False),
    )


def _cover(data: dict[str, Any] | None) -> CoverSheet | None:
    if data is None:
        return None
    return CoverSheet(
        board=data["board"],
        meeting_date=data["meeting_date"],
        title=data["title"],
        authors=data["authors"],
        presenters=data["presenters"],
        summary=data["summary"],
        sub_groups=tuple(Choice(**c) for c in data.get("sub_groups", ())),
        priorities=tuple(Choice(**c) for c in data.get("priorities", ())),
        purpose=Purpose(data.get("purpose", Purpose.INFORMATION)),
        purpose_text=data.get("purpose_text", ""),
        purposes=tuple(Choice(**c) for c in data.get("purposes", ())),
    )


def from_json(data: dict[str, Any]) -> Document:
    """The document back from its JSON; refuses documents of a schema it does not know."""
    if data.get("schema") != SCHEMA_VERSION:
        raise InvalidInput.of("document", f"Schema {data.get('schema')!r} is not supported")
    try:
        return Document(
            kind=data["kind"],
            title=data["title"],
            subtitle=data.get("subtitle", ""),
            cover=_cover(data.get("cover")),
            sections=tuple(_section(s) for s in data.get("sections", ())),
            sign_off=tuple(
                SignOffEntry(**{**e, "role": SignOffRole(e["role"])})
                for e in data.get("sign_off", ())
            ),
            status_note=data.get("status_note", ""),
            facts=tuple((str(k), str(v)) for k, v in data.get("facts", ())),
            printed=tuple(PrintedFigure(**f) for f in data.get("printed", ())),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidInput.of("document", f"Malformed ({error})") from error
