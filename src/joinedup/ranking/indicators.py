"""The indicators the ranking knows: polarity, default weight and natural bounds.

Kept in this one table so that it can later be taken from the measure capability through its
service instead (the six interface indicators of DESIGN.md).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorSpec:
    id: str
    higher_is_better: bool
    default_weight: float
    # Values cannot leave these bounds (percentages stay within 0-100); draws are clipped to them.
    lower_bound: float = 0.0
    upper_bound: float | None = None


INDICATORS: dict[str, IndicatorSpec] = {
    spec.id: spec
    for spec in (
        IndicatorSpec("emergency_admissions_65plus", higher_is_better=False, default_weight=1.0),
        IndicatorSpec("los_p90_emergency_65plus", higher_is_better=False, default_weight=1.0),
        # The Department of Health's dashboard weighted delayed transfers of care the highest.
        IndicatorSpec("delayed_days_per_day_18plus", higher_is_better=False, default_weight=2.0),
        IndicatorSpec(
            "reablement_at_home_91d_65plus",
            higher_is_better=True,
            default_weight=1.0,
            upper_bound=100.0,
        ),
        IndicatorSpec(
            "reablement_offered_65plus",
            higher_is_better=True,
            default_weight=1.0,
            upper_bound=100.0,
        ),
        IndicatorSpec(
            "weekend_discharges_emergency",
            higher_is_better=True,
            default_weight=1.0,
            upper_bound=100.0,
        ),
    )
}

ENGLAND = "E92000001"
