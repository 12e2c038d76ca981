"""What the monitoring API answers: frameworks, KPIs with their charts, values entered."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from joinedup.monitoring.spc_terms import SpcChart
    from joinedup.monitoring.views import FrameworkView, KpiDetail, KpiRow


class SpcPointOut(BaseModel):
    date: date
    value: float
    mean: float
    lpl: float
    upl: float
    point_type: str
    rules: list[str]


class SpcOut(BaseModel):
    points: list[SpcPointOut]
    variation: str
    assurance: str
    warnings: list[str]

    @classmethod
    def of(cls, chart: SpcChart) -> SpcOut:
        return cls(
            points=[
                SpcPointOut(
                    date=p.date,
                    value=p.value,
                    mean=p.mean,
                    lpl=p.lpl,
                    upl=p.upl,
                    point_type=p.point_type.value,
                    rules=[r.value for r in p.rules],
                )
                for p in chart.points
            ],
            variation=chart.variation.value,
            assurance=chart.assurance.value,
            warnings=list(chart.warnings),
        )


class RebaseIO(BaseModel):
    at: date
    reason: str = Field(min_length=1, max_length=300)


class TravelOut(BaseModel):
    travel: str  # improving, worsening, unchanged (higher, lower for neutral measures)
    arrow: str
    change_percent: float | None
    shown: str  # as the board paper prints it: "↑ (17%)"
    words: str


class PointOut(BaseModel):
    period: date
    value: float


class KpiOut(BaseModel):
    id: int
    code: str
    name: str
    unit: str
    polarity: str
    target: str | None  # as written
    target_comparator: str | None
    target_value: float | None
    target_upper: float | None
    source: str
    indicator_id: str | None
    screen_outliers: bool
    fix_after: int | None
    rebases: list[RebaseIO]
    version: int
    latest: PointOut | None
    met: bool | None
    previous: PointOut | None
    since_last_report: TravelOut | None
    variation: str | None
    assurance: str | None
    series: list[PointOut]
    spc: SpcOut | None

    @classmethod
    def of(cls, row: KpiRow) -> KpiOut:
        travel = row.travel
        return cls(
            id=row.id,
            code=row.code,
            name=row.name,
            unit=row.unit,
            polarity=row.polarity.value,
            target=row.target_text or None,
            target_comparator=row.target.comparator.value if row.target else None,
            target_value=row.target.value if row.target else None,
            target_upper=row.target.upper if row.target else None,
            source=row.source,
            indicator_id=row.indicator_id,
            screen_outliers=row.screen_outliers,
            fix_after=row.fix_after,
            rebases=[RebaseIO(at=r.at, reason=r.reason) for r in row.rebases],
            version=row.version,
            latest=PointOut(period=row.latest.period, value=row.latest.value)
            if row.latest
            else None,
            met=row.met,
            previous=PointOut(period=row.previous.period, value=row.previous.value)
            if row.previous
            else None,
            since_last_report=TravelOut(
                travel=travel.travel.value,
                arrow=travel.arrow,
                change_percent=travel.change_percent,
                shown=travel.shown,
                words=travel.words,
            )
            if travel
            else None,
            variation=row.variation.value if row.variation else None,
            assurance=row.assurance.value if row.assurance else None,
            series=[PointOut(period=p.period, value=p.value) for p in row.series],
            spc=SpcOut.of(row.spc) if row.spc else None,
        )


class PartOut(BaseModel):
    id: int
    number: int
    title: str
    kpis: list[KpiOut]


class FrameworkOut(BaseModel):
    id: int
    area_code: str
    title: str
    as_of: date
    parts: list[PartOut]

    @classmethod
    def of(cls, view: FrameworkView) -> FrameworkOut:
        return cls(
            id=view.id,
            area_code=view.area_code,
            title=view.title,
            as_of=view.as_of,
            parts=[
                PartOut(
                    id=p.id,
                    number=p.number,
                    title=p.title,
                    kpis=[KpiOut.of(k) for k in p.kpis],
                )
                for p in view.parts
            ],
        )


class ValueEntryOut(BaseModel):
    value: float | None
    version: int
    note: str
    source: str
    at: datetime
    actor: str


class PeriodHistoryOut(BaseModel):
    period: date
    current: ValueEntryOut
    earlier: list[ValueEntryOut]


class KpiDetailOut(BaseModel):
    area_code: str
    part: str
    kpi: KpiOut
    history: list[PeriodHistoryOut]

    @classmethod
    def of(cls, detail: KpiDetail) -> KpiDetailOut:
        def entry(e: object) -> ValueEntryOut:
            return ValueEntryOut.model_validate(e, from_attributes=True)

        return cls(
            area_code=detail.area_code,
            part=detail.part_title,
            kpi=KpiOut.of(detail.row),
            history=[
                PeriodHistoryOut(
                    period=h.period,
                    current=entry(h.current),
                    earlier=[entry(e) for e in h.earlier],
                )
                for h in detail.history
            ],
        )


class ValueOut(BaseModel):
    period: date
    value: float | None
    version: int
    changed: bool  # False when the value was already the current one
