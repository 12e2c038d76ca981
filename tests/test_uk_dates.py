"""Dates typed as text are read as people in the UK write them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pydantic import BaseModel, ValidationError

from joinedup import clock
from joinedup.errors import InvalidInput
from joinedup.inputs import HappenedOn, PlanningDate


class Typed(BaseModel):
    due: PlanningDate | None = None
    on: HappenedOn | None = None


@pytest.fixture(autouse=True)
def pinned_clock() -> Iterator[None]:
    clock.pin(date(2019, 6, 20))
    yield
    clock.pin(None)


@pytest.mark.parametrize(
    "typed",
    [
        "13/06/2019",
        "13/6/2019",
        "13-06-2019",
        "13.06.2019",
        "13 6 2019",
        "13 June 2019",
        "13 Jun 2019",
        "13 june, 2019",
        " 13/06/2019 ",
        "2019-06-13",
    ],
)
def test_uk_forms_of_a_date_are_accepted(typed: str) -> None:
    assert Typed.model_validate({"due": typed, "on": typed}).due == date(2019, 6, 13)
    assert Typed.model_validate({"on": typed}).on == date(2019, 6, 13)


@pytest.mark.parametrize("typed", ["31/02/2019", "13/13/2019", "06/13/2019"])
def test_a_date_that_does_not_exist_is_refused_in_plain_english(typed: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Typed.model_validate({"due": typed})
    problems = InvalidInput.from_validation(refused.value).problems
    assert problems == {"due": "Enter a real date, for example 13/06/2019 or 13 June 2019"}


def test_the_windows_still_apply_to_uk_dates() -> None:
    with pytest.raises(ValidationError) as refused:
        Typed.model_validate({"on": "21/06/2019"})
    assert "today (20 June 2019)" in InvalidInput.from_validation(refused.value).problems["on"]
