"""Load test: a real server (uvicorn, several workers) on loopback, on SQLite and PostgreSQL.

At least 50 simulated people for 60 seconds: readers open pages (systems, the plan, a
workstream, the evaluation framework, the dashboard, reviews), writers record action updates
and RAG assessments through the API, and groups of contenders save the same action at the same
moment from the same version (two people with one action open). Afterwards every acknowledged
write is looked up in the database: a write the server answered 2xx for and that is missing is a
lost write; a contended save that was acknowledged but is not in the action's journal right
after the version its author loaded (so it overwrote a change they never saw), or a journal that
does not hold one entry per version, is a lost update.

    .venv/bin/python bench/load.py [--backend sqlite|postgresql|both] [--users 50]
                                   [--seconds 60] [--workers 4] [--contenders 4] [--contended 2]

Each person waits 0.5-1.5 s between requests (think time, as Locust's between(0.5, 1.5)),
so 50 people offer about 50 requests a second: a busy council's worth of people at once.
Targets: no 5xx, no lost update, p95 under 300 ms for pages.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from joinedup.access import service as access  # noqa: E402
from joinedup.access.demo import DEMO_PASSWORD as PASSWORD  # noqa: E402
from joinedup.demo import populate  # noqa: E402
from joinedup.store.database import Database  # noqa: E402
from load_audit import lost_contended, lost_updates, report  # noqa: E402
from load_people import Results, contender, reader, writer  # noqa: E402

OXFORDSHIRE = "E10000025"
LEAD = "lead@oxfordshire.demo.joinedup.test"
READERS = [
    "lead@oxfordshire.demo.joinedup.test",
    "board@oxfordshire.demo.joinedup.test",
    "workstream@oxfordshire.demo.joinedup.test",
    "analyst@demo.joinedup.test",
    "reviewer@demo.joinedup.test",
]
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(url: str) -> None:
    database = Database(url)
    database.upgrade()
    populate(database)
    database.dispose()


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        JOINEDUP_DATABASE_URL=url,
        JOINEDUP_SECRET_KEY=secrets.token_urlsafe(48),
        JOINEDUP_SIGNIN_MAX_FAILURES="1000",
    )
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "joinedup.web.app:create_app_from_env",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env=env,
    )


def wait_until_up(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not start")


def sign_in_cookies(base: str, email: str) -> httpx.Cookies:
    with httpx.Client(base_url=base) as client:
        page = client.get("/sign-in")
        token = CSRF.search(page.text)
        assert token, "no CSRF token on the sign-in page"
        done = client.post(
            "/sign-in", data={"email": email, "password": PASSWORD, "csrf_token": token.group(1)}
        )
        assert done.status_code in (200, 303), done.status_code
        return client.cookies


def reader_paths(base: str, cookies: httpx.Cookies) -> list[str]:
    """The pages of the demo world that exist in this version."""
    with httpx.Client(base_url=base, cookies=cookies, follow_redirects=True) as client:
        plan_page = client.get(f"/systems/{OXFORDSHIRE}/plan")
        plan_url = str(plan_page.url.path) if plan_page.status_code == 200 else None
        candidates = [
            "/",
            f"/systems/{OXFORDSHIRE}",
            f"/systems/{OXFORDSHIRE}/framework",
            "/dashboard",
            "/reviews",
            "/rankings",
        ]
        if plan_url:
            candidates += [plan_url, f"{plan_url}/workstreams/H"]
        return [p for p in candidates if client.get(p).status_code == 200]


def writer_targets(url: str) -> tuple[int, list[int]]:
    """The demo plan's id and the ids of its open actions (one per writer, no contention)."""
    engine = create_engine(url)
    with engine.connect() as connection:
        plan_id = connection.execute(
            text("SELECT id FROM plans WHERE area_code = :a ORDER BY id DESC LIMIT 1"),
            {"a": OXFORDSHIRE},
        ).scalar_one()
        actions = (
            connection.execute(
                text(
                    "SELECT a.id FROM plan_actions a JOIN plan_workstreams w "
                    "ON a.workstream_id = w.id WHERE w.plan_id = :p "
                    "AND a.status NOT IN ('complete', 'cancelled') ORDER BY a.id"
                ),
                {"p": plan_id},
            )
            .scalars()
            .all()
        )
    engine.dispose()
    return plan_id, list(actions)


