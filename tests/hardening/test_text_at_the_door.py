"""Reviews, systems and access take text and dates through the shared field types: control
characters refused naming the field, text normalised and limited, dates within their window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import service as access
from joinedup.access.rules import OPERATOR
from joinedup.areas import service as areas
from joinedup.areas.models import Area, System
from joinedup.errors import InvalidInput
from joinedup.reviews.schemas import (
    EvidenceIn,
    FindingIn,
    MilestoneDates,
    ProgrammeIn,
    ReportChange,
    ReviewChange,
    ReviewIn,
    ScoreIn,
)


@pytest.fixture(autouse=True)
def pinned_clock() -> Iterator[None]:
    clock.pin(date(2019, 6, 13))
    yield
    clock.pin(None)


def _problems(model: type[BaseModel], **values: Any) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        model.model_validate(values)
    return InvalidInput.from_validation(refused.value).problems


EVIDENCE = {"kind": "interview", "gathered_on": "2018-11-28", "source": "s", "summary": "s"}
FINDING = {"kind": "area_for_improvement", "key_question": "responsive", "text": "t"} | {
    "national_theme": "flow"
}
REVIEW = {"programme_id": 1, "area_code": "E10000025", "kind": "full", "start": "2017-12-04"}
TEXT_FIELDS = [
    (ProgrammeIn, {"framework_key": "f"}, "name"),
    (ProgrammeIn, {"name": "n", "framework_key": "f"}, "description"),
    (ReviewChange, {"version": 1}, "title"),
    (ReportChange, {"version": 1, "state": "draft"}, "summary"),
    (EvidenceIn, EVIDENCE, "source"),
    (EvidenceIn, EVIDENCE, "summary"),
    (FindingIn, FINDING, "text"),
    (FindingIn, FINDING, "theme"),
    (ScoreIn, {"statement_id": "s1", "score": "2"}, "rationale"),
]


@pytest.mark.parametrize(("model", "given", "field"), TEXT_FIELDS)
@pytest.mark.parametrize("bad", ["\x0b", "\x1b[31m", "\x07", "\x00", "\ud800"])
def test_review_text_with_a_control_character_is_refused_naming_the_field(
    model: type[BaseModel], given: dict[str, Any], field: str, bad: str
) -> None:
    problems = _problems(model, **{**given, field: f"Slipped {bad} in"})
    assert field in problems
    assert "control character" in problems[field]


@pytest.mark.parametrize(("model", "given", "field"), TEXT_FIELDS)
def test_review_text_has_a_limit_on_every_database(
    model: type[BaseModel], given: dict[str, Any], field: str
) -> None:
    problems = _problems(model, **{**given, field: "x" * 100_001})
    assert "characters or fewer" in problems[field]


def test_review_text_is_normalised_and_trimmed() -> None:
    finding = FindingIn.model_validate({**FINDING, "text": " Cafe\u0301\r\nnext ", "theme": " t "})
    assert (finding.text, finding.theme) == ("Café\nnext", "t")


def test_a_team_member_with_a_control_character_is_refused_not_cut() -> None:
    problems = _problems(ReviewIn, **REVIEW, team="Ann Smith\x07, lead")
    assert "control character" in problems["team.name"]
    long_name = _problems(ReviewIn, **REVIEW, team="A" * 201 + ", lead")
    assert "200 characters or fewer" in long_name["team.name"]


@pytest.mark.parametrize(
    ("model", "given", "field", "bad", "window"),
    [
        (ReviewIn, REVIEW, "start", "9999-12-31", "13 June 2029"),
        (ReviewIn, REVIEW, "start", "0001-01-01", "1 January 1990"),
        (MilestoneDates, {"version": 1}, "planned_date", "9999-12-31", "13 June 2029"),
        (MilestoneDates, {"version": 1}, "actual_date", "2019-06-14", "today (13 June 2019)"),
        (EvidenceIn, EVIDENCE, "gathered_on", "2030-01-01", "today (13 June 2019)"),
        (EvidenceIn, EVIDENCE, "gathered_on", "1900-01-01", "1 January 1990"),
    ],
)
def test_review_dates_lie_within_their_window(
    model: type[BaseModel], given: dict[str, Any], field: str, bad: str, window: str
) -> None:
    problems = _problems(model, **{**given, field: bad})
    assert window in problems[field]


def test_a_system_is_named_in_clean_text(session: Session) -> None:
    code = session.scalar(
        select(Area.code)
        .where(Area.code.not_in(select(System.area_code)), Area.code.like("E06%"))
        .limit(1)
    )
    assert code is not None
    with pytest.raises(InvalidInput) as refused:
        areas.add_system(session, actor=OPERATOR, area_code=code, name="Hartle\x1bpool")
    assert "control character" in refused.value.problems["name"]
    with pytest.raises(InvalidInput) as refused:
        areas.add_system(session, actor=OPERATOR, area_code=code, partners="p" * 10_001)
    assert "10,000 characters or fewer" in refused.value.problems["partners"]


def test_a_user_name_and_a_token_label_are_clean_text(session: Session) -> None:
    with pytest.raises(InvalidInput) as refused:
        access.add_user(
            session,
            actor=OPERATOR,
            email="new.person@example.org",
            name="New\x00 Person",
            role="admin",
            area_code=None,
            password="a long enough passphrase 2019",
        )
    assert "control character" in refused.value.problems.get("name", str(refused.value.problems))
    admin = access.list_users(session, actor=OPERATOR)[0].email
    with pytest.raises(InvalidInput) as refused:
        access.issue_token(session, actor=OPERATOR, email=admin, label="laptop\x07")
    assert "control character" in refused.value.problems["label"]
    with pytest.raises(InvalidInput) as refused:
        access.issue_token(session, actor=OPERATOR, email=admin, days=100_000)
    assert "days" in refused.value.problems
