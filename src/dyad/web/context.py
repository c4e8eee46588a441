"""What every request handler needs: the settings, the store, the analyser and the templates."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from dyad.web.access import StoreAccess
from dyad.web.coding import CodingPool

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


@dataclass(frozen=True)
class Settings:
    """How the app was started.

    `code_needs_token`: coding text (POST /api/code, the code page) needs the token too, as on
    a server listening beyond loopback. `form_token`: the hidden field the code page's form
    must send back (random for each server start, the same in every worker process), so that
    only a page this server made can post it.
    """

    store_location: str
    allow_writes: bool = False
    token: str | None = None
    max_body: int = 1_000_000
    code_needs_token: bool = False
    form_token: str = field(default_factory=lambda: secrets.token_urlsafe(24), repr=False)


@dataclass
class WebContext:
    """The app's shared state, kept on `app.state.dyad`."""

    settings: Settings
    access: StoreAccess
    analyser: CodingPool
    templates: Jinja2Templates


def web_context(request: Request) -> WebContext:
    """The app's shared state (a FastAPI dependency)."""
    context: WebContext = request.app.state.dyad
    return context
