"""Data vintages, on both databases: a reload keeps the earlier vintage, its revisions are listed,
and a reading "as at" a day takes what had been loaded by then (the demo's paper as at 31 May
2019 reads April 2019, since May's figures arrived in June)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from joinedup import clock
from joinedup.access.rules import OPERATOR, Grant, Principal, Role
from joinedup.cli import app
from joinedup.demo import populate
from joinedup.errors import NotFound
from joinedup.metrics import service
from joinedup.monitoring import service as monitoring
from joinedup.ranking.demo import SELECTED_ON
from joinedup.ranking.models import RankingRun
from joinedup.settings import get_settings
from joinedup.store.database import Database
from joinedup.timeline import Timeline
from tests.conftest import OXFORDSHIRE, upgrade_database
from tests.metrics.test_stored import JAN, OXON, table

LOS = "los_p90_emergency_65plus"


def _january(session: Session, on: date) -> list[float | None]:
    known = service.values_known_on(session, actor=OPERATOR, area_code=OXON, months=1, on=on)
    return [v.value for v in known if (v.indicator, v.period_start) == (LOS, JAN[0])]


def test_a_reload_keeps_the_earlier_vintage_and_lists_what_it_revised(session: Session) -> None:
    first = service.load_values(
        session,
        actor=OPERATOR,
        table=table([(OXON, LOS, *JAN, 13.0), ("E92000001", LOS, *JAN, 15.5)]),
        source="january.csv",
        engine="duckdb",
        checksum="a" * 64,
        loaded_on=date(2021, 2, 20),
    )
    second = service.load_values(
        session,
        actor=OPERATOR,
        table=table([(OXON, LOS, *JAN, 12.5), ("E92000001", LOS, *JAN, 15.5)]),
        source="january-revised.csv",
        engine="duckdb",
        checksum="b" * 64,
        loaded_on=date(2021, 3, 20),
    )
    vintages = {v.id: v for v in service.list_vintages(session)}
    assert vintages[first.id].checksum == "a" * 64
    assert vintages[first.id].loaded_on == date(2021, 2, 20)
    assert vintages[first.id].indicators == (LOS,)
    assert (vintages[first.id].first_period, vintages[first.id].last_period) == JAN
    assert vintages[second.id].replaced == 2
    # Today's figure is the revised one; the first vintage's is still there to read as at then.
    current = service.period_values(session, period_start=JAN[0])
    assert {(v.area_code, v.value) for v in current} == {(OXON, 12.5), ("E92000001", 15.5)}
    assert _january(session, date(2021, 3, 1)) == [13.0]
    # Only the figure that moved is a revision; England's, loaded again unchanged, is not.
    revised = service.revisions(session, vintage_id=second.id)
    assert [(r.area_code, r.before, r.after, r.change) for r in revised] == [
        (OXON, 13.0, 12.5, -0.5)
    ]
    assert service.revisions(session, vintage_id=first.id) == []
    with pytest.raises(NotFound):
        service.revisions(session, vintage_id=second.id + 1000)


def test_as_at_a_day_reads_the_latest_vintage_loaded_by_then(session: Session) -> None:
    for value, day in ((13.0, date(2021, 2, 20)), (12.0, date(2021, 3, 20))):
        service.load_values(
            session,
            actor=OPERATOR,
            table=table([(OXON, LOS, *JAN, value)]),
            source="january.csv",
            engine="duckdb",
            loaded_on=day,
        )
    assert _january(session, date(2021, 2, 19)) == []  # not loaded yet
    assert _january(session, date(2021, 2, 20)) == [13.0]
    assert _january(session, date(2021, 3, 19)) == [13.0]
    assert _january(session, date(2021, 3, 20)) == [12.0]
    # Another system's people cannot read Oxfordshire's values, as at any day.
    other = Principal(9, "lead@x.test", "Lead", (Grant(Role.SYSTEM_LEAD, "E08000026"),))
    with pytest.raises(NotFound):
        service.values_known_on(session, actor=other, area_code=OXON, months=1, on=JAN[1])


def test_a_ranking_run_records_the_vintage_it_used(session: Session) -> None:
    runs = sorted(session.scalars(select(RankingRun)).all(), key=lambda r: r.period_start)
    assert len(runs) == 2
    latest = service.latest_vintage_id(session)
    assert latest is not None
    assert runs[-1].vintage_id == latest  # the latest year is ranked on the latest load
    # The run that chose the 2017 reviews read the vintage known in July 2017 (the story's day,
    # moved with the demo), not the figures loaded since.
    chosen_on = Timeline.as_at(clock.today()).move(SELECTED_ON)
    assert runs[0].vintage_id is not None
    older = service.get_vintage(session, vintage_id=runs[0].vintage_id)
    assert older.loaded_on <= chosen_on
    assert not [
        v for v in service.list_vintages(session) if older.loaded_on < v.loaded_on <= chosen_on
    ]
    assert runs[0].vintage_id != latest


def test_the_command_line_lists_vintages_and_revisions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("JOINEDUP_DATABASE_URL", url)
    upgrade_database(url)
    get_settings.cache_clear()
    database = Database(url)
    try:
        runner = CliRunner()
        assert "No vintages are loaded" in runner.invoke(app, ["metrics", "vintages"]).output
        with database.session() as session:
            for value, day in ((13.0, date(2021, 2, 20)), (12.25, date(2021, 3, 20))):
                service.load_values(
                    session,
                    actor=OPERATOR,
                    table=table([(OXON, LOS, *JAN, value)]),
                    source="january.csv",
                    engine="duckdb",
                    loaded_on=day,
                )
        listed = runner.invoke(app, ["metrics", "vintages"])
        assert listed.exit_code == 0, listed.output
        assert "2021-02-20" in listed.output
        assert "2021-03-20" in listed.output
        revised = runner.invoke(app, ["metrics", "vintages", "--revisions", "2"])
        assert revised.exit_code == 0, revised.output
        assert "revised 1 figures" in revised.output
        assert "-0.75" in revised.output
    finally:
        database.dispose()
        get_settings.cache_clear()


STORY_DAY = date(2019, 6, 13)
AS_AT = date(2019, 5, 31)


@pytest.fixture
def world_in_june_2019(empty_database: Database) -> Iterator[Database]:
    saved = clock.pinned()
    clock.pin(STORY_DAY)
    try:
        empty_database.upgrade()
        populate(empty_database, timeline=Timeline.as_at(STORY_DAY))
        yield empty_database
    finally:
        clock.pin(saved)


def test_the_demo_paper_as_at_31_may_2019_reads_april_2019(world_in_june_2019: Database) -> None:
    with world_in_june_2019.session() as session:
        # May 2019 is loaded (it ended on 31 May) but arrived in June: not known on 31 May.
        may = service.find_values(
            session, actor=OPERATOR, area_code=OXFORDSHIRE, months=1, period_start=date(2019, 5, 1)
        )
        assert may.total > 0
        view = monitoring.values_as_at(session, actor=OPERATOR, area_code=OXFORDSHIRE, on=AS_AT)
        linked = [k for k in view.kpis if k.source == "indicator"]
        assert linked
        # Every linked KPI's latest figure, on whatever basis, is for April 2019 at the latest.
        months = {k.code: k.figure.month for k in linked if k.figure is not None}
        assert set(months) == {k.code for k in linked}
        assert max(months.values()) == date(2019, 4, 1)
        assert all(m <= date(2019, 4, 1) for m in months.values()), months
