"""Refuse a request body larger than uploads may be, before it is read.

Without this the multipart parser would spool a huge upload to a temporary file in full before
the route could refuse it. A declared Content-Length over the limit is answered 413 at once; a
body sent without one (chunked) is counted as it arrives and cut off at the limit.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Room for the form fields sent with a file.
FORM_ALLOWANCE = 1024 * 1024


class BodyTooLarge(Exception):
    pass


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, max_upload_bytes: int) -> None:
        self.app = app
        self.max_upload_bytes = max_upload_bytes
        self.limit = max_upload_bytes + FORM_ALLOWANCE

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, send)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if started:
                raise
            await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        detail = f"The file is too large: the largest accepted is {self.max_upload_bytes:,} bytes."
        if str(scope.get("path", "")).startswith("/api/"):
            body, kind = json.dumps({"detail": detail}).encode(), b"application/json"
        else:
            body = (
                '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
                "<title>File too large - Joined Up</title></head><body><main>"
                f"<h1>File too large</h1><p>{detail} Go back and choose a smaller file.</p>"
                "</main></body></html>"
            ).encode()
            kind = b"text/html; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})
