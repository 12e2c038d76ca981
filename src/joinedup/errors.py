"""Errors every capability raises instead of returning ``None``; the web layer maps them to HTTP."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

# The key of a problem that belongs to the whole form rather than one field.
FORM = "_form"


class JoinedUpError(Exception):
    """Base of the errors a person can act on; the message is written for them."""


class NotFound(JoinedUpError):
    """The thing does not exist, or the acting user may not know that it exists."""


class PermissionDenied(JoinedUpError):
    """The acting user may see the thing but may not do this to it."""


class InvalidInput(JoinedUpError):
    """Input that cannot be accepted; nothing was changed.

    ``problems`` maps each field name (as the input model spells it) to what is wrong with it,
    written for the person who typed it; ``FORM`` holds a problem of the input as a whole. The web
    shows them as the GOV.UK error summary and field messages, the API as JSON, the CLI as lines.
    """

    def __init__(self, problems: Mapping[str, str] | str, *, field: str = FORM) -> None:
        if isinstance(problems, str):
            self.problems: dict[str, str] = {field: problems}
        else:
            self.problems = {k: _sentence(v) for k, v in problems.items()} or {
                FORM: "The information sent was not valid."
            }
        super().__init__("; ".join(self.problems.values()))

    @classmethod
    def of(cls, field: str, problem: str) -> InvalidInput:
        """One field's problem."""
        return cls({field: problem})

    @classmethod
    def from_validation(cls, error: ValidationError, *, prefix: str = "") -> InvalidInput:
        """A pydantic model's errors, one message per field (the first problem of each)."""
        return cls.from_error_list(error.errors(include_url=False), prefix=prefix)

    @classmethod
    def from_error_list(
        cls, items: Iterable[Mapping[str, Any]], *, prefix: str = "", skip: Iterable[str] = ()
    ) -> InvalidInput:
        """Errors in pydantic's list form (FastAPI's too); ``skip`` names location parts that
        are not fields (``body``, ``query``)."""
        left_out = set(skip)
        problems: dict[str, str] = {}
        for item in items:
            loc = [
                str(part)
                for part in item.get("loc", ())
                if not isinstance(part, int) and part not in left_out
            ]
            name = ".".join(loc) or FORM
            message = str(item.get("ctx", {}).get("error") or item.get("msg", "Not valid"))
            message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
            problems.setdefault(prefix + name, message)
        return cls(problems)


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


class StaleEdit(JoinedUpError):
    """The thing changed since the editor loaded it; their edit was refused, nothing was lost.

    ``current`` holds the thing's values now (and, where kept, what changed since the version the
    editor loaded), so a page can show them beside what was typed."""

    def __init__(self, message: str, *, current: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.current = current or {}


class Throttled(JoinedUpError):
    """Too many attempts; try again later."""

    def __init__(self, message: str, *, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds
