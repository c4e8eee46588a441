"""How `dyad serve --workers N` hands the app's settings to Uvicorn's worker processes.

Uvicorn starts each worker process afresh and builds the app there from an import string, so
the settings travel in environment variables: `serve_environment` writes them and
`app_from_environment` (the factory Uvicorn imports) reads them back. Several processes may
open one DuckDB file only read-only, so more than one worker is refused for PostgreSQL stores
and for `--allow-writes` (`check_workers`). Each worker keeps its own answers, a share of the
total size given.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from uvicorn import Config
from uvicorn.supervisors.multiprocess import Multiprocess

from dyad.errors import DyadError
from dyad.store.backend import is_postgres_url

if TYPE_CHECKING:
    from fastapi import FastAPI

#: The factory Uvicorn imports in every worker process.
FACTORY = "dyad.web.launch:app_from_environment"
DB = "DYAD_SERVE_DB"
TOKEN = "DYAD_SERVE_TOKEN"
MAX_BODY = "DYAD_SERVE_MAX_BODY"
CACHE_BYTES = "DYAD_SERVE_CACHE_BYTES"


def check_workers(workers: int, store_location: str, *, allow_writes: bool) -> None:
    """Raise DyadError unless `workers` processes may serve this store."""
    if workers < 1:
        raise DyadError("--workers needs at least 1")
    if workers == 1:
        return
    if allow_writes:
        raise DyadError("--workers above 1 serves only reads",
                        hint="drop --allow-writes, or serve writes with --workers 1")
    if is_postgres_url(store_location):
        raise DyadError("--workers above 1 serves only a DuckDB file",
                        hint="serve a PostgreSQL store with --workers 1")


def serve_environment(store_location: str, *, workers: int, token: str | None,
                      max_body: int, cache_bytes: int) -> dict[str, str]:
    """The environment variables that give every worker the app's settings (reads only);
    the answers kept are shared out, so that all workers together keep at most `cache_bytes`."""
    share = max(1, workers)
    return {DB: store_location, TOKEN: token or "", MAX_BODY: str(max_body),
            CACHE_BYTES: str(cache_bytes // share)}


def app_from_environment(environ: Mapping[str, str] | None = None) -> FastAPI:
    """The read-only app `serve_environment` describes (Uvicorn's factory in a worker)."""
    from dyad.web.app import create_app
    from dyad.web.cache import DEFAULT_CACHE_BYTES
    from dyad.web.limits import DEFAULT_MAX_BODY

    env = os.environ if environ is None else environ
    if not env.get(DB):
        raise DyadError(f"{DB} is not set", hint="start the server with: dyad serve --db PATH")
    return create_app(env[DB], token=env.get(TOKEN) or None,
                      max_body=int(env.get(MAX_BODY) or DEFAULT_MAX_BODY),
                      cache_bytes=int(env.get(CACHE_BYTES) or DEFAULT_CACHE_BYTES))


class TcpConfig(Config):
    """Uvicorn's settings, with a listening socket named TCP (see `run_workers`)."""

    def bind_socket(self) -> socket.socket:
        """The listening socket, as Uvicorn binds it but with protocol IPPROTO_TCP."""
        bound = super().bind_socket()
        if bound.family in (socket.AF_INET, socket.AF_INET6) and bound.proto == 0:
            family, kind = bound.family, bound.type
            bound = socket.socket(family, kind, socket.IPPROTO_TCP, fileno=bound.detach())
            bound.set_inheritable(True)
        return bound


def run_workers(workers: int, **options: Any) -> None:
    """Serve the app `serve_environment` describes (set it in os.environ first) from
    `workers` Uvicorn processes; `options` are Uvicorn's (host, port, log_level, ...).

    As `uvicorn.run` does, but the listening socket is named a TCP one: Uvicorn makes it with
    protocol 0, and asyncio turns Nagle's algorithm off only on sockets named TCP, so an
    answer written in two parts would wait for the client's delayed ACK (about 40 ms)."""
    config = TcpConfig(FACTORY, factory=True, workers=workers, **options)
    listening = config.bind_socket()
    try:
        Multiprocess(config, sockets=[listening]).run()
    except KeyboardInterrupt:
        pass
    finally:
        listening.close()
