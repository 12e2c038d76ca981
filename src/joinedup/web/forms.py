"""Forms: a page's fields read into the use case's input model, and the one way a form route
answers: do the change and commit; on bad input show the page again (400) with the GOV.UK error
summary and a message by each field; on a stale edit show it again (409) with what changed,
keeping what was typed. No route parses an error message."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Protocol, TypeVar

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from joinedup.errors import FORM, InvalidInput, StaleEdit
from joinedup.web.flash import set_flash

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


class Redisplay(Protocol):
    """Renders the form's page again with problems by field, the status and, for a stale edit,
    what the thing holds now."""

    def __call__(
        self, *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response: ...


async def form_fields(request: Request, *, lists: tuple[str, ...] = ()) -> dict[str, Any]:
    """The submitted fields as text (the CSRF token left out); ``lists`` name multi-valued ones."""
    raw = await request.form()
    fields: dict[str, Any] = {
        k: str(v) for k, v in raw.items() if k != "csrf_token" and k not in lists
    }
    for name in lists:
        fields[name] = [str(v) for v in raw.getlist(name)]
    return fields


def date_parts(fields: Mapping[str, Any], name: str) -> date | str | None:
    """A GOV.UK date input (``name-day``, ``name-month``, ``name-year``) as a date, None when all
    three are empty, or raises InvalidInput naming the field."""
    parts = [str(fields.get(f"{name}-{p}", "")).strip() for p in ("day", "month", "year")]
    if not any(parts):
        single = str(fields.get(name, "")).strip()
        return single or None
    if not all(parts):
        missing = [p for p, v in zip(("day", "month", "year"), parts, strict=True) if not v]
        raise InvalidInput.of(name, f"The date must include a {' and '.join(missing)}")
    try:
        day, month, year = (int(p) for p in parts)
        return date(year, month, day)
    except ValueError:
        raise InvalidInput.of(name, "Enter a real date, for example 27 3 2019") from None


def read_form(
    model: type[M],
    fields: Mapping[str, Any],
    *,
    dates: tuple[str, ...] = (),
    extra: Mapping[str, Any] | None = None,
) -> M:
    """``fields`` (with GOV.UK date inputs named in ``dates``) validated as ``model``; problems
    are raised as InvalidInput by field, all at once."""
    data: dict[str, Any] = {k: v for k, v in fields.items() if "-" not in k}
    problems: dict[str, str] = {}
    for name in dates:
        try:
            data[name] = date_parts(fields, name)
        except InvalidInput as error:
            problems.update(error.problems)
    data.update(extra or {})
    try:
        parsed = model.model_validate(data)
    except ValidationError as error:
        problems = {**InvalidInput.from_validation(error).problems, **problems}
    if problems:
        raise InvalidInput(problems)
    return parsed


def error_summary(errors: Mapping[str, str]) -> list[dict[str, str]]:
    """The GOV.UK error summary's list: each problem linked to its field."""
    return [
        {"text": text, "href": "#main-content" if name == FORM else f"#{name}"}
        for name, text in errors.items()
    ]


def submit(
    session: Session,
    change: Callable[[], T],
    *,
    redisplay: Redisplay,
    done: Callable[[T], str | Response],
    saved: str = "saved",
) -> Response:
    """Do ``change`` and commit, then answer ``done(result)`` (a path to redirect to, or a
    response) with the success banner ``saved`` (a key of ``flash.MESSAGES``) on the next page;
    on InvalidInput or StaleEdit roll back and redisplay the form."""
    try:
        result = change()
    except InvalidInput as error:
        session.rollback()
        return redisplay(errors=error.problems, status_code=400, current={})
    except StaleEdit as error:
        session.rollback()
        return redisplay(errors={FORM: str(error)}, status_code=409, current=error.current)
    session.commit()
    answer = done(result)
    if not isinstance(answer, Response):
        answer = RedirectResponse(answer, status_code=303)
    if answer.status_code in (302, 303):
        set_flash(answer, saved)
    return answer
