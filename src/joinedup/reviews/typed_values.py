"""How the reviews' input models read typed values: a choice from a list, a date as people
in the UK write it, text that must not be blank."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from joinedup.inputs import uk_date


def one_of(choices: Mapping[str, str], problem: str) -> Callable[[object], object]:
    def check(value: object) -> object:
        if value not in choices:
            raise ValueError(problem)
        return value

    return check


def typed_day(problem_when_empty: str | None) -> Callable[[object], object]:
    """A date typed as text (YYYY-MM-DD, as the date inputs send it); empty is None unless a
    problem is given for it."""

    def parse(value: object) -> object:
        if not isinstance(value, str):
            return value
        if not value.strip():
            if problem_when_empty:
                raise ValueError(problem_when_empty)
            return None
        typed = uk_date(value.strip())  # 14/03/2018 and 14 March 2018 as well as 2018-03-14
        if isinstance(typed, date):
            return typed
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("Enter a real date, for example 14/03/2018") from None

    return parse


def given(problem_when_blank: str) -> Callable[[object], object]:
    def check(value: object) -> object:
        if isinstance(value, str):
            if not value.strip():
                raise ValueError(problem_when_blank)
            return value.strip()
        return value

    return check


def none_when_empty(value: object) -> object:
    return None if value == "" else value
