"""Improvement plans through the API: the same reads and writes as the pages."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from fastapi import APIRouter

from joinedup.plans import service as plans
from joinedup.plans.schemas import (
    ActionChange,
    ActionIn,
    ActionOut,
    ActionRowOut,
    ChangeOut,
    CoverageOut,
    FindingOut,
    JournalOut,
    PlanDetailsChange,
    PlanIn,
    PlanOut,
    PlanOverviewOut,
    PlanStatusIn,
    RagChangeOut,
    RagIn,
    RagOut,
    SinceOut,
    SuggestionOut,
    WorkstreamChange,
    WorkstreamIn,
    WorkstreamOut,
    WorkstreamSummaryOut,
)
from joinedup.web.deps import CurrentUser, SessionDep

router = APIRouter(tags=["plans"])


def _row(row: plans.ActionRow) -> ActionRowOut:
    return ActionRowOut.model_validate(row)


@router.get("/systems/{area_code}/plans")
def list_plans(area_code: str, session: SessionDep, principal: CurrentUser) -> list[PlanOut]:
    found = plans.plans_of(session, actor=principal, area_code=area_code)
    return [PlanOut.model_validate(p) for p in found]


@router.post("/systems/{area_code}/plans", status_code=201)
def create_plan(
    area_code: str, body: PlanIn, session: SessionDep, principal: CurrentUser
) -> PlanOut:
    """A new draft plan, which becomes the system's current plan."""
    plan = plans.create_plan(session, actor=principal, area_code=area_code, change=body)
    session.commit()
    return PlanOut.model_validate(plan)


@router.post("/plans/{plan_id}/workstreams", status_code=201)
def add_workstream(
    plan_id: int, body: WorkstreamIn, session: SessionDep, principal: CurrentUser
) -> WorkstreamOut:
    workstream = plans.add_workstream(session, actor=principal, plan_id=plan_id, change=body)
    session.commit()
    return get_workstream(plan_id, workstream.code, session, principal)


@router.get("/plans/{plan_id}")
def get_plan(plan_id: int, session: SessionDep, principal: CurrentUser) -> PlanOverviewOut:
    overview = plans.plan_overview(session, actor=principal, plan_id=plan_id)
    return PlanOverviewOut(
        plan=PlanOut.model_validate(overview.plan),
        on=overview.on,
        workstreams=[
            WorkstreamSummaryOut(
                code=s.workstream.code,
                title=s.workstream.title,
                responsible_group=s.workstream.responsible_group,
                leads=s.workstream.leads,
                rating=RagOut.model_validate(s.rag) if s.rag else None,
                actions=s.total,
                counts=s.counts,
                overdue=s.overdue,
            )
            for s in overview.workstreams
        ],
        counts=overview.counts,
        overdue_count=overview.overdue_count,
        overdue=[_row(r) for r in overview.overdue],
    )


@router.post("/plans/{plan_id}/status")
def set_status(
    plan_id: int, body: PlanStatusIn, session: SessionDep, principal: CurrentUser
) -> PlanOut:
    plan = plans.set_plan_status(session, actor=principal, plan_id=plan_id, change=body)
    session.commit()
    return PlanOut.model_validate(plan)


@router.get("/plans/{plan_id}/workstreams/{code}")
def get_workstream(
    plan_id: int, code: str, session: SessionDep, principal: CurrentUser
) -> WorkstreamOut:
    detail = plans.workstream_detail(session, actor=principal, plan_id=plan_id, code=code)
    w = detail.workstream
    return WorkstreamOut(
        code=w.code,
        title=w.title,
        responsible_group=w.responsible_group,
        leads=w.leads,
        version=w.version,
        suggestion=SuggestionOut(
            rating=detail.suggestion.rating.value, triggers=list(detail.suggestion.triggers)
        ),
        ratings=[RagOut.model_validate(r) for r in detail.ratings],
        actions=[_row(r) for r in detail.actions],
    )


@router.patch("/plans/{plan_id}")
def edit_plan(
    plan_id: int, body: PlanDetailsChange, session: SessionDep, principal: CurrentUser
) -> PlanOut:
    """Correct the plan's title and dates (send the version you loaded; a stale one is 409)."""
    plan = plans.edit_plan(session, actor=principal, plan_id=plan_id, change=body)
    session.commit()
    return PlanOut.model_validate(plan)


@router.patch("/plans/{plan_id}/workstreams/{code}")
def edit_workstream(
    plan_id: int, code: str, body: WorkstreamChange, session: SessionDep, principal: CurrentUser
) -> WorkstreamOut:
    """Correct the workstream's title, lead and responsible group (its code stays)."""
    found = plans.workstream_by_code(session, actor=principal, plan_id=plan_id, code=code)
    plans.edit_workstream(session, actor=principal, workstream_id=found.id, change=body)
    session.commit()
    return get_workstream(plan_id, found.code, session, principal)


