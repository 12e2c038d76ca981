"""Races against a served app: the app runs under uvicorn on loopback and real HTTP clients in
their own threads send at the same moment (a barrier), on SQLite and PostgreSQL. Simultaneous
saves of one versioned object: one wins, the rest are told it changed (409), nothing is lost;
simultaneous creations: every one stored once, with its own number; simultaneous publication of a
review's report: published once; simultaneous wrong passwords:
throttled exactly at the limit, with Retry-After. Never a server error."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import func, select

from joinedup.access import service as access
from joinedup.access.models import AuditEvent
from joinedup.plans.models import Action, Plan, Workstream
from joinedup.reviews.models import Review
from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.web.app import create_app
from tests.conftest import OXFORDSHIRE, TEST_SECRET, demo_email

PARTIES = 8


@pytest.fixture
def served(database: Database) -> Iterator[str]:
    settings = Settings(database_url=database.url, secret_key=TEST_SECRET)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings, database), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the app did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(15)


def _together(parties: list[Callable[[], Any]]) -> list[Any]:
    """Run each party in its own thread, released at the same moment."""
    barrier = threading.Barrier(len(parties), timeout=30)
    results: list[Any] = [None] * len(parties)

    def run(index: int, party: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = party()
        except Exception as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, p)) for i, p in enumerate(parties)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def _lead_token(database: Database) -> str:
    email = demo_email("system_lead", OXFORDSHIRE)
    with database.session() as session:
        actor = access.principal_for(access.get_user(session, email))
        return access.issue_token(session, actor=actor, email=email)


def _an_action(database: Database) -> tuple[int, int, int, str]:
    """(plan, action, version, workstream code) of one of Oxfordshire's actions."""
    with database.session() as session:
        action, code, plan = session.execute(
            select(Action, Workstream.code, Plan.id)
            .join(Workstream, Action.workstream_id == Workstream.id)
            .join(Plan, Workstream.plan_id == Plan.id)
            .where(Plan.area_code == OXFORDSHIRE, Action.status != "cancelled")
            .order_by(Action.id)
            .limit(1)
        ).one()
        return plan, action.id, action.version, code


def test_simultaneous_saves_of_one_action_lose_nothing(served: str, database: Database) -> None:
    token = _lead_token(database)
    _, action_id, version, _ = _an_action(database)

    def save(n: int) -> Callable[[], httpx.Response]:
        def party() -> httpx.Response:
            with httpx.Client(base_url=served, timeout=60) as client:
                return client.patch(
                    f"/api/v1/actions/{action_id}",
                    headers={"Authorization": f"Bearer {token}"},
                    json={"version": version, "owner": f"Owner {n}", "note": f"Save {n}"},
                )

        return party

    answers = _together([save(n) for n in range(PARTIES)])
    assert all(isinstance(a, httpx.Response) for a in answers), answers
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] + [409] * (PARTIES - 1), statuses
    (winner,) = [a for a in answers if a.status_code == 200]
    with database.session() as session:
        stored = session.get(Action, action_id)
        assert stored is not None
        assert stored.version == version + 1
        assert stored.owner == winner.json()["owner"]  # the acknowledged save is the one kept


def test_simultaneous_new_actions_are_each_stored_once(served: str, database: Database) -> None:
    token = _lead_token(database)
    plan_id, _, _, code = _an_action(database)
    with database.session() as session:
        before = session.scalar(select(func.count(Action.id))) or 0

    def add(n: int) -> Callable[[], httpx.Response]:
        def party() -> httpx.Response:
            with httpx.Client(base_url=served, timeout=60) as client:
                return client.post(
                    f"/api/v1/plans/{plan_id}/workstreams/{code}/actions",
                    headers={"Authorization": f"Bearer {token}"},
                    json={"description": f"Race action {n}", "due": "2019-12-31"},
                )

        return party

    answers = _together([add(n) for n in range(PARTIES)])
    assert [getattr(a, "status_code", a) for a in answers] == [201] * PARTIES
    references = [a.json()["reference"] for a in answers]
    assert len(set(references)) == PARTIES, references
    with database.session() as session:
        assert (session.scalar(select(func.count(Action.id))) or 0) == before + PARTIES


def test_simultaneous_wrong_passwords_are_throttled_exactly(served: str) -> None:
    attempts, allowed = 20, Settings(secret_key=TEST_SECRET).signin_max_failures
    email = demo_email("reviewer")

    def attempt() -> httpx.Response:
        with httpx.Client(base_url=served, timeout=60) as client:
            page = client.get("/sign-in").text
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
            assert csrf is not None
            return client.post(
                "/sign-in",
                data={"csrf_token": csrf.group(1), "email": email, "password": "not it at all"},
            )

    answers = _together([attempt for _ in range(attempts)])
    statuses = sorted(getattr(a, "status_code", a) for a in answers)
    assert statuses == [401] * allowed + [429] * (attempts - allowed), statuses
    assert all(int(a.headers["Retry-After"]) > 0 for a in answers if a.status_code == 429)


def test_simultaneous_publication_publishes_once(served: str, database: Database) -> None:
    email = demo_email("admin")
    with database.session() as session:
        actor = access.principal_for(access.get_user(session, email))
        token = access.issue_token(session, actor=actor, email=email)
        review_id = session.scalar(
            select(Review.id).where(Review.report_state == "draft").order_by(Review.id)
        )
    assert review_id is not None
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=served, timeout=60, headers=headers) as client:
        version = client.get(f"/api/v1/reviews/{review_id}").json()["version"]
        shared = client.patch(
            f"/api/v1/reviews/{review_id}/report", json={"version": version, "state": "shared"}
        )
        assert shared.status_code == 200, shared.text
        version = shared.json()["version"]

    def publish() -> httpx.Response:
        with httpx.Client(base_url=served, timeout=60, headers=headers) as client:
            return client.patch(
                f"/api/v1/reviews/{review_id}/report",
                json={"version": version, "state": "published"},
            )

    answers = _together([publish for _ in range(PARTIES)])
    statuses = sorted(getattr(a, "status_code", a) for a in answers)
    assert statuses == [200] + [409] * (PARTIES - 1), statuses
    with database.session() as session:
        published = session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "review.report_state",
                AuditEvent.entity_id == str(review_id),
            )
        ).all()
        assert [e.after["report_state"] for e in published if e.after] == ["shared", "published"]
