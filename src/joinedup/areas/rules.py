"""Pure rules about area codes and reference rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

ENGLAND = "E92000001"
AREA_TYPES = {
    "E06": "unitary",
    "E07": "district",
    "E08": "metropolitan_district",
    "E09": "london_borough",
    "E10": "county",
    "E92": "country",
}
_CODE = re.compile(r"^E\d{8}$")
REFERENCE_COLUMNS = (
    "area_code",
    "area_name",
    "area_type",
    "population_all",
    "population_18plus",
    "population_65plus",
)


class AreaRowError(ValueError):
    """A reference row that cannot be accepted; the message names file, row, column and value."""


@dataclass(frozen=True)
class AreaRow:
    code: str
    name: str
    area_type: str
    population_all: int
    population_18plus: int
    population_65plus: int


def is_area_code(code: str) -> bool:
    return bool(_CODE.match(code))


def parse_area_row(raw: dict[str, str], *, source: str, row_number: int) -> AreaRow:
    """Check one CSV row; raises AreaRowError naming the place and the value."""

    def fail(column: str, value: str, why: str) -> AreaRowError:
        return AreaRowError(f"{source}, row {row_number}, column {column}: {value!r} {why}")

    code = (raw.get("area_code") or "").strip()
    if not is_area_code(code):
        raise fail("area_code", code, "is not an ONS area code like E06000001")
    name = (raw.get("area_name") or "").strip()
    if not name:
        raise fail("area_name", name, "is empty")
    area_type = (raw.get("area_type") or "").strip() or AREA_TYPES.get(code[:3], "")
    if not area_type:
        raise fail("area_type", area_type, "is empty and cannot be told from the code")
    numbers: dict[str, int] = {}
    for column in ("population_all", "population_18plus", "population_65plus"):
        value = (raw.get(column) or "").strip().replace(",", "")
        try:
            number = int(value)
        except ValueError:
            raise fail(column, value, "is not a whole number") from None
        if number < 0:
            raise fail(column, value, "is negative")
        numbers[column] = number
    if numbers["population_65plus"] > numbers["population_18plus"]:
        raise fail("population_65plus", str(numbers["population_65plus"]), "exceeds the 18+ count")
    if numbers["population_18plus"] > numbers["population_all"]:
        raise fail("population_18plus", str(numbers["population_18plus"]), "exceeds all ages")
    return AreaRow(code, name, area_type, **numbers)
