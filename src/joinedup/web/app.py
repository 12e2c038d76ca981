"""The FastAPI application factory."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from joinedup import __version__, clock
from joinedup.metrics import service as metrics
from joinedup.settings import Settings, get_settings
from joinedup.store.database import Database
from joinedup.web.api import api_router
from joinedup.web.body_limit import BodyLimitMiddleware
from joinedup.web.errors import install_error_handlers
from joinedup.web.json_guard import JsonGuardMiddleware
from joinedup.web.presence import install_presence
from joinedup.web.request_log import RequestLogMiddleware, configure_logging
from joinedup.web.routes import (
    account,
    area_profile,
    auth,
    comparison,
    dashboard,
    framework_agreement,
    governance_boards,
    governance_logs,
    governance_meetings,
    governance_published,
    governance_risks,
    governance_signoffs,
    monitoring_kpis,
    people,
    plan_editing,
    plans,
    rankings,
    report_steps,
    review_items,
    review_programmes,
    reviews,
    systems,
    vintages,
)
from joinedup.web.routes import calendar as calendar_pages
from joinedup.web.routes import monitoring as monitoring_pages
from joinedup.web.routes import reports as report_pages
from joinedup.web.security import security_headers_middleware, verify_csrf
from joinedup.web.templating import make_templates

STATIC_DIR = Path(str(resources.files("joinedup.web") / "static"))


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """Build the app; refuses to start without a real secret key (outside demo mode)."""
    settings = settings or get_settings()
    secret = settings.signing_key()
    # A bad indicator catalogue file stops the start, naming its file, line and field.
    metrics.check_deployment_catalogue(settings.catalogue_dir)
    app = FastAPI(
        title="Joined Up",
        version=__version__,
        description="Measure, rank, review, improve, monitor and report on local health and "
        "social care systems in England.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    clock.pin(settings.today)  # "today" for every page and use case comes from the one clock
    app.state.settings = settings
    app.state.secret = secret
    app.state.database = database or Database(settings.database_url)
    app.state.templates = make_templates()
    app.add_middleware(JsonGuardMiddleware)  # inside the body limit: reads bodies in full
    app.add_middleware(BodyLimitMiddleware, max_upload_bytes=settings.upload_max_bytes)
    app.middleware("http")(security_headers_middleware(settings.behind_tls))
    app.add_middleware(RequestLogMiddleware)  # outermost of ours: sees every status
    install_presence(app)  # heartbeat for `restore`; changes refused in maintenance
    install_error_handlers(app)

    if not (STATIC_DIR / "govuk" / "govuk-frontend.min.css").exists():
        import warnings

        warnings.warn(
            "GOV.UK Frontend assets are missing; run `make assets`", RuntimeWarning, stacklevel=2
        )
    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
    # GOV.UK Frontend's own fonts and images (crown, crest) are for GOV.UK only: not served.

    csrf = [Depends(verify_csrf)]
    for module in (
        auth,
        systems,
        account,
        calendar_pages,
        people,
        plans,
        plan_editing,
        review_programmes,
        reviews,
        review_items,
        monitoring_pages,
        monitoring_kpis,
        framework_agreement,
        rankings,
        governance_published,  # before /published/{slug}, which would take its list
        report_pages,
        report_steps,
        dashboard,
        comparison,
        area_profile,
        vintages,
        governance_boards,
        governance_meetings,
        governance_logs,
        governance_risks,
        governance_signoffs,
    ):
        app.include_router(module.router, dependencies=csrf)
    app.include_router(api_router, dependencies=csrf)

    @app.get("/healthz", include_in_schema=False)
    def healthz(request: Request) -> Response:
        try:
            request.app.state.database.ping()
        except Exception:
            return JSONResponse({"status": "unavailable", "database": "down"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok", "version": __version__})

    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(API_DOCS_PAGE)

    return app


API_DOCS_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Joined Up API</title>
<link rel="stylesheet" href="/static/swagger/swagger-ui.css"></head>
<body><main><h1 style="font-family:sans-serif;margin:1rem">Joined Up API</h1>
<div id="swagger-ui"></div></main>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script></body></html>"""


def create_app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` (several workers each build their own app)."""
    configure_logging()
    return create_app()
