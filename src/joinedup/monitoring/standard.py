"""The framework a system starts from: Part 1 for its local priorities (empty, for the lead to
fill), Part 2 the NHS Social Care Interface Dashboard with the six indicators linked to their
loaded values and no targets yet (the board sets them)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.metrics import service as metrics
from joinedup.monitoring import editing
from joinedup.monitoring.models import Framework

LOCAL_PART = "Local priorities"
DASHBOARD_PART = "NHS Social Care Interface Dashboard"


def create_standard_framework(
    session: Session, *, actor: Principal, area_code: str, title: str = ""
) -> Framework:
    system = areas.get_system(session, actor=actor, area_code=area_code)
    framework = editing.create_framework(
        session,
        actor=actor,
        area_code=area_code,
        title=title.strip() or f"{system.name} evaluation framework",
    )
    editing.add_part(session, actor=actor, area_code=area_code, number=1, title=LOCAL_PART)
    dashboard = editing.add_part(
        session, actor=actor, area_code=area_code, number=2, title=DASHBOARD_PART
    )
    for letter, indicator in zip("abcdef", metrics.INDICATORS, strict=False):
        editing.add_kpi(
            session,
            actor=actor,
            part_id=dashboard.id,
            code=f"2{letter}",
            name=indicator.title,
            unit=indicator.unit,
            polarity=indicator.polarity.value,
            indicator_id=indicator.id,
        )
    return framework
