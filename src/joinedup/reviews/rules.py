"""The vocabulary and arithmetic of reviews: pure, no I/O.

Kinds of review follow the 2017-18 programme and its follow-ups (seed 000: three systems had a
follow-up with a site visit, nine a light-touch one). Scoring follows CQC's assessment of local
authorities (see docs/methods.md, "Review frameworks").
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

REVIEW_KINDS: dict[str, str] = {
    "full": "Full review",
    "follow_up_visit": "Follow-up with site visit",
    "follow_up_light": "Follow-up, light touch",
}
FOLLOW_UP_KINDS = frozenset({"follow_up_visit", "follow_up_light"})

REVIEW_STATUSES: dict[str, str] = {
    "planned": "Planned",
    "in_progress": "In progress",
    "reporting": "Reporting",
    "complete": "Complete",
    "withdrawn": "Withdrawn",
}
WITHDRAWN = "withdrawn"  # started in error: set only by withdrawing it, with the reason why
# A closed review has nothing left to do: no milestone of it is overdue or on a calendar to come.
CLOSED_STATUSES = frozenset({"complete", WITHDRAWN})

FINDING_KINDS: dict[str, str] = {
    "working_well": "Working well",
    "area_for_improvement": "Area for improvement",
    "area_of_future_focus": "Area of future focus",
}

EVIDENCE_TYPES: dict[str, str] = {
    "interview": "Interview",
    "focus_group": "Focus group",
    "case_tracking": "Case tracking",
    "survey": "Survey",
    "relational_audit": "Relational audit",
    "document": "Document",
    "data": "Data",
}

# The report moves forward only: a draft is shared with the system, then published.
# A follow-up's output may stop at "shared" for good (seed 000: the slide deck stayed unpublished).
REPORT_STATES: dict[str, str] = {
    "draft": "Draft",
    "shared": "Shared with the system",
    "published": "Published",
}
REPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"shared"}),
    "shared": frozenset({"draft", "published"}),
    "published": frozenset(),
}

DUE_SOON_DAYS = 14


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clipped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class MilestoneState:
    """Where a milestone stands on a given day: done, overdue, due soon or upcoming."""

    state: str  # "done", "overdue", "due_soon", "upcoming", "unplanned", "not_done"
    days: int  # days late (done late or overdue), or days until due; 0 otherwise


def milestone_state(
    planned: date | None, actual: date | None, today: date, *, closed: bool = False
) -> MilestoneState:
    """``closed``: the review is complete, so a step not done was not needed, never overdue."""
    if actual is not None:
        late = (actual - planned).days if planned is not None else 0
        return MilestoneState("done", max(late, 0))
    if closed:
        return MilestoneState("not_done", 0)
    if planned is None:
        return MilestoneState("unplanned", 0)
    if planned < today:
        return MilestoneState("overdue", (today - planned).days)
    until = (planned - today).days
    return MilestoneState("due_soon" if until <= DUE_SOON_DAYS else "upcoming", until)


@dataclass(frozen=True)
class RatingBand:
    rating: str
    lowest_percent: int


def score_percentage(scores: list[int], *, maximum: int) -> Decimal:
    """Total score as a percentage of the maximum, every statement weighted equally."""
    if not scores:
        raise ValueError("no scores")
    return Decimal(sum(scores)) * 100 / (Decimal(maximum) * len(scores))


def whole_percent(percentage: Decimal) -> int:
    """Rounded half up to a whole percent: CQC's thresholds are whole percentages."""
    return int(percentage.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def rating_for(percent: int, bands: list[RatingBand]) -> str:
    """The band whose lowest percentage is the highest one not above ``percent``."""
    eligible = [band for band in bands if band.lowest_percent <= percent]
    if not eligible:
        raise ValueError(f"{percent}% is below every rating band")
    return max(eligible, key=lambda band: band.lowest_percent).rating
