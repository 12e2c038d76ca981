"""One row of a framework's table (a KPI as at a date), and everything behind it: what a
page, the API and a highlight report read. Its figures, series and charts are as computed, from
unrounded values; ``withheld`` says which of them disclosure control holds back from the view's
audience, and ``shown_spc`` is the chart as drawn and printed for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from joinedup.monitoring.basis import BASIS_WORDS, DEFAULT_LAG, Basis, Figure
from joinedup.monitoring.direction import DirectionOfTravel, Polarity
from joinedup.monitoring.kpi_charts import DIRECTION_OF, is_proportion
from joinedup.monitoring.plain_words import ASSURANCE
from joinedup.monitoring.series import SeriesPoint
from joinedup.monitoring.spc import Assurance, Direction, Rebase, SpcChart, Variation
from joinedup.monitoring.targets import Target
from joinedup.monitoring.withheld import masked


class TargetStatus(StrEnum):
    """The latest figure against the target, as the page and a paper say it."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_COMPARABLE = "not_comparable"  # the figure is on another basis than the target
    NO_TARGET = "no_target"
    NO_VALUE = "no_value"


@dataclass(frozen=True)
class KpiRow:
    """One row of the framework table, and everything behind it.

    `series` is the chart's; `figure` is the latest figure on the target's basis (the one a
    board reads against the target), with its period (`figure.label`, "Apr-19"). A figure on
    another basis is `comparable` False: never met or not met.
    """

    id: int
    code: str
    name: str
    unit: str
    polarity: Polarity
    target: Target | None
    target_text: str
    source: str  # local or indicator
    indicator_id: str | None
    screen_outliers: bool
    fix_after: int | None
    rebases: tuple[Rebase, ...]
    version: int
    series: tuple[SeriesPoint, ...]
    previous: SeriesPoint | None  # the figure at the last report (or the one before the latest)
    travel: DirectionOfTravel | None
    spc: SpcChart | None  # None with fewer than 2 points
    spc_problem: str  # why there is no chart, or why settings were set aside
    basis: Basis = Basis.MONTH
    expected_lag: int = DEFAULT_LAG
    as_of: date = date.max
    figures: tuple[Figure, ...] = ()
    comparable: bool = True
    p_chart: SpcChart | None = None  # a proportion whose every denominator is known
    small_numbers: str = ""  # a warning when the chart's denominators are small
    chart_shows_target: bool = True
    # Periods (first day, months) disclosure control holds back from this view's audience
    # (the person reading, or a publication), and why: shown as [c], still computed from.
    withheld: frozenset[tuple[date, int]] = frozenset()
    withheld_reason: str = ""

    @property
    def figure_withheld(self) -> bool:
        figure = self.figure
        return figure is not None and (figure.start, figure.months) in self.withheld

    @property
    def travel_withheld(self) -> bool:
        """The change is held back with either figure: with one, it gives the other away."""
        previous = self.previous
        return self.travel is not None and (
            self.figure_withheld
            or (previous is not None and (previous.period, previous.months) in self.withheld)
        )

    @property
    def chart_withheld(self) -> frozenset[date]:
        return frozenset(p.period for p in self.series if (p.period, p.months) in self.withheld)

    @property
    def shown_spc(self) -> SpcChart | None:
        """The XmR chart as drawn and printed for this view's audience (withheld.masked)."""
        return None if self.spc is None else masked(self.spc, self.chart_withheld)

    @property
    def shown_p_chart(self) -> SpcChart | None:
        return None if self.p_chart is None else masked(self.p_chart, self.chart_withheld)

    @property
    def direction(self) -> Direction:
        return DIRECTION_OF[self.polarity]

    @property
    def latest(self) -> SeriesPoint | None:
        return self.series[-1] if self.series else None

    @property
    def figure(self) -> Figure | None:
        return self.figures[-1] if self.figures else None

    @property
    def proportion(self) -> bool:
        return is_proportion(self.unit, self.target)

    @property
    def out_of_date(self) -> bool:
        """The latest figure is older than the KPI's expected lag, read on `as_of`."""
        figure = self.figure
        return figure is not None and figure.out_of_date(self.as_of, self.expected_lag)

    @property
    def target_status(self) -> TargetStatus:
        if self.target is None:
            return TargetStatus.NO_TARGET
        if self.figure is None:
            return TargetStatus.NO_VALUE
        if not self.comparable:
            return TargetStatus.NOT_COMPARABLE
        return TargetStatus.MET if self.target.met(self.figure.value) else TargetStatus.NOT_MET

    @property
    def met(self) -> bool | None:
        """Whether the latest figure meets the target; None without a target or a value, or
        when the figure is on another basis than the target."""
        status = self.target_status
        return (
            None
            if status not in (TargetStatus.MET, TargetStatus.NOT_MET)
            else (status is TargetStatus.MET)
        )

    @property
    def assurance_words(self) -> str:
        """The assurance in words, for pages and papers: a target for other periods than the
        chart's (an annual target over monthly points) gives none, and says why."""
        if self.target is not None and not self.chart_shows_target:
            return (
                f"No assurance: the target applies to {BASIS_WORDS[self.basis]}, and the chart "
                "is of other periods"
            )
        return ASSURANCE[self.spc.assurance] if self.spc else ""

    @property
    def variation(self) -> Variation | None:
        return None if self.spc is None else self.spc.variation

    @property
    def assurance(self) -> Assurance | None:
        return None if self.spc is None else self.spc.assurance
