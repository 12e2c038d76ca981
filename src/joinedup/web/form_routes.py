"""The shape most form routes share: read the submitted form into the use case's input model,
hand it to the use case and answer through ``forms.submit``; on bad input or a stale edit the
page is shown again with the problems by field and what was typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from joinedup.web.forms import form_fields, read_form, submit

T = TypeVar("T")


async def answer_form(
    request: Request,
    session: Session,
    *,
    model: type[BaseModel],
    use: Callable[..., T],
    page: Callable[..., Response],
    done: Callable[[T], str | Response],
    dates: tuple[str, ...] = (),
    lists: tuple[str, ...] = (),
) -> Response:
    """Give ``use`` (a use case taking ``change=``) the form read as ``model`` (GOV.UK date
    inputs named in ``dates``, multi-valued fields in ``lists``), then answer ``done(result)``.
    Shown again, ``page`` is called with ``errors``, ``form`` (what was typed), ``status_code``
    and, after a stale edit only, ``current`` (what the record holds now)."""
    fields = await form_fields(request, lists=lists)

    def change() -> T:
        return use(change=read_form(model, fields, dates=dates))

    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        stale = {"current": current} if current else {}
        return page(errors=errors, form=fields, status_code=status_code, **stale)

    return submit(session, change, redisplay=redisplay, done=done)
