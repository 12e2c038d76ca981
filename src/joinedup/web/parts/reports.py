"""Board reports' page parts: the section on a system's page, the state tags, a report file
as a download, and the one way a form on a report (or on one of its confirmation pages) is
answered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from fastapi.responses import Response
from markupsafe import Markup
from pydantic import BaseModel
from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.reports import service as reports
from joinedup.reports.schemas import ReportFile, ReportFormat
from joinedup.web.forms import Redisplay, read_form, submit

M = TypeVar("M", bound=BaseModel)

STATE_TAGS = {
    "draft": "govuk-tag--grey",
    "approved": "govuk-tag--blue",
    "published": "govuk-tag--green",
    "withdrawn": "govuk-tag--red",
    "superseded": "govuk-tag--orange",
}


def report_section(area_code: str) -> dict[str, Any]:
    """The link on a system's page."""
    link = Markup(
        '<p class="govuk-body"><a class="govuk-link" href="/systems/{}/reports">Board reports</a>:'
        " highlight and review reports, drafts, approval and publication.</p>"
    ).format(area_code)
    return {"title": "Board reports", "html": link}


def file_response(file: ReportFile) -> Response:
    """HTML opens in the browser; every other format downloads under its name."""
    inline = file.report_format is ReportFormat.HTML
    disposition = "inline" if inline else "attachment"
    return Response(
        file.content,
        media_type=file.report_format.media_type,
        headers={"content-disposition": f'{disposition}; filename="{file.filename}"'},
    )


class ReportPage(Protocol):
    """A report's page (or one of its confirmation pages) shown again with what went wrong,
    what was typed and, after a lost race, what the report holds now."""

    def __call__(
        self,
        *,
        errors: dict[str, str],
        form: dict[str, Any],
        status_code: int,
        stale: dict[str, object] | None,
    ) -> Response: ...


def on_report(
    session: Session,
    principal: Principal,
    report_id: int,
    fields: dict[str, Any],
    model: type[M],
    change: Callable[[M], object],
    *,
    page: ReportPage,
    dates: tuple[str, ...] = (),
) -> Response:
    """Read the form as ``model`` (``dates`` are GOV.UK day, month and year boxes), make the
    change and go back to the report (post, redirect, get); refused, show ``page`` again with
    what went wrong and what was typed."""
    reports.get_report(session, actor=principal, report_id=report_id)

    def again(*, errors: dict[str, str], status_code: int, current: dict[str, object]) -> Response:
        return page(errors=errors, form=fields, status_code=status_code, stale=current or None)

    redisplay: Redisplay = again
    return submit(
        session,
        lambda: change(read_form(model, fields, dates=dates)),
        redisplay=redisplay,
        done=lambda _: f"/reports/{report_id}",
    )
