"""Two (or more) real transactions racing: each party loads, every party reaches its first write
before any of them writes, then each saves and commits in its own thread and session.

``race(database, attempt, attempt)`` returns what each party's ``attempt(session)`` returned, or
the exception it raised. Used by the race tests of every versioned entity, on both databases.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from joinedup.store.database import Database

Attempt = Callable[[Session], Any]


def race(database: Database, *attempts: Attempt, timeout: float = 20.0) -> list[Any]:
    barrier = threading.Barrier(len(attempts), timeout=timeout)
    results: list[Any] = [None] * len(attempts)

    def party(index: int, attempt: Attempt) -> None:
        waited = False

        def hold(session: Session, *_: object) -> None:
            nonlocal waited
            if waited:
                return
            waited = True
            # A broken barrier: another party finished without writing, so go on alone.
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait()

        def hold_statement(state: ORMExecuteState) -> None:
            # a write issued as a statement (a claim on a parent row) is a first write too
            if state.is_update or state.is_insert or state.is_delete:
                hold(state.session)

        try:
            with database.session() as session:
                event.listen(session, "before_flush", hold)
                event.listen(session, "do_orm_execute", hold_statement)
                results[index] = attempt(session)
        except Exception as error:  # the loser's refusal is the result under test
            results[index] = error
        finally:
            if not waited:
                barrier.abort()

    threads = [
        threading.Thread(target=party, args=(i, a), daemon=True) for i, a in enumerate(attempts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout * 2)
    assert not any(t.is_alive() for t in threads), "a party of the race never finished"
    return results
