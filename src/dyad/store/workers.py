"""Code documents in this process or in a pool of worker processes, keeping input order.

Each worker loads the coder once (the pool's initializer) and codes chunks of documents; the
parent sends a bounded number of chunks ahead, so a huge corpus is never all in memory. A
document the coder fails on comes back as a `CodingFailure` instead of stopping the batch.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from multiprocessing.pool import AsyncResult
from pathlib import Path

from dyad.coding.coder import CodedDocument, EventCoder
from dyad.dictionaries.defaults import load_dictionaries
from dyad.record import Document

#: How many documents a worker codes per task (spaCy batches within it).
CHUNK = 16


@dataclass(frozen=True)
class CoderSpec:
    """Which dictionaries to build a coder from, in a form a worker process can receive."""

    actors: tuple[Path, ...] = ()
    agents: tuple[Path, ...] = ()
    verbs: tuple[Path, ...] = ()
    discards: tuple[Path, ...] = ()
    use_defaults: bool = True

    def build(self) -> EventCoder:
        """Load the dictionaries and build the coder."""
        return EventCoder(load_dictionaries(
            actors=list(self.actors), agents=list(self.agents), verbs=list(self.verbs),
            discards=list(self.discards), use_defaults=self.use_defaults))


@dataclass(frozen=True)
class CodingFailure:
    """A document the coder raised on, and what it said."""

    document: Document
    message: str


@dataclass
class _Worker:
    coder: EventCoder | None = None


_WORKER = _Worker()  # the coder of a pool worker process, built once by `_initialise`


def _initialise(spec: CoderSpec) -> None:
    _WORKER.coder = spec.build()


def code_chunk(coder: EventCoder, documents: list[Document]) -> list[CodedDocument | CodingFailure]:
    """Code documents together; if that fails, one by one, so one bad document fails alone."""
    try:
        return list(coder.code(documents))
    except Exception:
        if len(documents) == 1:
            raise
    results: list[CodedDocument | CodingFailure] = []
    for document in documents:
        try:
            results.extend(coder.code([document]))
        except Exception as exc:
            results.append(CodingFailure(document, f"{type(exc).__name__}: {exc}"))
    return results


def _code_in_worker(documents: list[Document]) -> list[CodedDocument | CodingFailure]:
    assert _WORKER.coder is not None, "worker not initialised"
    try:
        return code_chunk(_WORKER.coder, documents)
    except Exception as exc:
        return [CodingFailure(documents[0], f"{type(exc).__name__}: {exc}")]


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk


def code_documents(
    documents: Iterable[Document], *, coder: EventCoder | None = None,
    spec: CoderSpec | None = None, workers: int = 1, chunk: int = CHUNK,
) -> Iterator[CodedDocument | CodingFailure]:
    """Code documents in order: with `coder` here, or with `workers` processes built from `spec`."""
    if workers <= 1:
        local = coder or (spec or CoderSpec()).build()
        for part in _chunks(documents, chunk):
            try:
                yield from code_chunk(local, part)
            except Exception as exc:
                yield CodingFailure(part[0], f"{type(exc).__name__}: {exc}")
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_initialise, initargs=(spec or CoderSpec(),)) as pool:
        pending: deque[AsyncResult[list[CodedDocument | CodingFailure]]] = deque()
        for part in _chunks(documents, chunk):
            pending.append(pool.apply_async(_code_in_worker, (part,)))
            while len(pending) > 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
