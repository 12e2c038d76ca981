"""What people read about plans, as frozen values: pages, the API and report builders read these,
never the tables, so nothing is loaded lazily while a page is drawn."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from joinedup.plans import rules
from joinedup.plans.models import Action, ActionUpdate, Plan, RagAssessment, Workstream
from joinedup.plans.rules import FindingRef
from joinedup.plans.schemas import Rating


@dataclass(frozen=True)
class PlanView:
    id: int
    area_code: str
    review_id: int | None
    title: str
    agreed_on: date | None
    planned_end: date | None
    status: str
    is_current: bool
    coverage_exception: str
    created_at: datetime
    version: int

    @classmethod
    def of(cls, plan: Plan) -> PlanView:
        return cls(
            plan.id,
            plan.area_code,
            plan.review_id,
            plan.title,
            plan.agreed_on,
            plan.planned_end,
            plan.status,
            plan.is_current,
            plan.coverage_exception,
            plan.created_at,
            plan.version,
        )


@dataclass(frozen=True)
class WorkstreamView:
    id: int
    plan_id: int
    code: str
    title: str
    responsible_group: str
    leads: str
    version: int = 1

    @classmethod
    def of(cls, w: Workstream) -> WorkstreamView:
        return cls(w.id, w.plan_id, w.code, w.title, w.responsible_group, w.leads, w.version)


@dataclass(frozen=True)
class RagView:
    id: int
    workstream_id: int
    reported_on: date
    rating: str
    rationale: str
    mitigation: str
    suggested: str
    triggers: list[str]
    override_reason: str
    actor: str
    at: datetime

    @classmethod
    def of(cls, r: RagAssessment) -> RagView:
        return cls(
            r.id,
            r.workstream_id,
            r.reported_on,
            r.rating,
            r.rationale,
            r.mitigation,
            r.suggested,
            list(r.triggers),
            r.override_reason,
            r.actor,
            r.at,
        )


@dataclass(frozen=True)
class JournalView:
    """One dated update of one action: ``changes`` maps a field to [before, after]."""

    id: int
    action_id: int
    reported_on: date
    at: datetime
    actor: str
    kind: str
    changes: dict[str, Any]
    reason: str
    note: str
    reference: str = ""

    @classmethod
    def of(cls, e: ActionUpdate, reference: str = "") -> JournalView:
        return cls(
            e.id,
            e.action_id,
            e.reported_on,
            e.at,
            e.actor,
            e.kind,
            dict(e.changes),
            e.reason,
            e.note,
            reference,
        )


@dataclass(frozen=True)
class ActionView:
    id: int
    workstream_id: int
    number: int
    description: str
    owner: str
    baseline_due: date
    forecast_due: date
    indicative: bool
    status: str
    cancel_reason: str
    completed_on: date | None
    progress: str
    updated_on: date
    version: int

    @classmethod
    def of(cls, a: Action) -> ActionView:
        return cls(
            a.id,
            a.workstream_id,
            a.number,
            a.description,
            a.owner,
            a.baseline_due,
            a.forecast_due,
            a.indicative,
            a.status,
            a.cancel_reason,
            a.completed_on,
            a.progress,
            a.updated_on,
            a.version,
        )


@dataclass(frozen=True)
class ActionRow:
    id: int
    reference: str
    description: str
    owner: str
    status: str
    baseline_due: date
    forecast_due: date
    indicative: bool
    completed_on: date | None
    plan_id: int
    workstream_code: str
    workstream_title: str
    days_overdue: int


@dataclass(frozen=True)
class WorkstreamSummary:
    workstream: WorkstreamView
    rag: RagView | None  # the rating in force on the overview's date
    counts: dict[str, int]
    overdue: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class PlanOverview:
    plan: PlanView
    on: date
    workstreams: list[WorkstreamSummary]
    counts: dict[str, int]
    overdue: list[ActionRow]
    overdue_count: int
    may_edit: bool
    plans: list[PlanView] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def ratings(self) -> dict[str, int]:
        tally = {r.value: 0 for r in Rating}
        for summary in self.workstreams:
            if summary.rag is not None:
                tally[summary.rag.rating] += 1
        return tally


@dataclass(frozen=True)
class WorkstreamDetail:
    plan: PlanView
    workstream: WorkstreamView
    actions: list[ActionRow]
    ratings: list[RagView]  # every rating, newest first
    suggestion: rules.Suggestion
    may_update: bool
    on: date
    rating: RagView | None = None  # the rating in force on ``on``
    updates: list[JournalView] = field(default_factory=list)  # the latest, newest first
    members: list[str] = field(default_factory=list)  # emails of the assigned contributors


@dataclass(frozen=True)
class ActionDetail:
    plan: PlanView
    workstream: WorkstreamView
    action: ActionView
    reference: str
    journal: list[JournalView]
    findings: list[FindingRef]
    may_update: bool


@dataclass(frozen=True)
class Coverage:
    findings: list[FindingRef]
    covered_by: dict[int, list[str]]
    uncovered: list[FindingRef]
