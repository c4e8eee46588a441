"""Ingest: read a pile of news, code every new document, store it, merge its events.

Documents are written in batches, one transaction each: a document, its sentences (with the
coder's explanations), its mentions, the events they change and the knowledge it states
(agreements, institutions, claims) commit together, so a process killed at any moment leaves
whole documents only, and the next run codes just the ones not stored yet. A document whose id
is stored already is skipped (with a conflict warning if its text differs: the first is kept).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import islice
from time import monotonic
from urllib.parse import urlsplit

from dyad.coding.coder import CodedDocument, EventCoder
from dyad.io.jsonl import InputProblem
from dyad.io.walk import ReadProblem, estimate_documents, walk_documents
from dyad.record import Document
from dyad.store.backend import Backend, Row
from dyad.store.events import update_events
from dyad.store.knowledge import knowledge_rows
from dyad.store.merge import Evidence, Mention
from dyad.store.schema import (
    DOCUMENT_COLUMNS,
    KNOWLEDGE_COLUMNS,
    MENTION_COLUMNS,
    SENTENCE_COLUMNS,
    create_schema,
)
from dyad.store.workers import AnalysedDocument, CoderSpec, CodingFailure, code_documents

CONFLICT = "conflict"
CODER_FAILED = "coder failed"
_LOOKUP = 256  # documents looked up in the store at a time


@dataclass
class IngestOptions:
    """How to ingest: dates, limits, parallelism and batching."""

    default_date: date | None = None
    max_bytes: int | None = None
    workers: int = 1
    batch_size: int = 200
    commit_seconds: float = 5.0
    spec: CoderSpec = field(default_factory=CoderSpec)


@dataclass
class IngestReport:
    """What an ingest did: documents read, stored, skipped and why."""

    estimate: int = 0  # documents the inputs seem to hold
    read: int = 0  # documents the readers gave
    already_stored: int = 0
    coded: int = 0
    stored: int = 0
    mentions: int = 0  # event records stored
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def done(self) -> int:
        """Documents dealt with so far: coded, already stored or skipped."""
        return self.coded + self.already_stored + sum(self.skipped.values())

    def add_problem(self, problem: InputProblem) -> None:
        """Count a problem under its kind and keep it for the report."""
        kind = problem.kind if isinstance(problem, ReadProblem) else "unreadable"
        self.skipped[kind] += 1
        self.problems.append(problem)

    def summary(self, *, limit: int = 50) -> list[str]:
        """The ingest report as lines of text."""
        lines = [
            f"documents read:    {self.read:,}",
            f"  already stored:  {self.already_stored:,}",
            f"  coded:           {self.coded:,}",
            f"  stored:          {self.stored:,}",
            f"event mentions:    {self.mentions:,}",
            f"skipped:           {sum(self.skipped.values()):,}",
        ]
        lines += [f"  {kind}: {count:,}" for kind, count in sorted(self.skipped.items())]
        shown = self.problems[:limit]
        lines += [f"  - {problem}" for problem in shown]
        if len(self.problems) > limit:
            lines.append(f"  … and {len(self.problems) - limit:,} more (see the warnings above)")
        return lines


class IngestListener:
    """Receives an ingest's news; the default ignores it all."""

    def problem(self, problem: InputProblem) -> None:
        """An input or document was skipped (already counted in the report)."""

    def progress(self, report: IngestReport) -> None:
        """One more document was dealt with."""

    def committed(self, report: IngestReport) -> None:
        """A batch of documents was committed to the store."""


