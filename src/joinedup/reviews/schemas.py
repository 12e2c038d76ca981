"""The typed door of reviews: one input model per change (shared by the page forms and the API
request bodies), the API's answers, and the vocabulary the pages show."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from joinedup.inputs import HappenedOn, Key, LongText, Name, PlanningDate, Title
from joinedup.reviews.rules import (
    EVIDENCE_TYPES,
    FINDING_KINDS,
    REPORT_STATES,
    REVIEW_KINDS,
    REVIEW_STATUSES,
    WITHDRAWN,
)
from joinedup.reviews.summit_schemas import Attendee as Attendee
from joinedup.reviews.summit_schemas import PlanSection as PlanSection
from joinedup.reviews.summit_schemas import SummitIn as SummitIn
from joinedup.reviews.summit_schemas import SummitOut as SummitOut
from joinedup.reviews.typed_values import given, none_when_empty, one_of, typed_day

# A review is withdrawn on its own page, with the reason why; not by choosing a status.
SETTABLE_STATUSES = {k: v for k, v in REVIEW_STATUSES.items() if k != WITHDRAWN}
# What the pages call each code.
LABELS: dict[str, dict[str, str]] = {
    "kinds": REVIEW_KINDS,
    "statuses": REVIEW_STATUSES,
    "settable_statuses": SETTABLE_STATUSES,
    "report_states": REPORT_STATES,
    "finding_kinds": FINDING_KINDS,
    "evidence_types": EVIDENCE_TYPES,
}
# The tables of a programme's national picture, as the CSV export and the CLI name them.
NATIONAL_TABLES = ("reviews", "common_improvements", "by_theme", "by_question", "findings")


def _team_lines(value: object) -> object:
    """The form's team as text, one person a line: "Name, role" (role optional)."""
    if not isinstance(value, str):
        return value
    team = []
    for number, line in enumerate(value.splitlines(), start=1):
        if not line.strip():
            continue
        name, _, role = line.partition(",")
        if not name.strip():
            raise ValueError(f"Line {number}: a name is missing before the comma")
        team.append({"name": name.strip(), "role": role.strip()})
    return team


# Dates a person types lie within a window: a review's plans from 1990 to ten years ahead,
# what was done or gathered from 1990 to today.
PlannedDay = Annotated[PlanningDate, BeforeValidator(typed_day("Enter a date"))]
HappenedDay = Annotated[HappenedOn, BeforeValidator(typed_day("Enter a date"))]
ReviewKind = Annotated[
    str,
    BeforeValidator(one_of(REVIEW_KINDS, "Choose the kind of review")),
    Field(json_schema_extra={"enum": list(REVIEW_KINDS)}),
]
ReviewStatus = Annotated[
    str,
    BeforeValidator(one_of(SETTABLE_STATUSES, "Choose the review's status")),
    Field(json_schema_extra={"enum": list(SETTABLE_STATUSES)}),
]
ReportState = Annotated[
    str,
    BeforeValidator(one_of(REPORT_STATES, "Choose the report's state")),
    Field(json_schema_extra={"enum": list(REPORT_STATES)}),
]
EvidenceType = Annotated[
    str,
    BeforeValidator(one_of(EVIDENCE_TYPES, "Choose the type of evidence")),
    Field(json_schema_extra={"enum": list(EVIDENCE_TYPES)}, examples=["interview"]),
]
FindingKind = Annotated[
    str,
    BeforeValidator(one_of(FINDING_KINDS, "Choose the kind of finding")),
    Field(json_schema_extra={"enum": list(FINDING_KINDS)}, examples=["area_for_improvement"]),
]
OptionalPlannedDay = Annotated[PlanningDate | None, BeforeValidator(typed_day(None))]
OptionalHappenedDay = Annotated[HappenedOn | None, BeforeValidator(typed_day(None))]


class TeamMember(BaseModel):
    name: Annotated[Name, BeforeValidator(given("Give each member of the team a name"))]
    role: Name = ""


Team = Annotated[list[TeamMember], BeforeValidator(_team_lines), Field(max_length=50)]


# --- inputs -----------------------------------------------------------------------------------


class ProgrammeIn(BaseModel):
    name: Annotated[Name, BeforeValidator(given("Give the programme a name"))]
    framework_key: Annotated[Key, BeforeValidator(given("Choose a framework"))] = Field(
        examples=["local-system-review-2017"]
    )
    description: LongText = ""


class ProgrammeChange(BaseModel):
    """A programme's name or description (those not given stay as they are; its framework
    stays too)."""

    version: int
    name: Annotated[Name | None, BeforeValidator(given("Give the programme a name"))] = None
    description: LongText | None = None


