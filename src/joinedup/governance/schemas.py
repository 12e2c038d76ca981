"""The door's models of governance: the words of the domain, the input of every write (one
model shared by its page form and its API operation) and the API's answers (in
``joinedup.governance.answers``, re-exported here)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field

from joinedup.governance.answers import (
    ActionArisingOut,
    AgendaItemOut,
    AttendanceOut,
    BoardOut,
    EngagementOut,
    MeetingOut,
    MemberOut,
    OversightOut,
    ParticipantOut,
    QuestionOut,
    ResolutionOut,
    RiskOut,
    RiskScoreOut,
    SignOffOut,
)
from joinedup.inputs import HappenedOn, LongText, Name, PlanningDate, ShortText, Title

__all__ = [
    "PURPOSES",
    "ActionArisingIn",
    "ActionArisingOut",
    "AgendaItemIn",
    "AgendaItemOut",
    "ApproveMinutesIn",
    "AttendanceIn",
    "AttendanceOut",
    "BoardIn",
    "BoardKind",
    "BoardOut",
    "BoardSettingsIn",
    "ContactKind",
    "EngagementIn",
    "EngagementOut",
    "MeetingIn",
    "MeetingOut",
    "MemberIn",
    "MemberOut",
    "MinutesIn",
    "MinutesStatus",
    "OversightIn",
    "OversightOut",
    "ParticipantOut",
    "QuestionIn",
    "QuestionOut",
    "ResolutionIn",
    "ResolutionOut",
    "RiskIn",
    "RiskOut",
    "RiskScoreIn",
    "RiskScoreOut",
    "SignOffAnswer",
    "SignOffAnswerIn",
    "SignOffAskIn",
    "SignOffOut",
    "SignOffRole",
    "TakeIntoPlanIn",
]


class BoardKind(StrEnum):
    BOARD = "board"
    SUB_GROUP = "sub_group"
    SCRUTINY = "scrutiny"
    CABINET = "cabinet"


class MinutesStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class ContactKind(StrEnum):
    CALL = "call"
    MEETING = "meeting"


# What a paper may be for, as a cover sheet offers it.
PURPOSES = ("For decision", "For discussion", "For information", "Other")


def _required(enter: str) -> Any:
    def check(value: object) -> object:
        if value in ("", None, []):
            raise ValueError(f"Enter {enter}")
        return value

    return AfterValidator(check)


def _choice(enum: type[StrEnum], problem: str) -> Any:
    def read(value: object) -> object:
        if isinstance(value, enum):
            return value
        try:
            return enum(str(value or "").strip().lower().replace(" ", "_"))
        except ValueError:
            raise ValueError(problem) from None

    return BeforeValidator(read)


def _lines(value: object) -> object:
    """A textarea (one entry a line) or a list, as a list of its non-empty entries."""
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    return value


def _ids(value: object) -> object:
    """Numbers typed as '3, 7 12' or given as a list."""
    if isinstance(value, str):
        parts = value.replace(",", " ").split()
        try:
            return [int(p) for p in parts]
        except ValueError:
            raise ValueError("Enter numbers separated by commas, for example 3, 7") from None
    return value


def _optional_id(value: object) -> object:
    return None if value == "" else value


def _date_required(value: object) -> object:
    if value is None or value == "":
        raise ValueError("Enter the date")
    return value


def _plan_required(value: object) -> object:
    if value is None or value == "":
        raise ValueError("Choose the plan")
    return value


def _scale(name: str) -> Any:
    def read(value: object) -> object:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValueError(f"Choose the {name}, from 1 to 5") from None
        if not 1 <= number <= 5:
            raise ValueError(f"Choose the {name}, from 1 to 5")
        return number

    return BeforeValidator(read)


Lines = Annotated[list[Title], BeforeValidator(_lines), Field(max_length=30)]
Ids = Annotated[list[int], BeforeValidator(_ids), Field(max_length=50)]
OptionalId = Annotated[int | None, BeforeValidator(_optional_id)]
Version = Annotated[int, Field(description="The version you loaded; a stale one is refused.")]


class BoardIn(BaseModel):
    """A board or committee of a system; a sub-group names the board it reports to."""

    name: Annotated[Title, _required("the name of the board")]
    kind: Annotated[BoardKind, _choice(BoardKind, "Choose the kind of board")] = BoardKind.BOARD
    parent_id: OptionalId = None
    strategy_priorities: Lines = []
    purposes: Lines = list(PURPOSES)


def _threshold(value: object) -> object:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValueError("Enter a risk score from 1 to 25") from None
    if not 1 <= number <= 25:
        raise ValueError("Enter a risk score from 1 to 25")
    return number


class BoardSettingsIn(BaseModel):
    """The cover-sheet settings of a board and the risk score its highlight reports show."""

    version: Version
    strategy_priorities: Lines = []
    purposes: Annotated[Lines, _required("at least one purpose a paper may have")]
    risk_threshold: Annotated[int, BeforeValidator(_threshold)] = 15


class MemberIn(BaseModel):
    name: Annotated[Name, _required("the member's name")]
    role: Title = ""


class MeetingIn(BaseModel):
    held_on: Annotated[PlanningDate, BeforeValidator(_date_required)]
    location: Title = ""


class AgendaItemIn(BaseModel):
    """An agenda item and the papers it carries: a report, a review, the plan (by number)."""

    title: Annotated[Title, _required("the title of the agenda item")]
    presenter: Name = ""
    report_id: OptionalId = None
    review_id: OptionalId = None
    plan_id: OptionalId = None


class AttendanceIn(BaseModel):
    name: Annotated[Name, _required("the name of the person")]
    role: Title = ""
    present: bool = True


class MinutesIn(BaseModel):
    """The draft minutes (approved minutes are not changed)."""

    version: Version
    minutes: LongText = ""


class ApproveMinutesIn(BaseModel):
    version: Version
    approved_on: HappenedOn | None = None


class ResolutionIn(BaseModel):
    text: Annotated[LongText, _required("what the board resolved")]
    agenda_item_id: OptionalId = None


class QuestionIn(BaseModel):
    asked_by: Name = ""
    question: Annotated[LongText, _required("the question raised")]
    response: LongText = ""
    responded_by: Name = ""


class ActionArisingIn(BaseModel):
    description: Annotated[LongText, _required("the action arising")]
    owner: Name = ""
    due: PlanningDate | None = None


class TakeIntoPlanIn(BaseModel):
    """Turn an action arising into an action of a plan's workstream."""

    plan_id: Annotated[int, BeforeValidator(_plan_required)]
    workstream: Annotated[Title, _required("the code of the workstream, for example A")]
    due: Annotated[PlanningDate, BeforeValidator(_date_required)]


