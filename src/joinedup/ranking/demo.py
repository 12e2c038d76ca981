"""The demo world's saved rankings, as the Department would rank the interface dashboard: the
financial year 2016-17, whose run selected the 2017-18 local system reviews, and the latest
financial year complete by the timeline's today."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.metrics import service as metrics
from joinedup.ranking.models import RankingRun
from joinedup.ranking.runs import run_ranking
from joinedup.ranking.schemas import RankingOptions
from joinedup.timeline import Timeline

SELECTING_YEAR = date(2016, 4, 1)  # story date: the year the 2017 reviews were chosen on
# Story date: the 2017 reviews were announced in July 2017; the run that chose them read the
# data vintage known on the first of that month, not the figures loaded since.
SELECTED_ON = date(2017, 7, 1)
DEMO_SELECT = 12


def run_name(year_start: date) -> str:
    return f"Interface dashboard {year_start.year}-{(year_start.year + 1) % 100:02d}"


def latest_complete_year(timeline: Timeline) -> date:
    """The first day of the latest financial year whose every month is before today."""
    last = timeline.last_complete_month  # the year ends in March of last.year at the latest
    ends = last.year if last.month >= 3 else last.year - 1
    return date(ends - 1, 4, 1)


def build(session: Session, timeline: Timeline) -> list[RankingRun]:
    """Default settings (seed 1), the 12 most challenged selected, with the web's 2,000 draws
    (the demo is built in seconds)."""
    years = [timeline.move(SELECTING_YEAR)]
    latest = latest_complete_year(timeline)
    if latest > years[0]:
        years.append(latest)
    older = metrics.vintage_known_on(session, on=timeline.move(SELECTED_ON))
    return [
        run_ranking(
            session,
            actor=OPERATOR,
            name=run_name(year),
            period_start=year,
            months=12,
            options=RankingOptions(select=DEMO_SELECT, draws=2_000),
            vintage_id=older if year == years[0] else None,  # the latest for the latest
        )
        for year in years
    ]
