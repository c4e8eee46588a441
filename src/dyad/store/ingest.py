"""Ingest: read a pile of news, code every new document, store it, merge its events.

Documents are written in batches, one transaction each: a document, its sentences (with the
coder's explanations), its mentions, the events they change and the knowledge it states
(agreements, institutions, claims) commit together, so a process killed at any moment leaves
whole documents only, and the next run codes just the ones not stored yet. A document whose id
is stored already is skipped (with a conflict warning if its text differs: the first is kept).

A NUL character in a document's text is read as a space (`dyad.store.backend.clean_text`:
the store keeps no NUL), for coding, hashing and storing alike.

A document that cannot be coded (its coder raised, or its coding process died: see
`dyad.store.workers`) or stored (the database refused its rows) is not stored at all: it is
recorded in `ingest_failures` with the reason, in the transaction of the next batch, and the run
goes on. Being not stored, it is tried again by every later run: stored then, its failure row
goes in the same transaction; failing again, its row says so (`attempts` counts the runs).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from itertools import islice
from time import monotonic
from urllib.parse import urlsplit

from dyad.analysis import AnalysedDocument
from dyad.coding.coder import CodedDocument, EventCoder, FailedDocument
from dyad.errors import StoreError
from dyad.io.jsonl import InputProblem
from dyad.io.walk import ReadProblem, estimate_documents, walk_documents
from dyad.record import Document
from dyad.store.backend import Backend, Row, clean_text
from dyad.store.events import update_events
from dyad.store.knowledge import knowledge_rows
from dyad.store.knowledge_groups import ensure_groups, refresh_groups
from dyad.store.merge import Evidence, Mention
from dyad.store.schema import (
    DOCUMENT_COLUMNS,
    FAILURE_COLUMNS,
    KNOWLEDGE_COLUMNS,
    MENTION_COLUMNS,
    SENTENCE_COLUMNS,
    create_schema,
)
from dyad.store.workers import CoderSpec, code_documents

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
    failed: list[Failure] = field(default_factory=list)  # documents recorded as failed
    recovered: int = 0  # stored documents that an earlier run had recorded as failed
    knowledge_failed: int = 0  # documents stored with their events but no knowledge records
    knowledge_merged: bool = False  # the store's records merged once (an older dyad's store)

    @property
    def done(self) -> int:
        """Documents dealt with so far: coded, already stored, skipped or failed."""
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
        if self.recovered:
            lines.insert(4, f"  (of which {self.recovered:,} failed in an earlier run)")
        lines += [f"  {kind}: {count:,}" for kind, count in sorted(self.skipped.items())]
        shown = self.problems[:limit]
        lines += [f"  - {problem}" for problem in shown]
        if len(self.problems) > limit:
            lines.append(f"  … and {len(self.problems) - limit:,} more (see the warnings above)")
        if self.knowledge_merged:
            lines.append("knowledge:         the store's records merged once and kept merged "
                         "from now on (the store was made by an older dyad)")
        if self.knowledge_failed:
            lines.append(f"stored without knowledge records (the extractor failed): "
                         f"{self.knowledge_failed:,}")
        if self.failed:
            lines.append(f"failed:            {len(self.failed):,} (recorded in the store; "
                         "every run tries them again; list them with `dyad ingest --failures`)")
        return lines


@dataclass(frozen=True)
class Failure:
    """A document that could not be coded or stored, and why."""

    doc_id: str
    content_hash: str
    origin: str
    reason: str

    @classmethod
    def of(cls, document: Document, reason: str) -> Failure:
        return cls(document.id, content_hash(document.text), document.origin or document.id,
                   reason)


class IngestListener:
    """Receives an ingest's news; the default ignores it all."""

    def problem(self, problem: InputProblem) -> None:
        """An input or document was skipped (already counted in the report)."""

    def warning(self, message: str) -> None:
        """Something went wrong with a document that was stored all the same."""

    def progress(self, report: IngestReport) -> None:
        """One more document was dealt with."""

    def committed(self, report: IngestReport) -> None:
        """A batch of documents was committed to the store."""


