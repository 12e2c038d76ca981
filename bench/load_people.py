"""The simulated people of the load test (``bench/load.py``): readers opening pages, writers
saving their own action or a rating, and contenders saving one action at the same moment."""

from __future__ import annotations

import asyncio
import random
import re
import secrets
import time
from collections import defaultdict
from dataclasses import dataclass, field

import httpx


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, dict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    acknowledged_notes: list[str] = field(default_factory=list)
    acknowledged_rationales: list[str] = field(default_factory=list)
    # contended saves answered 2xx: (action id, version loaded, note)
    acknowledged_saves: list[tuple[int, int, str]] = field(default_factory=list)
    contended_actions: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


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


async def contender(
    base: str,
    token: str,
    action_id: int,
    deadline: float,
    results: Results,
    rng: random.Random,
    number: int,
    together: asyncio.Barrier,
) -> None:
    """One of a group saving the same action: every round, all of the group load it, then all
    save from the version they loaded at the same moment; one should win, the rest get 409."""
    headers = {"authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as client:
        sequence = 0
        while True:
            await together.wait()  # the group decides together whether to go on
            if time.monotonic() >= deadline:
                return
            sequence += 1
            loaded = await timed(
                client, results, "api GET contended action", "GET", f"/api/v1/actions/{action_id}"
            )
            version = loaded.json()["version"] if loaded and loaded.status_code == 200 else None
            await together.wait()  # everyone has loaded before anyone saves
            if version is not None:
                note = f"contended-{number}-{sequence}-{secrets.token_hex(4)}"
                done = await timed(
                    client,
                    results,
                    "api PATCH contended action",
                    "PATCH",
                    f"/api/v1/actions/{action_id}",
                    json={"version": version, "note": note, "owner": f"Contender {number}"},
                )
                if done is not None and 200 <= done.status_code < 300:
                    results.acknowledged_saves.append((action_id, version, note))
            await asyncio.sleep(rng.uniform(0.5, 1.5))
