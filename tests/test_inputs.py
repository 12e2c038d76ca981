"""The shared field types: clean text with limits, dates within their windows, on the one clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel, ValidationError

from joinedup import clock
from joinedup.errors import InvalidInput
from joinedup.inputs import HappenedOn, LongText, PlanningDate, Title, strip_control


class Example(BaseModel):
    title: Title = ""
    note: LongText = ""
    due: PlanningDate | None = None
    on: HappenedOn | None = None


@pytest.fixture(autouse=True)
def pinned_clock() -> Iterator[None]:
    clock.pin(date(2019, 6, 13))
    yield
    clock.pin(None)


def _problems(**values: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        Example.model_validate(values)
    return InvalidInput.from_validation(refused.value).problems


@pytest.mark.parametrize("bad", ["\x0b", "\x1b[31m", "\x07", "\x00", "a\ud800b", "\x85"])
def test_control_characters_are_refused_naming_the_field(bad: str) -> None:
    problems = _problems(note=f"Before {bad} after")
    assert list(problems) == ["note"]
    assert "control character" in problems["note"]


def test_text_is_normalised_and_trimmed() -> None:
    decomposed = "Cafe\u0301\r\nline two\tindented  "
    assert Example(note=decomposed).note == "Café\nline two\tindented"


def test_a_title_is_one_line_and_limited() -> None:
    assert "one line" in _problems(title="two\nlines")["title"]
    assert _problems(title="x" * 301)["title"] == "Enter 300 characters or fewer (this has 301)"
    assert "10,000 characters or fewer" in _problems(note="x" * 10_001)["note"]
    assert Example.model_json_schema()["properties"]["title"]["maxLength"] == 300


def test_dates_stay_within_their_windows_on_the_clock() -> None:
    assert Example(due=date(2029, 6, 13), on=date(2019, 6, 13)).due == date(2029, 6, 13)
    assert "13 June 2029" in _problems(due=date(9999, 12, 31))["due"]
    assert "1 January 1990" in _problems(due=date(1, 1, 1))["due"]
    assert "today (13 June 2019)" in _problems(on=date(2019, 6, 14))["on"]


def test_the_clock_follows_the_real_date_unless_pinned() -> None:
    assert clock.today() == date(2019, 6, 13)
    assert clock.now().date() == date(2019, 6, 13)
    clock.pin(None)
    assert clock.pinned() is None
    assert clock.today().year >= 2026


def test_stored_text_can_be_made_safe_for_exports() -> None:
    assert strip_control("RAG\x0b reason\x1b \x07ok\n") == "RAG reason ok\n"


def test_every_page_says_when_the_clock_is_set(client: TestClient) -> None:
    clock.pin(date(2019, 6, 13))
    page = client.get("/sign-in")
    assert "Today is 13 June 2019 in this world" in page.text
    clock.pin(None)
    assert "Clock set" not in client.get("/sign-in").text
