"""The plan as a spreadsheet: one row per action, in the template people already use.

Reading checks every row first and reports every problem with its sheet, row, column and value;
a file with any problem imports nothing. Writing neutralises formula injection: a text cell that
starts with = + - or @ is written with a leading apostrophe (and read back without it).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from pydantic import TypeAdapter, ValidationError

from joinedup.errors import InvalidInput
from joinedup.inputs import Description, LongText, Name, PlanningDate, ShortCode, Title
from joinedup.plans.rules import parse_choice
from joinedup.plans.schemas import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    ActionStatus,
    Rating,
    label,
)
from joinedup.spreadsheets import check_xlsx, safe_text, unsafe_text

MAX_ERRORS_SHOWN = 20
# Each text column is read as the same field of the pages and the API would be (clean, within
# its limit); one-line fields take a cell's line breaks as spaces.
_ONE_LINE = TypeAdapter(Title)
_TEXT_COLUMNS: dict[str, TypeAdapter[str]] = {
    "Workstream code": TypeAdapter(ShortCode),
    "Workstream": _ONE_LINE,
    "Responsible group": _ONE_LINE,
    "Lead": _ONE_LINE,
    "Owner": TypeAdapter(Name),
    "Action": TypeAdapter(Description),
    "Progress update": TypeAdapter(LongText),
    "RAG rationale": TypeAdapter(LongText),
    "Mitigation": TypeAdapter(LongText),
}
_FOLDED = {"Workstream", "Responsible group", "Lead", "Owner"}
_LINE_BREAKS = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")
_PLANNED = TypeAdapter(PlanningDate)
_REFUSED = object()  # a cell whose problem is listed already


def _key(name: object) -> str:
    return "".join(str(name or "").lower().split())


@dataclass
class ImportedAction:
    description: str
    owner: str
    due: date
    status: ActionStatus
    progress: str
    baseline: date | None
    indicative: bool


@dataclass
class ImportedWorkstream:
    code: str
    title: str
    responsible_group: str
    leads: str
    rating: Rating | None = None
    rationale: str = ""
    mitigation: str = ""
    actions: list[ImportedAction] = field(default_factory=list)


def _first_problem(error: ValidationError) -> str:
    return str(error.errors()[0]["msg"]).removeprefix("Value error, ")


def _date(value: Any) -> date:
    """A date as written (a date cell, 2019-03-31 or 31/03/2019) within the planning window."""
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        text, day = str(value).strip(), None
        for parse in (
            date.fromisoformat,
            lambda t: datetime.strptime(t, "%d/%m/%Y").date(),
        ):
            try:
                day = parse(text)
                break
            except ValueError:
                continue
        if day is None:
            raise ValueError("is not a date (write it as 31/03/2019 or 2019-03-31)")
    try:
        return _PLANNED.validate_python(day)
    except ValidationError as error:
        raise ValueError("is outside the dates a plan can hold: " + _first_problem(error)) from None


def _shown(value: Any) -> str:
    """A cell's value in a problem line: quoted, long text cut short with its length."""
    if isinstance(value, str) and len(value) > 60:
        return f"{value[:40]!r}… ({len(value):,} characters)"
    return repr(value)


def _checked_text(values: dict[str, Any], number: int, where: str, errors: list[str]) -> None:
    """Every text cell read through its field type; a problem is listed and the cell emptied."""
    for column, adapter in _TEXT_COLUMNS.items():
        value = values.get(column)
        if not isinstance(value, str):
            continue
        if column in _FOLDED:
            value = _LINE_BREAKS.sub(" ", value)
        try:
            values[column] = adapter.validate_python(value)
        except ValidationError as error:
            errors.append(
                f"{where}, row {number}, column {column}: {_shown(values[column])}: "
                + _first_problem(error)
            )
            values[column] = _REFUSED


