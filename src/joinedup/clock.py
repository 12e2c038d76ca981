"""The one clock: what "today" is for every figure, deadline, overdue warning and default date.

Nothing else asks the system for the date. By default it is today's date in England; a demo or a
training world pins it to a day (``JOINEDUP_TODAY``, ``joinedup demo --today``), and pages then
say the clock is set, and to what.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

ENGLAND_TIME = ZoneInfo("Europe/London")
_pinned: date | None = None


def pin(day: date | None) -> None:
    """Set the clock to ``day`` (None: follow the real date again)."""
    global _pinned
    _pinned = day


def pinned() -> date | None:
    """The day the clock is set to, or None when it follows the real date."""
    return _pinned


def today() -> date:
    """Today in England, or the day the clock is set to."""
    return _pinned or datetime.now(ENGLAND_TIME).date()


def now() -> datetime:
    """The current moment (UTC); on a pinned clock, the time of day on the pinned day."""
    moment = real_now()
    if _pinned is None:
        return moment
    return moment.replace(year=_pinned.year, month=_pinned.month, day=_pinned.day)


def real_now() -> datetime:
    """The actual moment (UTC), pinned or not: for liveness, which is about real time only."""
    return datetime.now(UTC)
