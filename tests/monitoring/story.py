"""The demo world's dates as the tests read them: the seeds' story moved by whole years to the
clock's today (see joinedup.timeline), so these tests hold whatever the real date."""

from __future__ import annotations

from datetime import date

from joinedup import clock
from joinedup.timeline import Timeline

TIMELINE = Timeline.as_at(clock.today())


def on(year: int, month: int, day: int = 1) -> date:
    """A date of the story, in the demo world."""
    return TIMELINE.on(year, month, day)


# Oxfordshire's June 2019 paper reads April 2019's figures; its March 2019 paper January's.
REPORT = on(2019, 4, 30)
LAST_PAPER = on(2019, 1, 31)
