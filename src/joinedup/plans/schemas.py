"""The door's models of improvement plans: the words of the domain (statuses, ratings), the input
of every write (one model shared by its page form and its API operation) and the API's answers
(in ``joinedup.plans.answers``, re-exported here)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    ValidationInfo,
    field_validator,
)

from joinedup.inputs import (
    Description,
    HappenedOn,
    LongText,
    Name,
    PlanningDate,
    ShortCode,
    ShortText,
    Title,
)
from joinedup.plans.answers import (
    ActionOut,
    ActionRowOut,
    ChangeOut,
    CoverageOut,
    FindingOut,
    JournalOut,
    PlanOut,
    PlanOverviewOut,
    RagChangeOut,
    RagOut,
    SinceOut,
    SuggestionOut,
    WorkstreamOut,
    WorkstreamSummaryOut,
)

__all__ = [
    "COLUMNS",
    "OPTIONAL_COLUMNS",
    "PLAN_TRANSITIONS",
    "RATING_MEANING",
    "ActionChange",
    "ActionIn",
    "ActionOut",
    "ActionRowOut",
    "ActionStatus",
    "ChangeOut",
    "CoverageOut",
    "FindingOut",
    "JournalOut",
    "MemberIn",
    "PlanDetailsChange",
    "PlanIn",
    "PlanOut",
    "PlanOverviewOut",
    "PlanStatus",
    "PlanStatusIn",
    "RagChangeOut",
    "RagIn",
    "RagOut",
    "Rating",
    "SinceOut",
    "SuggestionOut",
    "WorkstreamChange",
    "WorkstreamIn",
    "WorkstreamOut",
    "WorkstreamSummaryOut",
    "label",
    "next_statuses",
]


class PlanStatus(StrEnum):
    DRAFT = "draft"
    AGREED = "agreed"
    SUBMITTED = "submitted"
    IN_DELIVERY = "in_delivery"
    COMPLETE = "complete"


class ActionStatus(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    SLIPPED = "slipped"
    COMPLETE = "complete"
    CANCELLED = "cancelled"


class Rating(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


RATING_MEANING = {
    Rating.GREEN: "Progressing well",
    Rating.AMBER: "Development required",
    Rating.RED: "Major problems",
}

# Plan statuses move forward one step at a time; an agreed plan may go back to draft.
PLAN_TRANSITIONS: dict[PlanStatus, frozenset[PlanStatus]] = {
    PlanStatus.DRAFT: frozenset({PlanStatus.AGREED}),
    PlanStatus.AGREED: frozenset({PlanStatus.DRAFT, PlanStatus.SUBMITTED}),
    PlanStatus.SUBMITTED: frozenset({PlanStatus.IN_DELIVERY}),
    PlanStatus.IN_DELIVERY: frozenset({PlanStatus.COMPLETE}),
    PlanStatus.COMPLETE: frozenset(),
}

# The spreadsheet template of plans (import and export).
COLUMNS = (
    "Workstream code",
    "Workstream",
    "Responsible group",
    "Lead",
    "Action",
    "Owner",
    "Due date",
    "Status",
    "Progress update",
    "RAG",
)
# Read when present, written on export so that export then import gives back the same plan.
OPTIONAL_COLUMNS = ("Baseline date", "Indicative date", "RAG rationale", "Mitigation")


def label(value: str) -> str:
    """'in_delivery' -> 'In delivery'."""
    return value.replace("_", " ").capitalize()


def next_statuses(current: str) -> list[str]:
    """The statuses a plan may move to from ``current``, in their order."""
    allowed = PLAN_TRANSITIONS[PlanStatus(current)]
    return [s.value for s in PlanStatus if s in allowed]


# What the door adds to the shared field types: a required field says what to enter.


def _required(enter: str) -> Any:
    def check(value: str) -> str:
        if not value:
            raise ValueError(f"Enter {enter}")
        return value

    return AfterValidator(check)


def _choice(enum: type[StrEnum], problem: str, *, optional: bool = False) -> Any:
    """A member of ``enum`` by its value (case and spaces ignored); empty is None if optional."""

    def read(value: object) -> object:
        if isinstance(value, enum):
            return value
        key = str(value or "").strip().lower().replace(" ", "_")
        if not key and optional:
            return None
        try:
            return enum(key)
        except ValueError:
            raise ValueError(problem) from None

    return BeforeValidator(read)


def _date_required(problem: str) -> Any:
    def read(value: object) -> object:
        if value is None or value == "":
            raise ValueError(problem)
        return value

    return BeforeValidator(read)


WorkstreamCode = ShortCode


class PlanIn(BaseModel):
    """A new plan of a system."""

    title: Annotated[Title, _required("a title for the plan")]
    review_id: int | None = None
    agreed_on: PlanningDate | None = None
    planned_end: PlanningDate | None = None
    start_from_summit: bool = Field(
        default=True,
        description="Start with one workstream per plan section agreed at the review's summit, "
        "each with its responsible group (changed afterwards like any other workstream).",
    )

    @field_validator("planned_end")
    @classmethod
    def _ends_after_agreed(cls, value: date | None, info: ValidationInfo) -> date | None:
        agreed = info.data.get("agreed_on")
        if value is not None and agreed is not None and value < agreed:
            raise ValueError("The planned end must be on or after the date the plan was agreed")
        return value


class PlanDetailsChange(BaseModel):
    """A plan's title and dates, corrected by its system's leads."""

    version: int = Field(description="The version you loaded; a stale one is refused with 409.")
    title: Annotated[Title, _required("a title for the plan")]
    agreed_on: PlanningDate | None = None
    planned_end: PlanningDate | None = None

    @field_validator("planned_end")
    @classmethod
    def _ends_after_agreed(cls, value: date | None, info: ValidationInfo) -> date | None:
        agreed = info.data.get("agreed_on")
        if value is not None and agreed is not None and value < agreed:
            raise ValueError("The planned end must be on or after the date the plan was agreed")
        return value


class PlanStatusIn(BaseModel):
    """Move a plan on (submitting needs every finding covered, or the reason why not)."""

    status: Annotated[PlanStatus, _choice(PlanStatus, "Choose the plan's next status")]
    version: int = Field(description="The version you loaded; a stale one is refused with 409.")
    coverage_exception: ShortText = ""


class WorkstreamIn(BaseModel):
    code: Annotated[WorkstreamCode, _required("a code for the workstream, for example A")]
    title: Annotated[Title, _required("a title for the workstream")]
    responsible_group: Title = ""
    leads: Title = ""

    @field_validator("code")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()


class WorkstreamChange(BaseModel):
    """A workstream's title, lead and responsible group, corrected by the system's leads (its
    code stays: action references are made from it)."""

    version: int = Field(description="The version you loaded; a stale one is refused with 409.")
    title: Annotated[Title, _required("a title for the workstream")]
    responsible_group: Title = ""
    leads: Title = ""


class MemberIn(BaseModel):
    """Assign a person of the plan's system, by email, to update a workstream."""

    email: Annotated[Name, Field(max_length=320), _required("the email address of the person")]

    @field_validator("email")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.lower()


class ActionIn(BaseModel):
    """A new action: its due date is both its baseline and its first forecast."""

    description: Annotated[Description, _required("a description of the action")]
    owner: Name = ""
    due: Annotated[PlanningDate, _date_required("Enter a date the action is due by")]
    indicative: bool = False
    finding_ids: list[int] = []


class ActionChange(BaseModel):
    """One dated update of an action; a field left out (None) keeps its value."""

    version: int = Field(description="The version you loaded; a stale one is refused with 409.")
    status: Annotated[
        ActionStatus | None, _choice(ActionStatus, "Choose a status", optional=True)
    ] = None
    forecast_due: PlanningDate | None = None
    completed_on: HappenedOn | None = None
    owner: Name | None = None
    description: Annotated[Description, _required("a description of the action")] | None = None
    indicative: bool | None = None
    reason: ShortText = ""
    note: LongText = ""


class RagIn(BaseModel):
    """A workstream's rating on a reporting date (today when not given)."""

    rating: Annotated[Rating, _choice(Rating, "Choose Green, Amber or Red")] = Field(
        description="green, amber or red"
    )
    rationale: LongText = ""
    mitigation: LongText = ""
    override_reason: ShortText = ""
    reported_on: HappenedOn | None = None