def content_hash(text: str) -> str:
    """The SHA-256 of a document's text as the store keeps it (`clean_text`), hex."""
    return hashlib.sha256(clean_text(text).encode("utf-8")).hexdigest()


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
    """The content hashes of those of `doc_ids` that the store holds (keyed by the ids as
    given: an id with a NUL finds the document stored under its `clean_text`)."""
    asked: dict[str, list[str]] = {}
    for doc_id in doc_ids:
        given = asked.setdefault(clean_text(doc_id), [])
        if doc_id not in given:
            given.append(doc_id)
    found: dict[str, str] = {}
    unique = sorted(asked)
    for start in range(0, len(unique), _LOOKUP):
        part = unique[start : start + _LOOKUP]
        marks = ", ".join("?" * len(part))
        for doc_id, digest in backend.rows(
                f"SELECT doc_id, content_hash FROM documents WHERE doc_id IN ({marks})", part):
            for given_id in asked.get(str(doc_id), ()):
                found[given_id] = str(digest)
    return found


def failed_documents(backend: Backend) -> list[Row]:
    """The documents recorded as failed (FAILURE_COLUMNS), by id; none in a store made before
    the table existed."""
    try:
        return backend.rows(f"SELECT {', '.join(FAILURE_COLUMNS)} FROM ingest_failures "
                            f"ORDER BY doc_id{backend.text_order}")
    except StoreError:
        if backend.rows("SELECT count(*) FROM information_schema.tables "
                        "WHERE table_name = 'ingest_failures' "
                        "AND table_schema = current_schema()")[0][0]:
            raise
        return []


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
            known = accepted.get(clean_text(item.id)) or stored.get(item.id)
            if known is None:
                accepted[clean_text(item.id)] = digest
                # coded as stored: a NUL is a space (same offsets), as the coder expects
                yield replace(item, text=clean_text(item.text)) if "\0" in item.text else item
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
        location = (json.dumps(event.location.to_dict(), ensure_ascii=False, sort_keys=True)
                    if event.location is not None else "")
        try:
            day = date.fromisoformat(event.date) if event.date else None
        except ValueError:
            day = None
        row = (document.id, number, event.sentence_id, event.source, event.source_text,
               event.target, event.target_text, event.code, event.root, event.plover,
               float(event.goldstein), int(event.quad_class), event.mode, day, event.date_text,
               event.attribution, event.trigger, spans, outlet, location or None)
        evidence = Evidence(document.id, number, event.sentence_id, event.sentence,
                            event.source_text, event.target_text, event.root, event.plover,
                            float(event.goldstein), int(event.quad_class), event.mode,
                            event.date_text, event.attribution, event.trigger, spans, location)
        yield row, Mention(event.source, event.target, event.code, day, outlet, evidence)


def write_batch(backend: Backend, batch: Sequence[AnalysedDocument | CodedDocument],
                failures: Sequence[Failure] = ()) -> None:
    """Store documents, their sentences, mentions and knowledge, and update the events they
    mention, in one transaction (a bare CodedDocument stores no knowledge); in the same
    transaction, record `failures` and forget the failures of the documents stored."""
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
        refresh_groups(backend, [row[0] for row in documents])
        update_events(backend, merged, {(row[0], row[1]): row[2] for row in sentences})
        record_failures(backend, [row[0] for row in documents], failures, now)


def record_failures(backend: Backend, stored: Sequence[str], failures: Sequence[Failure],
                    now: datetime) -> None:
    """Inside a batch's transaction: forget the failures of the `stored` documents and record
    `failures` (a document failing again keeps one row, with one attempt more)."""
    if not failures and not _any_failure(backend):
        return
    ids = sorted({clean_text(i) for i in stored} | {clean_text(f.doc_id) for f in failures})
    attempts: dict[str, int] = {}
    for start in range(0, len(ids), _LOOKUP):
        part = ids[start : start + _LOOKUP]
        marks = ", ".join("?" * len(part))
        attempts.update((str(i), int(n)) for i, n in backend.rows(
            f"SELECT doc_id, attempts FROM ingest_failures WHERE doc_id IN ({marks})", part))
        if attempts:
            backend.execute(f"DELETE FROM ingest_failures WHERE doc_id IN ({marks})", part)
    rows = {clean_text(f.doc_id): (f.doc_id, f.content_hash, f.origin, f.reason,
                                   attempts.get(clean_text(f.doc_id), 0) + 1, now)
            for f in failures}
    backend.insert("ingest_failures", FAILURE_COLUMNS, list(rows.values()))


