"""The web UI and HTTP API over an event store: `create_app(store)` (served by `dyad serve`).

Modules: `app` (the app factory), `api` (JSON under /api), `pages` (HTML pages), `queries`
(store queries for pages of events, overview figures, documents), `markup` (highlighted
text), `charts` (Vega-Lite specifications), `knowledge` (what concerns a dyad), `coding`
(pasted text), `access` (connections and the writer lock), `auth` (the write token),
`limits` (request size), `errors` (failures as JSON or pages), `context` (shared state),
`cache` (kept answers), `launch` (`dyad serve --workers`: the app in each worker process).
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    """`create_app`, imported on first use (FastAPI loads only when the web app is wanted)."""
    if name == "create_app":
        from dyad.web.app import create_app

        return create_app
    raise AttributeError(f"module 'dyad.web' has no attribute {name!r}")
