"""Field types every input model shares: text that is clean at the door, dates within sense.

Text is normalised to Unicode NFC, line endings become ``\\n``, surrounding space is trimmed, and
control characters other than tab and newline are refused (they break XLSX, DOCX and PDF exports
for every later reader). Each text field declares its length limit, enforced here on every
database (SQLite does not enforce column lengths). Each date field declares a window.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from joinedup import clock
from joinedup.periods import long_date

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(value: object) -> object:
    """NFC, ``\\n`` line endings, trimmed; refuses control characters and lone surrogates."""
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    found = _CONTROL.search(text)
    if found:
        raise ValueError(
            f"Remove the control character U+{ord(found.group()):04X} "
            f"(position {found.start() + 1}): only letters, numbers, punctuation, spaces, tabs "
            "and new lines can be stored"
        )
    return text


def strip_control(value: str) -> str:
    """Stored text made safe for exports: the same characters :func:`clean_text` refuses, removed
    (for text stored before the door checked it)."""
    return _CONTROL.sub("", value)


def _one_line(value: str) -> str:
    if "\n" in value or "\t" in value:
        raise ValueError("Enter this on one line")
    return value


def _limit(most: int) -> object:
    """At most ``most`` characters, said in words; the limit is also in the JSON schema."""

    def check(value: str) -> str:
        if len(value) > most:
            raise ValueError(f"Enter {most:,} characters or fewer (this has {len(value):,})")
        return value

    return AfterValidator(check)


def _schema(most: int) -> object:
    return Field(json_schema_extra={"maxLength": most})


_Clean = BeforeValidator(clean_text)
_OneLine = AfterValidator(_one_line)

# One line: codes, names, titles, labels.
Code = Annotated[str, _Clean, _OneLine, _limit(20), _schema(20)]
Name = Annotated[str, _Clean, _OneLine, _limit(200), _schema(200)]
Title = Annotated[str, _Clean, _OneLine, _limit(300), _schema(300)]
# A short reference people give things (a workstream's letter: A, B.2).
ShortCode = Annotated[str, _Clean, _OneLine, _limit(10), _schema(10)]
# Keys of things a framework or list defines (a framework, a statement, a key question).
Key = Annotated[str, _Clean, _OneLine, _limit(60), _schema(60)]
# Paragraphs: descriptions, rationales, notes, answers.
ShortText = Annotated[str, _Clean, _limit(1000), _schema(1000)]
LongText = Annotated[str, _Clean, _limit(10000), _schema(10000)]
# A description of one thing to do (an action): a paragraph or two.
Description = Annotated[str, _Clean, _limit(4000), _schema(4000)]


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _within_plans(value: date | None) -> date | None:
    """Plans, milestones, due dates: from 1990 to ten years from today."""
    latest = _years_after(clock.today(), 10)
    if value is not None and not EARLIEST <= value <= latest:
        raise ValueError(f"Enter a date between {long_date(EARLIEST)} and {long_date(latest)}")
    return value


def _not_future(value: date | None) -> date | None:
    """What has happened (an update, a rating, a value's date): from 1990 to today."""
    today = clock.today()
    if value is not None and not EARLIEST <= value <= today:
        raise ValueError(
            f"Enter a date between {long_date(EARLIEST)} and today ({long_date(today)})"
        )
    return value


_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (date(2000, number, 1).strftime("%B"), date(2000, number, 1).strftime("%b"))
}
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$")
_DAY_MONTH_NAME = re.compile(r"^(\d{1,2}) ([A-Za-z]+),? (\d{4})$")
_REAL_DATE = "Enter a real date, for example 13/06/2019 or 13 June 2019"


def uk_date(value: object) -> object:
    """A typed date as people in the UK write it: 13/06/2019, 13-6-2019, 13.06.2019,
    13 June 2019 or 13 Jun 2019, and ISO 2019-06-13; anything else is left to the date type."""
    if not isinstance(value, str):
        return value
    text = " ".join(value.split())
    found = _DAY_FIRST.match(text)
    if found:
        day, month, year = (int(part) for part in found.groups())
    else:
        named = _DAY_MONTH_NAME.match(text)
        if named is None or named.group(2).lower() not in _MONTHS:
            return value
        day, month, year = int(named.group(1)), _MONTHS[named.group(2).lower()], int(named.group(3))
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(_REAL_DATE) from None


_UkDate = BeforeValidator(uk_date)

EARLIEST = date(1990, 1, 1)
PlanningDate = Annotated[date, _UkDate, AfterValidator(_within_plans)]
HappenedOn = Annotated[date, _UkDate, AfterValidator(_not_future)]
