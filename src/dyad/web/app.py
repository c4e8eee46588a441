"""The web app: `create_app(store)` gives a FastAPI app serving the JSON API under /api, the
pages of the web UI, the static files (charts drawn by a locally served Vega-Lite) and the
OpenAPI documentation at /docs (Swagger UI, also served locally)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from dyad.coding.coder import EventCoder
from dyad.errors import DyadError
from dyad.names import actor_name, code_name, quad_name
from dyad.store.backend import is_postgres_url
from dyad.store.workers import CoderSpec
from dyad.web import api, explore, lists, pages
from dyad.web.access import StoreAccess
from dyad.web.cache import DEFAULT_CACHE_BYTES, KeptAnswers, ResponseCache
from dyad.web.coding import MAX_TEXT_BYTES, CodingPool
from dyad.web.context import STATIC, TEMPLATES, Settings, WebContext
from dyad.web.errors import install_error_handlers
from dyad.web.guard import RequestGuard
from dyad.web.limits import DEFAULT_MAX_BODY, BodyLimit
from dyad.web.markup import mention_sentence
from dyad.web.responses import JSONAnswer


def _templates(settings: Settings) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.globals["allow_writes"] = settings.allow_writes
    env.globals["code_needs_token"] = settings.code_needs_token
    env.globals["form_token"] = settings.form_token
    env.globals["max_text_bytes"] = MAX_TEXT_BYTES
    env.filters["mention_sentence"] = mention_sentence
    env.filters["arrow"] = lambda e: f"{e['source'] or '?'} → {e['target'] or '-'}"
    env.filters["actor_name"] = actor_name
    env.filters["code_name"] = code_name
    env.filters["quad_name"] = quad_name
    return templates


def create_app(store_location: str, *, allow_writes: bool = False, token: str | None = None,
               max_body: int = DEFAULT_MAX_BODY, coder: EventCoder | None = None,
               spec: CoderSpec | None = None, cache_bytes: int = DEFAULT_CACHE_BYTES,
               hosts: Collection[str] | None = None, code_needs_token: bool = False,
               form_token: str | None = None) -> FastAPI:
    """The app over one store (DuckDB file or PostgreSQL URL).

    Reads only, unless `allow_writes`, which needs a `token`: POST /api/documents and the
    code page's "save" then store documents for requests that carry it. Request bodies over
    `max_body` bytes are refused with 413. `coder` (or `spec`) sets the dictionaries used to
    code pasted text; by default the shipped ones, loaded on first use. A DuckDB file served
    read-only cannot change, so answers to GET /api requests are kept (`dyad.web.cache`), up to
    `cache_bytes` in all (0 keeps none, and no facet counts either: `StoreAccess.facets`).

    Text is coded in a separate process, one text at a time with a short queue
    (`dyad.web.coding`). `hosts`: the names the server answers to in the Host header (None:
    any; `dyad.web.guard`); `code_needs_token`: coding text needs the token as well;
    `form_token`: the code form's hidden token (random by default; give the same one to every
    worker process).
    """
    if (allow_writes or code_needs_token) and not token:
        raise DyadError("writing or coding with a token needs a token",
                        hint="pass --token TOKEN or set DYAD_TOKEN")
    settings = Settings(store_location, allow_writes, token, max_body, code_needs_token)
    if form_token:
        settings = replace(settings, form_token=form_token)
    access = StoreAccess(store_location, writable=allow_writes, keep_facets=cache_bytes > 0)
    pool = CodingPool(coder, spec)
    context = WebContext(settings, access, pool, _templates(settings))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            pool.close()
            access.close()

    app = FastAPI(
        title="dyad",
        summary="Political event data from English news: events, dyads, documents, "
                "agreements, institutions and claims.",
        version=_version(), docs_url=None, redoc_url=None, lifespan=lifespan,
        default_response_class=JSONAnswer)
    app.state.dyad = context
    install_error_handlers(app)
    app.add_middleware(BodyLimit, limit=max_body)
    if cache_bytes > 0 and not allow_writes and not is_postgres_url(store_location):
        app.add_middleware(ResponseCache, answers=KeptAnswers(cache_bytes))
    app.add_middleware(RequestGuard,  # outermost: runs before the others
                       hosts=None if hosts is None else frozenset(h.lower() for h in hosts))
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(explore.router)
    app.include_router(lists.router)

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        """Swagger UI, served locally and started by a script file (no inline script)."""
        page: HTMLResponse = context.templates.TemplateResponse(request, "docs.html", {})
        return page

    return app


def _version() -> str:
    from dyad import __version__

    return __version__


def app_settings(app: Any) -> Settings:
    """The settings an app was created with."""
    context: WebContext = app.state.dyad
    return context.settings
