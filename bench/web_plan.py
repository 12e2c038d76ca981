"""Benchmark of the plan page on SQLite: a big plan against a small one, same page, same run.

    .venv/bin/python bench/web_plan.py [--workstreams 15] [--actions 400] [--updates 10]
                                       [--baseline-actions 20] [--repeat 30]

The big plan has 15 workstreams x 400 actions, each action with 10 journal updates (6,000
actions, 60,000 updates); the baseline plan has 20 actions with 10 updates each, in the same
database. Plans are written in bulk straight into the tables (the pages only read), so the
script also times an earlier version of the code (``PYTHONPATH=that/src``). The plan page and
the page of workstream A (400 actions) are fetched through the application (FastAPI test
client, signed in as the system lead: sign-in, routing, queries and the Jinja page), and the
median of ``--repeat`` fetches is printed with the ratio. The target is at most 150 ms for the
big plan.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import insert

from joinedup import clock
from joinedup.access import demo as access_demo
from joinedup.areas import demo as areas_demo
from joinedup.plans.models import Action, ActionUpdate, Plan, RagAssessment, Workstream
from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.store.db import utcnow
from joinedup.timeline import Timeline
from joinedup.web.app import create_app

OXFORDSHIRE = "E10000025"
LEAD = "lead@oxfordshire.demo.joinedup.test"
SECRET = "bench-secret-key-that-is-long-enough-0123456789"  # noqa: S105 (throwaway database)
STATUSES = ("not_started", "on_track", "on_track", "at_risk", "slipped", "complete", "complete")


def build_plan(
    database: Database, *, title: str, workstreams: int, actions: int, updates: int
) -> int:
    """A plan of ``workstreams`` holding ``actions`` actions in all (dealt round the
    workstreams), each action with ``updates`` journal rows, written in bulk straight into the
    tables (so that the same script times the pages of an earlier version of the code)."""
    today = date.today()
    now = utcnow()
    with database.engine.begin() as connection:
        plan_id = connection.execute(
            insert(Plan).returning(Plan.id),
            {
                "area_code": OXFORDSHIRE,
                "title": title,
                "status": "draft",
                "is_current": False,
                "coverage_exception": "",
                "created_at": now,
                "version": 1,
            },
        ).scalar_one()
        ids = [
            connection.execute(
                insert(Workstream).returning(Workstream.id),
                {
                    "plan_id": plan_id,
                    "code": chr(ord("A") + n),
                    "title": f"Workstream {chr(ord('A') + n)}",
                    "responsible_group": "",
                    "leads": "",
                },
            ).scalar_one()
            for n in range(workstreams)
        ]
    with database.engine.begin() as connection:
        action_rows = []
        for i in range(actions):
            workstream_id = ids[i % workstreams]
            due = today + timedelta(days=(i * 37) % 730 - 365)
            status = STATUSES[i % len(STATUSES)]
            action_rows.append(
                {
                    "workstream_id": workstream_id,
                    "number": i // workstreams + 1,
                    "description": f"Action {i}: agree, deliver and embed a change with partners",
                    "owner": "Owner",
                    "baseline_due": due,
                    "forecast_due": due + timedelta(days=30 if status == "slipped" else 0),
                    "indicative": i % 5 == 0,
                    "status": status,
                    "cancel_reason": "",
                    "completed_on": due if status == "complete" else None,
                    "progress": "Progress note",
                    "updated_on": today,
                    "version": updates,
                }
            )
        connection.execute(insert(Action), action_rows)
        first_id = connection.exec_driver_sql(
            "SELECT min(id) FROM plan_actions WHERE workstream_id = ?", (ids[0],)
        ).scalar_one()
        last_id = first_id + len(action_rows) - 1
        journal = [
            {
                "action_id": action_id,
                "reported_on": today - timedelta(days=30 * (updates - k)),
                "at": now,
                "actor_user_id": None,
                "actor": "bench",
                "kind": "created" if k == 0 else "updated",
                "changes": {"status": ["on_track", "at_risk"]},
                "reason": "",
                "note": "An update",
            }
            for action_id in range(first_id, last_id + 1)
            for k in range(updates)
        ]
        for start in range(0, len(journal), 20_000):
            connection.execute(insert(ActionUpdate), journal[start : start + 20_000])
        ratings = [
            {
                "workstream_id": workstream_id,
                "reported_on": today - timedelta(days=90 * k),
                "rating": "amber",
                "rationale": "r",
                "mitigation": "m",
                "suggested": "amber",
                "triggers": [],
                "override_reason": "",
                "at": now,
                "actor_user_id": None,
                "actor": "bench",
            }
            for workstream_id in ids
            for k in range(6)
        ]
        connection.execute(insert(RagAssessment), ratings)
    return plan_id


def median_ms(client: TestClient, url: str, repeat: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of fetching ``url`` (the CPU time counts this process
    only, so it moves less with other jobs on a shared machine)."""
    client.get(url)  # warm up
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workstreams", type=int, default=15)
    parser.add_argument("--actions", type=int, default=400, help="per workstream")
    parser.add_argument("--updates", type=int, default=10)
    parser.add_argument("--baseline-actions", type=int, default=20, help="in the whole plan")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        database = Database(url)
        database.upgrade()
        with database.session() as session:
            areas_demo.build(session, Timeline.as_at(clock.today()))
            access_demo.build(session, Timeline.as_at(clock.today()))
        started = time.perf_counter()
        big = build_plan(
            database,
            title="Big plan",
            workstreams=args.workstreams,
            actions=args.workstreams * args.actions,
            updates=args.updates,
        )
        small = build_plan(
            database,
            title="Baseline plan",
            workstreams=args.workstreams,
            actions=args.baseline_actions,
            updates=args.updates,
        )
        print(f"built the plans in {time.perf_counter() - started:.1f} s")
        app = create_app(Settings(database_url=url, secret_key=SECRET), database)
        with TestClient(app, base_url="http://127.0.0.1") as client:
            page = client.get("/sign-in")
            token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
            client.post(
                "/sign-in",
                data={"email": LEAD, "password": access_demo.DEMO_PASSWORD, "csrf_token": token},
            )
            big_ms = median_ms(client, f"/plans/{big}", args.repeat)
            small_ms = median_ms(client, f"/plans/{small}", args.repeat)
            big_ws_ms = median_ms(client, f"/plans/{big}/workstreams/A", args.repeat)
            small_ws_ms = median_ms(client, f"/plans/{small}/workstreams/A", args.repeat)
        database.dispose()
    n_big = args.workstreams * args.actions
    pages = (
        (
            f"plan page, {args.workstreams} x {args.actions} actions x {args.updates} updates",
            big_ms,
        ),
        (f"plan page, {args.baseline_actions} actions (baseline)", small_ms),
        (f"workstream page, {args.actions} actions", big_ws_ms),
        ("workstream page of the baseline plan", small_ws_ms),
    )
    print(f"{n_big:,} actions, {n_big * args.updates:,} updates; medians of {args.repeat}:")
    for name, (wall, cpu) in pages:
        print(f"  {name:48} wall {wall:6.1f} ms  cpu {cpu:6.1f} ms")
    print(
        f"ratio big / baseline (wall): plan page {big_ms[0] / small_ms[0]:.2f}x, workstream "
        f"page {big_ws_ms[0] / small_ws_ms[0]:.2f}x; target: plan page at most 150 ms"
    )


if __name__ == "__main__":
    main()
