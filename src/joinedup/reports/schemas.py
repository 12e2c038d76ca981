"""The reports door's shapes: what a report is (kinds, states, formats), what each write use case
takes (one input model each, shared by the page form and the API body) and what the API answers.

Problems with an input are raised by field, with the field's name as the model spells it, so a
page shows each message beside its field and the API answers them as JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from joinedup.inputs import Code, LongText, Name, PlanningDate, ShortText, Title, uk_date


class ReportKind(StrEnum):
    HIGHLIGHT = "highlight"
    REVIEW = "review"


class ReportState(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    PUBLISHED = "published"
    # A draft that will not go to the board: withdrawn by hand (with a reason) or superseded when
    # a newer paper of the system is approved. Kept, never deleted.
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"


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
# Rendered once when a report is approved and served as stored from then on.
STORED_FORMATS = (ReportFormat.PDF, ReportFormat.DOCX)


@dataclass(frozen=True)
class ReportFile:
    """A report as a file to download: its bytes, type and suggested name."""

    content: bytes
    report_format: ReportFormat
    stem: str

    @property
    def filename(self) -> str:
        return f"{self.stem}.{self.report_format.value}"


# -- Inputs ------------------------------------------------------------------------------------


def _iso_date(value: object) -> object:
    """Dates as typed (13/06/2019, 13 June 2019 or 2019-06-13) or sent as JSON; empty text
    means no date."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        found = uk_date(text)
        if isinstance(found, date):
            return found
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(
                f"Enter a real date, for example 13/06/2019 or 13 June 2019, not {text!r}"
            ) from None
    return value


# A paper's dates (as at, meeting, sent, answered): typed as YYYY-MM-DD, empty for none, and
# within the window of plans and milestones (1990 to ten years ahead).
OptionalDate = Annotated[PlanningDate | None, BeforeValidator(_iso_date)]


def _words(limit: int, *, required: str = "") -> AfterValidator:
    """Text trimmed, at most ``limit`` characters, and not empty when ``required`` says why."""

    def check(value: str) -> str:
        cleaned = value.strip()
        if required and not cleaned:
            raise ValueError(required)
        if len(cleaned) > limit:
            raise ValueError(f"Enter at most {limit} characters (you entered {len(cleaned)})")
        return cleaned

    return AfterValidator(check)


class VersionIn(BaseModel):
    """The version of the report the person loaded: a change to a newer one is refused."""

    version: int


class ApproveIn(VersionIn):
    """Approve a draft: freeze it, with its sign-off table, and render its PDF and DOCX."""


class PublishIn(VersionIn):
    """Publish an approved report at its public address."""


class RegenerateIn(VersionIn):
    """Rebuild a draft from today's data, keeping its cover sheet's words."""


class RemoveSignOffIn(VersionIn):
    """Take one row out of a draft's sign-off table."""


class ResponseIn(BaseModel):
    """The system's response to a review report shared with it."""

    text: Annotated[LongText, _words(10000, required="Enter the system's response")]


class WithdrawIn(VersionIn):
    """Withdraw a draft that will not go to the board, saying why (kept in its history)."""

    reason: Annotated[
        ShortText, _words(1000, required="Enter why the draft is withdrawn, for example: replaced")
    ]


class GenerateIn(BaseModel):
    """A new draft: a highlight report of the system's plan as at a date (today when not given),
    or a review report of one of the system's reviews."""

    area_code: Annotated[Code, AfterValidator(lambda v: v.upper())]
    kind: ReportKind = ReportKind.HIGHLIGHT
    as_of: OptionalDate = None
    meeting_date: OptionalDate = None
    review_id: int | None = None  # required for a review report
    # A highlight report for this agenda item: its meeting gives the board, date and cover.
    agenda_item_id: Annotated[int, Field(ge=1, le=2_147_483_647)] | None = None


class CoverIn(VersionIn):
    """The cover sheet's words; the sub-groups and priorities listed are ticked, the others not
    (None leaves them as they are)."""

    # The paper's title and what it is for, in the board's words (None keeps them).
    title: Title | None = None
    purpose_text: LongText | None = None
    authors: Title = ""
    presenters: Title = ""
    # Paragraphs split on blank lines (the shared type makes a browser's CRLF a new line).
    summary: LongText = ""
    # One of the purposes the board offers (its wording, or decision, discussion, information,
    # other); None keeps the one ticked.
    purpose: Title | None = None
    meeting_date: OptionalDate = None
    sub_groups: list[Title] | None = None
    priorities: list[Title] | None = None


class SignOffIn(VersionIn):
    """A contributor or approver of the paper, with when it was sent and answered."""

    role: Literal["contributor", "approver"] = "contributor"
    name: Annotated[Name, _words(200, required="Enter the person's name")]
    title: Name = ""
    organisation: Name = ""
    sent_on: OptionalDate = None
    received_on: OptionalDate = None

    @field_validator("received_on")
    @classmethod
    def _answered_after_sent(cls, value: date | None, info: ValidationInfo) -> date | None:
        sent = info.data.get("sent_on")
        if value is not None and sent is not None and value < sent:
            raise ValueError(
                f"The date received, {value.day} {value:%B %Y}, is before the date sent, "
                f"{sent.day} {sent:%B %Y}"
            )
        return value


# -- Answers -----------------------------------------------------------------------------------


class SignOffOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    role: str
    name: str
    title: str
    organisation: str
    sent_on: date | None
    received_on: date | None


class ReportOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    area_code: str
    kind: str
    review_id: int | None
    title: str
    as_of: date
    meeting_date: date | None
    state: str
    slug: str | None
    created_by: str
    created_at: datetime
    approved_by: str | None
    approved_at: datetime | None
    published_at: datetime | None
    withdrawn_reason: str
    withdrawn_at: datetime | None
    version: int


class ResponseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    text: str
    recorded_by_name: str
    recorded_at: datetime


class ReportDetail(ReportOut):
    sign_off: list[SignOffOut]
    downloads: dict[str, str]
    public_url: str | None
