"""Storing computed indicator values and reading them back, on both databases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from joinedup import clock
from joinedup.access.models import AuditEvent
from joinedup.access.rules import OPERATOR, Grant, Principal, Role
from joinedup.cli import app
from joinedup.errors import NotFound, PermissionDenied
from joinedup.metrics import service
from joinedup.metrics.results import SCHEMA
from joinedup.settings import get_settings
from joinedup.store.database import Database
from joinedup.timeline import Timeline
from tests.conftest import upgrade_database

OXON = "E10000025"


def table(rows: list[tuple[str, str, date, date, float]]) -> pa.Table:
    columns: dict[str, list[object]] = {name: [] for name in SCHEMA.names}
    for area, indicator, start, end, value in rows:
        for name, item in zip(
            ("area_code", "indicator", "period_start", "period_end", "value"),
            (area, indicator, start, end, value),
            strict=True,
        ):
            columns[name].append(item)
        for name in ("numerator", "denominator", "lower_95", "upper_95", "lower_998", "upper_998"):
            columns[name].append(None)
    return pa.table(columns, schema=SCHEMA)


# After the demo world's three years (April 2017 to March 2020), which the test world holds.
JAN = (date(2021, 1, 1), date(2021, 1, 31))
FEB = (date(2021, 2, 1), date(2021, 2, 28))
YEAR = (date(2020, 3, 1), date(2021, 2, 28))


def test_load_then_read_a_series_and_a_period(session: Session) -> None:
    service.load_values(
        session,
        actor=OPERATOR,
        table=table(
            [
                (OXON, "los_p90_emergency_65plus", *FEB, 14.0),
                (OXON, "los_p90_emergency_65plus", *JAN, 13.0),
                ("E92000001", "los_p90_emergency_65plus", *JAN, 15.5),
                (OXON, "los_p90_emergency_65plus", *YEAR, 13.4),
            ]
        ),
        source="values.csv",
        engine="duckdb",
    )
    series = service.indicator_series(session, area_code=OXON, indicator="los_p90_emergency_65plus")
    loaded = [(v.period_start, v.value) for v in series if v.period_start in (JAN[0], FEB[0])]
    assert loaded == [(JAN[0], 13.0), (FEB[0], 14.0)]  # in order, among the demo's months
    rolling = service.indicator_series(
        session, area_code=OXON, indicator="los_p90_emergency_65plus", months=12
    )
    year = next(v for v in rolling if v.period_end == YEAR[1])
    assert year.value == 13.4
    january = service.period_values(session, period_start=JAN[0])
    assert {(v.area_code, v.value) for v in january} == {(OXON, 13.0), ("E92000001", 15.5)}
    demo_last = Timeline.as_at(clock.today()).last_complete_month
    assert service.latest_period_start(session) == max(FEB[0], demo_last)
    assert service.values_table(january).num_rows == 2


def test_reloading_a_period_replaces_it_and_is_audited(session: Session) -> None:
    first = table([(OXON, "los_p90_emergency_65plus", *JAN, 13.0)])
    again = table([(OXON, "los_p90_emergency_65plus", *JAN, 12.0)])
    service.load_values(session, actor=OPERATOR, table=first, source="a.csv", engine="duckdb")
    load = service.load_values(
        session, actor=OPERATOR, table=again, source="b.csv", engine="duckdb"
    )
    assert load.replaced == 1
    values = service.period_values(session, period_start=JAN[0])
    assert [v.value for v in values] == [12.0]
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "metrics.load")).all()
    assert [e.after["replaced"] for e in events if e.after][-2:] == [0, 1]


def test_only_analysts_and_admins_load(session: Session) -> None:
    lead = Principal(9, "lead@x.test", "Lead", (Grant(Role.SYSTEM_LEAD, OXON),))
    with pytest.raises(PermissionDenied):
        service.load_values(session, actor=lead, table=table([]), source="x.csv", engine="duckdb")


def test_nothing_loaded_is_said_plainly(empty_database: Database) -> None:
    empty_database.upgrade()
    with (
        empty_database.session() as session,
        pytest.raises(NotFound, match="metrics compute --load"),
    ):
        service.latest_period_start(session)


def test_the_demo_world_holds_three_years_for_every_area(session: Session) -> None:
    # The seeds' story from April 2016, moved onto the demo's timeline, to the last whole month.
    timeline = Timeline.as_at(clock.today())
    first, last = timeline.on(2016, 4, 1), timeline.last_complete_month
    starts = service.period_starts(session)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    assert (starts[0], starts[-1], len(starts)) == (first, last, months)
    latest = service.period_values(session, period_start=last)
    assert len({v.area_code for v in latest}) == 153  # 152 areas and England
    assert len({v.indicator for v in latest}) == 6


def test_compute_load_then_list_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`metrics compute --load` stores what it wrote; `metrics list` shows it."""
    monkeypatch.setenv("JOINEDUP_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    upgrade_database(f"sqlite:///{tmp_path / 'cli.db'}")  # no command creates it
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        made = runner.invoke(
            app,
            [
                "synth",
                "--out",
                str(tmp_path / "data"),
                "--spells",
                "20000",
                "--months",
                "3",
                "--start",
                "2019-01",
                "--quiet",
            ],
        )
        assert made.exit_code == 0, made.output
        empty = runner.invoke(app, ["metrics", "list"])
        assert "No indicator values are loaded" in empty.output
        done = runner.invoke(
            app,
            [
                "metrics",
                "compute",
                str(tmp_path / "data"),
                "--period",
                "month",
                "--out",
                str(tmp_path / "values.csv"),
                "--load",
            ],
        )
        assert done.exit_code == 0, done.output
        assert "Loaded 2,754 values" in done.output  # 153 areas x 6 indicators x 3 months
        listed = runner.invoke(app, ["metrics", "list"])
        assert "months" in listed.output
        assert "2019-01" in listed.output
        assert "2019-03" in listed.output
    finally:
        get_settings.cache_clear()
