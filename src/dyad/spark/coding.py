"""Code one Spark partition: keep the first document of each id, code it, emit output rows.

Each Python worker builds its analyser (the event coder and the knowledge extractor, sharing
one spaCy parse) once: a module-level cache keyed by the dictionary spec. Spark reuses Python
workers between tasks (`spark.python.worker.reuse`, on by default), so a worker loads spaCy and
the dictionaries once, not per task and never per record.

A document the coder raises on is an error row. So is one that kills the process coding it:
the worker codes each slab of documents in a child process it forks (`dyad.spark.isolate`), so
that a crash costs the document that caused it, not the task, and with it the whole job.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from itertools import islice

from dyad.analysis import AnalysedDocument, DocumentAnalyser
from dyad.coding.coder import FailedDocument
from dyad.record import Document
from dyad.spark.isolate import isolated
from dyad.spark.rows import (
    CODER_FAILED,
    CONFLICT,
    DOCUMENT,
    ERROR,
    MENTION,
    Row,
    document_error,
    document_row,
    mention_rows,
)
from dyad.store.ingest import content_hash
from dyad.store.workers import CHUNK, CoderSpec, code_chunk

#: A document as the shuffle carries it: (file, line number, document).
Placed = tuple[str, int, Document]
Tagged = tuple[str, Row]

#: Documents coded in one forked process (a fork costs milliseconds, a slab some seconds).
SLAB = 256

_ANALYSERS: dict[CoderSpec, DocumentAnalyser] = {}


def analyser_for(spec: CoderSpec) -> DocumentAnalyser:
    """This process's analyser for `spec`, built on first use."""
    analyser = _ANALYSERS.get(spec)
    if analyser is None:
        analyser = _ANALYSERS[spec] = spec.build_analyser()
    return analyser


def first_of(copies: Iterable[Placed]) -> tuple[Document, list[Tagged]]:
    """The first copy of a document id in input order, and conflict errors for later copies
    whose text differs (identical copies are one document, as in `dyad ingest`)."""
    ordered = sorted(copies, key=lambda placed: (placed[0], placed[1]))
    kept = ordered[0][2]
    digest = content_hash(kept.text)
    errors: list[Tagged] = [
        (ERROR, document_error(
            document, CONFLICT,
            f"document id {document.id!r} appears earlier in the input ({kept.origin}) with "
            "different text (conflict; the first one is kept)"))
        for _, _, document in ordered[1:] if content_hash(document.text) != digest]
    return kept, errors


def coded_rows(result: AnalysedDocument | FailedDocument) -> Iterator[Tagged]:
    """Output rows for one coding result: a document and its mentions, or an error."""
    if isinstance(result, FailedDocument):
        document = result.document
        yield ERROR, document_error(document, CODER_FAILED,
                                    f"the coder failed on document {document.id!r} "
                                    f"({result.reason})")
        return
    yield DOCUMENT, document_row(result)
    for row in mention_rows(result.coded):
        yield MENTION, row


def _safe_chunk(analyser: DocumentAnalyser, documents: list[Document]
                ) -> list[AnalysedDocument | FailedDocument]:
    try:
        return code_chunk(analyser, documents)
    except Exception as exc:  # one document, and it failed
        return [FailedDocument.of(documents[0], exc)]


def _code_slab(analyser: DocumentAnalyser, chunk: int, documents: Sequence[Document]
               ) -> Iterator[list[Tagged]]:
    """Each document's output rows, in order (in the forked process)."""
    for start in range(0, len(documents), chunk):
        for result in _safe_chunk(analyser, list(documents[start:start + chunk])):
            yield list(coded_rows(result))


def died(document: Document, how: str) -> list[Tagged]:
    """The error row of a document whose coding killed the process coding it."""
    return [(ERROR, document_error(document, CODER_FAILED,
                                   f"the coding process died on document {document.id!r} "
                                   f"({how})"))]


def code_groups(groups: Iterable[tuple[str, Iterable[Placed]]], spec: CoderSpec,
                chunk: int = CHUNK, slab: int = SLAB) -> Iterator[Tagged]:
    """Tagged output rows for a partition of (doc id, copies) groups; never raises for one
    document, nor dies of one."""
    analyser = analyser_for(spec)  # built here, once, and shared by the forked processes
    iterator = iter(groups)
    while part := list(islice(iterator, slab)):
        documents: list[Document] = []
        for _, copies in part:
            kept, errors = first_of(copies)
            documents.append(kept)
            yield from errors
        for rows in isolated(documents, partial(_code_slab, analyser, chunk), died):
            yield from rows
