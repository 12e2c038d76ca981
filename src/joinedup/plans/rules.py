"""The rules of improvement plans: statuses and their moves, the suggested RAG rating, coverage of
findings, and what changed between two reporting dates. Pure: no database, no files.

The suggested rating follows documented thresholds (see docs/plans.md); a lead may record a
different rating, with a reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TypeVar

# The words of the domain are defined with the door's models; the tests read them here too.
from joinedup.plans.schemas import PLAN_TRANSITIONS, ActionStatus, PlanStatus, Rating, label

T = TypeVar("T")

FINAL_STATUSES = frozenset({ActionStatus.COMPLETE, ActionStatus.CANCELLED})
FINDING_KINDS_NEEDING_ACTION = frozenset({"area_for_improvement", "area_of_future_focus"})

# Thresholds of the suggested rating (documented in docs/plans.md).
AMBER_BASELINE_SLIP_DAYS = 30  # forecast later than the baseline by more than this: Amber
RED_OVERDUE_DAYS = 90  # an open action this many days past its forecast: Red
RED_PROBLEM_COUNT = 3  # at least this many actions slipped, at risk or overdue ...
RED_PROBLEM_SHARE = 0.2  # ... making up at least this share of the open actions: Red


def parse_choice(enum: type[StrEnum], text: str) -> StrEnum:
    """An enum member from its value or its label, ignoring case, spaces and hyphens; else
    ValueError naming the choices."""
    key = " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
    aliases = {"completed": "complete", "canceled": "cancelled", "not begun": "not started"}
    key = aliases.get(key, key)
    for member in enum:
        if key == member.value.replace("_", " "):
            return member
    choices = ", ".join(label(m.value) for m in enum)
    raise ValueError(f"{text!r} is not one of: {choices}")


def plan_transition_problem(current: PlanStatus, target: PlanStatus) -> str | None:
    if target == current or target in PLAN_TRANSITIONS[current]:
        return None
    allowed = ", ".join(label(s) for s in sorted(PLAN_TRANSITIONS[current])) or "nothing"
    return f"a {label(current).lower()} plan can move to {allowed.lower()}, not {label(target)}"


def action_change_problems(
    *,
    current: ActionStatus,
    target: ActionStatus,
    forecast_changed: bool,
    reason: str,
    completed_on: date | None,
) -> dict[str, str]:
    """Field -> why an action update is refused (empty when acceptable).

    A forecast change and a cancellation need a reason; reopening a complete or cancelled
    action needs one too; a completion date belongs to complete actions only."""
    wanted = []
    has_reason = bool(reason.strip())
    if forecast_changed and not has_reason:
        wanted.append("changing the forecast date")
    if target == ActionStatus.CANCELLED and current != target and not has_reason:
        wanted.append("cancelling the action")
    if current in FINAL_STATUSES and target not in FINAL_STATUSES and not has_reason:
        wanted.append(f"reopening a {label(current).lower()} action")
    problems = {}
    if wanted:
        problems["reason"] = f"Give a reason for {' and for '.join(wanted)}"
    if completed_on is not None and target != ActionStatus.COMPLETE:
        problems["completed_on"] = "Only a complete action has a completion date"
    return problems


@dataclass(frozen=True)
class ActionFacts:
    """What the suggested rating needs to know about one action."""

    reference: str
    status: ActionStatus
    baseline_due: date
    forecast_due: date
    indicative: bool = False


@dataclass(frozen=True)
class Suggestion:
    rating: Rating
    triggers: tuple[str, ...]


def _is_open(action: ActionFacts) -> bool:
    return action.status not in FINAL_STATUSES


def days_overdue(action: ActionFacts, as_of: date) -> int:
    """Days an open action is past its forecast date (0 when not overdue or closed)."""
    if not _is_open(action):
        return 0
    return max(0, (as_of - action.forecast_due).days)


def _refs(actions: Sequence[ActionFacts], limit: int = 3) -> str:
    shown = ", ".join(a.reference for a in actions[:limit])
    return shown + (f" and {len(actions) - limit} more" if len(actions) > limit else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def suggest_rating(actions: Iterable[ActionFacts], as_of: date) -> Suggestion:
    """The rating the actions suggest on ``as_of``, with the triggers that produced it.

    Red: an open action more than 90 days past its forecast date, or at least 3 actions slipped,
    at risk or overdue making up at least a fifth of the open actions.
    Amber: any action slipped, at risk or past its forecast date; a firm (not indicative)
    forecast more than 30 days after its baseline; or no actions at all.
    Green: otherwise (every action complete, cancelled, or on track and within its dates)."""
    actions = list(actions)
    open_actions = [a for a in actions if _is_open(a)]
    overdue = sorted(
        (a for a in open_actions if days_overdue(a, as_of) > 0),
        key=lambda a: -days_overdue(a, as_of),
    )
    slipped = [a for a in open_actions if a.status == ActionStatus.SLIPPED]
    at_risk = [a for a in open_actions if a.status == ActionStatus.AT_RISK]
    late_against_baseline = [
        a
        for a in open_actions
        if not a.indicative and (a.forecast_due - a.baseline_due).days > AMBER_BASELINE_SLIP_DAYS
    ]
    problems = {a.reference for a in [*overdue, *slipped, *at_risk]}
    red: list[str] = []
    amber: list[str] = []
    long_overdue = [a for a in overdue if days_overdue(a, as_of) > RED_OVERDUE_DAYS]
    if long_overdue:
        worst = long_overdue[0]
        red.append(
            f"{_count(len(long_overdue), 'action')} more than {RED_OVERDUE_DAYS} days past "
            f"the forecast date ({worst.reference}: {days_overdue(worst, as_of)} days)"
        )
    if len(problems) >= RED_PROBLEM_COUNT and len(problems) >= RED_PROBLEM_SHARE * len(
        open_actions
    ):
        red.append(
            f"{len(problems)} of {len(open_actions)} open actions slipped, at risk or overdue"
        )
    if slipped:
        amber.append(f"{_count(len(slipped), 'action')} slipped: {_refs(slipped)}")
    if at_risk:
        amber.append(f"{_count(len(at_risk), 'action')} at risk: {_refs(at_risk)}")
    if overdue:
        amber.append(f"{_count(len(overdue), 'action')} past the forecast date: {_refs(overdue)}")
    if late_against_baseline:
        amber.append(
            f"{_count(len(late_against_baseline), 'action')} forecast more than "
            f"{AMBER_BASELINE_SLIP_DAYS} days after the baseline date: "
            f"{_refs(late_against_baseline)}"
        )
    if not actions:
        amber.append("no actions planned yet")
    if red:
        return Suggestion(Rating.RED, tuple(red + amber))
    if amber:
        return Suggestion(Rating.AMBER, tuple(amber))
    done = sum(1 for a in actions if not _is_open(a))
    return Suggestion(
        Rating.GREEN,
        (f"{done} of {len(actions)} actions closed; the rest on track and within their dates",),
    )


def rag_problems(
    *, rating: Rating, rationale: str, mitigation: str, suggested: Rating, override_reason: str
) -> dict[str, str]:
    """Field -> problem for a RAG assessment (empty when acceptable)."""
    problems = {}
    if not rationale.strip():
        problems["rationale"] = "Give the reason for the rating"
    if rating in (Rating.AMBER, Rating.RED) and not mitigation.strip():
        problems["mitigation"] = f"Give the mitigation for a {rating.value} rating"
    if rating != suggested and not override_reason.strip():
        problems["override_reason"] = (
            f"Say why the rating differs from the suggested {suggested.value} rating"
        )
    return problems


@dataclass(frozen=True)
class FindingRef:
    id: int
    kind: str
    text: str


def uncovered_findings(
    findings: Iterable[FindingRef], covered_ids: Iterable[int]
) -> list[FindingRef]:
    """Areas for improvement and of future focus that no action addresses yet."""
    covered = set(covered_ids)
    return [f for f in findings if f.kind in FINDING_KINDS_NEEDING_ACTION and f.id not in covered]


def submit_problem(uncovered: Sequence[FindingRef], exception_reason: str) -> str | None:
    if uncovered and not exception_reason.strip():
        return (
            f"{_count(len(uncovered), 'finding')} needing action "
            f"{'is' if len(uncovered) == 1 else 'are'} not covered by any action: add actions "
            "or record why the plan goes ahead without them"
        )
    return None


@dataclass(frozen=True)
class JournalEntry:
    """One dated update of one action: ``changes`` maps a field to (before, after)."""

    action_id: int
    reference: str
    on: date
    kind: str  # "created" or "updated"
    changes: dict[str, tuple[object, object]]
    reason: str = ""
    note: str = ""


@dataclass(frozen=True)
class RatingAt:
    workstream: str
    on: date
    rating: Rating


@dataclass
class SinceLastReport:
    start: date
    end: date
    new_actions: list[JournalEntry] = field(default_factory=list)
    status_changes: list[JournalEntry] = field(default_factory=list)
    date_changes: list[JournalEntry] = field(default_factory=list)
    completions: list[JournalEntry] = field(default_factory=list)
    slippage: list[JournalEntry] = field(default_factory=list)
    rag_changes: list[tuple[str, Rating | None, Rating]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.new_actions
            or self.status_changes
            or self.date_changes
            or self.completions
            or self.rag_changes
        )


def _later(before: object, after: object) -> bool:
    return isinstance(before, date) and isinstance(after, date) and after > before


def in_force(recorded: Iterable[T], on: date, *, day: Callable[[T], date]) -> T | None:
    """Of ratings in the order they were recorded, the one in force on ``on``: the latest
    reporting date on or before it and, of that date, the latest recorded."""
    found: T | None = None
    for item in recorded:
        if day(item) <= on and (found is None or day(item) >= day(found)):
            found = item
    return found


def rating_on(ratings: Iterable[RatingAt], workstream: str, on: date) -> Rating | None:
    """The rating in force for a workstream on a date."""
    held = in_force((r for r in ratings if r.workstream == workstream), on, day=lambda r: r.on)
    return held.rating if held else None


def since_last_report(
    entries: Iterable[JournalEntry], ratings: Sequence[RatingAt], start: date, end: date
) -> SinceLastReport:
    """What changed after ``start`` up to and including ``end``.

    Slippage: a forecast moved later, or a status moved to slipped."""
    if end < start:
        raise ValueError("the end of the period is before its start")
    report = SinceLastReport(start, end)
    for entry in sorted(entries, key=lambda e: (e.on, e.reference)):
        if not start < entry.on <= end:
            continue
        if entry.kind == "created":
            report.new_actions.append(entry)
            continue
        status = entry.changes.get("status")
        forecast = entry.changes.get("forecast_due")
        if status is not None:
            report.status_changes.append(entry)
            if status[1] == ActionStatus.COMPLETE:
                report.completions.append(entry)
        if forecast is not None:
            report.date_changes.append(entry)
        if (forecast is not None and _later(*forecast)) or (
            status is not None and status[1] == ActionStatus.SLIPPED
        ):
            report.slippage.append(entry)
    for workstream in sorted({r.workstream for r in ratings}):
        before, after = rating_on(ratings, workstream, start), rating_on(ratings, workstream, end)
        if after is not None and after != before:
            report.rag_changes.append((workstream, before, after))
    return report
