"""The server's heartbeat in the database (see ``joinedup.store.presence``) for as long as the
app runs, and its answer while the database is in maintenance: reading requests are served,
changes are refused with 503 and Retry-After, so a restore cannot undo an acknowledged write."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.responses import PlainTextResponse

from joinedup.store.presence import HEARTBEAT_SECONDS, Heartbeat

READING = frozenset({"GET", "HEAD", "OPTIONS"})


def install_presence(app: FastAPI) -> None:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        heartbeat = Heartbeat(app.state.database)
        heartbeat.start()
        app.state.heartbeat = heartbeat
        try:
            yield
        finally:
            heartbeat.stop()

    app.router.lifespan_context = lifespan

    @app.middleware("http")
    async def refuse_changes_in_maintenance(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        heartbeat = getattr(request.app.state, "heartbeat", None)
        if heartbeat is not None and heartbeat.in_maintenance and request.method not in READING:
            return PlainTextResponse(
                "The service is in maintenance: nothing can be changed for a few minutes. "
                "Try again shortly.",
                status_code=503,
                headers={"Retry-After": str(HEARTBEAT_SECONDS * 6)},
            )
        return await call_next(request)
