"""`joinedup plan import|export`: improvement plans in and out of spreadsheets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from joinedup.access.rules import OPERATOR
from joinedup.cli_support import cli_session, console
from joinedup.errors import InvalidInput

plan_app = typer.Typer(
    help="Improvement plans: import and export spreadsheets.", no_args_is_help=True
)


@plan_app.command("import")
def import_plan(
    file: Annotated[Path, typer.Argument(help="Spreadsheet (.xlsx) in the plan template.")],
    system: Annotated[str, typer.Option("--system", help="Area code of the system.")],
    title: Annotated[str | None, typer.Option(help="Title of the new plan.")] = None,
) -> None:
    """Create a new draft plan from a spreadsheet (all or nothing: a bad row imports nothing)."""
    from joinedup.plans import service

    try:
        data = file.read_bytes()
    except OSError as error:
        raise InvalidInput(f"{file}: {error.strerror}", field="file") from None
    with cli_session() as session:
        plan = service.import_plan(
            session,
            actor=OPERATOR,
            area_code=system.strip().upper(),
            data=data,
            source=file.name,
            title=title,
        )
        overview = service.plan_overview(session, actor=OPERATOR, plan_id=plan.id)
        plan_id, workstreams, actions = plan.id, len(overview.workstreams), overview.total
    console.print(
        f"Plan {plan_id} created (draft) for {system}: {workstreams} workstreams, "
        f"{actions} actions from {file}"
    )


@plan_app.command("export")
def export_plan(
    system: Annotated[str, typer.Option("--system", help="Area code of the system.")],
    out: Annotated[Path, typer.Option("--out", help="Spreadsheet (.xlsx) to write.")],
    plan: Annotated[
        int | None, typer.Option("--plan", help="Plan id; the system's current plan by default.")
    ] = None,
) -> None:
    """Write a plan to a spreadsheet in the import template (one row per action)."""
    from joinedup.plans import service

    area_code = system.strip().upper()
    with cli_session() as session:
        if plan is None:
            chosen = service.current_plan(session, actor=OPERATOR, area_code=area_code)
        else:
            chosen = service.get_plan(session, actor=OPERATOR, plan_id=plan)
            if chosen.area_code != area_code:
                raise InvalidInput(f"plan {plan} is not a plan of {area_code}", field="--plan")
        data = service.export_plan(session, actor=OPERATOR, plan_id=chosen.id)
        plan_id = chosen.id
    try:
        out.write_bytes(data)
    except OSError as error:
        raise InvalidInput(f"{out}: {error.strerror}", field="--out") from None
    console.print(f"Plan {plan_id} of {area_code} written to {out}")
