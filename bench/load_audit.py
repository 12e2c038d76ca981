"""What the load test (``bench/load.py``) checks afterwards: every acknowledged write is in the
database, no contended save overwrote a change its author never saw, every journal holds one
entry per version; and the table of latencies and statuses it prints."""

from __future__ import annotations

import statistics

from sqlalchemy import create_engine, select, text

from joinedup.plans.models import ActionUpdate, RagAssessment
from load_people import Results


def lost_contended(url: str, results: Results) -> tuple[int, int]:
    """(lost updates, actions whose journal drifted from their version) among contended saves."""
    lost = drifted = 0
    engine = create_engine(url)
    with engine.connect() as connection:
        for action_id in results.contended_actions:
            journal = (
                connection.execute(
                    select(ActionUpdate.note)
                    .where(ActionUpdate.action_id == action_id)
                    .order_by(ActionUpdate.id)
                )
                .scalars()
                .all()
            )
            version, progress = connection.execute(
                text("SELECT version, progress FROM plan_actions WHERE id = :id"), {"id": action_id}
            ).one()
            # entry n of the journal is version n; the row holds what the last entry saved
            if len(journal) != version or (journal[-1] and journal[-1] != progress):
                drifted += 1
            place = {note: n for n, note in enumerate(journal, start=1) if note}
            for saved_id, loaded, note in results.acknowledged_saves:
                if saved_id == action_id and place.get(note) != loaded + 1:
                    lost += 1
    engine.dispose()
    return lost, drifted


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


def report(
    backend: str,
    results: Results,
    seconds: float,
    lost: tuple[int, int],
    contended: tuple[int, int],
) -> bool:
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
    attempts = len(results.latencies.get("api PATCH contended action", []))
    print(
        f"contended saves of {len(results.contended_actions)} actions: {attempts} attempts, "
        f"{len(results.acknowledged_saves)} acknowledged, the rest refused as stale; "
        f"lost updates: {contended[0]}; journals drifted from their version: {contended[1]}"
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
    ok &= lost == (0, 0) and contended == (0, 0)
    print("targets met" if ok else "TARGETS MISSED")
    return ok
