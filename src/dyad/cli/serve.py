"""`dyad serve`: the web UI and JSON API over an event store, served by Uvicorn."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from dyad.errors import DyadError
from dyad.store.backend import DEFAULT_DB, redact
from dyad.store.handle import open_store
from dyad.web.cache import DEFAULT_CACHE_BYTES
from dyad.web.limits import DEFAULT_MAX_BODY

if TYPE_CHECKING:
    from fastapi import FastAPI

DbOption = Annotated[str, typer.Option(
    "--db", envvar="DYAD_DB", help="DuckDB file or postgresql:// URL (or set DYAD_DB).")]
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def register(app: typer.Typer) -> None:
    """Add `serve` to the app."""
    app.command("serve")(serve_command)


def serve_command(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(
        "--host", help="Address to listen on (loopback by default; 0.0.0.0 for every one).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
                    ] = 8000,
    allow_writes: Annotated[bool, typer.Option(
        "--allow-writes", help="Turn on POST /api/documents and saving on the code page "
        "(requests need the token).")] = False,
    token: Annotated[str | None, typer.Option(
        "--token", envvar="DYAD_TOKEN", help="The token writing requests must send as "
        "'Authorization: Bearer TOKEN' (or set DYAD_TOKEN).", show_default=False)] = None,
    max_body: Annotated[int, typer.Option(
        "--max-body", min=1024, help="Refuse request bodies larger than this many bytes (413)."
    )] = DEFAULT_MAX_BODY,
    cache_mb: Annotated[int, typer.Option(
        "--cache-mb", min=0, help="Keep answers to API reads of a read-only DuckDB store, up "
        "to this many MB (0: keep none).")] = DEFAULT_CACHE_BYTES // (1024 * 1024),
    workers: Annotated[int, typer.Option(
        "--workers", min=1, help="Processes answering requests. More than 1 only for a "
        "read-only DuckDB store: each opens the file and keeps its share of --cache-mb.")] = 1,
) -> None:
    """Serve the web UI and the JSON API (OpenAPI docs at /docs) over a store.

    Pages: overview, dyads, events, documents, status, code text. Reads only unless
    --allow-writes is given with a token.

    Example: dyad serve --db news.duckdb --port 8000 --workers 2
    """
    if allow_writes and not token:
        raise DyadError("--allow-writes needs a token",
                        hint="pass --token TOKEN or set DYAD_TOKEN (e.g. a long random string)")
    import uvicorn

    from dyad.web.app import create_app
    from dyad.web.launch import check_workers, run_workers, serve_environment

    check_workers(workers, db, allow_writes=allow_writes)
    cache_bytes = cache_mb * 1024 * 1024
    app: FastAPI | None = None
    if workers == 1:
        app = create_app(db, allow_writes=allow_writes, token=token, max_body=max_body,
                         cache_bytes=cache_bytes)
    else:  # every worker builds its own app (from the environment); here the store is checked
        open_store(db, read_only=True).close()
        os.environ.update(serve_environment(db, workers=workers, token=token,
                                            max_body=max_body, cache_bytes=cache_bytes))
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    shown = f"[{host}]" if ":" in host else host
    mode = "reads and writes (token needed)" if allow_writes else "read-only"
    if workers > 1:
        mode += f", {workers} worker processes"
    err.print(f"dyad: serving {escape(redact(db))} ({mode}) on http://{escape(shown)}:{port}/ "
              f"— API docs at /docs; Ctrl-C stops")
    if host not in LOOPBACK:
        err.print(f"dyad: warning: listening on {escape(host)}, not only on this machine")
    options: dict[str, Any] = {"host": host, "port": port, "log_level": "warning",
                               "access_log": False, "server_header": False,
                               "proxy_headers": False}
    if app is None:
        run_workers(workers, **options)
    else:
        uvicorn.run(app, **options)