def _yes(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("", "no", "n", "false", "0"):
        return False
    if lowered in ("yes", "y", "true", "1", "indicative"):
        return True
    raise ValueError("is not Yes or No")


def read_plan(data: bytes, *, source: str) -> list[ImportedWorkstream]:
    """The workstreams and actions of a plan spreadsheet; InvalidInput lists every problem."""
    check_xlsx(data, source=source)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:
        problem = f"The file {source} is not an Excel workbook (.xlsx)"
        raise InvalidInput.of("file", problem) from None
    sheet = book["Plan"] if "Plan" in book.sheetnames else book.worksheets[0]
    where = f"{source}, sheet {sheet.title}"
    rows = sheet.iter_rows()
    header: dict[str, int] = {}
    header_row = 0
    for number, cells in enumerate(rows, start=1):
        names = {_key(c.value): i for i, c in enumerate(cells) if c.value not in (None, "")}
        if names:
            header, header_row = names, number
            break
    missing = [c for c in COLUMNS if _key(c) not in header]
    if missing:
        raise InvalidInput.of(
            "file", f"In {where}, row {header_row or 1}: missing column(s) {', '.join(missing)}"
        )
    errors: list[str] = []
    workstreams: dict[str, ImportedWorkstream] = {}
    for number, cells in enumerate(rows, start=header_row + 1):
        values: dict[str, Any] = {}
        for name in (*COLUMNS, *OPTIONAL_COLUMNS):
            index = header.get(_key(name))
            cell = cells[index] if index is not None and index < len(cells) else None
            if cell is not None and getattr(cell, "data_type", "") == "f":
                errors.append(f"{where}, row {number}, column {name}: {cell.value!r} is a formula")
                values[name] = None
                continue
            value = None if cell is None else cell.value
            values[name] = unsafe_text(value.strip()) if isinstance(value, str) else value
        if all(v in (None, "") for v in values.values()):
            continue
        _checked_text(values, number, where, errors)
        _read_row(values, number, where, workstreams, errors)
    if errors:
        shown = errors[:MAX_ERRORS_SHOWN]
        more = len(errors) - len(shown)
        tail = f"\n… and {more} more (the first {len(shown)} are listed)" if more else ""
        raise InvalidInput.of(
            "file", f"{len(errors)} problem(s); nothing was imported:\n" + "\n".join(shown) + tail
        )
    if not workstreams:
        raise InvalidInput.of("file", f"No rows under the header in {where}")
    return list(workstreams.values())


def _text(values: dict[str, Any], name: str) -> str:
    value = values.get(name)
    if value is None or value is _REFUSED:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _without_value(error: ValueError) -> str:
    # The problem line names the value already; a value with spaces must not be cut in two.
    return "is not one of" + str(error).rpartition(" is not one of")[2]


def _read_row(
    values: dict[str, Any],
    number: int,
    where: str,
    workstreams: dict[str, ImportedWorkstream],
    errors: list[str],
) -> None:
    def problem(column: str, message: str) -> None:
        if values.get(column) is not _REFUSED:
            errors.append(
                f"{where}, row {number}, column {column}: {_shown(values.get(column))} {message}"
            )

    code = _text(values, "Workstream code").upper()
    if (not code or len(code) > 10) and values.get("Workstream code") is not _REFUSED:
        problem("Workstream code", "must be a short code such as A (1 to 10 characters)")
        return
    title = _text(values, "Workstream")
    workstream = workstreams.get(code)
    if _REFUSED in (values.get("Workstream code"), values.get("Workstream")):
        workstream = ImportedWorkstream(code, title, "", "")  # the row's other cells still read
    elif workstream is None:
        if not title:
            problem("Workstream", f"is empty: give workstream {code} a title")
            return
        workstream = ImportedWorkstream(
            code, title, _text(values, "Responsible group"), _text(values, "Lead")
        )
        workstreams[code] = workstream
    elif title and title != workstream.title:
        problem("Workstream", f"differs from {workstream.title!r} given earlier for {code}")
    rag = _text(values, "RAG")
    if rag:
        try:
            rating = Rating(parse_choice(Rating, rag))
        except ValueError as error:
            problem("RAG", _without_value(error))
        else:
            if workstream.rating is not None and workstream.rating != rating:
                problem("RAG", f"differs from {label(workstream.rating)} given earlier for {code}")
            workstream.rating = rating
            workstream.rationale = workstream.rationale or _text(values, "RAG rationale")
            workstream.mitigation = workstream.mitigation or _text(values, "Mitigation")
    description = _text(values, "Action")
    ok = values.get("Action") is not _REFUSED
    if not description and ok:
        if values.get("Due date") not in (None, "") or _text(values, "Status"):
            problem("Action", "is empty but the row has a due date or status")
        return
    try:
        due = _date(values["Due date"]) if values.get("Due date") not in (None, "") else None
    except ValueError as error:
        problem("Due date", str(error))
        ok, due = False, None
    if due is None and ok:
        problem("Due date", "is empty: every action needs a due date")
        ok = False
    try:
        status = ActionStatus(parse_choice(ActionStatus, _text(values, "Status") or "not started"))
    except ValueError as error:
        problem("Status", _without_value(error))
        ok, status = False, ActionStatus.NOT_STARTED
    progress = _text(values, "Progress update")
    if status == ActionStatus.CANCELLED and not progress:
        problem("Progress update", "is empty: say why the action was cancelled")
        ok = False
    baseline = None
    if values.get("Baseline date") not in (None, ""):
        try:
            baseline = _date(values["Baseline date"])
        except ValueError as error:
            problem("Baseline date", str(error))
            ok = False
    try:
        indicative = _yes(_text(values, "Indicative date"))
    except ValueError as error:
        problem("Indicative date", str(error))
        ok, indicative = False, False
    if ok and due is not None:
        workstream.actions.append(
            ImportedAction(
                description, _text(values, "Owner"), due, status, progress, baseline, indicative
            )
        )


@dataclass(frozen=True)
class ExportRow:
    code: str
    workstream: str
    responsible_group: str
    leads: str
    action: str
    owner: str
    due: date | None
    status: str
    progress: str
    rating: str
    baseline: date | None
    indicative: bool
    rationale: str
    mitigation: str


def write_plan(rows: list[ExportRow], *, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    sheet.append([*COLUMNS, *OPTIONAL_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(
            [
                safe_text(row.code),
                safe_text(row.workstream),
                safe_text(row.responsible_group),
                safe_text(row.leads),
                safe_text(row.action),
                safe_text(row.owner),
                row.due,
                label(row.status) if row.status else "",
                safe_text(row.progress),
                label(row.rating) if row.rating else "",
                row.baseline,
                ("Yes" if row.indicative else "No") if row.action else "",
                safe_text(row.rationale),
                safe_text(row.mitigation),
            ]
        )
    for column in ("G", "K"):
        for cell in sheet[column][1:]:
            cell.number_format = "DD/MM/YYYY"
    widths = {"A": 10, "B": 30, "C": 24, "D": 20, "E": 50, "F": 22, "I": 50, "M": 40, "N": 40}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    book.properties.title = title[:200]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
