"""What the monitoring API answers: frameworks, KPIs with their charts, values entered."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from joinedup.monitoring.series import SeriesPoint
    from joinedup.monitoring.spc_terms import SpcChart
    from joinedup.monitoring.views import FrameworkView, KpiDetail, KpiRow

WITHHELD = "suppressed"  # status of a figure disclosure control holds back from the reader


def _shown(number: float) -> float | None:
    """A number as answered: one held back (not a number in a masked chart) is null."""
    return number if math.isfinite(number) else None


class SpcPointOut(BaseModel):
    date: date
    value: float | None  # null where disclosure control holds the figure back
    mean: float | None  # null, with the limits, in a period of the chart that holds one
    lpl: float | None
    upl: float | None
    point_type: str
    rules: list[str]


class SpcOut(BaseModel):
    kind: str  # xmr, or p (limits from each point's denominator)
    points: list[SpcPointOut]
    variation: str
    assurance: str
    warnings: list[str]

    @classmethod
    def of(cls, chart: SpcChart) -> SpcOut:
        return cls(
            kind=chart.kind.value,
            points=[
                SpcPointOut(
                    date=p.date,
                    value=_shown(p.value),
                    mean=_shown(p.mean),
                    lpl=_shown(p.lpl),
                    upl=_shown(p.upl),
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
    value: float | None  # null when held back: status says why
    status: str = "shown"  # or "suppressed" (disclosure control)

    @classmethod
    def of(cls, point: SeriesPoint, row: KpiRow) -> PointOut:
        if (point.period, point.months) in row.withheld:
            return cls(period=point.period, value=None, status=WITHHELD)
        return cls(period=point.period, value=point.value)


class FigureOut(BaseModel):
    """A figure with its period: "Apr-19", or "May-18 to Apr-19" for a rolling year."""

    period_start: date
    period_end: date
    months: int
    label: str
    value: float | None  # null when held back: status says why
    status: str = "shown"


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
    target_basis: str  # month, quarter, financial_year, financial_year_to_date, rolling12
    expected_lag: int  # months
    source: str
    indicator_id: str | None
    screen_outliers: bool
    fix_after: int | None
    rebases: list[RebaseIO]
    version: int
    latest: PointOut | None  # the chart's latest point
    figure: FigureOut | None  # the latest figure on the target's basis (or, if none, the chart's)
    comparable: bool  # False: the figure is on another basis than the target
    target_status: str  # met, not_met, not_comparable, no_target, no_value
    out_of_date: bool  # the figure is older than the expected lag at as_of
    met: bool | None
    previous: PointOut | None
    since_last_report: TravelOut | None
    variation: str | None
    assurance: str | None
    series: list[PointOut]
    spc: SpcOut | None
    p_chart: SpcOut | None
    small_numbers: str  # a warning when the denominators are small
    chart_shows_target: bool
    status_reason: str = ""  # why figures marked suppressed are held back from this reader

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
            target_basis=row.basis.value,
            expected_lag=row.expected_lag,
            source=row.source,
            indicator_id=row.indicator_id,
            screen_outliers=row.screen_outliers,
            fix_after=row.fix_after,
            rebases=[RebaseIO(at=r.at, reason=r.reason) for r in row.rebases],
            version=row.version,
            latest=PointOut.of(row.latest, row) if row.latest else None,
            figure=FigureOut(
                period_start=row.figure.start,
                period_end=row.figure.end,
                months=row.figure.months,
                label=row.figure.label,
                value=None if row.figure_withheld else row.figure.value,
                status=WITHHELD if row.figure_withheld else "shown",
            )
            if row.figure
            else None,
            comparable=row.comparable,
            target_status=row.target_status.value,
            out_of_date=row.out_of_date,
            met=row.met,
            previous=PointOut.of(row.previous, row) if row.previous else None,
            since_last_report=TravelOut(
                travel=travel.travel.value,
                arrow=travel.arrow,
                change_percent=None if row.travel_withheld else travel.change_percent,
                shown="[c]" if row.travel_withheld else travel.shown,
                words=row.withheld_reason if row.travel_withheld else travel.words,
            )
            if travel
            else None,
            variation=row.variation.value if row.variation else None,
            assurance=row.assurance.value if row.assurance else None,
            series=[PointOut.of(p, row) for p in row.series],
            spc=SpcOut.of(row.shown_spc) if row.shown_spc else None,
            p_chart=SpcOut.of(row.shown_p_chart) if row.shown_p_chart else None,
            small_numbers=row.small_numbers,
            chart_shows_target=row.chart_shows_target,
            status_reason=row.withheld_reason if row.withheld else "",
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
    agreed_on: date | None = None  # when, and by which board, the framework was agreed
    agreed_by: str = ""
    version: int = 1

    @classmethod
    def of(cls, view: FrameworkView) -> FrameworkOut:
        return cls(
            id=view.id,
            area_code=view.area_code,
            title=view.title,
            as_of=view.as_of,
            agreed_on=view.agreed_on,
            agreed_by=view.agreed_by,
            version=view.version,
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
