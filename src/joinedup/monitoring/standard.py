"""The framework a system starts from: Part 1 for its local priorities (empty, for the lead to
fill), Part 2 the NHS Social Care Interface Dashboard with the six indicators linked to their
loaded values and no targets yet (the board sets them)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.monitoring import editing
from joinedup.monitoring.models import Framework
from joinedup.monitoring.schemas import FrameworkIn, KpiIn, PartIn

LOCAL_PART = "Local priorities"
DASHBOARD_PART = "NHS Social Care Interface Dashboard"
INTERFACE_INDICATORS = (  # the dashboard's six, in its order
    "emergency_admissions_65plus",
    "los_p90_emergency_65plus",
    "delayed_days_per_day_18plus",
    "reablement_at_home_91d_65plus",
    "reablement_offered_65plus",
    "weekend_discharges_emergency",
)


def create_standard_framework(
    session: Session, *, actor: Principal, area_code: str, framework: FrameworkIn
) -> Framework:
    """The framework a system starts from (the parts given are not used: these are)."""
    from joinedup.metrics import service as metrics  # loaded when used: the CLI starts faster

    created = editing.create_framework(
        session,
        actor=actor,
        area_code=area_code,
        framework=FrameworkIn(
            title=framework.title,
            parts=[PartIn(number=1, title=LOCAL_PART), PartIn(number=2, title=DASHBOARD_PART)],
        ),
    )
    for letter, indicator_id in zip("abcdef", INTERFACE_INDICATORS, strict=True):
        indicator = metrics.indicator(indicator_id)
        editing.add_kpi(
            session,
            actor=actor,
            area_code=area_code,
            kpi=KpiIn(
                part=2,
                code=f"2{letter}",
                name=indicator.title,
                unit=indicator.unit,
                polarity=indicator.polarity.value,
                indicator_id=indicator.id,
            ),
        )
    return created
