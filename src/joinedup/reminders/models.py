"""Tables of reminders: what was sent to whom (so that a rerun sends nothing twice) and the
secret links of personal calendar feeds."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from joinedup.store.db import Base, UtcDateTime, utcnow


class SentReminder(Base):
    """One item reminded to one person. The unique key is the guarantee: a second run, or two
    runs at once from cron, cannot record (and so cannot send) the same item twice. Append-only:
    database triggers refuse UPDATE and DELETE, so the record of what was sent is kept."""

    __tablename__ = "reminders_sent"
    __table_args__ = (UniqueConstraint("user_id", "kind", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    # What was reminded and when it fell due, e.g. "action:12:2026-12-04": a new due date is a
    # new reminder, the same one is not.
    item_key: Mapped[str] = mapped_column(String(200))
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class CalendarToken(Base):
    """The secret in a person's calendar feed address; only its hash is kept."""

    __tablename__ = "reminders_calendar_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
