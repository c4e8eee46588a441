"""`dyad serve`: the web UI and JSON API over an event store, served by Uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from dyad.errors import DyadError
from dyad.store.backend import DEFAULT_DB, redact
from dyad.web.cache import DEFAULT_CACHE_BYTES
from dyad.web.limits import DEFAULT_MAX_BODY

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
) -> None:
    """Serve the web UI and the JSON API (OpenAPI docs at /docs) over a store.

    Pages: overview, dyads, events, documents, status, code text. Reads only unless
    --allow-writes is given with a token.

    Example: dyad serve --db news.duckdb --port 8000
    """
    if allow_writes and not token:
        raise DyadError("--allow-writes needs a token",
                        hint="pass --token TOKEN or set DYAD_TOKEN (e.g. a long random string)")
    import uvicorn

    from dyad.web.app import create_app

    app = create_app(db, allow_writes=allow_writes, token=token, max_body=max_body,
                     cache_bytes=cache_mb * 1024 * 1024)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    shown = f"[{host}]" if ":" in host else host
    mode = "reads and writes (token needed)" if allow_writes else "read-only"
    err.print(f"dyad: serving {escape(redact(db))} ({mode}) on http://{escape(shown)}:{port}/ "
              f"— API docs at /docs; Ctrl-C stops")
    if host not in LOOPBACK:
        err.print(f"dyad: warning: listening on {escape(host)}, not only on this machine")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                server_header=False, proxy_headers=False)
