"""API models of areas and systems."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from joinedup.inputs import LongText, Name


class AreaOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    area_type: str
    population_all: int
    population_18plus: int
    population_65plus: int
    population_year: int


class SystemOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    area_code: str
    name: str
    partners: str


class SystemIn(BaseModel):
    area_code: str = Field(pattern=r"^E\d{8}$", examples=["E10000025"])
    name: Name | None = None
    partners: LongText = ""
