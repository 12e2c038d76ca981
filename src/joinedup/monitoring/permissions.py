"""Who may read and change an evaluation framework: everyone who can read the system reads it,
its lead (and admins) edit it. Another system's framework is not found, never forbidden, so its
existence is not revealed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access.rules import Permission, Principal
from joinedup.errors import NotFound, PermissionDenied
from joinedup.monitoring.models import Framework, FrameworkPart, Kpi


def readable_framework(session: Session, actor: Principal, area_code: str) -> Framework:
    if not actor.can_read_system(area_code):
        raise NotFound(f"no evaluation framework for {area_code}")
    framework = session.scalar(select(Framework).where(Framework.area_code == area_code))
    if framework is None:
        raise NotFound(f"no evaluation framework for {area_code}")
    return framework


def readable_kpi(session: Session, actor: Principal, kpi_id: int) -> tuple[Kpi, Framework]:
    kpi = session.get(Kpi, kpi_id)
    if kpi is None:
        raise NotFound(f"no KPI {kpi_id}")
    framework = session.get(Framework, kpi.framework_id)
    if framework is None or not actor.can_read_system(framework.area_code):
        raise NotFound(f"no KPI {kpi_id}")
    return kpi, framework


def readable_part(
    session: Session, actor: Principal, part_id: int
) -> tuple[FrameworkPart, Framework]:
    part = session.get(FrameworkPart, part_id)
    if part is None:
        raise NotFound(f"no framework part {part_id}")
    framework = session.get(Framework, part.framework_id)
    if framework is None or not actor.can_read_system(framework.area_code):
        raise NotFound(f"no framework part {part_id}")
    return part, framework


def may_edit(actor: Principal, area_code: str) -> bool:
    return actor.can(Permission.EDIT_KPIS, area_code)


def require_edit(actor: Principal, area_code: str) -> None:
    if not may_edit(actor, area_code):
        raise PermissionDenied("Only the system's leads can change its evaluation framework.")
