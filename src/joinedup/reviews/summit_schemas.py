"""The summit's record as typed and as answered: who chaired it, who came, and the plan
sections agreed there with their responsible groups (re-exported by reviews.schemas)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, Field

from joinedup.inputs import HappenedOn, Name, Title
from joinedup.reviews.typed_values import given, typed_day


def _attendee_lines(value: object) -> object:
    """The form's attendees as text, one person a line: "Name, role, organisation" (a role may
    hold commas: the organisation is what follows the last one)."""
    if not isinstance(value, str):
        return value
    people = []
    for number, line in enumerate(value.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(",")]
        if not parts[0]:
            raise ValueError(f"Line {number}: a name is missing before the first comma")
        organisation = parts[-1] if len(parts) > 2 else ""
        role = ", ".join(parts[1:-1]) if len(parts) > 2 else (parts[1] if len(parts) == 2 else "")
        people.append({"name": parts[0], "role": role, "organisation": organisation})
    return people


def _section_lines(value: object) -> object:
    """The form's plan sections as text, one a line: "Section: responsible group"."""
    if value in ("", [], None):
        raise ValueError("Enter the plan sections agreed at the summit, one a line")
    if not isinstance(value, str):
        return value
    sections = []
    for number, line in enumerate(value.splitlines(), start=1):
        if not line.strip():
            continue
        title, _, group = line.partition(":")
        if not title.strip():
            raise ValueError(f"Line {number}: the section's title is missing before the colon")
        sections.append({"title": title.strip(), "responsible_group": group.strip()})
    if not sections:
        raise ValueError("Enter the plan sections agreed at the summit, one a line")
    return sections


class Attendee(BaseModel):
    name: Annotated[Name, BeforeValidator(given("Give each person who came a name"))]
    role: Name = ""
    organisation: Name = ""


class PlanSection(BaseModel):
    """A section of the improvement plan agreed at the summit, and the group that answers for
    it (Coventry's seven sections each had one)."""

    title: Annotated[Title, BeforeValidator(given("Give each plan section a title"))]
    responsible_group: Annotated[
        Title, BeforeValidator(given("Name the group responsible for each plan section"))
    ]


class SummitIn(BaseModel):
    """The summit's record: when it was held, who chaired it, who came and the plan sections
    agreed there. ``version`` is the record's as loaded, 0 when there was none yet."""

    version: Annotated[int, BeforeValidator(lambda v: 0 if v in ("", None) else v)] = 0
    held_on: Annotated[HappenedOn, BeforeValidator(typed_day("Enter the date the summit was held"))]
    chair_name: Annotated[Name, BeforeValidator(given("Enter the name of the summit's chair"))]
    chair_role: Name = ""
    attendees: Annotated[
        list[Attendee], BeforeValidator(_attendee_lines), Field(max_length=200)
    ] = Field(default_factory=list)
    sections: Annotated[
        list[PlanSection],
        BeforeValidator(_section_lines),
        Field(max_length=40),
    ]


class SummitOut(BaseModel):
    review_id: int
    held_on: date
    chair_name: str
    chair_role: str
    attendees: list[Attendee]
    sections: list[PlanSection]
    version: int
