"""Errors every capability raises instead of returning ``None``; the web layer maps them to HTTP."""

from __future__ import annotations


class JoinedUpError(Exception):
    """Base of the errors a person can act on; the message is written for them."""


class NotFound(JoinedUpError):
    """The thing does not exist, or the acting user may not know that it exists."""


class PermissionDenied(JoinedUpError):
    """The acting user may see the thing but may not do this to it."""


class InvalidInput(JoinedUpError):
    """Input that cannot be accepted; nothing was changed."""


class StaleEdit(JoinedUpError):
    """The thing changed since the editor loaded it; their edit was refused, nothing was lost."""

    def __init__(self, message: str, *, current: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.current = current or {}


class Throttled(JoinedUpError):
    """Too many attempts; try again later."""

    def __init__(self, message: str, *, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds
