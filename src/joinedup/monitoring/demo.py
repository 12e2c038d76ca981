"""Oxfordshire's demo evaluation framework, shaped like the one its board reads (seed 003).

Part 1 holds the seven local priorities (1a-1g) with the targets as the board wrote them and
monthly values from April 2017 (story dates, moved by the timeline) to the last complete month,
made deterministically: common-cause noise around a level, plus the special causes a board should
be shown (a run of falling delays in 1c through the winter of 2018-19, one unusual month in 1e, a
step up in discharge hours in 1f that shows as a shift, and one in reablement hours in 1g,
rebased with its reason). 1a and 1b miss their targets consistently: the targets lie beyond the
process limits. January 2019 holds the figures of the Board's March 2019 paper and April 2019
those of its June 2019 paper (seed 003), so the change since the last paper reads as it does
there. January's delays (1c) were corrected after entry, to show a history of edits.

Part 2 holds the six interface indicators, linked to the stored (synthetic) monthly values, with
the board's targets.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access import service as access
from joinedup.access.rules import OPERATOR
from joinedup.monitoring import editing, recording
from joinedup.monitoring.basis import Basis
from joinedup.monitoring.direction import Polarity
from joinedup.monitoring.models import Framework, Kpi
from joinedup.monitoring.schemas import FrameworkIn, KpiIn, PartIn, RebaseIn, ValueIn
from joinedup.monitoring.values_file import PeriodValue
from joinedup.timeline import Timeline

OXFORDSHIRE = "E10000025"
LEAD_EMAIL = "lead@oxfordshire.demo.joinedup.test"
FIRST = date(2017, 4, 1)  # story date of the first value
AGREED_ON = date(2018, 11, 15)  # story date the Board agreed the framework
# Story months (from FIRST) holding the figures of the Board's papers of March and June 2019.
MARCH_PAPER, JUNE_PAPER = 21, 24  # January and April 2019
SEED = 3
LOWER, HIGHER = Polarity.LOWER_IS_BETTER.value, Polarity.HIGHER_IS_BETTER.value


@dataclass(frozen=True)
class LocalKpi:
    code: str
    name: str
    unit: str
    polarity: str
    target: str
    level: float
    noise: float
    last_two: tuple[float, float]  # the March and June 2019 papers' figures
    digits: int = 0


LOCAL: tuple[LocalKpi, ...] = (
    LocalKpi(
        "1a",
        "Fewer avoidable emergency admissions for conditions that should not usually need a "
        "hospital stay",
        "admissions",
        LOWER,
        "997 or fewer",
        1225,
        30,
        (1206, 1218),
    ),
    LocalKpi(
        "1b",
        "People who spend less than 4 hours in total in A&E",
        "%",
        HIGHER,
        "95% or above",
        88,
        0.8,
        (88, 87),
        1,
    ),
    LocalKpi(
        "1c",
        "Fewer people delayed in hospital, on average",
        "people",
        LOWER,
        "83 or fewer",
        128,
        4,
        (112, 95),  # January's provisional count, corrected to 114.5 below
        1,
    ),
    LocalKpi(
        "1d",
        "Providers rated outstanding or good by CQC stay above the national average",
        "%",
        HIGHER,
        "86% or above",
        91,
        0.7,
        (92, 92),
    ),
    LocalKpi(
        "1e",
        "Older people placed in a care home each week",
        "people per week",
        LOWER,
        "16.5 or fewer",
        14,
        1.3,
        (16, 11.5),
        1,
    ),
    LocalKpi(
        "1f",
        "More hours from the hospital discharge and reablement service",
        "hours",
        HIGHER,
        "8920 or above",
        8300,
        260,
        (8038, 8842),
    ),
    LocalKpi(
        "1g",
        "More hours of reablement",
        "hours",
        HIGHER,
        "5750 or above",
        5150,
        110,
        (5260, 5944),
    ),
)

# (code, indicator id, name as the board paper words it, target as written)
LINKED: tuple[tuple[str, str, str, str], ...] = (
    (
        "2a",
        "emergency_admissions_65plus",
        "Emergency admissions (65+) per 100,000 of the 65+ population",
        "24550 or fewer",
    ),
    (
        "2b",
        "los_p90_emergency_65plus",
        "90th percentile of length of stay for emergency admissions (65+)",
        "18 or below",
    ),
    (
        "2c",
        "delayed_days_per_day_18plus",
        "Total delayed days per day per 100,000 of the 18+ population",
        "83 or fewer",
    ),
    (
        "2d",
        "reablement_at_home_91d_65plus",
        "Older people (65+) still at home 91 days after discharge from hospital into "
        "reablement / rehabilitation services",
        "85% or above",
    ),
    (
        "2e",
        "reablement_offered_65plus",
        "Older people (65+) discharged from hospital who receive reablement / rehabilitation "
        "services",
        "3.3% or above",
    ),
    (
        "2f",
        "weekend_discharges_emergency",
        "Discharges following emergency admissions which occur at the weekend",
        "18.86% or above",
    ),
)
# The period each Part 2 target is written for: the interface dashboard's emergency admissions
# of people aged 65+ are a rate for a year (about 20,000-25,000 per 100,000), read on a rolling
# 12 months; the others are rates per day, percentiles and proportions, read for each month.
TARGET_BASES = {"2a": Basis.ROLLING12}
REBASE_1G = RebaseIn(
    at=date(2019, 4, 1), reason="new reablement contract from April 2019 adds hours"
)
INDICATOR_UNITS = {
    "emergency_admissions_65plus": "per 100,000 aged 65+",
    "los_p90_emergency_65plus": "days",
    "delayed_days_per_day_18plus": "per day per 100,000 aged 18+",
}


def month(index: int, timeline: Timeline | None = None) -> date:
    """The first day of the month ``index`` months after April 2017, moved by the timeline."""
    total = FIRST.month - 1 + index
    first = date(FIRST.year + total // 12, total % 12 + 1, 1)
    return timeline.move(first) if timeline is not None else first


def entered(period: date, timeline: Timeline) -> datetime:
    """When a month's value was entered: on the 10th of the month after (by today at the
    latest), so that the values as they stood on any day read from the history as they were."""
    following = date(period.year + period.month // 12, period.month % 12 + 1, 10)
    return datetime.combine(min(following, timeline.today), time(9), tzinfo=UTC)


def months_to_show(timeline: Timeline) -> int:
    """How many months of values exist by the timeline's today: to the last complete month."""
    first, last = timeline.move(FIRST), timeline.last_complete_month
    return max(0, (last.year - first.year) * 12 + last.month - first.month + 1)


def series(kpi: LocalKpi, rng: random.Random, months: int) -> list[float]:
    """Monthly values: noise around the level, the special causes, the papers' figures."""
    values = [kpi.level + rng.gauss(0, kpi.noise) for _ in range(max(months, JUNE_PAPER + 1))]
    if kpi.code == "1c":  # delays fall month on month through the winter, then stay lower
        values[16:21] = [127.0, 125.5, 123.0, 121.5, 119.0]
        values[22:24] = [108.0, 101.0]
        values[25:] = [v - 30 for v in values[25:]]
    if kpi.code == "1e":  # one unusual month: a care home closed and its residents moved
        values[20] = 23.5
    if kpi.code == "1f":  # a discharge to assess pathway from March 2019 (not rebased)
        values[23:] = [v + 480 for v in values[23:]]
    if kpi.code == "1g":  # a new reablement contract from April 2019 adds hours
        values[24:] = [v + 560 for v in values[24:]]
    values[MARCH_PAPER], values[JUNE_PAPER] = kpi.last_two
    return [round(v, kpi.digits) for v in values[:months]]


def build(session: Session, timeline: Timeline) -> Framework:
    """The framework, its 13 KPIs and the local values to the last complete month."""
    months = months_to_show(timeline)
    framework = editing.create_framework(
        session,
        actor=OPERATOR,
        area_code=OXFORDSHIRE,
        framework=FrameworkIn(
            title="Oxfordshire evaluation framework",
            parts=[
                PartIn(
                    number=1, title="Joint Health and Wellbeing Strategy and current priorities"
                ),
                PartIn(number=2, title="NHS Social Care Interface Dashboard"),
            ],
        ),
    )
    # Seed 003: the framework was agreed at the Health and Wellbeing Board in November 2018,
    # that is at its meeting of 15 November 2018.
    agreed = timeline.move(AGREED_ON)
    if timeline.happened(agreed):
        framework.agreed_on = agreed
        framework.agreed_by = "Oxfordshire Health and Wellbeing Board"
    rng = random.Random(SEED)
    for spec in LOCAL:
        kpi = editing.add_kpi(
            session,
            actor=OPERATOR,
            area_code=OXFORDSHIRE,
            kpi=KpiIn(
                part=1,
                code=spec.code,
                name=spec.name,
                unit=spec.unit,
                polarity=spec.polarity,
                target=spec.target,
                rebases=[_rebase_1g(timeline)] if spec.code == "1g" and months > 24 else [],
            ),
        )
        values = series(spec, rng, months)
        if values:
            recording.record_values(
                session,
                actor=OPERATOR,
                kpi_id=kpi.id,
                values=[
                    PeriodValue(
                        month(i, timeline), v, recorded_at=entered(month(i, timeline), timeline)
                    )
                    for i, v in enumerate(values)
                ],
                source="monthly performance return",
            )
    for code, indicator_id, name, target in LINKED:
        editing.add_kpi(
            session,
            actor=OPERATOR,
            area_code=OXFORDSHIRE,
            kpi=KpiIn(
                part=2,
                code=code,
                name=name,
                unit=INDICATOR_UNITS.get(indicator_id, "%"),
                polarity=LOWER if indicator_id in INDICATOR_UNITS else HIGHER,
                target=target,
                target_basis=TARGET_BASES.get(code, Basis.MONTH),
                indicator_id=indicator_id,
            ),
        )
    if months > MARCH_PAPER:
        _correct_one_value(session, framework, timeline)
    return framework


def _rebase_1g(timeline: Timeline) -> RebaseIn:
    return RebaseIn(at=timeline.move(REBASE_1G.at), reason=REBASE_1G.reason)


def _correct_one_value(session: Session, framework: Framework, timeline: Timeline) -> None:
    """The lead corrects January 2019's delays once the validated figure arrives, before the
    March 2019 paper."""
    lead = access.principal_for(access.get_user(session, LEAD_EMAIL))
    kpi_id = session.scalar(
        select(Kpi.id).where(Kpi.framework_id == framework.id, Kpi.code == "1c")
    )
    assert kpi_id is not None
    period = month(MARCH_PAPER, timeline)
    entry = ValueIn(
        period=period,
        value=114.5,
        version=1,
        note="Validated figure from the discharge team replaces the provisional count",
    )
    # After the first entry, before the paper (and never after today).
    corrected = min(
        entered(period, timeline).replace(day=28),
        datetime.combine(timeline.today, time(9), tzinfo=UTC),
    )
    recording.record_values(
        session,
        actor=lead,
        kpi_id=kpi_id,
        values=[PeriodValue(entry.period, entry.value, entry.version, entry.note, corrected)],
        source="web form",
    )
