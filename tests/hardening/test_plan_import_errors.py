"""A refused plan import lists every problem on the page, each with its sheet, row, column and
value, as a list (never a literal <br>), and imports nothing."""

from __future__ import annotations

import io
import re

from fastapi.testclient import TestClient
from openpyxl import Workbook

from joinedup.plans.schemas import COLUMNS
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in
from tests.hardening.hostile import count


def _sheet(rows: list[list[object]]) -> bytes:
    book = Workbook()
    book.active.append(list(COLUMNS))
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_every_problem_is_listed_on_the_page(client: TestClient, database: Database) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    plans = count(database, "plans")
    token = csrf_from(client.get(f"/systems/{OXFORDSHIRE}/plans/import").text)
    rows = [
        ["A", "Vision", "", "", "x" * 5000, "", "2019-01-01", "", "", ""],
        ["B", "Flow", "", "", "Agree", "", "soon", "", "", ""],
        ["C", "Care", "", "", "Agree", "", "2019-01-01", "Done-ish", "", ""],
    ]
    refused = client.post(
        f"/systems/{OXFORDSHIRE}/plans/import",
        data={"csrf_token": token},
        files={"file": ("bad.xlsx", _sheet(rows))},
    )
    assert refused.status_code == 400
    assert "<br>" not in refused.text
    assert "&lt;br&gt;" not in refused.text
    assert "3 problem(s); nothing was imported (listed below the file)" in refused.text
    listed = re.findall(r"<li>(bad\.xlsx, [^<]*)</li>", refused.text)
    assert [item.split(":")[0] for item in listed] == [
        "bad.xlsx, sheet Sheet, row 2, column Action",
        "bad.xlsx, sheet Sheet, row 3, column Due date",
        "bad.xlsx, sheet Sheet, row 4, column Status",
    ]
    assert "Enter 4,000 characters or fewer (this has 5,000)" in listed[0]
    assert count(database, "plans") == plans
