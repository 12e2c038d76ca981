"""Benchmark: building the full highlight report from the demo world (Oxfordshire's plan of 15
workstreams and framework of 13 KPIs with their SPC charts), against the same build followed by
what the builder used to add, rasterising every chart to PNG for Word, in the same run.

    .venv/bin/python bench/report_build.py            # --repeat 5

The demo world is built in a temporary SQLite database first (not timed). Each build reads the
plan and the framework through their services, computes the SPC charts and writes the document
(charts as SVG only: Word's PNGs are made when the DOCX is rendered). Printed: the median wall
and CPU time of ``--repeat`` builds after a warm-up, the SQL statements one build runs, the size
of the stored document, and the same for the baseline. Target: at most 0.5 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import cairosvg
from sqlalchemy import event

from joinedup.access.rules import OPERATOR
from joinedup.demo import populate
from joinedup.plans import service as plans
from joinedup.reports import document as doc_json
from joinedup.reports.document import Document, Figure, Image, walk
from joinedup.reports.highlight import build_highlight
from joinedup.store.database import Database

OXFORDSHIRE = "E10000025"


def with_png(document: Document) -> Document:
    """The document as the builder used to make it: every chart also rasterised to PNG."""
    for _, section in walk(document.sections):
        for block in section.blocks:
            if isinstance(block, Figure):
                png = cairosvg.svg2png(bytestring=block.image.svg.encode("utf-8"), scale=1.5)
                object.__setattr__(
                    block, "image", Image.from_png(png, alt=block.image.alt, svg=block.image.svg)
                )
    return document


def timed(run: Callable[[], Document], repeat: int) -> tuple[float, float, Document]:
    run()  # warm-up: imports, caches
    walls, cpus = [], []
    document = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        document = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    assert document is not None
    return statistics.median(walls), statistics.median(cpus), document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        database.upgrade()
        started = time.perf_counter()
        populate(database)
        print(f"built the demo world in {time.perf_counter() - started:.1f} s")
        with database.session() as session:
            plan = plans.current_plan(session, actor=OPERATOR, area_code=OXFORDSHIRE)
            as_of = max(plans.reporting_dates(session, actor=OPERATOR, plan_id=plan.id))

        def build() -> Document:
            with database.session() as session:  # a fresh session, as a request would have
                return build_highlight(session, actor=OPERATOR, area_code=OXFORDSHIRE, as_of=as_of)

        statements: list[str] = []

        def count(*fired: object) -> None:
            statements.append(str(fired[2]))

        event.listen(database.engine, "before_cursor_execute", count)
        build()
        event.remove(database.engine, "before_cursor_execute", count)
        wall, cpu, document = timed(build, args.repeat)
        base_wall, base_cpu, before = timed(lambda: with_png(build()), args.repeat)
        database.dispose()
    charts = sum(isinstance(b, Figure) for _, s in walk(document.sections) for b in s.blocks)
    size, base_size = len(doc_json.dumps(document)), len(doc_json.dumps(before))
    print(
        f"highlight report, {charts} SPC charts: build median {wall:.3f} s wall, {cpu:.3f} s CPU "
        f"over {args.repeat}; {len(statements)} SQL statements; stored document {size / 1e6:.2f} MB"
    )
    print(
        f"baseline (build, then a PNG of every chart, as before): median {base_wall:.3f} s wall, "
        f"{base_cpu:.3f} s CPU; stored document {base_size / 1e6:.2f} MB"
    )
    print(
        f"ratio build / baseline: {wall / base_wall:.2f}x wall, {cpu / base_cpu:.2f}x CPU; "
        "target: at most 0.5 s"
    )


if __name__ == "__main__":
    main()
