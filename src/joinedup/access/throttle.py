"""Sign-in throttling that holds when many attempts arrive at once.

Each attempt first takes a slot: one conditional UPDATE that counts it only while the email has
slots left in its window (or starts a new window). The database evaluates the condition under its
row lock (PostgreSQL) or write lock (SQLite), so twenty simultaneous attempts are counted one
after another and exactly ``max_failures`` of them get through. A successful sign-in frees the
slots again.
"""

from __future__ import annotations

import math
from datetime import timedelta

from sqlalchemy import case, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from joinedup.access.models import SignInThrottle
from joinedup.errors import Throttled
from joinedup.store.db import utcnow


def take_slot(session: Session, email: str, *, max_failures: int, window_minutes: int) -> None:
    """Count an attempt for ``email``, or raise Throttled with the seconds left to wait."""
    now = utcnow()
    window = timedelta(minutes=window_minutes)
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(SignInThrottle)
        .values(email=email, failures=0, window_started=now)
        .on_conflict_do_nothing(index_elements=["email"])
    )
    expired = SignInThrottle.window_started <= now - window
    taken = session.execute(
        update(SignInThrottle)
        .where(SignInThrottle.email == email, expired | (SignInThrottle.failures < max_failures))
        .values(
            failures=case((expired, 1), else_=SignInThrottle.failures + 1),
            window_started=case((expired, now), else_=SignInThrottle.window_started),
        )
        .returning(SignInThrottle.failures)
        .execution_options(synchronize_session=False)
    ).first()
    if taken is None:
        started = session.scalar(
            select(SignInThrottle.window_started).where(SignInThrottle.email == email)
        )
        left = (started + window - now).total_seconds() if started else window.total_seconds()
        minutes = max(1, math.ceil(left / 60))
        raise Throttled(
            "Too many failed sign-in attempts for this email. "
            f"Wait {minutes} minute{'s' if minutes != 1 else ''} and try again.",
            retry_after_seconds=max(1, math.ceil(left)),
        )


def free_slots(session: Session, email: str) -> None:
    """A successful sign-in: the count starts again."""
    session.execute(
        update(SignInThrottle)
        .where(SignInThrottle.email == email)
        .values(failures=0)
        .execution_options(synchronize_session=False)
    )
