"""The typed door of reviews: one input model per change (shared by the page forms and the API
request bodies), the API's answers, and the vocabulary the pages show."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from joinedup.inputs import HappenedOn, Key, LongText, Name, PlanningDate, Title, uk_date
from joinedup.reviews.rules import (
    EVIDENCE_TYPES,
    FINDING_KINDS,
    REPORT_STATES,
    REVIEW_KINDS,
    REVIEW_STATUSES,
    WITHDRAWN,
)

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


def _one_of(choices: Mapping[str, str], problem: str) -> Callable[[object], object]:
    def check(value: object) -> object:
        if value not in choices:
            raise ValueError(problem)
        return value

    return check


def _day(problem_when_empty: str | None) -> Callable[[object], object]:
    """A date typed as text (YYYY-MM-DD, as the date inputs send it); empty is None unless a
    problem is given for it."""

    def parse(value: object) -> object:
        if not isinstance(value, str):
            return value
        if not value.strip():
            if problem_when_empty:
                raise ValueError(problem_when_empty)
            return None
        typed = uk_date(value.strip())  # 14/03/2018 and 14 March 2018 as well as 2018-03-14
        if isinstance(typed, date):
            return typed
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("Enter a real date, for example 14/03/2018") from None

    return parse


def _text(problem_when_blank: str) -> Callable[[object], object]:
    def check(value: object) -> object:
        if isinstance(value, str):
            if not value.strip():
                raise ValueError(problem_when_blank)
            return value.strip()
        return value

    return check


def _none_when_empty(value: object) -> object:
    return None if value == "" else value


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
PlannedDay = Annotated[PlanningDate, BeforeValidator(_day("Enter a date"))]
HappenedDay = Annotated[HappenedOn, BeforeValidator(_day("Enter a date"))]
ReviewKind = Annotated[
    str,
    BeforeValidator(_one_of(REVIEW_KINDS, "Choose the kind of review")),
    Field(json_schema_extra={"enum": list(REVIEW_KINDS)}),
]
ReviewStatus = Annotated[
    str,
    BeforeValidator(_one_of(SETTABLE_STATUSES, "Choose the review's status")),
    Field(json_schema_extra={"enum": list(SETTABLE_STATUSES)}),
]
ReportState = Annotated[
    str,
    BeforeValidator(_one_of(REPORT_STATES, "Choose the report's state")),
    Field(json_schema_extra={"enum": list(REPORT_STATES)}),
]
EvidenceType = Annotated[
    str,
    BeforeValidator(_one_of(EVIDENCE_TYPES, "Choose the type of evidence")),
    Field(json_schema_extra={"enum": list(EVIDENCE_TYPES)}, examples=["interview"]),
]
FindingKind = Annotated[
    str,
    BeforeValidator(_one_of(FINDING_KINDS, "Choose the kind of finding")),
    Field(json_schema_extra={"enum": list(FINDING_KINDS)}, examples=["area_for_improvement"]),
]
OptionalPlannedDay = Annotated[PlanningDate | None, BeforeValidator(_day(None))]
OptionalHappenedDay = Annotated[HappenedOn | None, BeforeValidator(_day(None))]


class TeamMember(BaseModel):
    name: Annotated[Name, BeforeValidator(_text("Give each member of the team a name"))]
    role: Name = ""


Team = Annotated[list[TeamMember], BeforeValidator(_team_lines), Field(max_length=50)]


# --- inputs -----------------------------------------------------------------------------------


class ProgrammeIn(BaseModel):
    name: Annotated[Name, BeforeValidator(_text("Give the programme a name"))]
    framework_key: Annotated[Key, BeforeValidator(_text("Choose a framework"))] = Field(
        examples=["local-system-review-2017"]
    )
    description: LongText = ""


class ProgrammeChange(BaseModel):
    """A programme's name or description (those not given stay as they are; its framework
    stays too)."""

    version: int
    name: Annotated[Name | None, BeforeValidator(_text("Give the programme a name"))] = None
    description: LongText | None = None


class ReviewIn(BaseModel):
    programme_id: int
    area_code: Annotated[str, BeforeValidator(_text("Choose the system to review"))] = Field(
        pattern=r"^E\d{8}$", examples=["E10000025"]
    )
    kind: ReviewKind
    start: Annotated[
        PlanningDate, BeforeValidator(_day("Enter the start date, for example 2017-12-04"))
    ]
    title: Name = ""
    team: Team = Field(default_factory=list)
    follow_up_of_id: Annotated[int | None, BeforeValidator(_none_when_empty)] = None
    # the saved ranking run the review was started from (its profile and rank are that run's)
    ranking_run_id: Annotated[int | None, BeforeValidator(_none_when_empty)] = None


class ReviewChange(BaseModel):
    """A review's title, status or team (those not given stay as they are)."""

    version: int
    title: Annotated[Name | None, BeforeValidator(_text("Give the review a title"))] = None
    status: ReviewStatus | None = None
    team: Team | None = None


