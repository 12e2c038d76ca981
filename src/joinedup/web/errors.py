"""Errors as people see them: a GOV.UK page for browsers, JSON for the API."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import DataError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from joinedup.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit, Throttled
from joinedup.web.deps import NotSignedIn
from joinedup.web.pages import render

PAGES = {
    400: ("There is a problem with what was sent", []),
    401: ("Sign in to continue", []),
    403: ("You do not have permission to see this page", []),
    404: ("Page not found", ["If you typed the web address, check it is correct."]),
    409: ("Somebody else changed this first", []),
    429: ("Too many attempts", []),
    503: (
        "Sorry, the service is unavailable",
        [
            "Joined Up cannot reach its database. Nothing you entered has been lost.",
            "Try again in a few minutes.",
        ],
    ),
}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(
    request: Request, status: int, detail: str, extra: dict[str, object] | None = None
) -> Response:
    if _is_api(request):
        body: dict[str, object] = {"detail": detail}
        body.update(extra or {})
        return JSONResponse(body, status_code=status)
    title, paragraphs = PAGES.get(status, ("Sorry, there is a problem", []))
    shown = [detail] if detail and status not in (404, 503) else []
    return render(
        request,
        "errors/error.html",
        {"title": title, "paragraphs": shown + list(paragraphs)},
        status_code=status,
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, error: NotSignedIn) -> Response:
        if _is_api(request):
            return JSONResponse(
                {"detail": str(error)}, status_code=401, headers={"www-authenticate": "Bearer"}
            )
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/sign-in?next={quote(target)}", status_code=303)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> Response:
        # The same answer whether the thing is missing or belongs to someone else: no leak.
        return error_response(request, 404, "Not found")

    @app.exception_handler(PermissionDenied)
    async def denied(request: Request, error: PermissionDenied) -> Response:
        return error_response(request, 403, str(error))

    @app.exception_handler(InvalidInput)
    async def invalid(request: Request, error: InvalidInput) -> Response:
        # The API answers problems by field; a page that reaches here has no form to redisplay.
        return error_response(request, 400, str(error), {"problems": error.problems})

    @app.exception_handler(StaleEdit)
    async def stale(request: Request, error: StaleEdit) -> Response:
        return error_response(request, 409, str(error), {"current": error.current})

    @app.exception_handler(Throttled)
    async def throttled(request: Request, error: Throttled) -> Response:
        response = error_response(request, 429, str(error))
        response.headers["retry-after"] = str(error.retry_after_seconds)
        return response

    @app.exception_handler(OperationalError)
    async def database_down(request: Request, error: OperationalError) -> Response:
        response = error_response(request, 503, "The database is unavailable; try again shortly.")
        response.headers["retry-after"] = "30"
        return response

    # A number beyond 64 bits or a text longer than its column is bad input, not a crash
    # (found by fuzzing the API: SQLite raises OverflowError, PostgreSQL a DataError).
    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    async def out_of_range(request: Request, error: Exception) -> Response:
        return error_response(request, 400, "A value sent is too large or too long.")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        detail = error.detail if isinstance(error.detail, str) else "Error"
        return error_response(request, error.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def validation(request: Request, error: RequestValidationError) -> Response:
        if _is_api(request):
            # pydantic's list, as OpenAPI declares it, and the same problems by field as a 400
            return JSONResponse(
                {
                    "detail": jsonable(error.errors()),
                    "problems": InvalidInput.from_error_list(
                        error.errors(), skip=("body", "query", "path")
                    ).problems,
                },
                status_code=422,
            )
        return error_response(request, 400, "Some of the information sent was not valid.")


def jsonable(errors: object) -> object:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors)
