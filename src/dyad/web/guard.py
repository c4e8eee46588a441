"""What every request passes before the app sees it, and what every answer carries.

`RequestGuard` (ASGI middleware, the outermost layer of the app):

- refuses a `Host` header naming none of the served names with 400 (a page of another site
  whose name was made to resolve to this machine cannot read from it: DNS rebinding);
- refuses a path or query string holding NUL or bytes that are not UTF-8 (lone surrogates
  included) with 400: bad input is never handed to the store;
- refuses a state-changing request (POST, PUT, PATCH, DELETE) from another origin with 403: a
  browser names the page that sent it in `Origin` (and `Sec-Fetch-Site`), so a web page the
  user visits cannot make the server code or store text. Clients that are not browsers send
  neither header and pass;
- adds `SECURITY_HEADERS` to every answer that does not set them itself.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Awaitable, Callable, Collection, MutableMapping
from html import escape
from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The names a server on loopback answers to.
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
#: The content security policy of every page: scripts, styles and images from the server only
#: (Swagger UI and Vega set inline styles); no plug-ins, no framing, forms post here only.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
#: The policy of pages that draw charts: Vega compiles its expressions with `Function`.
CHART_CSP = CSP + "; script-src 'self' 'unsafe-eval'"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_SAME_ORIGIN_SITES = frozenset({"same-origin", "none"})


def allowed_hosts(host: str, names: Collection[str] = ()) -> frozenset[str] | None:
    """The names a server listening on `host` answers to: `host` itself, the loopback names
    when it is a loopback address, and `names`. None (any name) for a wildcard address
    (0.0.0.0, ::) unless `names` are given."""
    bare = host.strip("[]").lower()
    wildcard = bare in ("", "0.0.0.0", "::")
    if wildcard and not names:
        return None
    served = {n.strip("[]").lower() for n in names}
    if wildcard or is_loopback(bare):
        served |= set(LOOPBACK_NAMES)
    if not wildcard:
        served.add(bare)
    return frozenset(served)


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    bare = host.strip("[]").lower()
    if bare == "localhost":
        return True
    try:
        return ipaddress.ip_address(bare).is_loopback
    except ValueError:
        return False


def _hostname(authority: str) -> str:
    """The host of `host[:port]` (an IPv6 address in brackets), lower case."""
    authority = authority.strip().lower()
    if authority.startswith("["):
        return authority[1:].partition("]")[0]
    return authority.rpartition(":")[0] if authority.count(":") == 1 else authority


def _authority(host: str, port: int | None, scheme: str) -> tuple[str, int]:
    return host, port if port is not None else (443 if scheme == "https" else 80)


def same_origin(origin: str, host_header: str) -> bool:
    """True if the `Origin` header names the host and port the request was sent to."""
    parts = urlsplit(origin.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False  # includes "null": a sandboxed or privacy-sensitive context
    try:
        served = urlsplit(f"{parts.scheme}://{host_header.strip()}")
        return (_authority(parts.hostname, parts.port, parts.scheme)
                == _authority(served.hostname or "", served.port, parts.scheme))
    except ValueError:
        return False


def _bad_text(encoded: bytes) -> str | None:
    """Why the percent-decoded bytes are no fit text (None if they are)."""
    raw = unquote_to_bytes(encoded)
    if b"\x00" in raw:
        return "holds a NUL character"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "is not valid UTF-8"
    return None


class RequestGuard:
    """ASGI middleware: the checks and headers the module describes."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str] | None = None) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await send_error(scope, send, *refusal)
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name.lower().encode(), value.encode())
                            for name, value in SECURITY_HEADERS.items()
                            if name.lower().encode() not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, secured)

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        headers = {name.decode("latin-1").lower(): value.decode("latin-1")
                   for name, value in scope.get("headers", ())}
        host = headers.get("host", "")
        if self.hosts is not None and _hostname(host) not in self.hosts:
            return 400, (f"this server does not answer to the host name {host[:100]!r} "
                         "(dyad serve --allowed-host names more)")
        for part, encoded in (("path", scope.get("raw_path") or b""),
                              ("query string", scope.get("query_string", b""))):
            why = _bad_text(encoded)
            if why is not None:
                return 400, f"the {part} {why}"
        if scope["method"] in _UNSAFE_METHODS:
            site = headers.get("sec-fetch-site")
            origin = headers.get("origin")
            if (site is not None and site.lower() not in _SAME_ORIGIN_SITES) or (
                    origin is not None and not same_origin(origin, host)):
                return 403, ("a request from another site is refused: post from this "
                             "server's own pages, or without an Origin header")
        return None


async def send_error(scope: Scope, send: Send, status: int, message: str,
                     headers: Collection[tuple[bytes, bytes]] = ()) -> None:
    """Answer with an error before the app runs: JSON under /api, a small page elsewhere."""
    path = str(scope.get("path", ""))
    if path.startswith("/api") or path.startswith("/openapi"):
        body = json.dumps({"error": message}).encode("utf-8")
        kind = b"application/json"
    else:
        body = (f"<!doctype html><title>{status}</title><h1>{status}</h1>"
                f"<p>{escape(message)}</p>").encode()
        kind = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), *headers,
                            *[(n.lower().encode(), v.encode())
                              for n, v in SECURITY_HEADERS.items()]]})
    await send({"type": "http.response.body", "body": body})
