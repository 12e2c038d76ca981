"""The plan spreadsheet: the template's columns, errors with sheet, row, column and value, nothing
imported from a file with errors, formula injection neutralised, and a faithful round trip."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.errors import InvalidInput, PermissionDenied
from joinedup.plans import service
from joinedup.plans.excel import read_plan
from joinedup.plans.models import Plan
from joinedup.plans.schemas import ActionChange
from tests.conftest import OXFORDSHIRE
from tests.plans.builders import person

HEADER = [
    " workstream CODE ",
    "Workstream",
    "Responsible group",
    "Lead",
    "Action",
    "Owner",
    "Due date",
    "Status",
    "Progress update",
    "RAG",
    "Notes nobody reads",
]


def workbook(rows: list[list[object]], header: list[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Actions"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = [
    [
        "A",
        "Vision",
        "ISDB",
        "Ann",
        "Agree the vision",
        "Ann",
        datetime(2019, 3, 31),
        "Complete",
        "Done",
        "Green",
        "x",
    ],
    ["A", "", "", "", "Publish it", "Bob", "30/09/2019", "on track", "", "green", ""],
    [
        "B",
        "Flow",
        "A&E board",
        "Tom",
        "Review pathways",
        "Tom",
        "2019-12-31",
        "Slipped",
        "Late",
        "Amber",
        "",
    ],
    ["C", "Carers", "", "", "", "", None, "", "", "", ""],
]


def test_the_template_is_read_ignoring_case_spacing_and_extra_columns() -> None:
    workstreams = read_plan(workbook(GOOD), source="plan.xlsx")
    assert [(w.code, w.title, len(w.actions)) for w in workstreams] == [
        ("A", "Vision", 2),
        ("B", "Flow", 1),
        ("C", "Carers", 0),
    ]
    assert workstreams[0].actions[1].due == date(2019, 9, 30)
    assert workstreams[0].actions[1].status == "on_track"
    assert workstreams[1].rating == "amber"


def test_every_bad_row_is_reported_with_sheet_row_column_and_value() -> None:
    rows = [
        ["A", "Vision", "", "", "Agree", "Ann", "31/02/2019", "Done-ish", "", "Purple", ""],
        ["", "", "", "", "Orphan", "", "2019-01-01", "", "", "", ""],
        ["B", "Flow", "", "", "Stop it", "", "2019-01-01", "Cancelled", "", "", ""],
    ]
    with pytest.raises(InvalidInput) as refused:
        read_plan(workbook(rows), source="bad.xlsx")
    message = str(refused.value)
    assert "5 problem(s); nothing was imported" in message
    assert "bad.xlsx, sheet Actions, row 2, column Due date: '31/02/2019' is not a date" in message
    assert "row 2, column Status: 'Done-ish' is not one of: Not started, On track" in message
    assert "row 2, column RAG: 'Purple' is not one of: Green, Amber, Red" in message
    assert "row 3, column Workstream code: None must be a short code" in message
    assert (
        "row 4, column Progress update: None is empty: say why the action was cancelled" in message
    )


def test_a_missing_column_is_named() -> None:
    with pytest.raises(InvalidInput, match="row 1: missing column\\(s\\) Due date, RAG"):
        read_plan(
            workbook([], header=[h for h in HEADER if h not in ("Due date", "RAG")]),
            source="x.xlsx",
        )


def test_not_a_workbook_and_formulas_are_refused() -> None:
    with pytest.raises(InvalidInput, match="not an Excel workbook"):
        read_plan(b"hello", source="x.xlsx")
    rows = [["A", "Vision", "", "", '=HYPERLINK("http://x")', "", "2019-01-01", "", "", "", ""]]
    with pytest.raises(InvalidInput, match=r"row 2, column Action: .* is a formula"):
        read_plan(workbook(rows), source="x.xlsx")


def test_a_file_with_errors_imports_nothing(session: Session) -> None:
    before = session.scalar(select(func.count()).select_from(Plan))
    rows = [*GOOD, ["D", "Housing", "", "", "Build", "", "someday", "", "", "", ""]]
    with pytest.raises(InvalidInput, match="row 6, column Due date: 'someday'"):
        service.import_plan(
            session, actor=OPERATOR, area_code=OXFORDSHIRE, data=workbook(rows), source="p.xlsx"
        )
    assert session.scalar(select(func.count()).select_from(Plan)) == before


def test_only_leads_import(session: Session) -> None:
    with pytest.raises(PermissionDenied):
        service.import_plan(
            session,
            actor=person(session, "contributor", OXFORDSHIRE),
            area_code=OXFORDSHIRE,
            data=workbook(GOOD),
            source="p.xlsx",
        )


def _plan_shape(session: Session, plan_id: int) -> list[tuple[object, ...]]:
    shape: list[tuple[object, ...]] = []
    overview = service.plan_overview(session, actor=OPERATOR, plan_id=plan_id)
    for summary in overview.workstreams:
        w = summary.workstream
        rag = summary.rag
        shape.append(
            (w.code, w.title, w.responsible_group, w.leads)
            + ((rag.rating, rag.rationale, rag.mitigation) if rag else (None,))
        )
        detail = service.workstream_detail(session, actor=OPERATOR, plan_id=plan_id, code=w.code)
        for row in detail.actions:
            action = service.action_detail(session, actor=OPERATOR, action_id=row.id).action
            shape.append(
                (
                    row.reference,
                    row.description,
                    row.owner,
                    row.baseline_due,
                    row.forecast_due,
                    row.indicative,
                    row.status,
                    action.progress,
                )
            )
    return shape


def test_export_then_import_gives_back_the_same_plan(session: Session) -> None:
    plan = service.import_plan(
        session,
        actor=OPERATOR,
        area_code=OXFORDSHIRE,
        data=workbook(GOOD),
        source="p.xlsx",
        title="Imported",
        on=date(2019, 6, 13),
    )
    b1 = service.workstream_detail(session, actor=OPERATOR, plan_id=plan.id, code="B").actions[0]
    service.update_action(
        session,
        actor=OPERATOR,
        action_id=b1.id,
        change=ActionChange(
            version=1,
            forecast_due=date(2020, 3, 31),
            indicative=True,
            reason="Waiting for partners",
            note="=cmd|' /C calc'!A0",
        ),
    )
    exported = service.export_plan(session, actor=OPERATOR, plan_id=plan.id)
    again = service.import_plan(
        session,
        actor=OPERATOR,
        area_code=OXFORDSHIRE,
        data=exported,
        source="export.xlsx",
        title="Again",
        on=date(2019, 6, 13),
    )
    assert _plan_shape(session, again.id) == _plan_shape(session, plan.id)
    sheet = load_workbook(io.BytesIO(exported))["Plan"]
    notes = [row[8] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "'=cmd|' /C calc'!A0" in notes  # shown as text, never run as a formula
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_text_and_dates_are_read_as_the_pages_read_them_every_problem_listed() -> None:
    rows = [
        ["A", "Vision", "", "", "x" * 5000, "Ann", "2019-01-01", "", "", "", ""],
        ["B", "Flow\tand more", "", "", "Agree", "Ann", "9999-12-31", "", "", "", ""],
        ["C", "Care", "", "L" * 301, "Agree", "A" * 201, "0001-01-01", "", "", "", ""],
    ]
    with pytest.raises(InvalidInput) as refused:
        read_plan(workbook(rows), source="bad.xlsx")
    lines = str(refused.value).splitlines()
    assert lines[0] == "6 problem(s); nothing was imported:"
    assert lines[1] == (
        "bad.xlsx, sheet Actions, row 2, column Action: "
        f"{'x' * 40!r}… (5,000 characters): Enter 4,000 characters or fewer (this has 5,000)"
    )
    assert lines[2] == (
        "bad.xlsx, sheet Actions, row 3, column Workstream: 'Flow\\tand more': "
        "Enter this on one line"
    )
    assert "row 3, column Due date: " in lines[3]
    assert "9999" in lines[3]
    assert "outside the dates a plan can hold" in lines[3]
    assert [line.split(":")[0].split("row ")[1] for line in lines[4:]] == [
        "4, column Lead",
        "4, column Owner",
        "4, column Due date",
    ]


def test_problems_past_the_first_twenty_are_counted() -> None:
    rows = [["A", "Vision", "", "", f"Action {n}", "", "soon", "", "", "", ""] for n in range(30)]
    with pytest.raises(InvalidInput) as refused:
        read_plan(workbook(rows), source="many.xlsx")
    lines = str(refused.value).splitlines()
    assert lines[0] == "30 problem(s); nothing was imported:"
    assert len(lines) == 22
    assert lines[-1] == "… and 10 more (the first 20 are listed)"
