"""What reminders are made of: the kinds, one item due, and the options of a run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from joinedup.errors import JoinedUpError


class MailUnavailable(JoinedUpError):
    """The mail server could not be reached or refused: what was not sent goes next run."""


class ReminderKind(StrEnum):
    ACTION_DUE = "action_due"
    ACTION_OVERDUE = "action_overdue"
    MILESTONE = "milestone"
    SIGN_OFF = "sign_off"
    MEETING = "meeting"

    @property
    def heading(self) -> str:
        return HEADINGS[self]


HEADINGS = {
    ReminderKind.ACTION_OVERDUE: "Actions past their due date",
    ReminderKind.ACTION_DUE: "Actions due soon",
    ReminderKind.MILESTONE: "Review milestones due",
    ReminderKind.SIGN_OFF: "Papers waiting for your sign-off",
    ReminderKind.MEETING: "Papers due for a board meeting",
}


@dataclass(frozen=True)
class DueItem:
    """One thing to remind one person of, with the page that shows it."""

    kind: ReminderKind
    key: str  # what it is and when it is due: the same key is never sent twice
    title: str
    due: date
    path: str  # the page, from the site's root
    detail: str = ""


class RemindIn(BaseModel):
    """One run of `joinedup remind`."""

    model_config = ConfigDict(extra="forbid")

    days_ahead: int = Field(default=7, ge=0, le=60)
    paper_deadline_days: int = Field(default=10, ge=0, le=60)
    dry_run: bool = False


@dataclass(frozen=True)
class Email:
    """One email of a run: to whom, and the items it lists."""

    to: str
    name: str
    items: tuple[DueItem, ...]


@dataclass(frozen=True)
class RemindOutcome:
    emails: tuple[Email, ...]
    sent: bool  # False on a dry run or when mail is not configured