def _attendee_lines(value: object) -> object:
    """The form's attendees as text, one person a line: "Name, role, organisation" (a role may
    hold commas: the organisation is what follows the last one)."""
    if not isinstance(value, str):
        return value
    people = []
    for number, line in enumerate(value.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(",")]
        if not parts[0]:
            raise ValueError(f"Line {number}: a name is missing before the first comma")
        organisation = parts[-1] if len(parts) > 2 else ""
        role = ", ".join(parts[1:-1]) if len(parts) > 2 else (parts[1] if len(parts) == 2 else "")
        people.append({"name": parts[0], "role": role, "organisation": organisation})
    return people


def _section_lines(value: object) -> object:
    """The form's plan sections as text, one a line: "Section: responsible group"."""
    if value in ("", [], None):
        raise ValueError("Enter the plan sections agreed at the summit, one a line")
    if not isinstance(value, str):
        return value
    sections = []
    for number, line in enumerate(value.splitlines(), start=1):
        if not line.strip():
            continue
        title, _, group = line.partition(":")
        if not title.strip():
            raise ValueError(f"Line {number}: the section's title is missing before the colon")
        sections.append({"title": title.strip(), "responsible_group": group.strip()})
    if not sections:
        raise ValueError("Enter the plan sections agreed at the summit, one a line")
    return sections


class Attendee(BaseModel):
    name: Annotated[Name, BeforeValidator(_text("Give each person who came a name"))]
    role: Name = ""
    organisation: Name = ""


class PlanSection(BaseModel):
    """A section of the improvement plan agreed at the summit, and the group that answers for
    it (Coventry's seven sections each had one)."""

    title: Annotated[Title, BeforeValidator(_text("Give each plan section a title"))]
    responsible_group: Annotated[
        Title, BeforeValidator(_text("Name the group responsible for each plan section"))
    ]


class SummitIn(BaseModel):
    """The summit's record: when it was held, who chaired it, who came and the plan sections
    agreed there. ``version`` is the record's as loaded, 0 when there was none yet."""

    version: Annotated[int, BeforeValidator(lambda v: 0 if v in ("", None) else v)] = 0
    held_on: Annotated[HappenedOn, BeforeValidator(_day("Enter the date the summit was held"))]
    chair_name: Annotated[Name, BeforeValidator(_text("Enter the name of the summit's chair"))]
    chair_role: Name = ""
    attendees: Annotated[
        list[Attendee], BeforeValidator(_attendee_lines), Field(max_length=200)
    ] = Field(default_factory=list)
    sections: Annotated[
        list[PlanSection],
        BeforeValidator(_section_lines),
        Field(max_length=40),
    ]


class ReviewWithdrawal(BaseModel):
    """A review started in error, withdrawn with the reason why (kept in its history)."""

    version: int
    reason: Annotated[LongText, BeforeValidator(_text("Say why the review is being withdrawn"))]


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
    source: Annotated[Title, BeforeValidator(_text("Say where the evidence came from"))]
    questions: list[Key] = Field(default_factory=list, max_length=50, examples=[["responsive"]])
    summary: Annotated[LongText, BeforeValidator(_text("Summarise what the evidence shows"))]


class EvidenceUpdate(EvidenceIn):
    version: int


class FindingIn(BaseModel):
    kind: FindingKind
    key_question: Annotated[Key, BeforeValidator(_text("Choose what it bears on"))] = Field(
        examples=["responsive"]
    )
    theme: Name = Field(default="", description="the system's own word for it, if any")
    national_theme: Key = Field(
        default="",
        description="one of the framework's national themes (a quality statement's own theme "
        "when left out)",
        examples=["flow"],
    )
    text: Annotated[LongText, BeforeValidator(_text("Write the finding"))]
    evidence_ids: list[int] = Field(default_factory=list, max_length=500)


class FindingUpdate(FindingIn):
    version: int


class ScoreIn(BaseModel):
    """One quality statement's score; ``version`` is the one loaded, 0 when it had none."""

    statement_id: Annotated[Key, BeforeValidator(_text("Choose a statement"))]
    score: Annotated[int, BeforeValidator(_text("Choose a score"))]
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


class SummitOut(BaseModel):
    review_id: int
    held_on: date
    chair_name: str
    chair_role: str
    attendees: list[Attendee]
    sections: list[PlanSection]
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