class OversightIn(BaseModel):
    """A call or meeting with the national team; participants one a line, 'name – role'."""

    held_on: Annotated[HappenedOn, BeforeValidator(_date_required)]
    kind: Annotated[ContactKind, _choice(ContactKind, "Choose call or meeting")] = ContactKind.CALL
    participants: Annotated[Lines, _required("who took part, one a line")]
    discussed: Annotated[LongText, _required("what was discussed")]
    follow_ups: LongText = ""


class EngagementIn(BaseModel):
    held_on: Annotated[HappenedOn, BeforeValidator(_date_required)]
    who: Annotated[Title, _required("who was engaged")]
    how: Annotated[Title, _required("how they were engaged")]
    heard: Annotated[LongText, _required("what was heard")]
    finding_ids: Ids = []
    action_ids: Ids = []


class RiskIn(BaseModel):
    title: Annotated[Title, _required("the risk")]
    cause: ShortText = ""
    likelihood: Annotated[int, _scale("likelihood")]
    impact: Annotated[int, _scale("impact")]
    owner: Name = ""
    mitigations: LongText = ""
    workstream_codes: Lines = []
    action_ids: Ids = []


class RiskScoreIn(BaseModel):
    """A new assessment of a risk's likelihood and impact (kept with every earlier one)."""

    version: Version
    likelihood: Annotated[int, _scale("likelihood")]
    impact: Annotated[int, _scale("impact")]
    note: ShortText = ""
    assessed_on: HappenedOn | None = None


class SignOffRole(StrEnum):
    CONTRIBUTOR = "contributor"
    APPROVER = "approver"


class SignOffAnswer(StrEnum):
    AGREED = "agreed"
    CHANGES = "changes"


class SignOffAskIn(BaseModel):
    """Ask a person of the system, by email, to sign off a paper."""

    email: Annotated[Name, Field(max_length=320), _required("the email address of the person")]
    role: Annotated[SignOffRole, _choice(SignOffRole, "Choose contributor or approver")] = (
        SignOffRole.APPROVER
    )
    required: bool = True


class SignOffAnswerIn(BaseModel):
    answer: Annotated[
        SignOffAnswer, _choice(SignOffAnswer, "Choose whether you agree the paper or want changes")
    ]
    comment: ShortText = ""
