"""Keep the answers of GET /api requests while the store cannot change.

A DuckDB file served read-only cannot change while the server has it open (DuckDB lets no
process write a file that another has open), so the answer to the same request is the same
bytes every time. `ResponseCache` keeps successful answers (status 200) of GET requests under
/api and of the listing pages (`/events`, `/documents`, ...: `KEPT_PAGES`), keyed by path,
query string and Accept header, up to a total size, and drops the least recently used ones
first. A kept answer is sent again without running the app, and a request arriving while the
same one is being answered waits for that answer instead of computing it a second time (a
burst of clients asking for the same new page costs one query).

`KeptValues` keeps values computed from the store under a key, up to a number of them, for a
store that may change through this app: `StoreAccess` keeps the facet counts of a filter with
it (so the next page, another sort or the API's `facets=true` of the same filter count
nothing again) and empties it on every write.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, MutableMapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The default total size of the kept answers, in bytes.
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024
#: Answers larger than this are not kept.
MAX_ENTRY_BYTES = 2 * 1024 * 1024

Key = tuple[str, bytes, bytes]
V = TypeVar("V")


@dataclass(frozen=True)
class Kept:
    """One kept answer: its status line's headers and its body."""

    headers: list[tuple[bytes, bytes]]
    body: bytes


class KeptAnswers:
    """A size-bounded store of answers, least recently used dropped first (thread-safe)."""

    def __init__(self, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._items: OrderedDict[Key, Kept] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key) -> Kept | None:
        """The answer kept for `key`, if any (now the most recently used)."""
        with self._lock:
            kept = self._items.get(key)
            if kept is not None:
                self._items.move_to_end(key)
            return kept

    def put(self, key: Key, kept: Kept) -> None:
        """Keep an answer, dropping the least recently used ones to stay within the size."""
        if len(kept.body) > min(MAX_ENTRY_BYTES, self.max_bytes):
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= len(old.body)
            self._items[key] = kept
            self.size += len(kept.body)
            while self.size > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self.size -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._items)


class KeptValues(Generic[V]):
    """Values kept under hashable keys, each with a weight (its size in whatever unit the
    caller counts), up to `max_weight` in all, least recently used dropped first; `clear`
    drops them all and makes every value computed before it unkeepable (thread-safe)."""

    def __init__(self, max_weight: int = 100_000) -> None:
        self.max_weight = max_weight
        self.weight = 0
        self.generation = 0
        self._items: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        """The value kept for `key`, if any (now the most recently used)."""
        with self._lock:
            found = self._items.get(key)
            if found is None:
                return None
            self._items.move_to_end(key)
            return found[0]

    def put(self, key: Hashable, value: V, generation: int, weight: int = 1) -> None:
        """Keep a value computed when `generation` was current; not kept if a `clear` came
        between (the store changed meanwhile) or if it alone weighs more than the whole."""
        if weight > self.max_weight:
            return
        with self._lock:
            if generation != self.generation:
                return
            old = self._items.pop(key, None)
            if old is not None:
                self.weight -= old[1]
            self._items[key] = (value, weight)
            self.weight += weight
            while self.weight > self.max_weight:
                _, (_, dropped) = self._items.popitem(last=False)
                self.weight -= dropped

    def clear(self) -> None:
        """Drop every value: the store changed."""
        with self._lock:
            self._items.clear()
            self.weight = 0
            self.generation += 1

    def __len__(self) -> int:
        return len(self._items)


class ResponseCache:
    """ASGI middleware: answer GET requests of kept paths from `answers` when it has them."""

    def __init__(self, app: ASGIApp, answers: KeptAnswers) -> None:
        self.app = app
        self.answers = answers
        self._running: dict[Key, asyncio.Event] = {}  # requests being answered (one loop)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] != "GET"
                or not kept_path(scope["path"])):
            await self.app(scope, receive, send)
            return
        key = _key(scope)
        kept = self.answers.get(key)
        if kept is None and key in self._running:  # the same request is being answered:
            await self._running[key].wait()  # wait for it rather than compute it again
            kept = self.answers.get(key)
        if kept is not None:
            await send({"type": "http.response.start", "status": 200,
                        "headers": kept.headers})
            await send({"type": "http.response.body", "body": kept.body})
            return
        done = self._running.setdefault(key, asyncio.Event())
        try:
            await self._answer(key, scope, receive, send)
        finally:
            if self._running.get(key) is done:
                del self._running[key]
            done.set()

    async def _answer(self, key: Key, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app, keeping a successful answer."""
        start: Message | None = None
        parts: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and start is not None:
                parts.append(bytes(message.get("body", b"")))
                if not message.get("more_body", False) and start["status"] == 200:
                    self.answers.put(key, Kept(list(start.get("headers", [])),
                                               b"".join(parts)))
            await send(message)

        await self.app(scope, receive, keep)


#: The pages whose answers are kept besides the API's: the listings, which read the most.
KEPT_PAGES = frozenset({"/events", "/documents", "/agreements", "/institutions", "/claims"})


def kept_path(path: str) -> bool:
    """Whether answers to GET requests of this path are kept: the API's and the listing
    pages' (other pages are cheap, or carry a form)."""
    return path.startswith("/api/") or path in KEPT_PAGES


def _key(scope: Scope) -> Key:
    accept = b""
    for name, value in scope.get("headers", ()):
        if name == b"accept":
            accept = value
            break
    return (scope["path"], scope.get("query_string", b""), accept)
