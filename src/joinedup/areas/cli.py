"""`joinedup areas ...` and `joinedup systems ...`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from joinedup.access.rules import OPERATOR
from joinedup.cli_support import cli_session, console, read_text_file

areas_app = typer.Typer(help="Reference geography: areas and populations.", no_args_is_help=True)
systems_app = typer.Typer(help="Local systems that use Joined Up.", no_args_is_help=True)


@areas_app.command("list")
def list_areas() -> None:
    """List the reference areas with their populations."""
    from joinedup.areas import service

    with cli_session() as session:
        service.ensure_reference_areas(session)
        table = Table("code", "name", "type", "all ages", "18+", "65+", "year")
        for area in service.list_areas(session):
            table.add_row(
                area.code,
                area.name,
                area.area_type,
                f"{area.population_all:,}",
                f"{area.population_18plus:,}",
                f"{area.population_65plus:,}",
                str(area.population_year),
            )
    console.print(table)


@areas_app.command("import")
def import_areas(
    file: Annotated[Path, typer.Argument(help="CSV with the reference columns.")],
    year: Annotated[int, typer.Option(help="Year of the populations.")] = 2018,
) -> None:
    """Add or update areas from a CSV (all or nothing: a bad row changes nothing)."""
    from joinedup.areas import service

    text = read_text_file(file)
    with cli_session() as session:
        service.ensure_reference_areas(session)
        added, updated = service.import_areas(
            session, actor=OPERATOR, text=text, source=str(file), year=year
        )
    console.print(f"{added} areas added, {updated} updated from {file}")


@systems_app.command("add")
def add_system(
    area_code: str,
    name: Annotated[str | None, typer.Option(help="Name; the area's name by default.")] = None,
    partners: Annotated[str, typer.Option(help="Partner organisations, comma-separated.")] = "",
) -> None:
    """Register an area's health and care partners as a system."""
    from joinedup.areas import service

    with cli_session() as session:
        service.ensure_reference_areas(session)
        system = service.add_system(
            session, actor=OPERATOR, area_code=area_code, name=name, partners=partners
        )
    console.print(f"Added system {system.area_code} {system.name}")


@systems_app.command("list")
def list_systems() -> None:
    """List the systems."""
    from joinedup.areas import service

    with cli_session() as session:
        table = Table("area code", "name", "partners")
        for system in service.all_systems(session):
            table.add_row(system.area_code, system.name, system.partners)
    console.print(table)
