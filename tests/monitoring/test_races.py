"""Two people save the same KPI, or a value for the same period of a KPI, at the same moment and
from the same version: exactly one save wins, the other is told somebody else changed it first
(409, never a silent loss and never a server error), the database holds the winner's values and
the audit log gains exactly one entry. Two new KPIs with one code: one is added, the other is
told the code is taken. On SQLite and PostgreSQL, with two real transactions that both load
before either writes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from joinedup.access import service as access
from joinedup.access.models import AuditEvent
from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput, StaleEdit
from joinedup.monitoring import service as monitoring
from joinedup.monitoring.models import Kpi, KpiValue
from joinedup.monitoring.schemas import KpiChange, KpiIn, ValueIn
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE, demo_email
from tests.monitoring.story import on
from tests.races import race


def lead(session: Session) -> Principal:
    return access.principal_for(access.get_user(session, demo_email("system_lead", OXFORDSHIRE)))


def kpi_id(database: Database, code: str) -> int:
    with database.session() as session:
        found = session.scalar(select(Kpi.id).where(Kpi.code == code))
    assert found is not None
    return found


def audited(database: Database, action: str, entity_id: int) -> int:
    with database.session() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.action == action, AuditEvent.entity_id == str(entity_id))
            )
            or 0
        )


def one_winner(results: list[Any]) -> tuple[int, StaleEdit]:
    """The index of the party whose save was kept, and the other's refusal."""
    refused = [r for r in results if isinstance(r, StaleEdit)]
    assert len(refused) == 1, results
    winner = next(i for i, r in enumerate(results) if not isinstance(r, Exception))
    return winner, refused[0]


def test_two_edits_of_one_kpi_from_the_same_version(database: Database) -> None:
    target = kpi_id(database, "1b")
    names = ["Four hours in A&E (lead)", "Four hours in A&E (admin)"]

    def save(name: str) -> Callable[[Session], int]:
        def attempt(session: Session) -> int:
            change = KpiChange(version=1, name=name, target="92% or above")
            kpi = monitoring.update_kpi(session, actor=lead(session), kpi_id=target, change=change)
            return kpi.version

        return attempt

    results = race(database, save(names[0]), save(names[1]))
    winner, refused = one_winner(results)
    assert results[winner] == 2
    assert refused.current["name"] == names[winner]  # the loser is shown what was saved
    assert refused.current["version"] == 2
    with database.session() as session:
        kpi = session.get(Kpi, target)
        assert kpi is not None
        assert (kpi.name, kpi.version, kpi.target_text) == (names[winner], 2, "92% or above")
    assert audited(database, "kpi.update", target) == 1


def value_race(database: Database, code: str, period: date, version: int) -> list[Any]:
    target = kpi_id(database, code)

    def save(value: float) -> Callable[[Session], float | None]:
        def attempt(session: Session) -> float | None:
            entry = ValueIn(period=period, value=value, version=version, note=f"typed {value}")
            row = monitoring.record_value(session, actor=lead(session), kpi_id=target, entry=entry)
            return None if row is None else row.value

        return attempt

    return race(database, save(10.5), save(9.75))


def entries(database: Database, code: str, period: date) -> list[tuple[int, float | None]]:
    target = kpi_id(database, code)
    with database.session() as session:
        rows = session.execute(
            select(KpiValue.version, KpiValue.value)
            .where(KpiValue.kpi_id == target, KpiValue.period == period)
            .order_by(KpiValue.version)
        )
        return [(v, x) for v, x in rows]


def test_two_first_values_for_one_period(database: Database) -> None:
    april = date(2020, 4, 1)
    first_values = audited(database, "kpi.value", kpi_id(database, "1e"))
    results = value_race(database, "1e", april, 0)
    winner, refused = one_winner(results)
    assert refused.current["value"] == results[winner]
    assert refused.current["version"] == 1  # saving again would correct the winner's value
    assert entries(database, "1e", april) == [(1, results[winner])]
    assert audited(database, "kpi.value", kpi_id(database, "1e")) == first_values + 1


def test_two_corrections_of_one_period_from_the_same_version(database: Database) -> None:
    march = on(2019, 3)
    before = entries(database, "1e", march)
    assert [v for v, _ in before] == [1]
    corrections = audited(database, "kpi.value_correct", kpi_id(database, "1e"))
    results = value_race(database, "1e", march, 1)
    winner, refused = one_winner(results)
    assert refused.current["version"] == 2
    assert entries(database, "1e", march) == [*before, (2, results[winner])]
    assert audited(database, "kpi.value_correct", kpi_id(database, "1e")) == corrections + 1


def test_two_new_kpis_with_one_code(database: Database) -> None:
    def add(name: str) -> Callable[[Session], str]:
        def attempt(session: Session) -> str:
            kpi = KpiIn(part=1, code="1h", name=name, target="10 or more")
            return monitoring.add_kpi(
                session, actor=lead(session), area_code=OXFORDSHIRE, kpi=kpi
            ).name

        return attempt

    results = race(database, add("Carers assessed"), add("Carers supported"))
    refused = [r for r in results if isinstance(r, InvalidInput)]
    assert len(refused) == 1, results
    assert refused[0].problems == {"code": "The framework already has a KPI 1h"}
    with database.session() as session:
        names = list(session.scalars(select(Kpi.name).where(Kpi.code == "1h")))
    assert names == [r for r in results if isinstance(r, str)]
