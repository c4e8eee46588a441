"""Analyse documents in this process or in a pool of worker processes, keeping input order.

Each document is parsed once by spaCy; the event coder and the knowledge extractor both read
that parse (`DocumentAnalyser`). Each worker builds its analyser once (the pool's initializer)
and analyses chunks of documents; the parent sends a bounded number of chunks ahead, so a huge
corpus is never all in memory. A document the coder or the extractor fails on comes back as a
`CodingFailure` instead of stopping the batch.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from multiprocessing.pool import AsyncResult
from pathlib import Path

from dyad.coding.coder import CodedDocument, EventCoder, prepare_for_bulk_coding
from dyad.dictionaries.defaults import load_dictionaries
from dyad.knowledge.extract import KnowledgeExtractor
from dyad.knowledge.model import KnowledgeBase
from dyad.nlp import parse_documents
from dyad.record import Document, EventRecord

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

    def build_analyser(self) -> DocumentAnalyser:
        """The coder and, next to it, a knowledge extractor with the same dictionaries."""
        return DocumentAnalyser(self.build())


@dataclass
class AnalysedDocument:
    """A document's events and explanations (from the coder) and the knowledge it states."""

    coded: CodedDocument
    knowledge: KnowledgeBase

    @property
    def document(self) -> Document:
        return self.coded.document

    @property
    def events(self) -> list[EventRecord]:
        return self.coded.events


class DocumentAnalyser:
    """Parses documents once and gives each parse to the event coder and the knowledge
    extractor, which share the coder's dictionaries and actor resolver."""

    def __init__(self, coder: EventCoder, extractor: KnowledgeExtractor | None = None) -> None:
        self.coder = coder
        self.extractor = extractor or KnowledgeExtractor(coder.dictionaries,
                                                         resolver=coder.resolver, nlp=coder.nlp)

    def analyse(self, documents: Iterable[Document]) -> Iterator[AnalysedDocument]:
        """Parse, code and extract knowledge from documents, in order."""
        for parsed in parse_documents(documents, nlp=self.coder.nlp):
            yield AnalysedDocument(self.coder.code_parsed(parsed), self.extractor.extract(parsed))


@dataclass(frozen=True)
class CodingFailure:
    """A document the coder raised on, and what it said."""

    document: Document
    message: str


Result = AnalysedDocument | CodingFailure


@dataclass
class _Worker:
    analyser: DocumentAnalyser | None = None


_WORKER = _Worker()  # the analyser of a pool worker process, built once by `_initialise`


def _initialise(spec: CoderSpec) -> None:
    _WORKER.analyser = spec.build_analyser()
    prepare_for_bulk_coding()


def code_chunk(analyser: DocumentAnalyser, documents: list[Document]) -> list[Result]:
    """Analyse documents together; if that fails, one by one, so one bad document fails alone."""
    try:
        return list(analyser.analyse(documents))
    except Exception:
        if len(documents) == 1:
            raise
    results: list[Result] = []
    for document in documents:
        try:
            results.extend(analyser.analyse([document]))
        except Exception as exc:
            results.append(CodingFailure(document, f"{type(exc).__name__}: {exc}"))
    return results


def _code_in_worker(documents: list[Document]) -> list[Result]:
    assert _WORKER.analyser is not None, "worker not initialised"
    try:
        return code_chunk(_WORKER.analyser, documents)
    except Exception as exc:
        return [CodingFailure(documents[0], f"{type(exc).__name__}: {exc}")]


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk


def code_documents(
    documents: Iterable[Document], *, coder: EventCoder | None = None,
    spec: CoderSpec | None = None, workers: int = 1, chunk: int = CHUNK,
) -> Iterator[Result]:
    """Analyse documents in order: with `coder` here, or with `workers` processes built from
    `spec`."""
    if workers <= 1:
        local = DocumentAnalyser(coder) if coder else (spec or CoderSpec()).build_analyser()
        for part in _chunks(documents, chunk):
            try:
                yield from code_chunk(local, part)
            except Exception as exc:
                yield CodingFailure(part[0], f"{type(exc).__name__}: {exc}")
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_initialise, initargs=(spec or CoderSpec(),)) as pool:
        pending: deque[AsyncResult[list[Result]]] = deque()
        for part in _chunks(documents, chunk):
            pending.append(pool.apply_async(_code_in_worker, (part,)))
            while len(pending) > 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
