"""One structured log line per request, and every unexpected error with its trace.

Each request gets an id (kept from an ``X-Request-ID`` header when it is a sensible token,
otherwise made up) that is sent back in the response's ``X-Request-ID`` header, so a person
reporting a problem can quote it and an operator can find the request and its trace. Traces go
to the log only; people see the error page.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("joinedup.requests")
_SENSIBLE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class JsonFormatter(logging.Formatter):
    """A log record as one JSON object: time, level, logger, message and the record's fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "at": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["trace"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(level: int = logging.INFO) -> None:
    """Joined Up's own records as JSON lines on standard error (for `serve` and `demo`)."""
    logger = logging.getLogger("joinedup")
    if any(isinstance(h.formatter, JsonFormatter) for h in logger.handlers):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def _incoming_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            return text if _SENSIBLE_ID.match(text) else None
    return None


class RequestLogMiddleware:
    """Pure ASGI, so it sees the final status and every exception the app lets through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = _incoming_id(scope) or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["x-request-id"] = request_id
            await send(message)

        fields: dict[str, Any] = {"request_id": request_id, "method": scope.get("method")}
        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("unexpected error", extra={"fields": {**fields, **_where(scope)}})
            raise
        finally:
            fields.update(_where(scope))
            fields["status"] = status
            fields["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
            log.info("request", extra={"fields": fields})


def _where(scope: Scope) -> dict[str, Any]:
    """The route's template (never the raw path: it may hold personal data) and the user id."""
    route = scope.get("route")
    principal = scope.get("state", {}).get("principal")
    return {
        "route": getattr(route, "path", None) or "(unrouted)",
        "user_id": getattr(principal, "user_id", None),
    }
