"""Two (or four) people saving at the same moment, in real concurrent transactions on both
databases: exactly one save from a version wins, the other is told what changed and nothing of
theirs is half-written; the journal stays one entry per version; actions added together get
distinct consecutive references."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from joinedup.access.models import AuditEvent
from joinedup.access.rules import OPERATOR
from joinedup.errors import StaleEdit
from joinedup.plans import service
from joinedup.plans.models import Action
from joinedup.plans.schemas import ActionChange, ActionIn, PlanStatusIn
from joinedup.store.database import Database
from tests.plans.builders import small_plan
from tests.races import race


def _plan(database: Database) -> tuple[int, int, int]:
    """A committed small plan: its id, workstream A's id and action A.1's id."""
    with database.session() as session:
        plan, a, _b = small_plan(session)
        first = service.workstream_detail(session, actor=OPERATOR, plan_id=plan.id, code="A")
        return plan.id, a.id, first.actions[0].id


def _one_winner(results: list[Any]) -> tuple[Any, StaleEdit]:
    refused = [r for r in results if isinstance(r, StaleEdit)]
    saved = [r for r in results if not isinstance(r, BaseException)]
    assert len(saved) == 1, results
    assert len(refused) == 1, results
    return saved[0], refused[0]


def test_two_saves_of_one_action_from_the_same_version_one_wins(database: Database) -> None:
    _, _, action_id = _plan(database)

    def save(status: str, note: str) -> Any:
        def attempt(session: Session) -> str:
            change = ActionChange(version=1, status=status, note=note)
            service.update_action(session, actor=OPERATOR, action_id=action_id, change=change)
            return note

        return attempt

    results = race(database, save("on_track", "Lead 1 saved"), save("at_risk", "Lead 2 saved"))
    winner, refused = _one_winner(results)
    # the refused person is shown what the winner saved, never a half-written row
    assert refused.current["version"] == 2
    assert [c["note"] for c in refused.current["changes"]] == [winner]
    with database.session() as session:
        detail = service.action_detail(session, actor=OPERATOR, action_id=action_id)
    assert detail.action.progress == winner
    assert detail.action.version == 2
    # one journal entry per version: created (1), then the winner's update (2)
    assert [e.kind for e in reversed(detail.journal)] == ["created", "updated"]
    assert detail.journal[0].note == winner


def test_two_status_changes_of_one_plan_from_the_same_version_one_wins(
    database: Database,
) -> None:
    plan_id, _, _ = _plan(database)

    def agree(session: Session) -> int:
        change = PlanStatusIn(status="agreed", version=1)
        return service.set_plan_status(
            session, actor=OPERATOR, plan_id=plan_id, change=change
        ).version

    winner, refused = _one_winner(race(database, agree, agree))
    assert winner == 2
    assert refused.current["version"] == 2
    assert refused.current["status"] == "agreed"
    with database.session() as session:
        plan = service.get_plan(session, actor=OPERATOR, plan_id=plan_id)
        changes = session.scalar(
            select(func.count()).where(
                AuditEvent.entity_type == "plan",
                AuditEvent.entity_id == str(plan_id),
                AuditEvent.action == "plan.status",
            )
        )
    assert (plan.status, plan.version) == ("agreed", 2)
    assert changes == plan.version - 1  # one recorded change per version after the first


def test_four_actions_added_at_once_get_four_distinct_consecutive_references(
    database: Database,
) -> None:
    plan_id, workstream_id, _ = _plan(database)

    def add(n: int) -> Any:
        def attempt(session: Session) -> int:
            change = ActionIn(description=f"Added together {n}", due=date(2019, 3, 31))
            action = service.add_action(
                session, actor=OPERATOR, workstream_id=workstream_id, change=change
            )
            return action.number

        return attempt

    results = race(database, *(add(n) for n in range(4)))
    assert sorted(results) == [3, 4, 5, 6], results  # A.1 and A.2 were there before
    with database.session() as session:
        rows = service.workstream_detail(session, actor=OPERATOR, plan_id=plan_id, code="A")
    assert [r.reference for r in rows.actions] == ["A.1", "A.2", "A.3", "A.4", "A.5", "A.6"]


def test_the_database_refuses_a_second_action_with_the_same_reference(
    database: Database,
) -> None:
    _, workstream_id, action_id = _plan(database)
    with database.session() as session:
        taken = session.get(Action, action_id)
        assert taken is not None
        session.add(
            Action(
                workstream_id=workstream_id,
                number=taken.number,
                description="A duplicate reference",
                baseline_due=taken.baseline_due,
                forecast_due=taken.forecast_due,
                updated_on=taken.updated_on,
            )
        )
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()
