"""`joinedup report highlight|review|render`: board papers from the command line.

`highlight` and `review` build the report from today's data and write it (add `--save` to keep
it as a draft in the database too); `render` writes a stored report, from its snapshot once
approved.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from joinedup.access.rules import OPERATOR
from joinedup.cli_support import cli_session, console
from joinedup.errors import InvalidInput
from joinedup.reports import service
from joinedup.reports.document import Document
from joinedup.reports.highlight import build_highlight
from joinedup.reports.review import build_review

report_app = typer.Typer(
    help="Board reports: highlight and review reports in HTML, PDF, DOCX and XLSX.",
    no_args_is_help=True,
)

FormatOption = Annotated[
    service.ReportFormat,
    typer.Option("--format", help="html, pdf, docx or xlsx.", case_sensitive=False),
]
OutOption = Annotated[Path, typer.Option("--out", help="File to write.")]


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{option}: {text!r} is not a date (YYYY-MM-DD)") from None


def _write(document: Document, report_format: service.ReportFormat, out: Path) -> None:
    """All or nothing: the file appears whole, or not at all."""
    data = service.render(document, report_format)
    folder = out.resolve().parent
    if not folder.is_dir():
        raise InvalidInput(f"--out: folder {folder} does not exist")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".report-", suffix=out.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).replace(out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    console.print(f"Wrote {out} ({report_format.value}, {len(data):,} bytes)")


@report_app.command("highlight")
def highlight(
    system: Annotated[str, typer.Option("--system", help="Area code of the system.")],
    as_of: Annotated[str, typer.Option("--as-of", help="Date the report is as at (YYYY-MM-DD).")],
    report_format: FormatOption,
    out: OutOption,
    meeting: Annotated[
        str | None, typer.Option("--meeting", help="Board meeting date (YYYY-MM-DD).")
    ] = None,
    save: Annotated[bool, typer.Option("--save", help="Also keep it as a draft.")] = False,
) -> None:
    """The highlight report of a system's current plan and evaluation framework."""
    area_code = system.strip().upper()
    day = _date(as_of, "--as-of")
    meeting_date = _date(meeting, "--meeting") if meeting else None
    with cli_session() as session:
        if save:
            report = service.generate_highlight(
                session, actor=OPERATOR, area_code=area_code, as_of=day, meeting_date=meeting_date
            )
            document = service.document_of(session, actor=OPERATOR, report_id=report.id)
            console.print(f"Saved draft report {report.id}")
        else:
            document = build_highlight(
                session, actor=OPERATOR, area_code=area_code, as_of=day, meeting_date=meeting_date
            )
    _write(document, report_format, out)


@report_app.command("review")
def review(
    review_id: Annotated[int, typer.Option("--review", help="Id of the review.")],
    report_format: FormatOption,
    out: OutOption,
    save: Annotated[bool, typer.Option("--save", help="Also keep it as a draft.")] = False,
) -> None:
    """The review report: data profile, what works well, areas for improvement, next steps."""
    with cli_session() as session:
        if save:
            report = service.generate_review(session, actor=OPERATOR, review_id=review_id)
            document = service.document_of(session, actor=OPERATOR, report_id=report.id)
            console.print(f"Saved draft report {report.id}")
        else:
            document = build_review(session, actor=OPERATOR, review_id=review_id)
    _write(document, report_format, out)


@report_app.command("render")
def render_stored(
    report_id: Annotated[int, typer.Option("--report", help="Id of a stored report.")],
    report_format: FormatOption,
    out: OutOption,
) -> None:
    """A stored report as it stands: a draft as drafted, an approved one from its snapshot."""
    with cli_session() as session:
        document = service.document_of(session, actor=OPERATOR, report_id=report_id)
    _write(document, report_format, out)
