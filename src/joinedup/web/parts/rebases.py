"""A measure's rebases on its settings form: one row per rebase (a GOV.UK date input and a
reason), and an empty row to add one. Clearing a row's date and reason removes that rebase."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from pydantic import ValidationError

from joinedup.errors import InvalidInput
from joinedup.monitoring.schemas import RebaseIn
from joinedup.periods import long_date
from joinedup.web.forms import date_parts

PARTS = ("day", "month", "year")
_ROW_FIELD = re.compile(r"^rebase-(\d{1,2})-(day|month|year|reason)$")


def words(rebases: Iterable[tuple[date, str]]) -> str:
    """Rebases in words, as a stale edit reports what the measure has now."""
    return "; ".join(f"from {long_date(at)}: {reason}" for at, reason in rebases)


def fields_of(rebases: Iterable[tuple[date, str]]) -> dict[str, str]:
    """The form's fields for saved rebases (numbered from 1), then an empty row."""
    fields: dict[str, str] = {}
    number = 0
    for number, (at, reason) in enumerate(rebases, start=1):
        parts = dict(zip(PARTS, (at.day, at.month, at.year), strict=True))
        fields |= {f"rebase-{number}-{p}": str(v) for p, v in parts.items()}
        fields[f"rebase-{number}-reason"] = reason
    return fields | {f"rebase-{number + 1}-{p}": "" for p in (*PARTS, "reason")}


def _numbers(fields: Mapping[str, Any]) -> list[int]:
    return sorted({int(m.group(1)) for k in fields if (m := _ROW_FIELD.match(k))})


def _typed(fields: Mapping[str, Any], number: int, part: str) -> str:
    return str(fields.get(f"rebase-{number}-{part}", "")).strip()


def _is_empty(fields: Mapping[str, Any], number: int) -> bool:
    return not any(_typed(fields, number, p) for p in (*PARTS, "reason"))


def typed(fields: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """The rebases typed in the form's rows, in date order; None when the form has no rows (a
    script sending the older lines of text). Raises InvalidInput naming each row's field."""
    numbers = _numbers(fields)
    if not numbers:
        return None
    problems: dict[str, str] = {}
    found: dict[date, int] = {}
    rebases = []
    for n in numbers:
        if _is_empty(fields, n):
            continue
        where = f"rebase-{n}"
        try:
            at = date_parts(fields, where)
        except InvalidInput as error:
            said = error.problems[where]
            problems[where] = (
                said.replace("The date", f"The date of rebase {n}")
                if "must include" in said
                else f"The date of rebase {n} must be a real date, for example 1 4 2019"
            )
            at = None
        if at is None and where not in problems:
            problems[where] = f"Enter the date of rebase {n}, for example 1 4 2019"
        reason = _typed(fields, n, "reason")
        try:
            rebase = RebaseIn.model_validate({"at": at or date(2000, 1, 1), "reason": reason})
        except ValidationError as error:
            for item in error.errors(include_url=False):
                field = where if item["loc"][0] == "at" else f"{where}-reason"
                said = str(item.get("ctx", {}).get("error") or item["msg"])
                said = said.removeprefix("Value error, ")
                problems.setdefault(field, f"Rebase {n}: {said[:1].lower()}{said[1:]}")
            continue
        if at is None:
            continue
        if rebase.at in found:
            problems.setdefault(
                where, f"Rebase {n} is on the same day as rebase {found[rebase.at]}: rebase once"
            )
        found[rebase.at] = n
        rebases.append({"at": rebase.at, "reason": rebase.reason})
    if problems:
        raise InvalidInput(problems)
    return sorted(rebases, key=lambda r: r["at"])


def rows(fields: Mapping[str, Any], errors: Mapping[str, str]) -> list[dict[str, Any]]:
    """The rows to show: what the form holds, and an empty row to add a rebase if none is."""
    numbers = _numbers(fields) or [1]
    if not any(_is_empty(fields, n) for n in numbers):
        numbers.append(numbers[-1] + 1)
    shown = []
    for n in numbers:
        values = {p: _typed(fields, n, p) for p in (*PARTS, "reason")}
        empty_parts = [p for p in PARTS if not values[p]]
        at_fault = empty_parts if 0 < len(empty_parts) < len(PARTS) else list(PARTS)
        shown.append(
            {
                "id": f"rebase-{n}",
                "legend": "Add a rebase" if _is_empty(fields, n) else f"Rebase {n}",
                "values": values,
                "date_error": errors.get(f"rebase-{n}", ""),
                "reason_error": errors.get(f"rebase-{n}-reason", ""),
                "error_parts": at_fault,
            }
        )
    return shown
