"""What every request handler needs: the settings, the store, the analyser and the templates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from dyad.web.access import StoreAccess
from dyad.web.coding import TextAnalyser

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


@dataclass(frozen=True)
class Settings:
    """How the app was started."""

    store_location: str
    allow_writes: bool = False
    token: str | None = None
    max_body: int = 1_000_000


@dataclass
class WebContext:
    """The app's shared state, kept on `app.state.dyad`."""

    settings: Settings
    access: StoreAccess
    analyser: TextAnalyser
    templates: Jinja2Templates


def web_context(request: Request) -> WebContext:
    """The app's shared state (a FastAPI dependency)."""
    context: WebContext = request.app.state.dyad
    return context
