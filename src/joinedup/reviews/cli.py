"""`joinedup reviews ...`: frameworks, the reviews of a programme, and its national picture."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from joinedup import clock
from joinedup.access.rules import OPERATOR
from joinedup.cli_support import cli_session, console, read_text_file
from joinedup.errors import InvalidInput
from joinedup.reviews.schemas import LABELS, NATIONAL_TABLES

reviews_app = typer.Typer(
    help="Review programmes, reviews and review frameworks.", no_args_is_help=True
)
TABLES = NATIONAL_TABLES


@reviews_app.command("frameworks")
def list_frameworks() -> None:
    """List the review frameworks (two ship with Joined Up)."""
    from joinedup.reviews import service

    with cli_session() as session:
        service.ensure_frameworks(session)
        table = Table("key", "name", "questions", "scored", "milestones")
        for f in service.list_frameworks(session):
            scored = f"{f.scoring.lowest}-{f.scoring.highest}" if f.scoring else "no"
            table.add_row(f.key, f.name, str(len(f.questions)), scored, str(len(f.milestones)))
    console.print(table)


@reviews_app.command("add-framework")
def add_framework(
    file: Annotated[Path, typer.Argument(help="Framework file, YAML or JSON (docs/reviews.md).")],
) -> None:
    """Add a review framework from a YAML or JSON file (nothing is added if it has a problem)."""
    from joinedup.reviews import service

    text = read_text_file(file)
    with cli_session() as session:
        service.ensure_frameworks(session)
        row = service.add_framework(session, actor=OPERATOR, text=text, source=file.name)
        console.print(f"Added framework {row.key!r}: {row.name}")


@reviews_app.command("list")
def list_reviews(
    programme: Annotated[int | None, typer.Option(help="Only this programme's reviews.")] = None,
) -> None:
    """List reviews with their kind, status, report state and overdue milestones."""
    from joinedup.reviews import service

    today = clock.today()
    with cli_session() as session:
        table = Table("id", "programme", "system", "kind", "status", "report", "overdue")
        for review in service.list_reviews(session, actor=OPERATOR, programme_id=programme):
            late = ", ".join(service.overdue_labels(review, today=today)) or "-"
            table.add_row(
                str(review.id),
                str(review.programme_id),
                review.area_code,
                LABELS["kinds"][review.kind],
                LABELS["statuses"][review.status],
                LABELS["report_states"][review.report_state],
                late,
            )
    console.print(table)


@reviews_app.command("national")
def national_picture(
    programme: Annotated[int, typer.Option(help="The programme's id.")],
    out: Annotated[Path, typer.Option(help="File to write: .xlsx (every table) or .csv.")],
    table: Annotated[str, typer.Option(help=f"For CSV, which table: {', '.join(TABLES)}.")] = (
        "reviews"
    ),
) -> None:
    """Write a programme's national picture: reviews and status, findings by theme and key
    question, and the most common areas for improvement."""
    from joinedup.reviews import service

    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InvalidInput.of("out", f"--out: {out.name} must end .xlsx or .csv")
    if suffix == ".csv" and table not in TABLES:
        raise InvalidInput.of("table", f"--table: {table!r} is not one of {', '.join(TABLES)}")
    with cli_session() as session:
        picture = service.national_picture(
            session, actor=OPERATOR, programme_id=programme, today=clock.today()
        )
    if suffix == ".xlsx":
        out.write_bytes(service.national_xlsx(picture))
    else:
        out.write_text(service.national_csv(picture, table), encoding="utf-8")
    console.print(f"Wrote the national picture of {picture.programme_name} to {out}")
