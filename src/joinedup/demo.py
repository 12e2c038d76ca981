"""The demo world: every capability adds its part through one function, in the order data flows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import demo as access_demo
from joinedup.areas import demo as areas_demo
from joinedup.governance import demo as governance_demo
from joinedup.metrics import demo as metrics_demo
from joinedup.monitoring import demo as monitoring_demo
from joinedup.plans import demo as plans_demo
from joinedup.ranking import demo as ranking_demo
from joinedup.reports import demo as reports_demo
from joinedup.reviews import demo as reviews_demo
from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.timeline import Timeline

# (what the step adds, the capability's build function); each step gets its own transaction.
DEMO_STEPS: list[tuple[str, Callable[[Session, Timeline], object]]] = [
    ("areas and systems", areas_demo.build),
    ("people", access_demo.build),
    ("a synthetic England from April 2016, measured (a 1 in 50 sample)", metrics_demo.build),
    ("saved rankings: the year that chose the 2017 reviews, and the latest", ranking_demo.build),
    ("review programmes, reviews, evidence and findings", reviews_demo.build),
    ("Oxfordshire's improvement plan, rated for every Board meeting", plans_demo.build),
    ("Oxfordshire's evaluation framework, with monthly values", monitoring_demo.build),
    ("Oxfordshire's Health and Wellbeing Board and its risk register", governance_demo.boards),
    ("Oxfordshire's board papers", reports_demo.build),
    ("meetings, minutes, other boards and oversight calls", governance_demo.build),
]


def populate(
    database: Database,
    *,
    timeline: Timeline | None = None,
    say: Callable[[str], None] = lambda _: None,
) -> None:
    """Add every capability's demo data to an up-to-date database, as at the timeline's day
    (by default the clock's today)."""
    timeline = timeline or Timeline.as_at(clock.today())
    for label, build in DEMO_STEPS:
        say(f"Adding {label}…")
        with database.session() as session:
            build(session, timeline)


def _remove_sqlite_file(url: str) -> None:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)


def build_demo_world(
    settings: Settings, *, progress: Console | None = None
) -> list[access_demo.DemoUser]:
    """Rebuild the demo database from nothing (the same world every time)."""

    def say(message: str) -> None:
        if progress is not None:
            progress.print(message)

    clock.pin(settings.today)  # the world is built as at the day the served clock will show
    _remove_sqlite_file(settings.database_url)
    database = Database(settings.database_url)
    try:
        say("Creating the database…")
        database.upgrade()
        populate(database, timeline=Timeline.as_at(clock.today()), say=say)
    finally:
        database.dispose()
    return access_demo.DEMO_USERS


def print_demo_users(users: list[access_demo.DemoUser], *, console: Console, url: str) -> None:
    title = f"Demo users (password: {access_demo.DEMO_PASSWORD})"
    table = Table("email", "role", "system", title=title)
    for user in users:
        table.add_row(user.email, user.role_name, user.system)
    console.print(table)
    console.print(f"Joined Up demo: {url}")
