"""How `dyad serve` runs Uvicorn: its worker processes, their settings, and slow clients.

Uvicorn starts each worker process afresh and builds the app there from an import string, so
the settings travel in environment variables: `serve_environment` writes them and
`app_from_environment` (the factory Uvicorn imports) reads them back. Several processes may
open one DuckDB file only read-only, so more than one worker is refused for PostgreSQL stores
and for `--allow-writes` (`check_workers`). Each worker keeps its own answers, a share of the
total size given. Uvicorn's supervisor checks its workers twice a second and starts a new one
in place of one that died.

Every connection must send a request's headers within `header_timeout` seconds of opening (or
of starting the request, on a kept-alive connection), or it is closed (`GuardedH11Protocol`):
a client sending its headers a byte at a time cannot hold a connection for ever.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import h11
from uvicorn import Config, Server
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState
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
HOSTS = "DYAD_SERVE_HOSTS"
CODE_NEEDS_TOKEN = "DYAD_SERVE_CODE_NEEDS_TOKEN"
FORM_TOKEN = "DYAD_SERVE_FORM_TOKEN"
#: Seconds a client has to send a request's headers.
HEADER_TIMEOUT = 10.0


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
                      max_body: int, cache_bytes: int, hosts: Sequence[str] | None = None,
                      code_needs_token: bool = False, form_token: str = "") -> dict[str, str]:
    """The environment variables that give every worker the app's settings (reads only);
    the answers kept are shared out, so that all workers together keep at most `cache_bytes`.
    `hosts` None answers to any Host; every worker gets the same `form_token`."""
    share = max(1, workers)
    return {DB: store_location, TOKEN: token or "", MAX_BODY: str(max_body),
            CACHE_BYTES: str(cache_bytes // share),
            HOSTS: "*" if hosts is None else ",".join(hosts),
            CODE_NEEDS_TOKEN: "1" if code_needs_token else "", FORM_TOKEN: form_token}


def app_from_environment(environ: Mapping[str, str] | None = None) -> FastAPI:
    """The read-only app `serve_environment` describes (Uvicorn's factory in a worker)."""
    from dyad.web.app import create_app
    from dyad.web.cache import DEFAULT_CACHE_BYTES
    from dyad.web.limits import DEFAULT_MAX_BODY

    env = os.environ if environ is None else environ
    if not env.get(DB):
        raise DyadError(f"{DB} is not set", hint="start the server with: dyad serve --db PATH")
    hosts = env.get(HOSTS, "*")
    return create_app(env[DB], token=env.get(TOKEN) or None,
                      max_body=int(env.get(MAX_BODY) or DEFAULT_MAX_BODY),
                      cache_bytes=int(env.get(CACHE_BYTES) or DEFAULT_CACHE_BYTES),
                      hosts=None if hosts == "*" else [h for h in hosts.split(",") if h],
                      code_needs_token=bool(env.get(CODE_NEEDS_TOKEN)),
                      form_token=env.get(FORM_TOKEN) or None)


class GuardedH11Protocol(H11Protocol):
    """Uvicorn's HTTP/1.1 protocol, closing a connection that has not sent a request's headers
    within the config's `header_timeout` seconds (counted from the connection's opening, or
    from the first byte of a request on a kept-alive connection; never reset by more bytes)."""

    def __init__(self, config: Config, server_state: ServerState, app_state: dict[str, Any],
                 _loop: asyncio.AbstractEventLoop | None = None) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.header_timeout: float = getattr(config, "header_timeout", HEADER_TIMEOUT)
        self._header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_deadline = self.loop.call_later(self.header_timeout, self._too_slow)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE or self.transport.is_closing():
            self._stop_deadline()  # the headers are in (or the connection is done)
        elif self._header_deadline is None:  # a new request begins on a kept-alive connection
            self._header_deadline = self.loop.call_later(self.header_timeout, self._too_slow)

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_deadline()
        super().connection_lost(exc)

    def _stop_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _too_slow(self) -> None:
        self._header_deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


class TcpConfig(Config):
    """Uvicorn's settings with dyad's protocol (`GuardedH11Protocol`, `header_timeout`), and a
    listening socket named TCP (see `run_workers`)."""

    def __init__(self, app: Any, *, header_timeout: float = HEADER_TIMEOUT,
                 **options: Any) -> None:
        super().__init__(app, http=GuardedH11Protocol, **options)
        self.header_timeout = header_timeout

    def bind_socket(self) -> socket.socket:
        """The listening socket, as Uvicorn binds it but with protocol IPPROTO_TCP."""
        bound = super().bind_socket()
        if bound.family in (socket.AF_INET, socket.AF_INET6) and bound.proto == 0:
            family, kind = bound.family, bound.type
            bound = socket.socket(family, kind, socket.IPPROTO_TCP, fileno=bound.detach())
            bound.set_inheritable(True)
        return bound


def check_port(host: str, port: int) -> None:
    """Raise DyadError unless a server could listen on `host`:`port` now (as Uvicorn binds
    it: address reuse on, so a port left in TIME_WAIT passes and one in use does not)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DyadError(f"cannot listen on {host}:{port}: {reason.lower()}",
                        hint="another server may be using the port: pick another with "
                        "--port") from None


def run_app(app: FastAPI, *, header_timeout: float = HEADER_TIMEOUT, **options: Any) -> None:
    """Serve `app` from this process; `options` are Uvicorn's (host, port, log_level, ...)."""
    server = Server(TcpConfig(app, header_timeout=header_timeout, **options))
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    if not server.started:
        raise DyadError("the server did not start", hint="see the message above (is the "
                        "port in use?)")


def run_workers(workers: int, *, header_timeout: float = HEADER_TIMEOUT,
                **options: Any) -> None:
    """Serve the app `serve_environment` describes (set it in os.environ first) from
    `workers` Uvicorn processes (a dead one is replaced); `options` are Uvicorn's (host, port,
    log_level, ...).

    As `uvicorn.run` does, but the listening socket is named a TCP one: Uvicorn makes it with
    protocol 0, and asyncio turns Nagle's algorithm off only on sockets named TCP, so an
    answer written in two parts would wait for the client's delayed ACK (about 40 ms)."""
    config = TcpConfig(FACTORY, header_timeout=header_timeout, factory=True, workers=workers,
                       **options)
    listening = config.bind_socket()
    try:
        Multiprocess(config, sockets=[listening]).run()
    except KeyboardInterrupt:
        pass
    finally:
        listening.close()
