"""Evaluation frameworks: read a system's framework and a KPI (values, history, SPC); the
system's lead creates frameworks and KPIs, edits KPIs and records values. Each write takes the
use case's input model; problems come back by field, a stale edit as 409 with what is there now."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from pydantic import ValidationError

from joinedup import clock
from joinedup.errors import InvalidInput
from joinedup.monitoring import service as monitoring
from joinedup.monitoring.schemas import (
    FrameworkAgreedIn,
    FrameworkIn,
    FrameworkOut,
    KpiChange,
    KpiDetailOut,
    KpiIn,
    ReportDates,
    ValueIn,
    ValueOut,
)
from joinedup.web.deps import CurrentUser, SessionDep

router = APIRouter(tags=["monitoring"])


@router.get("/systems/{area_code}/framework")
def get_framework(
    area_code: str,
    session: SessionDep,
    principal: CurrentUser,
    as_of: date | None = None,
    since: date | None = None,
) -> FrameworkOut:
    """The framework as at `as_of` (default today): periods ended by then, each figure with its
    period and basis; `since`: the date of the last report. Dates lie from 1990 to ten years
    ahead."""
    try:
        dates = ReportDates.model_validate({"as_of": as_of, "since": since})
    except ValidationError as error:
        raise InvalidInput.from_validation(error) from None
    view = monitoring.framework_view(
        session,
        actor=principal,
        area_code=area_code,
        as_of=dates.as_of or clock.today(),
        since=dates.since,
    )
    return FrameworkOut.of(view)


@router.post("/systems/{area_code}/framework", status_code=201)
def create_framework(
    area_code: str, body: FrameworkIn, session: SessionDep, principal: CurrentUser
) -> FrameworkOut:
    """A framework with the parts given; an empty title names it after the system."""
    monitoring.create_framework(session, actor=principal, area_code=area_code, framework=body)
    session.commit()
    view = monitoring.framework_view(
        session, actor=principal, area_code=area_code, as_of=clock.today()
    )
    return FrameworkOut.of(view)


@router.put("/systems/{area_code}/framework/agreed")
def record_agreement(
    area_code: str, body: FrameworkAgreedIn, session: SessionDep, principal: CurrentUser
) -> FrameworkOut:
    """When, and by which board, the framework was agreed (a null date: not yet); `version` is
    the framework's version you read (409 if it changed)."""
    monitoring.record_agreement(session, actor=principal, area_code=area_code, change=body)
    session.commit()
    view = monitoring.framework_view(
        session, actor=principal, area_code=area_code, as_of=clock.today()
    )
    return FrameworkOut.of(view)


@router.post("/systems/{area_code}/framework/kpis", status_code=201)
def create_kpi(
    area_code: str, body: KpiIn, session: SessionDep, principal: CurrentUser
) -> KpiDetailOut:
    kpi = monitoring.add_kpi(session, actor=principal, area_code=area_code, kpi=body)
    session.commit()
    return KpiDetailOut.of(monitoring.kpi_detail(session, actor=principal, kpi_id=kpi.id))


@router.get("/kpis/{kpi_id}")
def get_kpi(kpi_id: int, session: SessionDep, principal: CurrentUser) -> KpiDetailOut:
    return KpiDetailOut.of(monitoring.kpi_detail(session, actor=principal, kpi_id=kpi_id))


@router.patch("/kpis/{kpi_id}")
def update_kpi(
    kpi_id: int, body: KpiChange, session: SessionDep, principal: CurrentUser
) -> KpiDetailOut:
    """Change what is given; `version` is the KPI's version you read (409 if it changed)."""
    monitoring.update_kpi(session, actor=principal, kpi_id=kpi_id, change=body)
    session.commit()
    return KpiDetailOut.of(monitoring.kpi_detail(session, actor=principal, kpi_id=kpi_id))


@router.post("/kpis/{kpi_id}/values", status_code=201)
def record_value(
    kpi_id: int, body: ValueIn, session: SessionDep, principal: CurrentUser
) -> ValueOut:
    """Enter a period's value, or correct it (the earlier value stays on record)."""
    row = monitoring.record_value(session, actor=principal, kpi_id=kpi_id, entry=body, source="API")
    session.commit()
    if row is None:
        return ValueOut(period=body.period, value=body.value, version=body.version, changed=False)
    return ValueOut(period=row.period, value=row.value, version=row.version, changed=True)
