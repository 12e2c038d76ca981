"""Refuse JSON that is not data before any route sees it.

Python's JSON reader accepts ``NaN``, ``Infinity`` and numbers too large for a float (``1e999999``
becomes infinity), and strings holding a lone surrogate (``"\\ud800"``) that no database or file
can store. Each would travel into a model and fail later as a server error. This middleware
answers them at once with 400 and the path of every offending value, so the body is refused
whole and nothing is changed.
"""

from __future__ import annotations

import json
import math
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class _NotFinite:
    def __init__(self, text: str) -> None:
        self.text = text


def _number(text: str) -> float | _NotFinite:
    value = float(text)
    return value if math.isfinite(value) else _NotFinite(text)


def problems_in(body: bytes) -> dict[str, str]:
    """Each offending value's path (``items.2.value``) and what is wrong with it; empty if the
    body is not JSON at all (the route answers that) or holds nothing wrong."""
    try:
        data = json.loads(body, parse_constant=_NotFinite, parse_float=_number)
    except ValueError:
        return {}
    found: dict[str, str] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, _NotFinite):
            found[path or "body"] = f"{value.text} is not a number that can be stored"
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                found[path or "body"] = "The text holds an invalid character (a lone surrogate)"
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key, path)  # a name is text too
                walk(item, f"{path}.{key}".lstrip("."))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{path}.{index}".lstrip("."))

    walk(data, "")
    return found


class JsonGuardMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers") or []) if scope["type"] == "http" else {}
        if b"json" not in headers.get(b"content-type", b""):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away; the app sees the same
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        problems = problems_in(body)
        if problems:
            answer = json.dumps(
                {"detail": "Some values sent are not valid data.", "problems": problems}
            ).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 400,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(answer)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": answer})
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)