@router.post("/plans/{plan_id}/workstreams/{code}/rag", status_code=201)
def record_rag(
    plan_id: int, code: str, body: RagIn, session: SessionDep, principal: CurrentUser
) -> RagOut:
    workstream = plans.workstream_by_code(session, actor=principal, plan_id=plan_id, code=code)
    assessment = plans.record_rag(
        session, actor=principal, workstream_id=workstream.id, change=body
    )
    session.commit()
    return RagOut.model_validate(assessment)


@router.post("/plans/{plan_id}/workstreams/{code}/actions", status_code=201)
def add_action(
    plan_id: int, code: str, body: ActionIn, session: SessionDep, principal: CurrentUser
) -> ActionOut:
    workstream = plans.workstream_by_code(session, actor=principal, plan_id=plan_id, code=code)
    action = plans.add_action(session, actor=principal, workstream_id=workstream.id, change=body)
    session.commit()
    return _action(session, principal, action.id)


def _action(session: SessionDep, principal: CurrentUser, action_id: int) -> ActionOut:
    detail = plans.action_detail(session, actor=principal, action_id=action_id)
    a = detail.action
    return ActionOut(
        id=a.id,
        reference=detail.reference,
        plan_id=detail.plan.id,
        workstream_code=detail.workstream.code,
        description=a.description,
        owner=a.owner,
        baseline_due=a.baseline_due,
        forecast_due=a.forecast_due,
        indicative=a.indicative,
        status=a.status,
        cancel_reason=a.cancel_reason,
        completed_on=a.completed_on,
        progress=a.progress,
        version=a.version,
        findings=[FindingOut(id=f.id, kind=f.kind, text=f.text) for f in detail.findings],
        history=[JournalOut.model_validate(e) for e in detail.journal],
    )


@router.get("/actions/{action_id}")
def get_action(action_id: int, session: SessionDep, principal: CurrentUser) -> ActionOut:
    return _action(session, principal, action_id)


@router.patch("/actions/{action_id}")
def update_action(
    action_id: int, body: ActionChange, session: SessionDep, principal: CurrentUser
) -> ActionOut:
    """One dated update; a stale ``version`` answers 409 with the current values and the
    changes made since that version."""
    plans.update_action(session, actor=principal, action_id=action_id, change=body)
    session.commit()
    return _action(session, principal, action_id)


@router.get("/plans/{plan_id}/overdue")
def overdue(plan_id: int, session: SessionDep, principal: CurrentUser) -> list[ActionRowOut]:
    return [_row(r) for r in plans.overdue_actions(session, actor=principal, plan_id=plan_id)]


@router.get("/plans/{plan_id}/slipped")
def slipped(plan_id: int, session: SessionDep, principal: CurrentUser) -> list[ActionRowOut]:
    return [_row(r) for r in plans.slipped_actions(session, actor=principal, plan_id=plan_id)]


@router.get("/plans/{plan_id}/coverage")
def coverage(plan_id: int, session: SessionDep, principal: CurrentUser) -> CoverageOut:
    found = plans.coverage(session, actor=principal, plan_id=plan_id)
    return CoverageOut(
        findings=[FindingOut(**asdict(f)) for f in found.findings],
        covered_by=found.covered_by,
        uncovered=[FindingOut(**asdict(f)) for f in found.uncovered],
    )


def _change(entry: object) -> ChangeOut:
    return ChangeOut.model_validate(entry, from_attributes=True)


@router.get("/plans/{plan_id}/since")
def since(
    plan_id: int, start: date, end: date, session: SessionDep, principal: CurrentUser
) -> SinceOut:
    report = plans.since_last_report(
        session, actor=principal, plan_id=plan_id, start=start, end=end
    )
    return SinceOut(
        start=report.start,
        end=report.end,
        new_actions=[_change(e) for e in report.new_actions],
        status_changes=[_change(e) for e in report.status_changes],
        date_changes=[_change(e) for e in report.date_changes],
        completions=[_change(e) for e in report.completions],
        slippage=[_change(e) for e in report.slippage],
        rag_changes=[
            RagChangeOut(workstream=w, before=b.value if b else None, after=a.value)
            for w, b, a in report.rag_changes
        ],
    )


@router.get("/my-actions")
def my_actions(session: SessionDep, principal: CurrentUser) -> list[ActionRowOut]:
    return [_row(r) for r in plans.my_actions(session, actor=principal)]
