"""The rows dyad's Spark jobs write, as plain tuples: documents, mentions, errors, events.

Documents carry their sentences (with the coder's explanations) and the knowledge they state
(agreements, institutions, claims: the store's `knowledge` rows). Mentions carry the event
record's fields (`dyad.record.EVENT_FIELDS`, `spans` as JSON) plus their place in the document
(`ordinal`) and the news source they count for (`outlet`), built by the store's own code
(`dyad.store.ingest`), so that merging them gives the store's events.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from dyad.analysis import AnalysedDocument
from dyad.coding.coder import CodedDocument
from dyad.io.walk import ReadProblem
from dyad.record import Document
from dyad.store.ingest import _mentions, content_hash, outlet_of
from dyad.store.knowledge import knowledge_rows
from dyad.store.merge import Evidence, Mention
from dyad.store.schema import KNOWLEDGE_COLUMNS, MENTION_COLUMNS

Row = tuple[Any, ...]

DOCUMENT = "document"
MENTION = "mention"
ERROR = "error"

#: Columns of the documents output; `sentences` is a list of SENTENCE_FIELDS tuples.
DOCUMENT_FIELDS: tuple[str, ...] = (
    "doc_id", "content_hash", "date", "url", "source", "title", "origin", "outlet", "text",
    "n_sentences", "n_events", "sentences", "knowledge")
#: Per sentence: its span, why it was discarded, and the coder's explanations (JSON lists).
SENTENCE_FIELDS: tuple[str, ...] = (
    "sentence_id", "text", "span_start", "span_end", "discarded", "actors", "reasons")
#: Columns of the mentions output: the store's mention columns plus the sentence text.
MENTION_FIELDS: tuple[str, ...] = (
    "doc_id", "ordinal", "sentence_id", "sentence", "source", "source_text", "target",
    "target_text", "code", "root", "plover", "goldstein", "quad_class", "mode", "date",
    "date_text", "attribution", "trigger", "spans", "outlet", "location")
#: Per knowledge record: the store's knowledge columns but the document id.
KNOWLEDGE_FIELDS: tuple[str, ...] = tuple(c for c in KNOWLEDGE_COLUMNS if c != "doc_id")
ERROR_FIELDS: tuple[str, ...] = ("doc_id", "origin", "kind", "reason")

#: Error kinds the coding step adds to the reader's (`dyad.io.walk`): as `dyad ingest` says.
CONFLICT = "conflict"
CODER_FAILED = "coder failed"


def document_row(analysed: AnalysedDocument) -> Row:
    """An analysed document's row: what the store's documents, sentences and knowledge tables
    need."""
    coded = analysed.coded
    document = coded.document
    knowledge = [tuple(v for c, v in zip(KNOWLEDGE_COLUMNS, row, strict=True) if c != "doc_id")
                 for row in knowledge_rows(document.id, analysed.knowledge)]
    sentences = [(s.sentence_id, s.text, s.span[0], s.span[1], s.discarded,
                  json.dumps(list(s.actors), ensure_ascii=False),
                  json.dumps(list(s.predicates), ensure_ascii=False))
                 for s in coded.sentences]
    return (document.id, content_hash(document.text), document.date, document.url,
            document.source, document.title, document.origin, outlet_of(document),
            document.text, len(coded.sentences), len(coded.events), sentences, knowledge)


def mention_rows(coded: CodedDocument) -> Iterator[Row]:
    """A coded document's event records as mention rows (MENTION_FIELDS order)."""
    document = coded.document
    for _, mention in _mentions(document, outlet_of(document), coded):
        e = mention.evidence
        yield (e.doc_id, e.ordinal, e.sentence_id, e.sentence, mention.source, e.source_text,
               mention.target, e.target_text, mention.code, e.root, e.plover, e.goldstein,
               e.quad_class, e.mode, mention.date, e.date_text, e.attribution, e.trigger,
               e.spans, mention.outlet, e.location or None)


def mention_of(row: Sequence[Any]) -> Mention:
    """The mention a mention row (MENTION_FIELDS order) holds, as the merge sees it."""
    v = dict(zip(MENTION_FIELDS, row, strict=True))
    day: date | None = v["date"]
    evidence = Evidence(
        v["doc_id"], int(v["ordinal"]), int(v["sentence_id"]), v["sentence"], v["source_text"],
        v["target_text"], v["root"], v["plover"], float(v["goldstein"]), int(v["quad_class"]),
        v["mode"], v["date_text"], v["attribution"], v["trigger"], v["spans"],
        v["location"] or "")
    return Mention(v["source"], v["target"], v["code"], day, v["outlet"], evidence)


def mention_store_row(row: Sequence[Any]) -> Row:
    """A mention row as the store's mentions table holds it (MENTION_COLUMNS order)."""
    value = dict(zip(MENTION_FIELDS, row, strict=True))
    return tuple(value[column] for column in MENTION_COLUMNS)


def problem_row(problem: ReadProblem) -> Row:
    """An error row for a line that gave no document (no id known)."""
    origin = problem.path if problem.line is None else f"{problem.path}:{problem.line}"
    return ("", origin, problem.kind, problem.message)


def document_error(document: Document, kind: str, reason: str) -> Row:
    """An error row for a document that was read but not coded."""
    return (document.id, document.origin, kind, reason)
