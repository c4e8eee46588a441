"""Coding pasted text for the web, in a separate process, so that no text can take the server
down or stall its reads.

`CodingPool` codes one text at a time in a child process (a `ProcessPoolExecutor` of one
worker, forked, so that it starts with the coder the app was given, or builds the analyser from
the dictionaries on its first text). A text the coder raises on gives `CodingFailed` (500). A
child that dies (a segmentation fault, out of memory) breaks the pool: that text gets
`CodingFailed` and the next text a new child. A text that takes longer than `time_limit` has
its child killed the same way. Only one text is in the child at a time, so a dying child takes
only its own text with it; at most `queue` more wait their turn, and beyond that texts are
refused with `CodingBusy` (503). The serving process only waits: its threads keep answering
reads while a text is coded.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from dyad.analysis import AnalysedDocument, DocumentAnalyser
from dyad.coding.coder import EventCoder
from dyad.errors import CodingBusy, CodingFailed, DyadError
from dyad.io.read import content_id
from dyad.io.text import text_document
from dyad.record import Document
from dyad.store.backend import Backend
from dyad.store.ingest import content_hash, stored_hashes, write_batch
from dyad.store.named import with_names
from dyad.store.workers import CoderSpec

#: The largest text the code page and POST /api/code accept, in bytes of UTF-8.
MAX_TEXT_BYTES = 200_000
#: How many texts may wait while one is coded; more are refused with 503.
CODING_QUEUE = 4
#: The longest a text may take to code, in seconds (its coding process is then killed).
CODING_TIME_LIMIT = 120.0
#: The seconds a client refused for a full queue is asked to wait (Retry-After).
RETRY_AFTER = 5

log = logging.getLogger("dyad.web")
_PR_SET_PDEATHSIG = 1  # prctl(2)


def pasted_document(text: str, *, day: date | None, doc_id: str = "", title: str = "",
                    url: str = "", source: str = "") -> Document:
    """A document from pasted text, checked as a text file is (InputError if unusable)."""
    checked = text_document(text.encode("utf-8"), path="text", doc_id=doc_id.strip(),
                            default_date=day)
    return replace(checked, id=checked.id or content_id(checked.text), title=title.strip(),
                   url=url.strip(), source=source.strip(), origin="web")


@dataclass
class _Child:
    """What the coding process builds once: the analyser its texts are coded with."""

    source: EventCoder | CoderSpec | None = None
    analyser: DocumentAnalyser | None = None


_CHILD = _Child()  # set in the coding process (by `_start_child`), never in the server


def _start_child(source: EventCoder | CoderSpec, parent: int) -> None:
    _die_with(parent)
    _CHILD.source = source
    _CHILD.analyser = None


def _die_with(parent: int) -> None:
    """Have Linux kill this coding process when the server process dies (even by SIGKILL):
    a forked child holds the server's listening socket and would otherwise outlive it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux
        return
    if os.getppid() != parent:  # the server died before the request took effect
        os._exit(0)


def analyse_in_child(document: Document) -> AnalysedDocument:
    """Code one document in the coding process (with the analyser built on its first text)."""
    if _CHILD.analyser is None:
        source = _CHILD.source or CoderSpec()
        _CHILD.analyser = (DocumentAnalyser(source) if isinstance(source, EventCoder)
                           else source.build_analyser())
    return next(iter(_CHILD.analyser.analyse([document])))


class CodingPool:
    """Codes texts one at a time in a child process, restarted when it dies (see above)."""

    def __init__(self, coder: EventCoder | None = None, spec: CoderSpec | None = None, *,
                 queue: int = CODING_QUEUE, time_limit: float = CODING_TIME_LIMIT) -> None:
        self._source: EventCoder | CoderSpec = coder if coder is not None else (
            spec or CoderSpec())
        self.queue = queue
        self.time_limit = time_limit
        self._executor: ProcessPoolExecutor | None = None
        self._admitted = 0  # texts coded or waiting; changed only on the event loop
        self._turn: asyncio.Lock | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        if self._turn is None or self._loop is not loop:
            self._turn, self._loop = asyncio.Lock(), loop
        return self._turn

    async def analyse(self, document: Document) -> AnalysedDocument:
        """The document's events, sentence explanations and knowledge.

        CodingBusy if `queue` texts already wait; CodingFailed if the coder fails on the text,
        its process dies or it takes longer than `time_limit`; a DyadError the coder raises on
        purpose (a text it refuses) as it is."""
        if self._admitted > self.queue:
            raise CodingBusy(f"{self._admitted} texts are being coded or waiting; try again "
                             f"in {RETRY_AFTER} seconds")
        self._admitted += 1
        try:
            async with self._lock():
                return await self._code(document)
        finally:
            self._admitted -= 1

    async def _code(self, document: Document) -> AnalysedDocument:
        failed = "this text could not be coded"
        try:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    1, mp_context=multiprocessing.get_context("fork"), initializer=_start_child,
                    initargs=(self._source, os.getpid()))
            future = self._executor.submit(analyse_in_child, document)
            return await asyncio.wait_for(asyncio.wrap_future(future), self.time_limit)
        except DyadError:
            raise
        except BrokenProcessPool:
            log.error("dyad: the coding process died on document %r; starting another",
                      document.id)
            self._discard()
            raise CodingFailed(f"{failed}: the coding process stopped on it") from None
        except TimeoutError:
            log.error("dyad: coding document %r took over %s s; its process was stopped",
                      document.id, self.time_limit)
            self._discard()
            raise CodingFailed(f"{failed} within {self.time_limit:g} seconds") from None
        except Exception:
            log.exception("dyad: the coder failed on document %r", document.id)
            raise CodingFailed(f"{failed}: the coder failed on it") from None

    def _discard(self) -> None:
        """Stop the coding process (if still alive); the next text starts a new one."""
        executor, self._executor = self._executor, None
        if executor is None:
            return
        for process in list(executor._processes.values()):  # the executor names no other way
            if process.is_alive():
                process.kill()
        executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the coding process."""
        self._discard()


def coded_summary(analysed: AnalysedDocument) -> dict[str, Any]:
    """What coding a document gave, as JSON-ready values."""
    coded = analysed.coded
    document = coded.document
    return {
        "doc_id": document.id,
        "date": document.date.isoformat() if document.date else "",
        "events": [with_names(event.to_dict()) for event in coded.events],
        "sentences": [{"sentence_id": s.sentence_id, "text": s.text, "span": list(s.span),
                       "actors": list(s.actors), "reasons": list(s.predicates),
                       "discarded": s.discarded} for s in coded.sentences],
        "knowledge": analysed.knowledge.to_dict(),
    }


STORED = "stored"
ALREADY_STORED = "already stored"
CONFLICT = "conflict"


def save_document(backend: Backend, analysed: AnalysedDocument) -> str:
    """Store an analysed document as `dyad ingest` does: STORED, ALREADY_STORED (same id and
    text) or CONFLICT (the id is stored with other text; nothing is written)."""
    document = analysed.document
    known = stored_hashes(backend, [document.id]).get(document.id)
    if known is not None:
        return ALREADY_STORED if known == content_hash(document.text) else CONFLICT
    write_batch(backend, [analysed])
    return STORED
