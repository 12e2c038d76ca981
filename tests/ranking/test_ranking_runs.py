"""Ranking stored values and saved ranking runs, on both databases."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from ranking_examples import DELAYED, A, B, C, D
from sqlalchemy import update
from sqlalchemy.orm import Session
from stored_examples import STORED_PERIOD, principal, store_four_areas
from tests.conftest import OXFORDSHIRE
from typer.testing import CliRunner

from joinedup import clock
from joinedup.access import audit
from joinedup.cli import app
from joinedup.errors import InvalidInput, NotFound, PermissionDenied
from joinedup.ranking import service
from joinedup.ranking.demo import latest_complete_year
from joinedup.ranking.models import RankingRow
from joinedup.ranking.schemas import RankingOptions
from joinedup.settings import get_settings
from joinedup.store.database import Database
from joinedup.timeline import Timeline

OPTIONS = RankingOptions(draws=200, seed=3, select=1)


@pytest.fixture
def cli_database(database: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """The test database as the command line's configured one."""
    monkeypatch.setenv("JOINEDUP_DATABASE_URL", database.url)
    get_settings.cache_clear()
    yield database
    get_settings.cache_clear()


def test_rank_from_db_writes_the_worked_example(
    cli_database: Database, session: Session, tmp_path: Path
) -> None:
    store_four_areas(session)
    out = tmp_path / "ranking.csv"
    result = CliRunner().invoke(
        app,
        [
            "rank",
            "--from-db",
            "--period-start",
            "2030-04-01",
            "--draws",
            "200",
            "--select",
            "1",
            "--quiet",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    # Worked by hand in test_ranking_composite.py: B 1.25, A 2.25, C 2.5, D 4.
    assert [r["area_code"] for r in rows] == [B, A, C, D]
    assert [float(r["score"]) for r in rows] == pytest.approx([1.25, 2.25, 2.5, 4.0])
    assert rows[3]["selected"] == "robust"


def test_rank_from_db_names_the_stored_periods(cli_database: Database, tmp_path: Path) -> None:
    base = ["rank", "--from-db", "--out", str(tmp_path / "r.csv"), "--quiet"]
    result = CliRunner().invoke(app, [*base, "--period-start", "2019-05-03"])
    assert isinstance(result.exception, InvalidInput)
    # The demo world holds rolling years from April 2016 (moved by its timeline) to the year
    # ending with the last complete month.
    timeline = Timeline.as_at(clock.today())
    first, last = timeline.on(2016, 4, 1), timeline.last_complete_month
    latest = date(last.year - 1 + last.month // 12, last.month % 12 + 1, 1)
    assert f"{first.isoformat()} to {latest.isoformat()}" in str(result.exception)
    result = CliRunner().invoke(app, [*base, "--period-start", "2019-04-01", "--months", "5"])
    assert isinstance(result.exception, InvalidInput)
    assert result.exception.problems["months"].startswith("5 is not a period length")


def test_the_demo_year_ranks_all_152_areas(session: Session) -> None:
    result = service.rank_stored(
        session,
        period_start=latest_complete_year(Timeline.as_at(clock.today())),
        options=RankingOptions(draws=100, select=12),
    )
    assert len(result.areas) == 152
    assert result.settings["weights"][DELAYED] == 2.0
    assert result.selection is not None
    assert len(result.selection.selected) == 12


def test_a_saved_run_keeps_settings_results_and_who(session: Session) -> None:
    store_four_areas(session)
    analyst = principal(session, "analyst")
    run = service.run_ranking(
        session,
        actor=analyst,
        name="  Four areas 2030-31 ",
        period_start=STORED_PERIOD,
        months=12,
        options=OPTIONS,
    )
    session.commit()
    saved = service.get_run(session, actor=principal(session, "reviewer"), run_id=run.id)
    assert saved.name == "Four areas 2030-31"
    assert saved.ran_by == analyst.email
    assert (saved.months, saved.period_start) == (12, STORED_PERIOD)
    assert saved.settings["draws"] == 200
    assert saved.settings["seed"] == 3
    assert saved.settings["select"] == 1
    assert saved.settings["normalisation"] == "rank"
    assert saved.settings["missing"] == "reweight"
    assert [r.area_code for r in saved.rows] == [B, A, C, D]
    assert [r.rank for r in saved.rows] == [1, 2, 3, 4]
    worst = saved.rows[3]
    assert worst.score == pytest.approx(4.0)
    assert (worst.rank_p05, worst.rank_p95, worst.selected) == (4, 4, "robust")
    # A's contributions, worked by hand: emergency 1/4 x 1, delayed 2/4 x 3, at home 1/4 x 2.
    assert saved.rows[1].contributions["emergency_admissions_65plus"] == pytest.approx(0.25)
    assert saved.rows[1].contributions[DELAYED] == pytest.approx(1.5)
    events = audit.events_for(session, "ranking_run", run.id)
    assert [e.action for e in events] == ["ranking.run"]
    assert events[0].actor == analyst.email


def test_a_saved_run_survives_reloaded_values(session: Session) -> None:
    store_four_areas(session)
    run = service.run_ranking(
        session,
        actor=principal(session, "admin"),
        name="Before the reload",
        period_start=STORED_PERIOD,
        options=OPTIONS,
    )
    session.commit()
    store_four_areas(session, scale=2.0)  # replaces the period's values
    session.expire_all()
    saved = service.get_run(session, actor=principal(session, "analyst"), run_id=run.id)
    assert [r.score for r in saved.rows] == pytest.approx([1.25, 2.25, 2.5, 4.0])


def test_saved_runs_cannot_be_rewritten(session: Session) -> None:
    store_four_areas(session)
    run = service.run_ranking(
        session,
        actor=principal(session, "admin"),
        name="Kept",
        period_start=STORED_PERIOD,
        options=OPTIONS,
    )
    session.commit()
    with pytest.raises(Exception, match="append-only"):
        session.execute(update(RankingRow).where(RankingRow.run_id == run.id).values(rank=1))
    session.rollback()


def test_who_may_run_and_read(session: Session) -> None:
    store_four_areas(session)
    for role in ("reviewer",):
        with pytest.raises(PermissionDenied):
            service.run_ranking(
                session,
                actor=principal(session, role),
                name="x",
                period_start=STORED_PERIOD,
                options=OPTIONS,
            )
    lead = principal(session, "system_lead", OXFORDSHIRE)
    with pytest.raises(PermissionDenied):
        service.list_runs(session, actor=lead)
    with pytest.raises(PermissionDenied):
        service.get_run(session, actor=lead, run_id=1)
    with pytest.raises(NotFound):
        service.get_run(session, actor=principal(session, "reviewer"), run_id=999_999)


@pytest.mark.parametrize(
    ("name", "draws", "message"),
    [("", 200, "name"), ("x" * 201, 200, "name"), ("ok", 50, "draws"), ("ok", 20_001, "draws")],
)
def test_bad_runs_are_refused_naming_the_setting(
    session: Session, name: str, draws: int, message: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        service.run_ranking(
            session,
            actor=principal(session, "analyst"),
            name=name,
            period_start=date(2019, 4, 1),
            options=RankingOptions(draws=draws),
        )
    assert set(refused.value.problems) == {message}


def test_latest_rank_for_an_area(session: Session) -> None:
    store_four_areas(session)
    service.run_ranking(
        session,
        actor=principal(session, "analyst"),
        name="Four areas",
        period_start=STORED_PERIOD,
        options=OPTIONS,
    )
    session.commit()
    latest = service.latest_rank_for(session, area_code=D)
    assert (latest.run_name, latest.rank, latest.rank_p05, latest.rank_p95) == (
        "Four areas",
        4,
        4,
        4,
    )
    assert latest.areas_ranked == 4
    assert latest.selected == "robust"
    with pytest.raises(NotFound):
        service.latest_rank_for(session, area_code=OXFORDSHIRE)  # not in the latest run


def test_rank_from_db_can_save_the_run(
    cli_database: Database, session: Session, tmp_path: Path
) -> None:
    store_four_areas(session)
    out = tmp_path / "ranking.csv"
    result = CliRunner().invoke(
        app,
        [
            "rank",
            "--from-db",
            "--period-start",
            "2030-04-01",
            "--draws",
            "200",
            "--save",
            "Four areas from the command line",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Saved as ranking run" in result.output
    session.expire_all()
    latest = service.list_runs(session, actor=principal(session, "reviewer"))[0]
    assert latest.name == "Four areas from the command line"
    assert latest.ran_by == "operator"
    assert [r.area_code for r in latest.rows] == [B, A, C, D]


def test_save_needs_stored_values(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "rank",
            "--values",
            str(tmp_path / "v.csv"),
            "--period-start",
            "2018-04-01",
            "--save",
            "x",
            "--out",
            str(tmp_path / "r.csv"),
        ],
    )
    assert isinstance(result.exception, InvalidInput)
    assert "--from-db" in str(result.exception)
