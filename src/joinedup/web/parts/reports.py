"""Board reports' page parts: the section on a system's page, the state tags, and a report file
as a download."""

from __future__ import annotations

from typing import Any

from fastapi.responses import Response
from markupsafe import Markup

from joinedup.reports.schemas import ReportFile, ReportFormat

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
