"""KPI values from CSV and XLSX files: every problem names the file, sheet, row, column and
value, and a file with any problem saves nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlalchemy import select

from joinedup.errors import InvalidInput
from joinedup.monitoring.models import Kpi, KpiValue
from joinedup.monitoring.values_file import read_pasted, read_values
from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.web.app import create_app
from tests.conftest import OXFORDSHIRE, TEST_SECRET, csrf_from, demo_email, sign_in

LIMIT = 10_000


def xlsx(rows: list[list[object]], title: str = "Values") -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for line in rows:
        sheet.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_csv_file_gives_one_value_per_month() -> None:
    values = read_values(
        "delays.csv", b'date,value\n2020-04,96\n2020-05-01,"1,218"\n', max_bytes=LIMIT
    )
    assert [(v.period, v.value) for v in values] == [
        (date(2020, 4, 1), 96.0),
        (date(2020, 5, 1), 1218.0),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"month,value\n2020-04,96\n", "delays.csv, row 1: missing column(s) date"),
        (
            b"date,value\n2020-04,96\n\nApril,97\n",
            "delays.csv, row 4, column date: 'April' is not a date",
        ),
        (b"date,value\n2020-04,ninety\n", "delays.csv, row 2, column value: 'ninety' is not"),
        (b"date,value\n2020-04,96\n2020-04-01,97\n", "row 3, column date: '2020-04-01' is also"),
        (b"", "delays.csv: the file is empty"),
        (
            b"date,value\n9999-12,5\n",
            "row 2, column date: '9999-12' is not between 01 January 1990",
        ),
        (b"date,value\n0001-01,5\n", "row 2, column date: '0001-01' is not between"),
    ],
)
def test_csv_problems_name_the_place(content: bytes, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_values("delays.csv", content, max_bytes=LIMIT)
    assert message in str(refused.value)


def test_an_xlsx_problem_names_the_sheet() -> None:
    data = xlsx([["date", "value"], [date(2020, 4, 1), 96], ["2020-05", "n/a"]], "Delays")
    with pytest.raises(InvalidInput) as refused:
        read_values("return.xlsx", data, max_bytes=LIMIT)
    assert "return.xlsx, sheet Delays, row 3, column value: 'n/a' is not a number" in str(
        refused.value
    )


def test_an_xlsx_file_reads_dates_as_excel_stores_them() -> None:
    data = xlsx([["Date", "Value"], [date(2020, 4, 1), 96.5]])
    values = read_values("return.xlsx", data, max_bytes=LIMIT)
    assert [(v.period, v.value) for v in values] == [(date(2020, 4, 1), 96.5)]


def test_files_over_the_limit_and_other_formats_are_refused() -> None:
    with pytest.raises(InvalidInput, match="largest accepted is 10,000"):
        read_values("big.csv", b"date,value\n" + b"2020-04,1\n" * 2000, max_bytes=LIMIT)
    with pytest.raises(InvalidInput, match=r"expected a \.csv or \.xlsx file"):
        read_values("values.ods", b"x", max_bytes=LIMIT)


def kpi_page(database: Database, code: str) -> tuple[int, str]:
    with database.session() as session:
        kpi = session.scalar(select(Kpi).where(Kpi.code == code))
        assert kpi is not None
        return kpi.id, f"/systems/{OXFORDSHIRE}/framework/kpis/{kpi.id}"


def entries(database: Database, kpi_id: int) -> int:
    with database.session() as session:
        return len(session.scalars(select(KpiValue).where(KpiValue.kpi_id == kpi_id)).all())


def test_a_file_with_one_bad_row_saves_nothing(client: TestClient, database: Database) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    kpi_id, url = kpi_page(database, "1c")
    before = entries(database, kpi_id)
    token = csrf_from(client.get(url).text)
    response = client.post(
        f"{url}/import",
        data={"csrf_token": token},
        files={"file": ("delays.csv", b"date,value\n2020-04,96\n2020-05,lots\n", "text/csv")},
    )
    assert response.status_code == 400
    assert "delays.csv, row 3, column value: &#39;lots&#39; is not a number" in response.text
    assert entries(database, kpi_id) == before


def test_an_xlsx_upload_adds_its_values(client: TestClient, database: Database) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    kpi_id, url = kpi_page(database, "1c")
    before = entries(database, kpi_id)
    token = csrf_from(client.get(url).text)
    data = xlsx([["date", "value"], ["2020-04", 93], ["2020-05", 91.5]])
    response = client.post(
        f"{url}/import",
        data={"csrf_token": token},
        files={"file": ("return.xlsx", data, "application/octet-stream")},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert entries(database, kpi_id) == before + 2
    assert "May 2020" in response.text


def test_an_upload_over_the_size_limit_is_refused(database: Database) -> None:
    settings = Settings(database_url=database.url, secret_key=TEST_SECRET, upload_max_bytes=1024)
    with TestClient(create_app(settings, database), base_url="http://127.0.0.1") as client:
        sign_in(client, demo_email("system_lead", OXFORDSHIRE))
        kpi_id, url = kpi_page(database, "1c")
        before = entries(database, kpi_id)
        big = b"date,value\n" + b"".join(f"20{y:02d}-01,1\n".encode() for y in range(99)) * 2
        response = client.post(
            f"{url}/import",
            data={"csrf_token": csrf_from(client.get(url).text)},
            files={"file": ("big.csv", big, "text/csv")},
        )
    assert response.status_code == 400
    assert "the largest accepted is 1,024" in response.text
    assert entries(database, kpi_id) == before


def test_pasted_values_refuse_control_characters() -> None:
    with pytest.raises(InvalidInput) as refused:
        read_pasted("date,value\n2020-04,9\x1b6\n")
    assert "pasted values: Remove the control character U+001B" in str(refused.value)
    assert refused.value.problems.keys() == {"pasted"}
