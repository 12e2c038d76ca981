"""The API's answers about improvement plans (re-exported by ``joinedup.plans.schemas``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class PlanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    area_code: str
    review_id: int | None
    title: str
    agreed_on: date | None
    planned_end: date | None
    status: str
    is_current: bool
    coverage_exception: str
    version: int


class RagOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    reported_on: date
    rating: str
    rationale: str
    mitigation: str
    suggested: str
    triggers: list[str]
    override_reason: str
    actor: str
    at: datetime


class WorkstreamSummaryOut(BaseModel):
    code: str
    title: str
    responsible_group: str
    leads: str
    rating: RagOut | None
    actions: int
    counts: dict[str, int]
    overdue: int


class ActionRowOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    reference: str
    description: str
    owner: str
    status: str
    baseline_due: date
    forecast_due: date
    indicative: bool
    completed_on: date | None
    workstream_code: str
    days_overdue: int


class PlanOverviewOut(BaseModel):
    plan: PlanOut
    on: date
    workstreams: list[WorkstreamSummaryOut]
    counts: dict[str, int]
    overdue_count: int
    overdue: list[ActionRowOut]


class SuggestionOut(BaseModel):
    rating: str
    triggers: list[str]


class WorkstreamOut(BaseModel):
    code: str
    title: str
    responsible_group: str
    leads: str
    version: int = Field(default=1, description="Send it back to change the workstream")
    suggestion: SuggestionOut
    ratings: list[RagOut]
    actions: list[ActionRowOut]


class JournalOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    reported_on: date
    at: datetime
    actor: str
    kind: str
    changes: dict[str, Any]
    reason: str
    note: str


class FindingOut(BaseModel):
    id: int
    kind: str
    text: str


class ActionOut(BaseModel):
    id: int
    reference: str
    plan_id: int
    workstream_code: str
    description: str
    owner: str
    baseline_due: date
    forecast_due: date
    indicative: bool
    status: str
    cancel_reason: str
    completed_on: date | None
    progress: str
    version: int
    findings: list[FindingOut]
    history: list[JournalOut]


class CoverageOut(BaseModel):
    findings: list[FindingOut]
    covered_by: dict[int, list[str]]
    uncovered: list[FindingOut]


class ChangeOut(BaseModel):
    action_id: int
    reference: str
    on: date
    kind: str
    changes: dict[str, list[Any]]
    reason: str
    note: str


class RagChangeOut(BaseModel):
    workstream: str
    before: str | None
    after: str


class SinceOut(BaseModel):
    start: date
    end: date
    new_actions: list[ChangeOut]
    status_changes: list[ChangeOut]
    date_changes: list[ChangeOut]
    completions: list[ChangeOut]
    slippage: list[ChangeOut]
    rag_changes: list[RagChangeOut]
