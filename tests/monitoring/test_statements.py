"""Reading a framework costs a fixed handful of SQL statements, whatever the number of KPIs: the
framework page and `framework_view` (which the highlight report builds on) at 4 and 13 KPIs."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import update

from joinedup.access import service as access
from joinedup.monitoring import service as monitoring
from joinedup.monitoring.models import Framework, Kpi
from joinedup.store.database import Database
from tests.conftest import COVENTRY, OXFORDSHIRE, demo_email, sign_in
from tests.monitoring.story import REPORT
from tests.statements import counting

KEEP = ("1a", "1c", "2a", "2f")  # two local KPIs with values, two linked to indicators


def shrink_to_four(database: Database) -> None:
    """The demo framework (13 KPIs) cut to 4: the others moved to another system's framework
    (values are append-only, so they are not deleted)."""
    with database.session() as session:
        other = Framework(area_code=COVENTRY, title="Elsewhere")
        session.add(other)
        session.flush()
        table = Kpi.__table__
        session.execute(
            update(table).where(table.c.code.not_in(KEEP)).values(framework_id=other.id)
        )


def view_statements(database: Database) -> tuple[int, int]:
    with database.session() as session:
        viewer = access.principal_for(access.get_user(session, demo_email("viewer", OXFORDSHIRE)))
        with counting(database.engine) as seen:
            view = monitoring.framework_view(
                session, actor=viewer, area_code=OXFORDSHIRE, as_of=REPORT
            )
        assert all(k.latest is not None for k in view.kpis if k.source == "local")
        return len(view.kpis), seen.count


def page_statements(client: TestClient, database: Database) -> tuple[int, int]:
    with counting(database.engine) as seen:
        page = client.get(f"/systems/{OXFORDSHIRE}/framework?as_of={REPORT}")
    assert page.status_code == 200
    return page.text.count('<tr class="govuk-table__row" data-code='), seen.count


def test_framework_view_statements_do_not_grow_with_kpis(database: Database) -> None:
    kpis, at_13 = view_statements(database)
    assert kpis == 13
    shrink_to_four(database)
    kpis, at_4 = view_statements(database)
    assert kpis == 4
    assert at_13 == at_4
    assert at_13 <= 10


def test_framework_page_statements_do_not_grow_with_kpis(
    client: TestClient, database: Database
) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    rows, at_13 = page_statements(client, database)
    assert rows == 13
    shrink_to_four(database)
    rows, at_4 = page_statements(client, database)
    assert rows == 4
    assert at_13 == at_4
