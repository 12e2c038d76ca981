"""Benchmark: downloading an approved report's PDF through the application, against rendering
that PDF from the report's snapshot (what every download used to do), in the same run.

    .venv/bin/python bench/report_download.py            # --repeat 30

The demo world is built in a temporary SQLite database first (not timed); its published
highlight report (15 workstreams, 13 KPIs with SPC charts) had its PDF and DOCX rendered once,
when it was approved. Timed: ``--repeat`` downloads of the PDF from its public address and by
the signed-in system lead (FastAPI test client: routing, session, query, response), and a few
renders of the same snapshot to PDF as the baseline. Target: at most 50 ms median.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from joinedup.access import demo as access_demo
from joinedup.demo import populate
from joinedup.reports import service
from joinedup.reports.pdf import render_pdf
from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.web.app import create_app

SLUG = "oxfordshire-highlight-report-1"
LEAD = "lead@oxfordshire.demo.joinedup.test"
SECRET = "bench-secret-key-that-is-long-enough-0123456789"  # noqa: S105 (throwaway database)


def median_ms(client: TestClient, url: str, repeat: int) -> tuple[float, set[bytes]]:
    client.get(url)  # warm-up
    times, bodies = [], set()
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        bodies.add(response.content)
    return statistics.median(times) * 1000, bodies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--renders", type=int, default=3, help="baseline renders")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        database = Database(url)
        database.upgrade()
        started = time.perf_counter()
        populate(database)
        print(f"built the demo world in {time.perf_counter() - started:.1f} s")
        app = create_app(Settings(database_url=url, secret_key=SECRET), database)
        with TestClient(app, base_url="http://127.0.0.1") as client:
            public_ms, public = median_ms(client, f"/published/{SLUG}.pdf", args.repeat)
            page = client.get("/sign-in")
            token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
            client.post(
                "/sign-in",
                data={"email": LEAD, "password": access_demo.DEMO_PASSWORD, "csrf_token": token},
            )
            lead_ms, signed_in = median_ms(client, "/reports/1/download.pdf", args.repeat)
        with database.session() as session:
            _, document = service.published_document(session, SLUG)
        render_pdf(document)  # warm-up: fonts, imports
        renders = []
        for _ in range(args.renders):
            started = time.perf_counter()
            render_pdf(document)
            renders.append(time.perf_counter() - started)
        render_ms = statistics.median(renders) * 1000
        database.dispose()
    size = len(next(iter(public)))
    print(
        f"approved report's PDF ({size / 1e6:.2f} MB), public address: median {public_ms:.1f} ms "
        f"over {args.repeat}; signed in: median {lead_ms:.1f} ms; "
        f"identical bytes on every download: {len(public | signed_in) == 1}"
    )
    print(f"baseline (render the snapshot to PDF, as each download did): median {render_ms:.0f} ms")
    print(f"ratio download / baseline: {public_ms / render_ms:.3f}x; target: at most 50 ms")


if __name__ == "__main__":
    main()
