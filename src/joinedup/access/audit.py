"""The audit log: every service that changes state writes one row per change."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access.models import AuditEvent
from joinedup.access.rules import Principal


def record(
    session: Session,
    *,
    actor: Principal,
    action: str,
    entity_type: str,
    entity_id: object,
    area_code: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    event = AuditEvent(
        actor_user_id=actor.user_id,
        actor=actor.email,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        area_code=area_code,
        before=before,
        after=after,
        note=note,
    )
    session.add(event)
    return event


def events_for(session: Session, entity_type: str, entity_id: object) -> list[AuditEvent]:
    query = (
        select(AuditEvent)
        .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == str(entity_id))
        .order_by(AuditEvent.id)
    )
    return list(session.scalars(query))
