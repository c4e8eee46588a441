"""Failures as responses: JSON `{"error": message}` under /api, an HTML page elsewhere.

DyadError carries its own status code (404 for an unknown event or document, 400 for a bad
query, 500 for a store that cannot be read); HTTP errors (401, 403, 404, 405, 409, 413) keep
theirs; request validation failures are 422 with the fields that failed; a full coding
queue is 503 with Retry-After. No answer names the store: its location (a PostgreSQL URL may
hold a password, in `user:pass@` or in `?password=`) and any database URL or `password=` in a
message are replaced before the message is sent (`scrub`).
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from dyad.errors import DyadError
from dyad.web.coding import RETRY_AFTER
from dyad.web.context import web_context
from dyad.web.guard import SECURITY_HEADERS

_TITLES = {400: "Bad request", 401: "Token needed", 403: "Forbidden", 404: "Not found",
           405: "Method not allowed", 409: "Conflict", 413: "Request too large",
           415: "Unsupported form", 422: "Invalid input", 500: "Server error",
           503: "Busy"}
#: Database URLs (any scheme with a user, password or host part) and `password=` settings.
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s'\"<>]*", re.IGNORECASE)
_PASSWORD = re.compile(r"(password\s*[=:]\s*)('[^']*'|\"[^\"]*\"|[^\s&;,'\"]+)", re.IGNORECASE)
STORE = "the store"


def scrub(message: str, store_location: str) -> str:
    """The message without the store's location, database URLs or passwords."""
    if len(store_location) > 3:
        message = message.replace(store_location, STORE)
    message = _URL.sub(lambda m: STORE if m.group(0).lower().startswith("postgres") else
                       _PASSWORD.sub(r"\1***", m.group(0)), message)
    return _PASSWORD.sub(r"\1***", message)


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
    """The error as JSON for the API, as a page for the UI (scrubbed of the store's location)."""
    context = web_context(request)
    message = scrub(message, context.settings.store_location)
    headers = {**SECURITY_HEADERS, **(headers or {})}
    if request.url.path.startswith("/api") or request.url.path.startswith("/openapi"):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    return context.templates.TemplateResponse(
        request, "error.html",
        {"status": status, "title": _TITLES.get(status, "Error"), "message": message},
        status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Translate every failure into `error_response`."""

    async def dyad_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, DyadError)
        message = exc.message + (f" (hint: {exc.hint})" if exc.hint else "")
        busy = {"Retry-After": str(RETRY_AFTER)} if exc.status_code == 503 else None
        return error_response(request, exc.status_code, message, busy)

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