def ingest(backend: Backend, paths: Sequence[str], options: IngestOptions | None = None, *,
           coder: EventCoder | None = None, listener: IngestListener | None = None
           ) -> IngestReport:
    """Read, code and store every new document under `paths`; never stops for one bad input."""
    options = options or IngestOptions()
    listener = listener or IngestListener()
    create_schema(backend)
    report = IngestReport(estimate=estimate_documents(paths),
                          knowledge_merged=ensure_groups(backend))
    items = walk_documents(paths, default_date=options.default_date, max_bytes=options.max_bytes)
    fresh = _fresh(backend, items, report, listener)
    batch: list[AnalysedDocument] = []
    failures: list[Failure] = []
    started = monotonic()
    for result in code_documents(fresh, coder=coder, spec=options.spec, workers=options.workers):
        if isinstance(result, FailedDocument):
            _failed(Failure.of(result.document, result.reason), report, listener)
            failures.append(report.failed[-1])
            continue
        report.coded += 1
        report.mentions += len(result.events)
        if result.knowledge_failed:
            report.knowledge_failed += 1
            listener.warning(f"{result.document.origin or result.document.id}: document "
                             f"{result.document.id!r}: its events are stored without knowledge "
                             f"records: the knowledge extractor failed ({result.knowledge_failed})")
        batch.append(result)
        listener.progress(report)
        if len(batch) >= options.batch_size or monotonic() - started >= options.commit_seconds:
            _commit(backend, batch, failures, report, listener)
            batch, failures = [], []
            started = monotonic()
    if batch or failures:
        _commit(backend, batch, failures, report, listener)
    return report


def _failed(failure: Failure, report: IngestReport, listener: IngestListener) -> None:
    """Count a failed document in the report and tell the listener."""
    problem = ReadProblem(failure.origin, None,
                          f"the coder failed on document {failure.doc_id!r} ({failure.reason})",
                          CODER_FAILED)
    report.failed.append(failure)
    report.add_problem(problem)
    listener.problem(problem)
    listener.progress(report)


def _commit(backend: Backend, batch: list[AnalysedDocument], failures: list[Failure],
            report: IngestReport, listener: IngestListener) -> None:
    """Store a batch with the failures met meanwhile; if the database refuses the batch, store
    its documents one by one, recording those it refuses as failed."""
    recovered = _recorded(backend, [a.document.id for a in batch])
    try:
        write_batch(backend, batch, failures)
    except StoreError:
        stored = _one_by_one(backend, batch, failures, report, listener)
    else:
        stored = batch
    report.stored += len(stored)
    report.recovered += len({a.document.id for a in stored} & recovered)
    listener.committed(report)


def _one_by_one(backend: Backend, batch: list[AnalysedDocument], failures: list[Failure],
                report: IngestReport, listener: IngestListener) -> list[AnalysedDocument]:
    """Store each document of a refused batch in a transaction of its own; those refused too
    are recorded as failed (the database's reason). When the fault is not the documents' (none
    of several can be stored, or not even their failures), the first error is raised."""
    stored: list[AnalysedDocument] = []
    refused: list[Failure] = []
    first: StoreError | None = None
    for analysed in batch:
        try:
            write_batch(backend, [analysed])
        except StoreError as exc:
            first = first or exc
            refused.append(Failure.of(analysed.document, f"the store refused it: {exc}"))
        else:
            stored.append(analysed)
    if first is not None and not stored and len(refused) > 1:
        raise first
    try:
        write_batch(backend, [], [*failures, *refused])
    except StoreError:
        if first is not None:
            raise first from None
        raise
    for failure in refused:
        report.coded -= 1
        report.mentions -= len(next(a for a in batch if a.document.id == failure.doc_id).events)
        _failed(failure, report, listener)
    return stored


def _any_failure(backend: Backend) -> bool:
    """Whether any document is recorded as failed."""
    return bool(backend.rows("SELECT 1 FROM ingest_failures LIMIT 1"))


def _recorded(backend: Backend, doc_ids: Sequence[str]) -> set[str]:
    """Those of `doc_ids` recorded as failed by an earlier run."""
    found: set[str] = set()
    if not _any_failure(backend):
        return found
    wanted = {clean_text(i): i for i in doc_ids}
    keys = sorted(wanted)
    for start in range(0, len(keys), _LOOKUP):
        part = keys[start : start + _LOOKUP]
        marks = ", ".join("?" * len(part))
        found.update(wanted[str(i)] for (i,) in backend.rows(
            f"SELECT doc_id FROM ingest_failures WHERE doc_id IN ({marks})", part))
    return found
