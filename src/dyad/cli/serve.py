"""`dyad serve`: the web UI and JSON API over an event store, served by Uvicorn."""

from __future__ import annotations

import os
import secrets
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from dyad.errors import DyadError
from dyad.store.backend import DEFAULT_DB, redact
from dyad.store.handle import open_store
from dyad.web.cache import DEFAULT_CACHE_BYTES
from dyad.web.guard import allowed_hosts, is_loopback
from dyad.web.launch import HEADER_TIMEOUT
from dyad.web.limits import DEFAULT_MAX_BODY

if TYPE_CHECKING:
    from fastapi import FastAPI

DbOption = Annotated[str, typer.Option(
    "--db", envvar="DYAD_DB", help="DuckDB file or postgresql:// URL (or set DYAD_DB).")]


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
        "to this many MB (0: keep none, nor the facet counts of a filter, which a DuckDB "
        "store keeps otherwise until the server writes).")] = DEFAULT_CACHE_BYTES // (1024 * 1024),
    workers: Annotated[int, typer.Option(
        "--workers", min=1, help="Processes answering requests. More than 1 only for a "
        "read-only DuckDB store: each opens the file and keeps its share of --cache-mb.")] = 1,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", help="A name the server answers to in the Host header, besides "
        "--host (and localhost on loopback); repeatable. Other names get 400.",
        show_default=False)] = None,
    header_timeout: Annotated[float, typer.Option(
        "--header-timeout", min=0.5, help="Close connections that have not sent a request's "
        "headers within this many seconds.")] = HEADER_TIMEOUT,
) -> None:
    """Serve the web UI and the JSON API (OpenAPI docs at /docs) over a store.

    Pages: overview, the events explorer (filters, facets, sorting, downloads), documents,
    agreements, institutions, claims, dyads, status, code text. Reads only unless
    --allow-writes is given with a token; then `dyad ingest PATHS --to URL` adds news while
    the store is served. Listening beyond loopback (--host 0.0.0.0) needs a token: coding and
    storing text then need it.

    Example: dyad serve --db news.duckdb --port 8000 --workers 2
    """
    if allow_writes and not token:
        raise DyadError("--allow-writes needs a token",
                        hint="pass --token TOKEN or set DYAD_TOKEN (e.g. a long random string)")
    exposed = not is_loopback(host)
    if exposed and not token:
        raise DyadError(f"--host {host} would let the network code text without a token",
                        hint="set DYAD_TOKEN (or pass --token) to a long random string; "
                        "coding then needs 'Authorization: Bearer TOKEN'")
    from dyad.web.app import create_app
    from dyad.web.launch import check_port, check_workers, run_app, run_workers, serve_environment

    check_workers(workers, db, allow_writes=allow_writes)
    check_port(host, port)
    cache_bytes = cache_mb * 1024 * 1024
    hosts = allowed_hosts(host, allowed_host or ())
    form_token = secrets.token_urlsafe(24)
    app: FastAPI | None = None
    if workers == 1:
        app = create_app(db, allow_writes=allow_writes, token=token, max_body=max_body,
                         cache_bytes=cache_bytes, hosts=hosts, code_needs_token=exposed,
                         form_token=form_token)
    else:  # every worker builds its own app (from the environment); here the store is checked
        open_store(db, read_only=True).close()
        os.environ.update(serve_environment(
            db, workers=workers, token=token, max_body=max_body, cache_bytes=cache_bytes,
            hosts=None if hosts is None else sorted(hosts), code_needs_token=exposed,
            form_token=form_token))
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    shown = f"[{host}]" if ":" in host else host
    mode = "reads and writes (token needed)" if allow_writes else "read-only"
    if workers > 1:
        mode += f", {workers} worker processes"
    err.print(f"dyad: serving {escape(redact(db))} ({mode}) on http://{escape(shown)}:{port}/ "
              f"— API docs at /docs; Ctrl-C stops")
    if exposed:
        err.print(f"dyad: warning: listening on {escape(host)}, not only on this machine; "
                  "coding and storing text need the token")
    options: dict[str, Any] = {"host": host, "port": port, "log_level": "warning",
                               "access_log": False, "server_header": False,
                               "proxy_headers": False, "header_timeout": header_timeout}
    if app is None:
        run_workers(workers, **options)
    else:
        run_app(app, **options)