class ReviewIn(BaseModel):
    programme_id: int
    area_code: Annotated[str, BeforeValidator(given("Choose the system to review"))] = Field(
        pattern=r"^E\d{8}$", examples=["E10000025"]
    )
    kind: ReviewKind
    start: Annotated[
        PlanningDate, BeforeValidator(typed_day("Enter the start date, for example 2017-12-04"))
    ]
    title: Name = ""
    team: Team = Field(default_factory=list)
    follow_up_of_id: Annotated[int | None, BeforeValidator(none_when_empty)] = None
    # the saved ranking run the review was started from (its profile and rank are that run's)
    ranking_run_id: Annotated[int | None, BeforeValidator(none_when_empty)] = None


class ReviewChange(BaseModel):
    """A review's title, status or team (those not given stay as they are)."""

    version: int
    title: Annotated[Name | None, BeforeValidator(given("Give the review a title"))] = None
    status: ReviewStatus | None = None
    team: Team | None = None


class ReviewWithdrawal(BaseModel):
    """A review started in error, withdrawn with the reason why (kept in its history)."""

    version: int
    reason: Annotated[LongText, BeforeValidator(given("Say why the review is being withdrawn"))]


class ReportChange(BaseModel):
    """Move the report on (draft, shared with the system, published), or edit its summary."""

    version: int
    state: ReportState
    summary: LongText | None = None


class MilestoneDates(BaseModel):
    version: int
    planned_date: OptionalPlannedDay = None
    actual_date: OptionalHappenedDay = None


class EvidenceIn(BaseModel):
    kind: EvidenceType
    gathered_on: HappenedDay
    source: Annotated[Title, BeforeValidator(given("Say where the evidence came from"))]
    questions: list[Key] = Field(default_factory=list, max_length=50, examples=[["responsive"]])
    summary: Annotated[LongText, BeforeValidator(given("Summarise what the evidence shows"))]


class EvidenceUpdate(EvidenceIn):
    version: int


class FindingIn(BaseModel):
    kind: FindingKind
    key_question: Annotated[Key, BeforeValidator(given("Choose what it bears on"))] = Field(
        examples=["responsive"]
    )
    theme: Name = Field(default="", description="the system's own word for it, if any")
    national_theme: Key = Field(
        default="",
        description="one of the framework's national themes (a quality statement's own theme "
        "when left out)",
        examples=["flow"],
    )
    text: Annotated[LongText, BeforeValidator(given("Write the finding"))]
    evidence_ids: list[int] = Field(default_factory=list, max_length=500)


class FindingUpdate(FindingIn):
    version: int


class ScoreIn(BaseModel):
    """One quality statement's score; ``version`` is the one loaded, 0 when it had none."""

    statement_id: Annotated[Key, BeforeValidator(given("Choose a statement"))]
    score: Annotated[int, BeforeValidator(given("Choose a score"))]
    rationale: LongText = ""
    version: Annotated[int, BeforeValidator(lambda v: 0 if v in ("", None) else v)] = 0


# --- answers ----------------------------------------------------------------------------------


class ProgrammeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    framework_key: str
    description: str
    version: int


class MilestoneOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)

    key: str
    label: str
    planned_date: date | None
    actual_date: date | None
    state: str = Field(
        description="done, overdue, due_soon, upcoming, unplanned or not_done (a complete "
        "review's step it did not need)"
    )
    days: int = Field(description="days late, or days until due")
    version: int


class ScoreOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    statement_id: str
    score: int
    rationale: str
    version: int


class ReviewOut(BaseModel):
    id: int
    programme_id: int
    area_code: str
    title: str
    kind: str
    status: str
    team: list[TeamMember]
    follow_up_of_id: int | None
    ranking_run_id: int | None = Field(
        default=None, description="the saved ranking run the review was started from"
    )
    report_state: str
    report_summary: str
    withdrawn_reason: str = Field(default="", description="why a withdrawn review was withdrawn")
    overdue: list[str] = Field(description="keys of milestones past their planned date")
    milestones: list[MilestoneOut]
    version: int


class AttachmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    original_name: str
    content_type: str
    size_bytes: int
    sha256: str


class EvidenceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    review_id: int
    kind: str
    gathered_on: date
    source: str
    questions: list[str]
    summary: str
    attachments: list[AttachmentOut]
    version: int


class FindingOut(BaseModel):
    id: int
    review_id: int
    kind: str
    key_question: str
    theme: str
    national_theme: str
    text: str
    evidence_ids: list[int]
    version: int
