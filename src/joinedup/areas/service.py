"""Use cases of areas and systems."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from importlib import resources

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Permission, Principal
from joinedup.areas.models import Area, System
from joinedup.areas.rules import (
    ENGLAND,
    REFERENCE_COLUMNS,
    AreaRow,
    AreaRowError,
    is_area_code,
    parse_area_row,
)
from joinedup.areas.schemas import SystemIn
from joinedup.errors import InvalidInput, NotFound, PermissionDenied

REFERENCE_FILE = "areas_england_2018.csv"
REFERENCE_YEAR = 2018
REGIONS_FILE = "regions_2018.csv"


def read_area_rows(text: str, *, source: str) -> list[AreaRow]:
    """Parse a whole areas CSV; the first bad row raises InvalidInput and nothing is returned."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REFERENCE_COLUMNS if c not in (reader.fieldnames or [])]
    missing = [c for c in missing if c != "area_type"]
    if missing:
        raise InvalidInput(f"{source}: missing column(s) {', '.join(missing)}", field="file")
    rows: list[AreaRow] = []
    seen: set[str] = set()
    for number, raw in enumerate(reader, start=2):
        try:
            row = parse_area_row(raw, source=source, row_number=number)
        except AreaRowError as error:
            raise InvalidInput(str(error)) from None
        if row.code in seen:
            raise InvalidInput(
                f"{source}, row {number}, column area_code: {row.code!r} repeats", field="file"
            )
        seen.add(row.code)
        rows.append(row)
    if not rows:
        raise InvalidInput(f"{source}: no areas", field="file")
    return rows


def reference_rows() -> list[AreaRow]:
    text = resources.files("joinedup.areas").joinpath("reference", REFERENCE_FILE).read_text()
    return read_area_rows(text, source=REFERENCE_FILE)


def regions() -> dict[str, tuple[str, str]]:
    """Each reference area's English region (2018): area code -> (region code, region name)."""
    text = resources.files("joinedup.areas").joinpath("reference", REGIONS_FILE).read_text()
    return {
        row["area_code"]: (row["region_code"], row["region_name"])
        for row in csv.DictReader(io.StringIO(text))
    }


def _upsert(session: Session, rows: Iterable[AreaRow], year: int) -> tuple[int, int]:
    existing = {area.code: area for area in session.scalars(select(Area))}
    added = updated = 0
    for row in rows:
        area = existing.get(row.code)
        if area is None:
            area = Area(code=row.code)
            session.add(area)
            added += 1
        else:
            updated += 1
        area.name = row.name
        area.area_type = row.area_type
        area.population_all = row.population_all
        area.population_18plus = row.population_18plus
        area.population_65plus = row.population_65plus
        area.population_year = year
    return added, updated


def ensure_reference_areas(session: Session) -> int:
    """Load the packaged reference areas (and England) when the table is empty."""
    if session.scalar(select(Area.code).limit(1)) is not None:
        return 0
    rows = reference_rows()
    england = AreaRow(
        ENGLAND,
        "England",
        "country",
        sum(r.population_all for r in rows),
        sum(r.population_18plus for r in rows),
        sum(r.population_65plus for r in rows),
    )
    added, _ = _upsert(session, [*rows, england], REFERENCE_YEAR)
    return added


def import_areas(
    session: Session, *, actor: Principal, text: str, source: str, year: int
) -> tuple[int, int]:
    """Add or update areas from a CSV in the reference layout; all or nothing."""
    if not actor.can(Permission.LOAD_DATA):
        raise PermissionDenied("only analysts and admins import areas")
    rows = read_area_rows(text, source=source)
    added, updated = _upsert(session, rows, year)
    audit.record(
        session,
        actor=actor,
        action="areas.import",
        entity_type="areas",
        entity_id=source,
        after={"added": added, "updated": updated, "year": year},
    )
    return added, updated


def list_areas(session: Session) -> list[Area]:
    return list(session.scalars(select(Area).order_by(Area.name)))


def get_area(session: Session, code: str) -> Area:
    area = session.get(Area, code)
    if area is None:
        raise NotFound(f"{code!r} is not a known area code")
    return area


def add_system(
    session: Session,
    *,
    actor: Principal,
    area_code: str,
    name: str | None = None,
    partners: str = "",
) -> System:
    if not actor.can(Permission.MANAGE_SYSTEMS):
        raise PermissionDenied("only admins add systems")
    area_code = area_code.strip().upper()
    if not is_area_code(area_code) or session.get(Area, area_code) is None:
        raise InvalidInput(
            f"{area_code!r} is not a known area code (see `joinedup areas list`)", field="area_code"
        )
    if area_code == ENGLAND:
        raise InvalidInput("England is the comparator, not a local system", field="area_code")
    if session.scalar(select(System).where(System.area_code == area_code)) is not None:
        raise InvalidInput(f"{area_code} is already a system", field="area_code")
    area = session.get(Area, area_code)
    assert area is not None
    try:  # text clean at the door: no control characters, within its limit
        given = SystemIn(area_code=area_code, name=name or None, partners=partners)
    except ValidationError as error:
        raise InvalidInput.from_validation(error) from None
    system = System(area_code=area_code, name=given.name or area.name, partners=given.partners)
    session.add(system)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="system.add",
        entity_type="system",
        entity_id=area_code,
        area_code=area_code,
        after={"name": system.name, "partners": partners},
    )
    return system


def visible_systems(session: Session, *, actor: Principal) -> list[System]:
    """The systems this person may read: all of them for national roles, else their own."""
    query = select(System).order_by(System.name)
    if not actor.is_national:
        query = query.where(System.area_code.in_(actor.system_codes))
    return list(session.scalars(query))


def get_system(session: Session, *, actor: Principal, area_code: str) -> System:
    """A system the actor may read; one they may not read is reported as not found."""
    system = session.scalar(select(System).where(System.area_code == area_code))
    if system is None or not actor.can_read_system(area_code):
        raise NotFound(f"no system {area_code}")
    return system


def all_systems(session: Session) -> list[System]:
    return list(session.scalars(select(System).order_by(System.name)))
