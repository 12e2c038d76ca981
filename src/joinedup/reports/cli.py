"""`joinedup report highlight|review|render`: board papers from the command line.

`highlight` and `review` build the report from today's data and write it (add `--save` to keep
it as a draft in the database too); `render` writes a stored report: a draft as it stands, an
approved one as approved.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from joinedup.access.rules import OPERATOR
from joinedup.cli_support import cli_session, console
from joinedup.errors import InvalidInput
from joinedup.files import write_atomically
from joinedup.reports.schemas import GenerateIn, ReportFile, ReportFormat, ReportKind

report_app = typer.Typer(
    help="Board reports: highlight and review reports in HTML, PDF, DOCX and XLSX.",
    no_args_is_help=True,
)

FormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", help="html, pdf, docx or xlsx.", case_sensitive=False),
]
OutOption = Annotated[Path, typer.Option("--out", help="File to write.")]


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput.of(option, f"{text!r} is not a date (YYYY-MM-DD)") from None


OPTIONS = {"area_code": "--system", "as_of": "--as-of", "meeting_date": "--meeting"}


def _generate_in(**fields: object) -> GenerateIn:
    """The one input model, its problems named by the command's options."""
    try:
        return GenerateIn.model_validate(fields)
    except ValidationError as error:
        problems = InvalidInput.from_validation(error).problems
        raise InvalidInput({OPTIONS.get(k, k): v for k, v in problems.items()}) from None


def _write(file: ReportFile, out: Path) -> None:
    """All or nothing: the file appears whole, or not at all."""
    folder = out.resolve().parent
    if not folder.is_dir():
        raise InvalidInput.of("--out", f"folder {folder} does not exist")
    write_atomically(out, file.content)
    console.print(f"Wrote {out} ({file.report_format.value}, {len(file.content):,} bytes)")


def _saved(data: GenerateIn, report_format: ReportFormat) -> ReportFile:
    from joinedup.reports import service

    with cli_session() as session:
        report = service.generate(session, actor=OPERATOR, data=data)
        console.print(f"Saved draft report {report.id}")
        return service.download(
            session, actor=OPERATOR, report_id=report.id, report_format=report_format
        )


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
    from joinedup.reports import service

    day = _date(as_of, "--as-of")
    meeting_date = _date(meeting, "--meeting") if meeting else None
    # One input model, so the command takes the same codes and date windows as the pages.
    data = _generate_in(area_code=system, as_of=day, meeting_date=meeting_date)
    if save:
        _write(_saved(data, report_format), out)
        return
    with cli_session() as session:
        file = service.highlight_file(
            session,
            actor=OPERATOR,
            area_code=data.area_code,
            as_of=data.as_of or day,
            meeting_date=data.meeting_date,
            report_format=report_format,
        )
    _write(file, out)


@report_app.command("review")
def review(
    review_id: Annotated[int, typer.Option("--review", help="Id of the review.")],
    report_format: FormatOption,
    out: OutOption,
    save: Annotated[bool, typer.Option("--save", help="Also keep it as a draft.")] = False,
) -> None:
    """The review report: data profile, what works well, areas for improvement, next steps."""
    from joinedup.reports import service

    if save:
        with cli_session() as session:
            area_code = service.review_area(session, actor=OPERATOR, review_id=review_id)
        data = GenerateIn(area_code=area_code, kind=ReportKind.REVIEW, review_id=review_id)
        _write(_saved(data, report_format), out)
        return
    with cli_session() as session:
        file = service.review_file(
            session, actor=OPERATOR, review_id=review_id, report_format=report_format
        )
    _write(file, out)


@report_app.command("render")
def render_stored(
    report_id: Annotated[int, typer.Option("--report", help="Id of a stored report.")],
    report_format: FormatOption,
    out: OutOption,
) -> None:
    """A stored report as it stands: a draft as drafted, an approved one as approved."""
    from joinedup.reports import service

    with cli_session() as session:
        file = service.download(
            session, actor=OPERATOR, report_id=report_id, report_format=report_format
        )
    _write(file, out)
