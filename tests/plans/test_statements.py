"""The plan page and the workstream page run the same number of SQL statements whatever the size
of the plan (3 workstreams of 2 actions, or 15 of 20): reads are set-based, never one query per
workstream, action or rating."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from joinedup.access.rules import OPERATOR
from joinedup.plans import service
from joinedup.plans.schemas import ActionChange, ActionIn, PlanIn, RagIn, WorkstreamIn
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE, demo_email, sign_in
from tests.statements import counting

CODES = "ABCDEFGHIJKLMNO"


def _plan(database: Database, workstreams: int, actions: int) -> int:
    """A plan of ``workstreams`` workstreams of ``actions`` actions, each action updated once and
    each workstream rated twice."""
    with database.session() as session:
        plan = service.create_plan(
            session,
            actor=OPERATOR,
            area_code=OXFORDSHIRE,
            change=PlanIn(title=f"Plan of {workstreams} x {actions}"),
            make_current=False,
        )
        for code in CODES[:workstreams]:
            workstream = service.add_workstream(
                session, actor=OPERATOR, plan_id=plan.id, change=WorkstreamIn(code=code, title=code)
            )
            for n in range(actions):
                action = service.add_action(
                    session,
                    actor=OPERATOR,
                    workstream_id=workstream.id,
                    change=ActionIn(description=f"{code} {n}", due=date(2019, 1 + n % 12, 1)),
                    on=date(2018, 3, 1),
                )
                service.update_action(
                    session,
                    actor=OPERATOR,
                    action_id=action.id,
                    change=ActionChange(version=1, status="on_track", note="Started"),
                    on=date(2018, 4, 1),
                )
            for on, rating in ((date(2018, 5, 1), "amber"), (date(2018, 9, 1), "red")):
                service.record_rag(
                    session,
                    actor=OPERATOR,
                    workstream_id=workstream.id,
                    change=RagIn(
                        rating=rating,
                        rationale="Checked at the board",
                        mitigation="The lead is on it",
                        override_reason="Judgement",
                        reported_on=on,
                    ),
                )
        return plan.id


def _statements(client: TestClient, database: Database, path: str) -> int:
    client.get(path)  # warm: the first request of a client also loads its session and people
    with counting(database.engine) as seen:
        page = client.get(path)
    assert page.status_code == 200, path
    return seen.count


def test_the_plan_and_workstream_pages_do_not_grow_with_the_plan(
    client: TestClient, database: Database
) -> None:
    small = _plan(database, 3, 2)
    large = _plan(database, 15, 20)
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    for page in ("/plans/{}", "/plans/{}/workstreams/A"):
        counts = [_statements(client, database, page.format(p)) for p in (small, large)]
        assert counts[0] == counts[1], f"{page}: {counts[0]} statements, then {counts[1]}"
        assert counts[1] <= 20, f"{page}: {counts[1]} statements"
    large_page = client.get(f"/plans/{large}").text
    assert large_page.count('govuk-tag govuk-tag--red">Red') >= 15  # the rating in force


def test_every_workstreams_detail_is_read_in_the_same_statements_whatever_the_size(
    database: Database,
) -> None:
    counts = []
    for workstreams, actions in ((3, 2), (15, 20)):
        plan_id = _plan(database, workstreams, actions)
        with database.session() as session, counting(database.engine) as seen:
            details = service.workstream_details(
                session, actor=OPERATOR, plan_id=plan_id, on=date(2018, 6, 1)
            )
        assert len(details) == workstreams
        assert {d.rating.rating for d in details if d.rating} == {"amber"}  # in force on 1 June
        assert all(len(d.actions) == actions and d.updates for d in details)
        counts.append(seen.count)
    assert counts[0] == counts[1], counts
