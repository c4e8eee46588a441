"""Analyse documents in this process or in a pool of worker processes, keeping input order.

Each document is parsed and walked once; the event coder and the knowledge extractor both
read each sentence of that walk (`dyad.analysis.DocumentAnalyser`). Each worker builds its
analyser once (the pool's initializer) and analyses chunks of documents; the parent sends a
bounded number of chunks ahead, so a huge corpus is never all in memory. A document the
coder or the extractor fails on comes back as a `FailedDocument` instead of stopping the
batch.

A worker process that dies (a segmentation fault in compiled code, the out-of-memory killer,
`os._exit`) breaks a `ProcessPoolExecutor` (`BrokenProcessPool`) instead of leaving the parent
waiting for ever. The chunks that were in flight then go again, one document at a time in a
new pool, so that only the document that kills its worker comes back as a `FailedDocument`
("the coding process died (signal 11, SIGSEGV)"); the others are coded as usual. Coding in
this process (an `EventCoder` passed in) contains exceptions but cannot survive its own death.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from multiprocessing.process import BaseProcess
from pathlib import Path
from time import monotonic, sleep

from dyad.analysis import AnalysedDocument as AnalysedDocument  # re-exported
from dyad.analysis import DocumentAnalyser as DocumentAnalyser  # re-exported
from dyad.coding.coder import EventCoder, FailedDocument, prepare_for_bulk_coding
from dyad.dictionaries.defaults import load_dictionaries
from dyad.errors import DyadError
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

    def build_analyser(self) -> DocumentAnalyser:
        """The coder and, next to it, a knowledge extractor with the same dictionaries."""
        return DocumentAnalyser(self.build())


Result = AnalysedDocument | FailedDocument


@dataclass
class _Worker:
    analyser: DocumentAnalyser | None = None
    error: str = ""  # why the analyser could not be built


_WORKER = _Worker()  # the analyser of a pool worker process, built once by `_initialise`


def _initialise(spec: CoderSpec) -> None:
    try:
        _WORKER.analyser = spec.build_analyser()
    except Exception as exc:  # reported by `_ready`, in the parent, as one error
        hint = f" ({exc.hint})" if isinstance(exc, DyadError) and exc.hint else ""
        _WORKER.error = f"{exc}{hint}"
        return
    prepare_for_bulk_coding()


def _ready() -> str:
    """In a worker: "" once its analyser is built, or why it could not be."""
    return _WORKER.error


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
            results.append(FailedDocument.of(document, exc))
    return results


def _code_in_worker(documents: list[Document]) -> list[Result]:
    assert _WORKER.analyser is not None, "worker not initialised"
    try:
        return code_chunk(_WORKER.analyser, documents)
    except Exception as exc:
        return [FailedDocument.of(documents[0], exc)]


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _exit_codes(processes: list[BaseProcess], *, seconds: float = 5.0) -> list[int | None]:
    """The processes' exit codes, once each has one or `seconds` have passed. The pool's own
    thread reaps its dead workers too, and a `join` that loses that race returns before the
    exit code is set: so wait for the code, not for the join."""
    deadline = monotonic() + seconds
    for process in processes:
        process.join(timeout=max(0.0, deadline - monotonic()))
        while process.exitcode is None and monotonic() < deadline:
            sleep(0.02)
    return [process.exitcode for process in processes]


def death_reason(exitcodes: Iterable[int | None]) -> str:
    """Why a coding process died, from the exit codes of a broken pool's processes (the
    others were ended with SIGTERM by the pool)."""
    codes = [code for code in exitcodes if code is not None and code != 0]
    dead = [code for code in codes if code != -signal.SIGTERM] or codes
    if not dead:
        return "the coding process died"
    return f"the coding process died ({exit_status(dead[0])})"


def exit_status(code: int) -> str:
    """How a process ended, from its exit code: "exit code 3", "signal 11, SIGSEGV"."""
    if code >= 0:
        return f"exit code {code}"
    try:
        return f"signal {-code}, {signal.Signals(-code).name}"
    except ValueError:
        return f"signal {-code}"


class _Pool:
    """A process pool of analysers that can be started again after one of its workers died."""

    def __init__(self, spec: CoderSpec, workers: int) -> None:
        self.spec = spec
        self.workers = workers
        # the pool's processes by pid, kept here too: a broken pool may already have let go
        # of them when its error arrives, and their exit codes say how a worker died
        self.seen: dict[int, BaseProcess] = {}
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        executor = ProcessPoolExecutor(
            self.workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_initialise, initargs=(self.spec,))
        try:
            error = executor.submit(_ready).result()
        except BrokenProcessPool:
            reason = death_reason(_exit_codes(self._processes(executor)))
            executor.shutdown(wait=True, cancel_futures=True)
            raise DyadError(f"{reason} while loading the coder",
                            hint="check the dictionaries and the spaCy model") from None
        if error:
            executor.shutdown(wait=True, cancel_futures=True)
            raise DyadError(f"cannot build the coder: {error}")
        return executor

    @staticmethod
    def _processes(executor: ProcessPoolExecutor) -> list[BaseProcess]:
        # The executor keeps its worker processes by pid until it is shut down; their exit
        # codes say how a worker died (the exception it raises does not).
        found: dict[int, BaseProcess] | None = getattr(executor, "_processes", None)
        return list((found or {}).values())

    def submit(self, documents: list[Document]) -> Future[list[Result]]:
        future = self.executor.submit(_code_in_worker, documents)
        self.seen.update(getattr(self.executor, "_processes", None) or {})
        return future

    def restart(self) -> str:
        """Why the pool broke; then start a new one."""
        processes = {id(p): p for p in [*self._processes(self.executor), *self.seen.values()]}
        reason = death_reason(_exit_codes(list(processes.values())))
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.seen = {}
        self.executor = self._start()
        return reason

    def code_alone(self, document: Document) -> list[Result]:
        """Analyse one document in a worker of its own; its death is its failure."""
        try:
            return self.submit([document]).result()
        except BrokenProcessPool:
            return [FailedDocument(document, self.restart())]
        except Exception as exc:  # e.g. a result that could not be sent back
            return [FailedDocument.of(document, exc)]

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _in_pool(documents: Iterable[Document], spec: CoderSpec, workers: int, chunk: int
             ) -> Iterator[Result]:
    pool = _Pool(spec, workers)
    try:
        pending: deque[tuple[list[Document], Future[list[Result]]]] = deque()

        def settle(part: list[Document], future: Future[list[Result]]) -> Iterator[Result]:
            try:
                yield from future.result()
                return
            except BrokenProcessPool:
                # Every chunk not finished when the worker died fails with it: finished
                # chunks keep their results, the others go again one document at a time.
                broken = [(part, future), *pending]
                pending.clear()
                pool.restart()
                for docs, attempt in broken:
                    if attempt.done() and attempt.exception() is None:
                        yield from attempt.result()
                    else:
                        for document in docs:
                            yield from pool.code_alone(document)
            except Exception:
                for document in part:
                    yield from pool.code_alone(document)

        for part in _chunks(documents, chunk):
            pending.append((part, pool.submit(part)))
            while len(pending) > 2 * workers:
                yield from settle(*pending.popleft())
        while pending:
            yield from settle(*pending.popleft())
    finally:
        pool.close()


def code_documents(
    documents: Iterable[Document], *, coder: EventCoder | None = None,
    spec: CoderSpec | None = None, workers: int = 1, chunk: int = CHUNK,
) -> Iterator[Result]:
    """Analyse documents in order: with `coder` in this process, or else in `workers` worker
    processes built from `spec` (one at least), where a worker's death fails only the document
    that killed it."""
    if coder is not None:
        local = DocumentAnalyser(coder)
        for part in _chunks(documents, chunk):
            try:
                yield from code_chunk(local, part)
            except Exception as exc:
                yield FailedDocument.of(part[0], exc)
        return
    yield from _in_pool(documents, spec or CoderSpec(), max(1, workers), chunk)
