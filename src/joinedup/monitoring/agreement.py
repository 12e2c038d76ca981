"""When, and by which board, a system's evaluation framework was agreed: recorded by its lead
(a versioned edit, audited), read by the papers that tell the system's history."""

from __future__ import annotations

from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import StaleEdit
from joinedup.monitoring.models import Framework
from joinedup.monitoring.permissions import readable_framework, require_edit
from joinedup.monitoring.schemas import FrameworkAgreedIn
from joinedup.store.versioning import expect_version, flush_versioned


def _now(session: Session, framework_id: int) -> dict[str, object]:
    row = session.get(Framework, framework_id, populate_existing=True)
    if row is None:  # pragma: no cover - frameworks are never deleted
        return {}
    return {
        "agreed_on": row.agreed_on.isoformat() if row.agreed_on else "",
        "agreed_by": row.agreed_by,
        "version": row.version,
    }


def record_agreement(
    session: Session, *, actor: Principal, area_code: str, change: FrameworkAgreedIn
) -> Framework:
    """The date the framework was agreed and the board that agreed it."""
    framework = readable_framework(session, actor, area_code)
    require_edit(actor, area_code)

    def stale() -> StaleEdit:
        return StaleEdit(
            "Somebody changed when this framework was agreed since you loaded it; check what it "
            "says now and save again.",
            current=_now(session, framework.id),
        )

    before = {
        "agreed_on": framework.agreed_on.isoformat() if framework.agreed_on else None,
        "agreed_by": framework.agreed_by,
    }
    expect_version(framework, change.version, stale=stale)
    framework.agreed_on = change.agreed_on
    framework.agreed_by = change.agreed_by
    flush_versioned(session, stale=stale)
    audit.record(
        session,
        actor=actor,
        action="monitoring.framework.agreed",
        entity_type="framework",
        entity_id=framework.id,
        area_code=area_code,
        before=before,
        after={
            "agreed_on": change.agreed_on.isoformat() if change.agreed_on else None,
            "agreed_by": change.agreed_by,
        },
    )
    return framework