async def run_load(
    base: str, url: str, users: int, seconds: float, contenders: int, contended: int
) -> Results:
    rng = random.Random(2026)
    results = Results()
    reader_cookies = [sign_in_cookies(base, email) for email in READERS]
    # Each person reads the pages their role opens (the dashboard is national, say).
    reader_pages = [reader_paths(base, cookies) for cookies in reader_cookies]
    paths = sorted({p for pages in reader_pages for p in pages})
    plan_id, actions = writer_targets(url)
    # the last open actions are saved by groups at once; the others each by one writer
    results.contended_actions = actions[-contended:] if contenders > 1 and contended else []
    actions = actions[: len(actions) - len(results.contended_actions)]
    writers = min(max(users // 4, 1), len(actions))
    crowd = contenders * len(results.contended_actions)
    database = Database(url)
    with database.session() as session:
        lead = access.principal_for(access.get_user(session, LEAD))
        token = access.issue_token(session, actor=lead, email=LEAD, label="load test")
    database.dispose()
    print(
        f"{users - writers - crowd} readers over {len(paths)} pages, {writers} writers, "
        f"{len(results.contended_actions)} actions saved by {contenders} people at once"
    )
    # Warm every worker's caches (templates, imports) before the clock starts.
    for cookies, pages in zip(reader_cookies, reader_pages, strict=True):
        async with httpx.AsyncClient(base_url=base, cookies=cookies, timeout=30) as warm:
            for _ in range(4):
                await asyncio.gather(*(warm.get(p) for p in pages))
    deadline = time.monotonic() + seconds
    tasks = [
        reader(
            base,
            reader_cookies[i % len(reader_cookies)],
            reader_pages[i % len(reader_cookies)],
            deadline,
            results,
            random.Random(rng.random()),
        )
        for i in range(users - writers - crowd)
    ]
    tasks += [
        writer(base, token, plan_id, actions[i], deadline, results, random.Random(rng.random()), i)
        for i in range(writers)
    ]
    for group, action_id in enumerate(results.contended_actions):
        together = asyncio.Barrier(contenders)
        tasks += [
            contender(
                base,
                token,
                action_id,
                deadline,
                results,
                random.Random(rng.random()),
                group * contenders + i,
                together,
            )
            for i in range(contenders)
        ]
    await asyncio.gather(*tasks)
    return results


def run_backend(
    backend: str, users: int, seconds: float, workers: int, contenders: int, contended: int
) -> bool:
    with ExitStack() as stack:
        if backend == "sqlite":
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            url = f"sqlite:///{folder / 'load.db'}"
        else:
            from tests.postgres_server import postgres_server

            server = stack.enter_context(postgres_server())
            admin = create_engine(f"{server.url}/postgres", isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                connection.execute(text("CREATE DATABASE joinedup"))
            admin.dispose()
            url = f"{server.url}/joinedup"
        print(f"Preparing the demo world on {backend}…")
        prepare(url)
        port = free_port()
        process = start_server(url, port, workers)
        stack.callback(process.wait, 30)
        stack.callback(process.terminate)
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base)
        results = asyncio.run(run_load(base, url, users, seconds, contenders, contended))
        process.terminate()
        process.wait(30)
        lost = lost_updates(url, results)
        return report(backend, results, seconds, lost, lost_contended(url, results))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--contenders", type=int, default=4, help="people saving one action")
    parser.add_argument("--contended", type=int, default=2, help="actions saved by a group")
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    ok = all(
        run_backend(b, args.users, args.seconds, args.workers, args.contenders, args.contended)
        for b in backends
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
