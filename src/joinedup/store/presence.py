"""Which servers are using the database now, and whether it is in maintenance.

A running server announces itself in ``server_presence`` when it starts, every
``HEARTBEAT_SECONDS`` while it runs (its heartbeat), and withdraws when it stops. ``restore
--force`` refuses while a server has been seen within ``STALE_AFTER``: replacing the content
under a running server would silently undo writes it has just acknowledged. An operator who
must restore under a running server first puts the database in maintenance (``joinedup db
maintenance on``): every server then refuses all but reading requests with 503 until it is
taken out again. A server that died without withdrawing stops counting after ``STALE_AFTER``.

Neither table is part of a backup: they describe the running installation, not its data.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from joinedup.clock import real_now
from joinedup.store.database import Database
from joinedup.store.db import Base, UtcDateTime

HEARTBEAT_SECONDS = 10
STALE_AFTER = timedelta(seconds=45)
TRANSIENT_TABLES = frozenset({"server_presence", "store_maintenance"})


class ServerPresence(Base):
    """One running server process (its heartbeat)."""

    __tablename__ = "server_presence"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    host: Mapped[str] = mapped_column(String(200))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=real_now)
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=real_now)


class Maintenance(Base):
    """At most one row: the database is in maintenance, since when and why."""

    __tablename__ = "store_maintenance"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    since: Mapped[datetime] = mapped_column(UtcDateTime, default=real_now)


def announce(session: Session, key: str) -> None:
    """This server is alive now (its row made or refreshed)."""
    row = session.get(ServerPresence, key)
    if row is None:
        session.add(ServerPresence(key=key, host=socket.gethostname()[:200], pid=os.getpid()))
    else:
        row.seen_at = real_now()


def withdraw(session: Session, key: str) -> None:
    session.execute(delete(ServerPresence).where(ServerPresence.key == key))


def live_servers(session: Session) -> list[ServerPresence]:
    """Servers seen within ``STALE_AFTER``."""
    since = real_now() - STALE_AFTER
    return list(session.scalars(select(ServerPresence).where(ServerPresence.seen_at >= since)))


def maintenance(session: Session) -> Maintenance | None:
    return session.get(Maintenance, 1)


def set_maintenance(session: Session, *, on: bool, reason: str = "") -> None:
    current = session.get(Maintenance, 1)
    if on and current is None:
        session.add(Maintenance(id=1, reason=reason))
    elif not on and current is not None:
        session.delete(current)


@dataclass
class Heartbeat:
    """A server's heartbeat in a background thread; ``in_maintenance`` is read at each beat."""

    database: Database
    key: str = ""
    in_maintenance: bool = False

    def __post_init__(self) -> None:
        self.key = f"{socket.gethostname()[:80]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)

    def beat(self) -> None:
        with self.database.session() as session:
            announce(session, self.key)
            self.in_maintenance = maintenance(session) is not None

    def start(self) -> None:
        self.beat()
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            try:
                self.beat()
            except Exception:  # noqa: S112 (a missed beat is retried at the next)
                continue

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=HEARTBEAT_SECONDS)
        try:
            with self.database.session() as session:
                withdraw(session, self.key)
        except Exception:  # noqa: S110 (the row goes stale by itself)
            pass
