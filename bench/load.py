"""Load test: a real server (uvicorn, several workers) on loopback, on SQLite and PostgreSQL.

At least 50 simulated people for 60 seconds: readers open pages (systems, the plan, a
workstream, the evaluation framework, the dashboard, reviews) and writers record action
updates and RAG assessments through the API. Afterwards every acknowledged write is looked
up in the database: a write the server answered 2xx for and that is missing is a lost update.

    .venv/bin/python bench/load.py [--backend sqlite|postgresql|both] [--users 50]
                                   [--seconds 60] [--workers 4]

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
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, select, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from joinedup.access import service as access  # noqa: E402
from joinedup.access.demo import DEMO_PASSWORD as PASSWORD  # noqa: E402
from joinedup.demo import populate  # noqa: E402
from joinedup.plans.models import ActionUpdate, RagAssessment  # noqa: E402
from joinedup.store.database import Database  # noqa: E402

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


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, dict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    acknowledged_notes: list[str] = field(default_factory=list)
    acknowledged_rationales: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


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


async def timed(
    client: httpx.AsyncClient,
    results: Results,
    label: str,
    method: str,
    path: str,
    **kwargs: object,
) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        response = await client.request(method, path, **kwargs)  # type: ignore[arg-type]
    except httpx.HTTPError as error:
        results.statuses[label][0] += 1
        results.failures.append(f"{label}: {error!r}")
        return None
    results.latencies[label].append(time.perf_counter() - started)
    results.statuses[label][response.status_code] += 1
    return response


async def reader(
    base: str,
    cookies: httpx.Cookies,
    paths: list[str],
    deadline: float,
    results: Results,
    rng: random.Random,
) -> None:
    async with httpx.AsyncClient(base_url=base, cookies=cookies, timeout=30) as client:
        while time.monotonic() < deadline:
            path = rng.choice(paths)
            label = "page " + re.sub(r"/\d+", "/{id}", path)
            await timed(client, results, label, "GET", path)
            await asyncio.sleep(rng.uniform(0.5, 1.5))


async def writer(
    base: str,
    token: str,
    plan_id: int,
    action_id: int,
    deadline: float,
    results: Results,
    rng: random.Random,
    number: int,
) -> None:
    headers = {"authorization": f"Bearer {token}"}
    workstreams = "ABCDEFGHIJKLMNO"
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as client:
        sequence = 0
        while time.monotonic() < deadline:
            sequence += 1
            if rng.random() < 0.8:
                current = await timed(
                    client, results, "api GET action", "GET", f"/api/v1/actions/{action_id}"
                )
                if current is not None and current.status_code == 200:
                    note = f"load-{number}-{sequence}-{secrets.token_hex(4)}"
                    done = await timed(
                        client,
                        results,
                        "api PATCH action",
                        "PATCH",
                        f"/api/v1/actions/{action_id}",
                        json={"version": current.json()["version"], "note": note},
                    )
                    if done is not None and 200 <= done.status_code < 300:
                        results.acknowledged_notes.append(note)
            else:
                rationale = f"load-rag-{number}-{sequence}-{secrets.token_hex(4)}"
                done = await timed(
                    client,
                    results,
                    "api POST rag",
                    "POST",
                    f"/api/v1/plans/{plan_id}/workstreams/{rng.choice(workstreams)}/rag",
                    json={
                        "rating": "amber",
                        "rationale": rationale,
                        "mitigation": "Mitigation agreed at the steering group.",
                        "override_reason": "Load test: the lead's judgement.",
                    },
                )
                if done is not None and 200 <= done.status_code < 300:
                    results.acknowledged_rationales.append(rationale)
            await asyncio.sleep(rng.uniform(0.5, 1.5))


def lost_updates(url: str, results: Results) -> tuple[int, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        notes = set(connection.execute(select(ActionUpdate.note)).scalars())
        rationales = set(connection.execute(select(RagAssessment.rationale)).scalars())
    engine.dispose()
    lost_notes = [n for n in results.acknowledged_notes if n not in notes]
    lost_rag = [r for r in results.acknowledged_rationales if r not in rationales]
    return len(lost_notes), len(lost_rag)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def report(backend: str, results: Results, seconds: float, lost: tuple[int, int]) -> bool:
    total = sum(sum(s.values()) for s in results.statuses.values())
    print(f"\n## {backend}: {total} requests in {seconds:.0f} s = {total / seconds:.1f} req/s")
    print(f"{'route':45} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'5xx':>5} {'4xx':>5}")
    ok = True
    for label in sorted(results.latencies):
        times = results.latencies[label]
        statuses = results.statuses[label]
        five = sum(n for code, n in statuses.items() if code >= 500 or code == 0)
        four = sum(n for code, n in statuses.items() if 400 <= code < 500)
        p95 = percentile(times, 0.95) * 1000
        print(
            f"{label:45} {len(times):6d} {statistics.median(times) * 1000:8.1f} "
            f"{p95:8.1f} {percentile(times, 0.99) * 1000:8.1f} {five:5d} {four:5d}"
        )
        ok &= five == 0 and (not label.startswith("page") or p95 < 300)
    print(
        f"acknowledged writes: {len(results.acknowledged_notes)} action updates, "
        f"{len(results.acknowledged_rationales)} RAG assessments; lost: {lost[0]} + {lost[1]}"
    )
    refused = {
        label: {code: n for code, n in sorted(codes.items()) if code >= 400}
        for label, codes in results.statuses.items()
    }
    for label, codes in sorted(refused.items()):
        if codes:
            print(f"  refused {label}: {codes}")
    for failure in results.failures[:5]:
        print("  failure:", failure)
    ok &= lost == (0, 0)
    print("targets met" if ok else "TARGETS MISSED")
    return ok


async def run_load(base: str, url: str, users: int, seconds: float) -> Results:
    rng = random.Random(2026)
    results = Results()
    reader_cookies = [sign_in_cookies(base, email) for email in READERS]
    # Each person reads the pages their role opens (the dashboard is national, say).
    reader_pages = [reader_paths(base, cookies) for cookies in reader_cookies]
    paths = sorted({p for pages in reader_pages for p in pages})
    plan_id, actions = writer_targets(url)
    writers = min(max(users // 4, 1), len(actions))
    database = Database(url)
    with database.session() as session:
        lead = access.principal_for(access.get_user(session, LEAD))
        token = access.issue_token(session, actor=lead, email=LEAD, label="load test")
    database.dispose()
    print(f"{users - writers} readers over {len(paths)} pages, {writers} writers")
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
        for i in range(users - writers)
    ]
    tasks += [
        writer(base, token, plan_id, actions[i], deadline, results, random.Random(rng.random()), i)
        for i in range(writers)
    ]
    await asyncio.gather(*tasks)
    return results


def run_backend(backend: str, users: int, seconds: float, workers: int) -> bool:
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
        results = asyncio.run(run_load(base, url, users, seconds))
        process.terminate()
        process.wait(30)
        return report(backend, results, seconds, lost_updates(url, results))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    ok = all(run_backend(b, args.users, args.seconds, args.workers) for b in backends)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