def content_hash(text: str) -> str:
    """The SHA-256 of a document's text, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def outlet_of(document: Document) -> str:
    """The news source a document counts for in NumSources: its source, URL host, or itself."""
    if document.source.strip():
        return document.source.strip()
    host = urlsplit(document.url).hostname if document.url else None
    if host:
        return host.removeprefix("www.")
    return f"doc:{document.id}"


def _chunks(items: Iterable[Document | ReadProblem], size: int
            ) -> Iterator[list[Document | ReadProblem]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def stored_hashes(backend: Backend, doc_ids: Sequence[str]) -> dict[str, str]:
    """The content hashes of those of `doc_ids` that the store holds."""
    found: dict[str, str] = {}
    unique = sorted(set(doc_ids))
    for start in range(0, len(unique), _LOOKUP):
        part = unique[start : start + _LOOKUP]
        marks = ", ".join("?" * len(part))
        for doc_id, digest in backend.rows(
                f"SELECT doc_id, content_hash FROM documents WHERE doc_id IN ({marks})", part):
            found[str(doc_id)] = str(digest)
    return found


def _fresh(backend: Backend, items: Iterable[Document | ReadProblem], report: IngestReport,
           listener: IngestListener) -> Iterator[Document]:
    """The documents not stored yet; the rest are counted, and conflicts reported."""
    accepted: dict[str, str] = {}  # id -> content hash of documents taken in this run
    for chunk in _chunks(items, _LOOKUP):
        stored = stored_hashes(backend, [d.id for d in chunk if isinstance(d, Document)])
        for item in chunk:
            if not isinstance(item, Document):
                report.add_problem(item)
                listener.problem(item)
                listener.progress(report)
                continue
            report.read += 1
            digest = content_hash(item.text)
            known = accepted.get(item.id) or stored.get(item.id)
            if known is None:
                accepted[item.id] = digest
                yield item
                continue
            if known == digest:
                report.already_stored += 1
            else:
                problem = ReadProblem(item.origin or item.id, None,
                                      f"document id {item.id!r} is already stored with different "
                                      "text (conflict; the first one is kept)", CONFLICT)
                report.add_problem(problem)
                listener.problem(problem)
            listener.progress(report)


def _mentions(document: Document, outlet: str, coded: CodedDocument
              ) -> Iterator[tuple[Row, Mention]]:
    """A document's event records as mention rows and as mentions to merge."""
    for number, event in enumerate(coded.events):
        spans = json.dumps({k: None if v is None else list(v) for k, v in event.spans.items()})
        try:
            day = date.fromisoformat(event.date) if event.date else None
        except ValueError:
            day = None
        row = (document.id, number, event.sentence_id, event.source, event.source_text,
               event.target, event.target_text, event.code, event.root, event.plover,
               float(event.goldstein), int(event.quad_class), event.mode, day, event.date_text,
               event.attribution, event.trigger, spans, outlet)
        evidence = Evidence(document.id, number, event.sentence_id, event.sentence,
                            event.source_text, event.target_text, event.root, event.plover,
                            float(event.goldstein), int(event.quad_class), event.mode,
                            event.date_text, event.attribution, event.trigger, spans)
        yield row, Mention(event.source, event.target, event.code, day, outlet, evidence)


def write_batch(backend: Backend, batch: Sequence[AnalysedDocument | CodedDocument]) -> None:
    """Store documents, their sentences, mentions and knowledge, and update the events they
    mention, in one transaction (a bare CodedDocument stores no knowledge)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    documents: list[Row] = []
    sentences: list[Row] = []
    mentions: list[Row] = []
    knowledge: list[Row] = []
    merged: list[Mention] = []
    for item in batch:
        coded = item.coded if isinstance(item, AnalysedDocument) else item
        document = coded.document
        outlet = outlet_of(document)
        documents.append((document.id, content_hash(document.text), document.date, document.url,
                          document.source, document.title, document.origin, outlet,
                          document.text, len(coded.sentences), len(coded.events), now))
        sentences.extend((document.id, s.sentence_id, s.text, s.span[0], s.span[1], s.discarded,
                          json.dumps(list(s.actors), ensure_ascii=False),
                          json.dumps(list(s.predicates), ensure_ascii=False))
                         for s in coded.sentences)
        for row, mention in _mentions(document, outlet, coded):
            mentions.append(row)
            merged.append(mention)
        if isinstance(item, AnalysedDocument):
            knowledge.extend(knowledge_rows(document.id, item.knowledge))
    with backend.transaction():
        backend.write_lock()
        backend.insert("documents", DOCUMENT_COLUMNS, documents)
        backend.insert("sentences", SENTENCE_COLUMNS, sentences)
        backend.insert("mentions", MENTION_COLUMNS, mentions)
        backend.insert("knowledge", KNOWLEDGE_COLUMNS, knowledge)
        update_events(backend, merged)


def ingest(backend: Backend, paths: Sequence[str], options: IngestOptions | None = None, *,
           coder: EventCoder | None = None, listener: IngestListener | None = None
           ) -> IngestReport:
    """Read, code and store every new document under `paths`; never stops for one bad input."""
    options = options or IngestOptions()
    listener = listener or IngestListener()
    create_schema(backend)
    report = IngestReport(estimate=estimate_documents(paths))
    items = walk_documents(paths, default_date=options.default_date, max_bytes=options.max_bytes)
    fresh = _fresh(backend, items, report, listener)
    batch: list[AnalysedDocument] = []
    started = monotonic()
    for result in code_documents(fresh, coder=coder, spec=options.spec, workers=options.workers):
        if isinstance(result, CodingFailure):
            document = result.document
            problem = ReadProblem(document.origin or document.id, None,
                                  f"the coder failed on document {document.id!r} "
                                  f"({result.message})", CODER_FAILED)
            report.add_problem(problem)
            listener.problem(problem)
            listener.progress(report)
            continue
        report.coded += 1
        report.mentions += len(result.events)
        batch.append(result)
        listener.progress(report)
        if len(batch) >= options.batch_size or monotonic() - started >= options.commit_seconds:
            _commit(backend, batch, report, listener)
            batch = []
            started = monotonic()
    if batch:
        _commit(backend, batch, report, listener)
    return report


def _commit(backend: Backend, batch: list[AnalysedDocument], report: IngestReport,
            listener: IngestListener) -> None:
    write_batch(backend, batch)
    report.stored += len(batch)
    listener.committed(report)
