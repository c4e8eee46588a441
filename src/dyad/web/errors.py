"""Failures as responses: JSON `{"error": message}` under /api, an HTML page elsewhere.

DyadError carries its own status code (404 for an unknown event or document, 400 for a bad
query, 500 for a store that cannot be read); HTTP errors (401, 403, 404, 405, 409, 413) keep
theirs; request validation failures are 422 with the fields that failed.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from dyad.errors import DyadError
from dyad.web.context import web_context

_TITLES = {400: "Bad request", 401: "Token needed", 403: "Forbidden", 404: "Not found",
           405: "Method not allowed", 409: "Conflict", 413: "Request too large",
           422: "Invalid input", 500: "Server error"}


def validation_message(errors: Any) -> str:
    """One line naming each invalid field and what is wrong with it."""
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path",
                                                                          "body", "header"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def error_response(request: Request, status: int, message: str,
                   headers: dict[str, str] | None = None) -> Response:
    """The error as JSON for the API, as a page for the UI."""
    if request.url.path.startswith("/api") or request.url.path.startswith("/openapi"):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    context = web_context(request)
    return context.templates.TemplateResponse(
        request, "error.html",
        {"status": status, "title": _TITLES.get(status, "Error"), "message": message},
        status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Translate every failure into `error_response`."""

    async def dyad_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, DyadError)
        message = exc.message + (f" (hint: {exc.hint})" if exc.hint else "")
        return error_response(request, exc.status_code, message)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = exc.detail if isinstance(exc.detail, str) else _TITLES.get(
            exc.status_code, "error")
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = f"nothing at {request.url.path}"
        elif exc.status_code == 405 and exc.detail == "Method Not Allowed":
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(request, exc.status_code, message, dict(exc.headers or {}))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, 422, validation_message(exc.errors()))

    async def unexpected(request: Request, exc: Exception) -> Response:
        return error_response(request, 500, f"internal error ({type(exc).__name__})")

    app.add_exception_handler(DyadError, dyad_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, unexpected)

