"""The demo world's saved ranking: the financial year 2019-20, as the Department would rank it."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.ranking.models import RankingRun
from joinedup.ranking.runs import run_ranking
from joinedup.ranking.schemas import RankingOptions
from joinedup.timeline import Timeline

DEMO_RUN_NAME = "Interface dashboard 2019-20"
DEMO_PERIOD = date(2019, 4, 1)  # April 2019 to March 2020
DEMO_SELECT = 12


def build(session: Session, timeline: Timeline) -> RankingRun:
    """Default settings (10,000 draws, seed 1), the 12 most challenged selected."""
    return run_ranking(
        session,
        actor=OPERATOR,
        name=DEMO_RUN_NAME,
        period_start=DEMO_PERIOD,
        months=12,
        options=RankingOptions(select=DEMO_SELECT),
    )
