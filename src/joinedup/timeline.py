"""The demo world's timeline: the seeds' story on its real dates, moved forward by whole years.

``joinedup demo --today 2019-06-13`` tells the story as it stood on that day (no shift).
Plain ``joinedup demo`` moves the whole story forward by whole years so that "today" falls at
the same point of the board's year, keeping weekdays close and month ends right. Every demo step
dates what it builds with ``timeline.on(year, month, day)`` and leaves out what has not happened
by ``timeline.today``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# The day the seeds' story is told as at: the Board meeting that received seed 003.
STORY_DAY = date(2019, 6, 13)
# The story runs from the first review (autumn 2017) to the end of its last plan year; a world
# as at any day in this window needs no shift.
STORY_STARTS, STORY_ENDS = date(2017, 9, 1), date(2020, 3, 31)


def shift_years(day: date, years: int) -> date:
    """``day`` moved by whole years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Timeline:
    """As at ``today``, with the story moved forward by ``years``."""

    today: date
    years: int = 0

    @classmethod
    def as_at(cls, today: date) -> Timeline:
        """The story as it stood on ``today``: unshifted inside the story's window, otherwise
        moved by whole years so that ``today`` falls in the story's last year, after its board
        meeting of June."""
        if STORY_STARTS <= today <= STORY_ENDS:
            return cls(today=today)
        years = today.year - STORY_DAY.year
        if shift_years(STORY_DAY, years) > today:
            years -= 1
        return cls(today=today, years=years)

    def on(self, year: int, month: int, day: int) -> date:
        """A story date, moved into this world."""
        return shift_years(date(year, month, day), self.years)

    def story(self, day: date) -> date:
        """A date in this world, moved back to the story's calendar."""
        return shift_years(day, -self.years)

    def happened(self, day: date) -> bool:
        return day <= self.today

    @property
    def last_complete_month(self) -> date:
        """The first day of the last month wholly before today (data runs to its end)."""
        return (self.today.replace(day=1) - timedelta(days=1)).replace(day=1)
