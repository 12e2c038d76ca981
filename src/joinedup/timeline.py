"""The demo world's timeline: the seeds' story on its real dates, moved forward by whole years.

``joinedup demo --today 2019-06-13`` tells the story as it stood on that day (no shift).
Plain ``joinedup demo`` moves the whole story forward by whole years so that "today" falls in
the story's board year (June 2019 to May 2020), whose Health and Wellbeing Board meets every two
or three months: whatever the real date, the Board's next meeting is at most a quarter away.
Every demo step dates what it builds with ``timeline.on(year, month, day)`` and leaves out what
has not happened by ``timeline.today``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# The day the seeds' story is told as at: the Board meeting that received seed 003.
STORY_DAY = date(2019, 6, 13)
# The story runs from the first review (autumn 2017) to the end of its board year; a world as at
# any day in this window needs no shift.
STORY_STARTS, STORY_ENDS = date(2017, 9, 1), date(2020, 5, 31)
# A shifted world's today falls in the board year: from just before seed 003's meeting (its
# ratings as at 31 May 2019 are recorded) to the day before the next June's reporting date.
BOARD_YEAR_STARTS = date(2019, 6, 1)
# Oxfordshire's Health and Wellbeing Board (story dates): the plan agreed in March 2018, the
# evaluation framework in November 2018, the older people's strategy in March 2019 (seed 003),
# the highlight report of seed 003 in June 2019, then regular meetings through the board year.
BOARD_MEETINGS = (
    date(2018, 3, 15),
    date(2018, 6, 28),
    date(2018, 9, 13),
    date(2018, 11, 15),
    date(2019, 1, 17),
    date(2019, 3, 14),
    date(2019, 6, 13),
    date(2019, 9, 12),
    date(2019, 11, 14),
    date(2020, 1, 16),
    date(2020, 3, 12),
    date(2020, 6, 11),
)


def shift_years(day: date, years: int) -> date:
    """``day`` moved by whole years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def month_end_before(day: date) -> date:
    """The last day of the month before ``day``'s month."""
    return day.replace(day=1) - timedelta(days=1)


@dataclass(frozen=True)
class Timeline:
    """As at ``today``, with the story moved forward by ``years``."""

    today: date
    years: int = 0

    @classmethod
    def as_at(cls, today: date) -> Timeline:
        """The story as it stood on ``today``: unshifted inside the story's window, otherwise
        moved by whole years so that ``today`` falls in the story's board year (1 June 2019 to
        31 May 2020), with the Board's next meeting at most a quarter away."""
        if STORY_STARTS <= today <= STORY_ENDS:
            return cls(today=today)
        years = today.year - BOARD_YEAR_STARTS.year
        if shift_years(BOARD_YEAR_STARTS, years) > today:
            years -= 1
        return cls(today=today, years=years)

    def on(self, year: int, month: int, day: int) -> date:
        """A story date, moved into this world."""
        return shift_years(date(year, month, day), self.years)

    def move(self, story_day: date) -> date:
        """A story date (as a date), moved into this world."""
        return shift_years(story_day, self.years)

    def story(self, day: date) -> date:
        """A date in this world, moved back to the story's calendar."""
        return shift_years(day, -self.years)

    def happened(self, day: date) -> bool:
        return day <= self.today

    @property
    def meetings(self) -> list[date]:
        """Every meeting of the Board in this world, past and coming."""
        return [self.move(day) for day in BOARD_MEETINGS]

    @property
    def past_meetings(self) -> list[date]:
        """The Board's meetings held by today (today's included)."""
        return [day for day in self.meetings if day <= self.today]

    @property
    def next_meeting(self) -> date | None:
        """The Board's first meeting after today (None once the story's calendar is over)."""
        return next((day for day in self.meetings if day > self.today), None)

    @staticmethod
    def reporting_date(meeting: date) -> date:
        """The day a paper for ``meeting`` is written as at: the end of the month before."""
        return month_end_before(meeting)

    @property
    def last_complete_month(self) -> date:
        """The first day of the last month wholly before today (data runs to its end)."""
        return month_end_before(self.today).replace(day=1)
