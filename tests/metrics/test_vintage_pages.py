"""Data vintages on the web: national roles see every load (checksum, when and by whom, periods,
indicators) and what a reload revised; a ranking run names the vintage it read."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import select

from joinedup.access.rules import OPERATOR
from joinedup.metrics import service
from joinedup.ranking.models import RankingRun
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE, demo_email, sign_in
from tests.metrics.test_stored import JAN, table

LOS = "los_p90_emergency_65plus"


def test_national_roles_see_each_vintage_and_what_a_reload_revised(
    client: TestClient, database: Database
) -> None:
    with database.session() as session:
        demo_loads = len(service.list_vintages(session))
        first = service.load_values(
            session,
            actor=OPERATOR,
            table=table([(OXFORDSHIRE, LOS, *JAN, 13.0)]),
            source="january.csv",
            engine="duckdb",
            checksum="a1" * 32,
            loaded_on=date(2021, 2, 20),
        )
        second = service.load_values(
            session,
            actor=OPERATOR,
            table=table([(OXFORDSHIRE, LOS, *JAN, 12.25)]),
            source="january-revised.csv",
            engine="duckdb",
            checksum="b2" * 32,
            loaded_on=date(2021, 3, 20),
        )
    sign_in(client, demo_email("analyst"))
    listing = client.get("/data/vintages")
    assert listing.status_code == 200
    assert f"{demo_loads + 2} vintages, latest first" in listing.text
    assert "b2b2b2b2b2b2" in listing.text  # the checksum, shortened
    assert "20 March 2021 by Command line" in listing.text
    assert f'href="/data/vintages/{first.id}"' in listing.text

    page = client.get(f"/data/vintages/{second.id}")
    assert page.status_code == 200
    assert "b2" * 32 in page.text  # in full
    assert "90th percentile of length of stay for emergency admissions (65+)" in page.text
    assert "This vintage changed 1 figure loaded earlier" in page.text
    row = re.search(
        r"<tr class=\"govuk-table__row\">\s*<td[^>]*>Oxfordshire</td>(.*?)</tr>", page.text, re.S
    )
    assert row is not None
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row.group(1))
    assert cells[-3:] == ["13.00", "12.25", "-0.75"]
    unchanged = client.get(f"/data/vintages/{first.id}")
    assert "This vintage revised no figure" in unchanged.text
    assert client.get("/data/vintages/999999").status_code == 404


def test_system_people_do_not_see_the_vintages(client: TestClient) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    assert client.get("/data/vintages").status_code == 403


def test_a_ranking_run_page_names_its_vintage(client: TestClient, database: Database) -> None:
    with database.session() as session:
        runs = session.scalars(select(RankingRun).order_by(RankingRun.period_start)).all()
        older = runs[0]
    sign_in(client, demo_email("analyst"))
    page = client.get(f"/rankings/{older.id}")
    assert page.status_code == 200
    assert f'<a class="govuk-link" href="/data/vintages/{older.vintage_id}">Vintage ' in page.text
