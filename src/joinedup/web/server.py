"""Serving the app with uvicorn, after bringing the database up to date."""

from __future__ import annotations

import uvicorn

from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.web.request_log import configure_logging


def run(settings: Settings, *, host: str, port: int, workers: int = 1) -> None:
    configure_logging()
    database = Database(settings.database_url)
    database.upgrade()
    database.dispose()
    uvicorn.run(
        "joinedup.web.app:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=settings.behind_tls,
        log_level="info",
        access_log=False,  # every request is logged once, as JSON, by RequestLogMiddleware
    )
