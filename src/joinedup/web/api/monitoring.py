"""Evaluation frameworks: read a system's framework and a KPI (values, history, SPC); the
system's lead creates frameworks and KPIs, edits KPIs and records values."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter

from joinedup.monitoring import service as monitoring
from joinedup.monitoring.schemas import (
    FrameworkBody,
    FrameworkOut,
    KpiBody,
    KpiDetailOut,
    KpiUpdateBody,
    ValueBody,
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
    """The framework as at `as_of` (default today); `since`: the date of the last report."""
    view = monitoring.framework_view(
        session, actor=principal, area_code=area_code, as_of=as_of or date.today(), since=since
    )
    return FrameworkOut.of(view)


@router.post("/systems/{area_code}/framework", status_code=201)
def create_framework(
    area_code: str, body: FrameworkBody, session: SessionDep, principal: CurrentUser
) -> FrameworkOut:
    monitoring.create_framework(session, actor=principal, area_code=area_code, title=body.title)
    for part in body.parts:
        monitoring.add_part(
            session, actor=principal, area_code=area_code, number=part.number, title=part.title
        )
    session.commit()
    view = monitoring.framework_view(
        session, actor=principal, area_code=area_code, as_of=date.today()
    )
    return FrameworkOut.of(view)


@router.post("/systems/{area_code}/framework/kpis", status_code=201)
def create_kpi(
    area_code: str, body: KpiBody, session: SessionDep, principal: CurrentUser
) -> KpiDetailOut:
    view = monitoring.framework_view(
        session, actor=principal, area_code=area_code, as_of=date.today()
    )
    part = monitoring.part_by_number(view, body.part)
    kpi = monitoring.add_kpi(
        session,
        actor=principal,
        part_id=part.id,
        code=body.code,
        name=body.name,
        unit=body.unit,
        polarity=body.polarity,
        target_text=body.target,
        indicator_id=body.indicator_id,
        screen_outliers=body.screen_outliers,
        fix_after=body.fix_after,
        rebases=[monitoring.Rebase(r.at, r.reason) for r in body.rebases],
    )
    session.commit()
    return KpiDetailOut.of(monitoring.kpi_detail(session, actor=principal, kpi_id=kpi.id))


@router.get("/kpis/{kpi_id}")
def get_kpi(kpi_id: int, session: SessionDep, principal: CurrentUser) -> KpiDetailOut:
    return KpiDetailOut.of(monitoring.kpi_detail(session, actor=principal, kpi_id=kpi_id))


@router.patch("/kpis/{kpi_id}")
def update_kpi(
    kpi_id: int, body: KpiUpdateBody, session: SessionDep, principal: CurrentUser
) -> KpiDetailOut:
    """Change what is given; `version` is the KPI's version you read (409 if it changed)."""
    fix_after: int | str | None = "unchanged"
    if body.clear_fix_after:
        fix_after = None
    elif body.fix_after is not None:
        fix_after = body.fix_after
    monitoring.update_kpi(
        session,
        actor=principal,
        kpi_id=kpi_id,
        version=body.version,
        name=body.name,
        unit=body.unit,
        polarity=body.polarity,
        target_text=body.target,
        screen_outliers=body.screen_outliers,
        fix_after=fix_after,
        rebases=(
            None
            if body.rebases is None
            else [monitoring.Rebase(r.at, r.reason) for r in body.rebases]
        ),
    )
    session.commit()
    return KpiDetailOut.of(monitoring.kpi_detail(session, actor=principal, kpi_id=kpi_id))


@router.post("/kpis/{kpi_id}/values", status_code=201)
def record_value(
    kpi_id: int, body: ValueBody, session: SessionDep, principal: CurrentUser
) -> ValueOut:
    """Enter a period's value, or correct it (the earlier value stays on record)."""
    row = monitoring.record_value(
        session,
        actor=principal,
        kpi_id=kpi_id,
        period=body.period,
        value=body.value,
        version=body.version,
        note=body.note,
        source="API",
    )
    session.commit()
    if row is None:
        return ValueOut(period=body.period, value=body.value, version=body.version, changed=False)
    return ValueOut(period=row.period, value=row.value, version=row.version, changed=True)
