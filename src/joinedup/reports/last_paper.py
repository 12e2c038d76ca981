""" "Performance since last report" means since the last paper the board read.

Each highlight report keeps, beside its tables, the figures it printed (KPI code, value, unit,
period). The next report to the same board compares its figures with those of the previous
approved paper, read from that paper's frozen snapshot, so two successive papers never both
claim the same change. A percentage changes in percentage points ("↓ (0.4 pp)"); a count or a
rate by its relative change ("↑ (17%)"), as seed 003 prints it. The arrow follows polarity: ↑ is
better, ↓ worse, → unchanged (a change that rounds to nothing at the precision printed).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.monitoring import service as monitoring
from joinedup.reports import document as doc_json
from joinedup.reports.document import Document, PrintedFigure
from joinedup.reports.models import Report, Snapshot
from joinedup.reports.schemas import ReportKind, ReportState

IMPROVING, WORSENING, UNCHANGED = "↑", "↓", "→"
FROZEN = (ReportState.APPROVED.value, ReportState.PUBLISHED.value)


@dataclass(frozen=True)
class LastPaper:
    """The previous approved paper to the board, and the figures it printed by KPI code."""

    as_of: date
    meeting_date: date | None
    figures: dict[str, PrintedFigure]

    @property
    def described(self) -> str:
        """ "the paper to the Board of 14 March 2019 (as at 28 February 2019)"."""
        as_at = f"as at {self.as_of.day} {self.as_of:%B %Y}"
        if self.meeting_date is None:
            return f"the last approved paper ({as_at})"
        meeting = f"{self.meeting_date.day} {self.meeting_date:%B %Y}"
        return f"the paper to the Board of {meeting} ({as_at})"


def last_paper(session: Session, *, area_code: str, before: date) -> LastPaper | None:
    """The latest approved or published highlight report of the system as at a day before
    ``before``, from its frozen snapshot; None when there is none."""
    query = (
        select(Report, Snapshot.document)
        .join(Snapshot, Snapshot.report_id == Report.id)
        .where(
            Report.area_code == area_code,
            Report.kind == ReportKind.HIGHLIGHT.value,
            Report.state.in_(FROZEN),
            Report.as_of < before,
        )
        .order_by(Report.as_of.desc(), Report.id.desc())
        .limit(1)
    )
    found = session.execute(query).first()
    if found is None:
        return None
    report, stored = found
    printed: Document = doc_json.loads(stored)
    return LastPaper(
        as_of=report.as_of,
        meeting_date=report.meeting_date,
        figures={f.code: f for f in printed.printed},
    )


def _arrow(change: float, polarity: monitoring.Polarity) -> str:
    if polarity is monitoring.Polarity.LOWER_IS_BETTER:
        return IMPROVING if change < 0 else WORSENING
    return IMPROVING if change > 0 else WORSENING


def _half_up(x: float, places: int = 0) -> float:
    scale = 10.0**places
    return math.floor(abs(x) * scale + 0.5) / scale


def change_since(
    previous: PrintedFigure | None,
    current: float,
    *,
    proportion: bool,
    polarity: monitoring.Polarity,
) -> str:
    """The last column of seed 003's table: "↑ (17%)", "↓ (0.4 pp)", "→", or "-" when the last
    paper printed no figure for the KPI."""
    if previous is None or not (math.isfinite(previous.value) and math.isfinite(current)):
        return "-"
    change = current - previous.value
    if proportion:
        points = _half_up(change, 1)
        if points == 0:
            return UNCHANGED
        return f"{_arrow(change, polarity)} ({points:g} pp)"
    if previous.value == 0:
        return UNCHANGED if current == 0 else _arrow(change, polarity)
    percent = _half_up(change / abs(previous.value) * 100)
    if percent == 0 or not math.isfinite(percent):
        return UNCHANGED if percent == 0 else _arrow(change, polarity)
    return f"{_arrow(change, polarity)} ({percent:.0f}%)"


def footnote(paper: LastPaper | None) -> str:
    """How the last column reads, printed under the framework's tables in every format."""
    if paper is None:
        return (
            "Performance since last report: there is no earlier approved paper to this Board, "
            "so no change is shown."
        )
    return (
        f"Performance since last report compares each figure with the one printed in "
        f"{paper.described}. A percentage changes in percentage points (pp); a count or a rate "
        "by its relative change in %. ↑ is better, ↓ is worse and → is unchanged; - means that "
        "paper printed no figure for the measure."
    )
